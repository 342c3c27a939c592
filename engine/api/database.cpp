// The embedded API (include/heliosdb/database.hpp) over engine sessions.
#include "heliosdb/database.hpp"

#include <atomic>

#include "engine/common/db_error.hpp"
#include "engine/exec/branch_lookup.hpp"
#include "engine/exec/sequence_ops.hpp"
#include "engine/parser/parser.hpp"
#include "engine/session/matview_refresher.hpp"
#include "engine/session/session.hpp"
#include "storage/compaction_scheduler.hpp"
#include "storage/encryption_key.hpp"
#include "storage/storage_error.hpp"
#include "storage/store.hpp"

namespace heliosdb {

namespace {

using engine::QueryResult;
using engine::Session;

Error to_error(const engine::DbError& e) {
  return Error(std::string(e.state().code()), e.what(), e.detail(), e.hint(), e.position().value_or(0));
}

std::vector<engine::Value> to_values(const Params& params) {
  std::vector<engine::Value> out;
  out.reserve(params.size());
  for (const Param& p : params) {
    out.push_back(std::visit(
        [](const auto& v) -> engine::Value {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) {
            return engine::Value::null(engine::TypeId::kUnknown);
          } else if constexpr (std::is_same_v<T, bool>) {
            return engine::Value::boolean(v);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            return engine::Value::integer(engine::TypeId::kInt8, v);
          } else if constexpr (std::is_same_v<T, double>) {
            return engine::Value::floating(engine::TypeId::kFloat8, v);
          } else {
            return engine::Value::string(engine::TypeId::kUnknown, v);
          }
        },
        p.value()));
  }
  return out;
}

// Runs statements on a session and keeps the last result; engine errors
// become the public Error.
QueryResult run_last(Session& session, const std::vector<engine::ast::Statement>& statements, const Params& params,
                     std::string_view sql = {}) {
  QueryResult last;
  std::vector<engine::Value> values = to_values(params);
  try {
    session.execute(
        statements, values, [&](QueryResult&& r) { last = std::move(r); }, sql);
  } catch (const engine::DbError& e) {
    throw to_error(e);
  }
  return last;
}

std::vector<engine::ast::Statement> parse(std::string_view sql) {
  try {
    return engine::parser::parse(sql);
  } catch (const engine::DbError& e) {
    throw to_error(e);
  }
}

}  // namespace

struct Result::Impl {
  QueryResult result;
};

struct Database::Impl {
  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    if (store) engine::release_sequence_reservations(*store);
  }
  /// The branch calls run on: open_branch's, then whatever USE BRANCH chose.
  std::optional<storage::BranchId> current_branch() const {
    const storage::BranchId id = branch.load();
    return id == 0 ? std::nullopt : std::optional<storage::BranchId>(id);
  }
  std::unique_ptr<storage::Store> store;
  std::atomic<storage::BranchId> branch{0};                  ///< 0: the branch named main
  std::unique_ptr<storage::CompactionScheduler> compaction;  ///< with a retention period; stops before the store closes
  std::unique_ptr<engine::MatViewRefresher> refresher;       ///< stops before the store closes
};

struct Transaction::Impl {
  Impl(storage::Store& s, std::optional<storage::BranchId> branch) : store(s), session(s, branch) {}
  storage::Store& store;
  Session session;
  bool open = true;
};

struct PreparedStatement::Impl {
  storage::Store& store;
  std::optional<storage::BranchId> branch;
  std::vector<engine::ast::Statement> statements;
  Transaction::Impl* transaction = nullptr;  ///< runs in this transaction's session, else in one of its own
  /// Its own session, made on first use and kept: starting a session costs
  /// more than a point select does.
  std::unique_ptr<Session> session;
};

namespace {

Result make_result(QueryResult r) { return Result(std::make_shared<const Result::Impl>(Result::Impl{std::move(r)})); }

}  // namespace

// --- Result -------------------------------------------------------------------

std::size_t Result::column_count() const { return impl_->result.columns.size(); }
std::size_t Result::row_count() const { return impl_->result.rows.size(); }
const std::string& Result::column_name(std::size_t column) const { return impl_->result.columns.at(column).name; }
std::string Result::column_type(std::size_t column) const {
  return engine::type_display_name(impl_->result.columns.at(column).type);
}
std::uint32_t Result::column_type_oid(std::size_t column) const {
  return engine::type_oid(impl_->result.columns.at(column).type);
}
const std::string& Result::command_tag() const { return impl_->result.command_tag; }
std::uint64_t Result::rows_affected() const { return impl_->result.rows_affected; }

bool Result::is_null(std::size_t row, std::size_t column) const {
  return impl_->result.rows.at(row).at(column).is_null();
}

namespace {

const engine::Value& checked(const QueryResult& r, std::size_t row, std::size_t column, const char* wanted,
                             bool (*accepts)(engine::TypeId)) {
  const engine::Value& v = r.rows.at(row).at(column);
  if (v.is_null())
    throw Error("22004", "column " + std::to_string(column) + " of row " + std::to_string(row) + " is null");
  if (!accepts(v.type())) {
    throw Error("42804", "column \"" + r.columns.at(column).name + "\" is of type " +
                             engine::type_display_name(r.columns.at(column).type) + ", not " + wanted);
  }
  return v;
}

}  // namespace

std::int64_t Result::get_int(std::size_t row, std::size_t column) const {
  const engine::Value& v = checked(impl_->result, row, column, "an integer", [](engine::TypeId t) {
    return engine::is_integer(t) || t == engine::TypeId::kBool;
  });
  return v.as_int();
}

double Result::get_double(std::size_t row, std::size_t column) const {
  return checked(impl_->result, row, column, "a number", &engine::is_numeric_type).to_double();
}

bool Result::get_bool(std::size_t row, std::size_t column) const {
  return checked(impl_->result, row, column, "a boolean", [](engine::TypeId t) { return t == engine::TypeId::kBool; })
      .as_bool();
}

std::string Result::get_string(std::size_t row, std::size_t column) const {
  const engine::Value& v = impl_->result.rows.at(row).at(column);
  return v.is_null() ? std::string() : engine::format_value(v);
}

// --- Database -----------------------------------------------------------------

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

EncryptionKey EncryptionKey::generate() {
  EncryptionKey key;
  key.bytes_ = storage::generate_key();
  return key;
}

EncryptionKey EncryptionKey::from_hex(std::string_view hex) {
  std::optional<storage::KeyBytes> bytes = storage::parse_key_hex(hex);
  if (!bytes) throw Error("22023", "an encryption key must be 64 hexadecimal digits");
  EncryptionKey key;
  key.bytes_ = *bytes;
  return key;
}

std::string EncryptionKey::to_hex() const { return storage::key_hex(bytes_); }

std::unique_ptr<Database> Database::open(const std::filesystem::path& path, const Config& config) {
  storage::StoreOptions options;
  options.env.path = path;
  options.env.sync = config.sync_commits;
  options.env.initial_map_size = config.initial_map_size;
  if (config.encryption_key) options.env.encryption_key = config.encryption_key->bytes();
  auto impl = std::make_unique<Impl>();
  try {
    impl->store = storage::Store::open(options);
  } catch (const storage::StorageError& e) {
    // invalid_authorization_specification for a missing or wrong key, else io_error
    throw Error(e.code() == storage::StorageErrc::kEncryptionKey ? "28000" : "58030", e.what());
  }
  if (config.retention_days < 0 || config.compact_interval_hours < 1) {
    throw Error("22023", "retention_days must not be negative and compact_interval_hours must be at least 1");
  }
  if (config.retention_days > 0) {
    impl->store->set_retention(
        std::chrono::microseconds(static_cast<std::int64_t>(config.retention_days * 86400.0 * 1e6)));
    impl->compaction =
        std::make_unique<storage::CompactionScheduler>(*impl->store, std::chrono::hours(config.compact_interval_hours));
  }
  impl->refresher = std::make_unique<engine::MatViewRefresher>(*impl->store);
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

std::unique_ptr<Database> Database::open_branch(const std::filesystem::path& path, std::string_view branch,
                                                const Config& config) {
  std::unique_ptr<Database> db = open(path, config);
  auto info = db->impl_->store->find_branch(branch);
  if (!info) throw Error("3D000", "branch \"" + std::string(branch) + "\" does not exist");
  db->impl_->branch = info->id;
  return db;
}

std::unique_ptr<Database> Database::open_in_memory() {
  auto impl = std::make_unique<Impl>();
  try {
    impl->store = storage::Store::open_in_memory();
  } catch (const storage::StorageError& e) {
    throw Error("58030", e.what());
  }
  impl->refresher = std::make_unique<engine::MatViewRefresher>(*impl->store);
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

std::uint64_t Database::execute(std::string_view sql, const Params& params) {
  return query(sql, params).rows_affected();
}

Result Database::query(std::string_view sql, const Params& params) {
  Session session(*impl_->store, impl_->current_branch());
  QueryResult r = run_last(session, parse(sql), params, sql);
  if (!session.follows_main()) impl_->branch = session.branch();  // USE BRANCH lasts beyond the call
  return make_result(std::move(r));
}

std::string Database::branch() const {
  auto info = impl_->store->branch(impl_->current_branch().value_or(engine::default_branch(*impl_->store)));
  return info ? info->name : std::string();
}

Transaction Database::begin_transaction() {
  auto impl = std::make_unique<Transaction::Impl>(*impl_->store, impl_->current_branch());
  run_last(impl->session, parse("BEGIN"), {});
  return Transaction(std::move(impl));
}

PreparedStatement Database::prepare(std::string_view sql) {
  return PreparedStatement(std::make_unique<PreparedStatement::Impl>(
      PreparedStatement::Impl{*impl_->store, impl_->current_branch(), parse(sql), nullptr, nullptr}));
}

// --- Transaction --------------------------------------------------------------

Transaction::Transaction(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Transaction::Transaction(Transaction&&) noexcept = default;
Transaction& Transaction::operator=(Transaction&&) noexcept = default;

Transaction::~Transaction() {
  if (impl_ && impl_->open) {
    try {
      rollback();
    } catch (...) {
      // a destructor must not throw; the session rolls back on its own
    }
  }
}

std::uint64_t Transaction::execute(std::string_view sql, const Params& params) {
  return query(sql, params).rows_affected();
}

Result Transaction::query(std::string_view sql, const Params& params) {
  if (!impl_->open) throw Error("25000", "the transaction has already ended");
  return make_result(run_last(impl_->session, parse(sql), params, sql));
}

PreparedStatement Transaction::prepare(std::string_view sql) {
  if (!impl_->open) throw Error("25000", "the transaction has already ended");
  return PreparedStatement(std::make_unique<PreparedStatement::Impl>(
      PreparedStatement::Impl{impl_->store, {}, parse(sql), impl_.get(), nullptr}));
}

void Transaction::commit() {
  if (!impl_->open) throw Error("25000", "the transaction has already ended");
  impl_->open = false;
  QueryResult r = run_last(impl_->session, parse("COMMIT"), {});
  // COMMIT of a block that failed rolls back, as in PostgreSQL: say so.
  if (r.command_tag == "ROLLBACK") {
    throw Error("25P02", "the transaction was aborted by an earlier error and has been rolled back");
  }
}

void Transaction::rollback() {
  if (!impl_->open) return;
  impl_->open = false;
  run_last(impl_->session, parse("ROLLBACK"), {});
}

// --- PreparedStatement --------------------------------------------------------

PreparedStatement::PreparedStatement(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PreparedStatement::~PreparedStatement() = default;
PreparedStatement::PreparedStatement(PreparedStatement&&) noexcept = default;
PreparedStatement& PreparedStatement::operator=(PreparedStatement&&) noexcept = default;

std::uint64_t PreparedStatement::execute(const Params& params) { return query(params).rows_affected(); }

Result PreparedStatement::query(const Params& params) {
  if (Transaction::Impl* txn = impl_->transaction) {
    if (!txn->open) throw Error("25000", "the transaction has already ended");
    return make_result(run_last(txn->session, impl_->statements, params));
  }
  if (!impl_->session) impl_->session = std::make_unique<Session>(impl_->store, impl_->branch);
  return make_result(run_last(*impl_->session, impl_->statements, params));
}

}  // namespace heliosdb

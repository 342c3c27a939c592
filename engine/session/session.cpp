#include "engine/session/session.hpp"

#include <atomic>
#include <set>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/branch_lookup.hpp"
#include "engine/exec/comments.hpp"
#include "engine/exec/default_privileges.hpp"
#include "engine/exec/domain_ddl.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/function_ddl.hpp"
#include "engine/exec/lock_table.hpp"
#include "engine/exec/materialized_views.hpp"
#include "engine/exec/owned_objects.hpp"
#include "engine/exec/schema_ddl.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/type_ddl.hpp"
#include "engine/exec/view_ddl.hpp"
#include "engine/parser/parser.hpp"
#include "engine/session/branch_users.hpp"
#include "engine/session/session_roles.hpp"
#include "engine/types/temporal.hpp"
#include "storage/storage_error.hpp"

namespace heliosdb::engine {

namespace {

// pg_temp_1, pg_temp_2, ...: one temporary schema per session of the process.
std::string next_temp_schema_name() {
  static std::atomic<std::uint32_t> sessions{0};
  return "pg_temp_" + std::to_string(++sessions);
}

// Storage failures as the client sees them.
DbError to_db_error(const storage::StorageError& e) {
  switch (e.code()) {
    case storage::StorageErrc::kSerializationFailure:
      return DbError(sqlstate::kTRSerializationFailure, "could not serialize access due to concurrent update");
    case storage::StorageErrc::kDiskFull:
      return DbError(sqlstate::kDiskFull, e.what());
    case storage::StorageErrc::kInvalidArgument:
      return DbError(sqlstate::kProgramLimitExceeded, e.what());
    case storage::StorageErrc::kBranchNotFound:
      return DbError(sqlstate::kInvalidCatalogName, e.what());
    case storage::StorageErrc::kShutdown:
      return DbError(sqlstate::kAdminShutdown, "terminating connection due to administrator command");
    case storage::StorageErrc::kDeadlock:
      return DbError(sqlstate::kTRDeadlockDetected, "deadlock detected").with_detail(e.what());
    case storage::StorageErrc::kLockNotAvailable:
      return DbError(sqlstate::kLockNotAvailable, e.what());
    case storage::StorageErrc::kSnapshotTooOld:
      return DbError(sqlstate::kSnapshotTooOld, e.what());
    case storage::StorageErrc::kFutureScn:
      return DbError(sqlstate::kInvalidParameterValue, e.what());
    case storage::StorageErrc::kBranchExists:
      return DbError(sqlstate::kDuplicateDatabase, e.what());
    case storage::StorageErrc::kBranchHasChildren:
      return DbError(sqlstate::kDependentObjectsStillExist, e.what());
    case storage::StorageErrc::kEncryptionKey:
      return DbError(sqlstate::kInvalidAuthorizationSpecification, e.what());
    case storage::StorageErrc::kTransactionClosed:
    case storage::StorageErrc::kIo:
      break;
  }
  return DbError(sqlstate::kInternalError, e.what());
}

IsolationLevel isolation_of(std::string_view level) {
  if (level == "read committed" || level == "read uncommitted") return IsolationLevel::kReadCommitted;
  // SERIALIZABLE runs as snapshot isolation (DESIGN.md, Decisions).
  return IsolationLevel::kRepeatableRead;
}

IsolationLevel isolation_from(const std::optional<std::string>& level, IsolationLevel fallback) {
  return level ? isolation_of(*level) : fallback;
}

}  // namespace

Session::Session(storage::Store& store, std::optional<storage::BranchId> branch)
    : store_(store),
      branch_(branch ? *branch : default_branch(store)),
      follows_main_(!branch),
      advisory_(store.lock_table()),
      temp_schema_(next_temp_schema_name()) {
  if (!follows_main_) store_.attachment<BranchUsers>().join(branch_);
  drop_temp_tables();  // a crashed process's session of the same number left them
}

IsolationLevel Session::default_isolation() const {
  return isolation_of(settings_.hot().default_transaction_isolation);
}

Session::~Session() {
  if (txn_) txn_->rollback();
  if (!follows_main_) store_.attachment<BranchUsers>().leave(branch_);
  if (hub_ != nullptr) hub_->unlisten_all(inbox_);
  // A session that never made a temporary table need not open a transaction to look.
  if (temp_schema_used_) drop_temp_tables();
}

// A temporary table lives as long as its session; what a crash leaves
// behind goes when a later session takes the same schema name.
void Session::drop_temp_tables() noexcept {
  try {
    auto txn = store_.begin(branch_);
    ExecContext ctx(*txn);
    ctx.temp_schema = temp_schema_;
    if (!ctx.catalog.find_schema(temp_schema_)) return;
    drop_temp_schema(ctx);
    txn->commit();
  } catch (...) {  // NOLINT(bugprone-empty-catch): a session that cannot clean up still ends
  }
}

std::vector<QueryResult> Session::execute(std::string_view sql) {
  std::vector<QueryResult> results;
  execute(sql, [&](QueryResult&& r) { results.push_back(std::move(r)); });
  return results;
}

void Session::execute(std::string_view sql, const std::function<void(QueryResult&&)>& on_result) {
  std::vector<ast::Statement> statements;
  try {
    statements = parser::parse(sql);
  } catch (const DbError&) {
    abort_after_error();
    throw;
  }
  execute(statements, {}, on_result, sql);
}

void Session::execute(const std::vector<ast::Statement>& statements, const std::vector<Value>& params,
                      const std::function<void(QueryResult&&)>& on_result, std::string_view sql) {
  std::vector<const ast::Statement*> list;
  list.reserve(statements.size());
  for (const ast::Statement& s : statements) list.push_back(&s);
  run_all(list, params, on_result, sql);
}

void Session::execute_prepared(const PreparedStatement& prepared, const std::vector<Value>& params,
                               const std::function<void(QueryResult&&)>& on_result) {
  if (prepared.statement) run_all({prepared.statement.get()}, params, on_result, prepared.text);
}

void Session::prepare(const std::string& name, PreparedStatement statement) {
  if (!name.empty() && prepared_.contains(name)) {
    throw DbError(sqlstate::kDuplicatePstatement, "prepared statement \"" + name + "\" already exists");
  }
  prepared_[name] = std::make_shared<const PreparedStatement>(std::move(statement));
}

std::shared_ptr<const PreparedStatement> Session::prepared(const std::string& name) const {
  auto it = prepared_.find(name);
  if (it == prepared_.end()) {
    throw DbError(sqlstate::kInvalidSqlStatementName, name.empty()
                                                          ? "unnamed prepared statement does not exist"
                                                          : "prepared statement \"" + name + "\" does not exist");
  }
  return it->second;
}

StatementDescription Session::describe(const PreparedStatement& prepared) {
  StatementDescription d;
  std::vector<SqlType> inferred(prepared.param_types.size());
  const ast::Statement* statement = prepared.statement.get();
  if (statement != nullptr) {
    if (const auto* execute = std::get_if<ast::ExecuteStmt>(&statement->node)) {
      StatementDescription inner = describe(*this->prepared(execute->name));
      d.columns = std::move(inner.columns);
      d.returns_rows = inner.returns_rows;
    } else if (const auto* fetch = std::get_if<ast::FetchStmt>(&statement->node)) {
      // The cursor's rows, if it exists now; else nothing (PostgreSQL's
      // Describe leaves the error to the FETCH).
      const Cursor* cursor = cursors_.find_if(fetch->cursor);
      if (cursor != nullptr && !fetch->move) {
        d.columns = cursor->columns();
        d.returns_rows = true;
      }
    } else if (const auto* explain = std::get_if<ast::ExplainStmt>(&statement->node)) {
      (void)explain;
      d.columns.push_back({"QUERY PLAN", SqlType{TypeId::kText, -1}, 0, 0});
      d.returns_rows = true;
    } else if (const auto* setting = std::get_if<ast::SettingStmt>(&statement->node)) {
      if (setting->kind == ast::SettingStmt::Kind::kShow || setting->kind == ast::SettingStmt::Kind::kShowAll) {
        QueryResult r = run_setting(*setting);
        d.columns = std::move(r.columns);
        d.returns_rows = true;
      }
    } else if (std::holds_alternative<ast::SelectStmt>(statement->node) ||
               std::holds_alternative<ast::InsertStmt>(statement->node) ||
               std::holds_alternative<ast::UpdateStmt>(statement->node) ||
               std::holds_alternative<ast::DeleteStmt>(statement->node) ||
               std::holds_alternative<ast::DeclareCursorStmt>(statement->node)) {
      if (status_ == TransactionStatus::kFailed) {
        throw DbError(sqlstate::kInFailedSqlTransaction,
                      "current transaction is aborted, commands ignored until end of transaction block");
      }
      // Unknown values of the declared types: context types the open ones.
      std::vector<Value> params;
      for (std::uint32_t oid : prepared.param_types) {
        params.push_back(Value::null(oid == 0 ? TypeId::kUnknown : type_from_oid(oid).value_or(TypeId::kUnknown)));
      }
      const bool own = txn_ == nullptr;
      if (own) begin(default_isolation());
      const std::vector<Value>* outer = params_;
      params_ = &params;
      described_params_ = &inferred;
      try {
        QueryResult r = dispatch(*statement);
        d.columns = std::move(r.columns);
        d.returns_rows = r.returns_rows;
      } catch (...) {
        params_ = outer;
        described_params_ = nullptr;
        if (own) {
          roll_back();
        } else {
          abort_after_error();
        }
        throw;
      }
      params_ = outer;
      described_params_ = nullptr;
      if (own) roll_back();
    }
  }
  for (std::size_t i = 0; i < prepared.param_types.size(); ++i) {
    std::uint32_t oid = prepared.param_types[i];
    // Nothing gave it a type: PostgreSQL takes it as text.
    if (oid == 0) oid = inferred[i].id == TypeId::kUnknown ? type_oid(TypeId::kText) : type_oid(inferred[i]);
    d.param_types.push_back(oid);
  }
  return d;
}

StatementDescription Session::describe_prepared(const std::string& name) {
  std::shared_ptr<const PreparedStatement> p = prepared(name);
  StatementDescription d = describe(*p);
  PreparedStatement learnt = *p;
  learnt.param_types = d.param_types;
  std::vector<std::uint32_t> result_types;
  for (const ResultColumn& c : d.columns) result_types.push_back(type_oid(c.type));
  learnt.result_types = std::move(result_types);
  prepared_[name] = std::make_shared<const PreparedStatement>(std::move(learnt));
  return d;
}

void Session::deallocate(const std::string& name, bool missing_ok) {
  if (prepared_.erase(name) == 0 && !missing_ok) prepared(name);  // throws 26000
}

void Session::run_all(const std::vector<const ast::Statement*>& statements, const std::vector<Value>& params,
                      const std::function<void(QueryResult&&)>& on_result, std::string_view sql) {
  params_ = &params;
  source_text_ = sql;
  struct Clear {
    const std::vector<Value>*& p;
    std::string_view& text;
    ~Clear() {
      p = nullptr;
      text = {};
    }
  } clear{params_, source_text_};
  if (statements.size() > 1 && status_ == TransactionStatus::kIdle) {
    begin(default_isolation());
    implicit_ = true;
  }
  try {
    for (const ast::Statement* statement : statements) on_result(run(*statement));
    if (implicit_ && !pipeline_) commit();
  } catch (const DbError&) {
    abort_after_error();
    throw;
  } catch (const storage::StorageError& e) {
    abort_after_error();
    throw to_db_error(e);
  }
}

void Session::begin_implicit() {
  if (txn_ != nullptr || status_ != TransactionStatus::kIdle) return;
  begin(default_isolation());
  implicit_ = true;
  pipeline_ = true;
}

void Session::end_implicit() {
  const bool open = pipeline_ && implicit_ && txn_ != nullptr;
  pipeline_ = false;
  if (!open) return;
  try {
    commit();
  } catch (const storage::StorageError& e) {
    roll_back();
    implicit_ = false;
    throw to_db_error(e);
  }
}

void Session::begin(IsolationLevel isolation) {
  if (follows_main_) branch_ = default_branch(store_);
  try {
    txn_ = store_.begin(branch_);
  } catch (const storage::StorageError& e) {
    if (e.code() != storage::StorageErrc::kBranchNotFound) throw;
    throw DbError(sqlstate::kInvalidCatalogName, "the branch this session was on has been dropped")
        .with_hint("Switch to another branch: USE BRANCH main.");
  }
  settings_.begin_transaction();
  savepoints_.clear();
  deferred_.clear();
  sequences_.restarted.clear();
  isolation_ = isolation;
  next_row_id_ = 0;
  transaction_start_ = temporal::now_micros();
}

void Session::commit() {
  if (!deferred_.empty()) {
    // A deferred foreign key that fails now fails the COMMIT, which rolls back.
    try {
      ExecContext ctx(*txn_, &catalog_memo_);
      ctx.settings = &settings_;
      deferred_.run_checks(ctx, true);
    } catch (...) {
      status_ = TransactionStatus::kIdle;
      implicit_ = false;
      roll_back();
      throw;
    }
  }
  savepoints_.clear();
  std::unique_ptr<storage::Transaction> txn = std::move(txn_);
  implicit_ = false;
  status_ = TransactionStatus::kIdle;
  try {
    txn->commit();
  } catch (...) {
    settings_.end_transaction(false);
    advisory_.release_transaction_locks();
    cursors_.roll_back();
    pending_listens_.clear();
    pending_notifications_.clear();
    throw;
  }
  settings_.end_transaction(true);
  advisory_.release_transaction_locks();
  cursors_.commit();
  apply_notifications();
}

void Session::apply_notifications() {
  if (hub_ == nullptr) return;
  for (const auto& [listen, channel] : pending_listens_) {
    if (listen) {
      hub_->listen(inbox_, channel);
    } else if (channel.empty()) {
      hub_->unlisten_all(inbox_);
    } else {
      hub_->unlisten(inbox_, channel);
    }
  }
  pending_listens_.clear();
  if (pending_notifications_.empty()) return;
  // The same channel and payload twice in one transaction is delivered once.
  std::vector<Notification> distinct;
  std::set<std::pair<std::string, std::string>> seen;
  for (Notification& n : pending_notifications_) {
    if (seen.emplace(n.channel, n.payload).second) distinct.push_back(std::move(n));
  }
  pending_notifications_.clear();
  hub_->publish(distinct);
}

QueryResult Session::run_notify(const ast::NotifyStmt& statement) {
  if (hub_ == nullptr) {
    throw DbError(sqlstate::kFeatureNotSupported, "LISTEN and NOTIFY need the server: no other session can hear them");
  }
  QueryResult result;
  switch (statement.kind) {
    case ast::NotifyStmt::Kind::kListen:
      pending_listens_.emplace_back(true, statement.channel);
      result.command_tag = "LISTEN";
      break;
    case ast::NotifyStmt::Kind::kUnlisten:
      pending_listens_.emplace_back(false, statement.channel);
      result.command_tag = "UNLISTEN";
      break;
    case ast::NotifyStmt::Kind::kNotify:
      queue_notification(pending_notifications_, info_.backend_pid, statement.channel, statement.payload);
      result.command_tag = "NOTIFY";
      break;
  }
  return result;
}

QueryResult Session::run_discard(const ast::DiscardStmt& statement, ExecContext& ctx) {
  using K = ast::DiscardStmt::Kind;
  QueryResult result;
  switch (statement.kind) {
    case K::kClose:
      cursors_.close(statement.cursor);
      result.command_tag = "CLOSE CURSOR";
      break;
    case K::kCloseAll:
      cursors_.close_all();
      result.command_tag = "CLOSE CURSOR ALL";
      break;
    case K::kAll:
      // As PostgreSQL: CLOSE ALL, DEALLOCATE ALL, RESET ALL, UNLISTEN *, pg_advisory_unlock_all, DISCARD SEQUENCES.
      cursors_.close_all();
      prepared_.clear();
      settings_.reset_all();
      pending_listens_.emplace_back(false, "");
      advisory_.unlock_all();
      sequences_.forget_values();
      drop_temp_schema(ctx);
      result.command_tag = "DISCARD ALL";
      break;
    case K::kPlans:
      result.command_tag = "DISCARD PLANS";  // plans are not cached across statements
      break;
    case K::kSequences:
      sequences_.forget_values();
      result.command_tag = "DISCARD SEQUENCES";
      break;
    case K::kTemp:
      drop_temp_schema(ctx);
      result.command_tag = "DISCARD TEMP";
      break;
  }
  return result;
}

void Session::roll_back() {
  savepoints_.clear();
  cursors_.roll_back();
  deferred_.clear();
  if (txn_ && !sequences_.restarted.empty()) {
    ExecContext ctx(*txn_, &catalog_memo_);
    for (auto it = sequences_.restarted.rbegin(); it != sequences_.restarted.rend(); ++it) {
      release_sequence_reservation(ctx, it->first);
      sequence_setval(ctx, it->first, it->second.last_value, it->second.is_called);
    }
  }
  sequences_.restarted.clear();
  pending_listens_.clear();
  pending_notifications_.clear();
  if (txn_) txn_->rollback();
  txn_.reset();
  settings_.end_transaction(false);
  advisory_.release_transaction_locks();
}

void Session::abort_after_error() {
  pending_listens_.clear();
  pending_notifications_.clear();
  if (status_ == TransactionStatus::kInBlock || status_ == TransactionStatus::kFailed) {
    // The block stays open, failed, until the client ends it, or returns
    // to a savepoint: then the storage transaction must live on.
    status_ = TransactionStatus::kFailed;
    if (!savepoints_.empty()) return;
    if (txn_) txn_->rollback();
    settings_.end_transaction(false);
    return;
  }
  roll_back();
  implicit_ = false;
  pipeline_ = false;
}

QueryResult Session::run(const ast::Statement& statement) {
  if (const auto* control = std::get_if<ast::TransactionStmt>(&statement.node)) {
    return run_transaction_control(*control);
  }
  if (status_ == TransactionStatus::kFailed) {
    throw DbError(sqlstate::kInFailedSqlTransaction,
                  "current transaction is aborted, commands ignored until end of transaction block");
  }
  if (const auto* branch = std::get_if<ast::BranchStmt>(&statement.node)) return run_branch(*branch);
  if (const auto* setting = std::get_if<ast::SettingStmt>(&statement.node);
      setting != nullptr && setting->name == kBranchSetting) {
    return run_branch_setting(*setting);  // before a transaction begins: it picks the transaction's branch
  }
  const bool autocommit = txn_ == nullptr;
  if (const auto* vacuum = std::get_if<ast::VacuumStmt>(&statement.node); vacuum && vacuum->vacuum && !autocommit) {
    throw DbError(sqlstate::kActiveSqlTransaction, "VACUUM cannot run inside a transaction block");
  }
  if (const auto* reindex = std::get_if<ast::ReindexStmt>(&statement.node); reindex && !autocommit) {
    // Whole schemas and databases are reindexed a transaction per table in PostgreSQL.
    const char* what = reindex->concurrently                                ? "REINDEX CONCURRENTLY"
                       : reindex->kind == ast::ReindexStmt::Kind::kSchema   ? "REINDEX SCHEMA"
                       : reindex->kind == ast::ReindexStmt::Kind::kDatabase ? "REINDEX DATABASE"
                       : reindex->kind == ast::ReindexStmt::Kind::kSystem   ? "REINDEX SYSTEM"
                                                                            : nullptr;
    if (what != nullptr)
      throw DbError(sqlstate::kActiveSqlTransaction, std::string(what) + " cannot run inside a transaction block");
  }
  if (!autocommit) {
    // Building or dropping an index concurrently commits as it goes in PostgreSQL, so not inside a block.
    const auto* create = std::get_if<ast::CreateIndexStmt>(&statement.node);
    const auto* drop = std::get_if<ast::DropStmt>(&statement.node);
    if (create != nullptr && create->concurrently) {
      throw DbError(sqlstate::kActiveSqlTransaction, "CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
    }
    if (drop != nullptr && drop->concurrently) {
      throw DbError(sqlstate::kActiveSqlTransaction, "DROP INDEX CONCURRENTLY cannot run inside a transaction block");
    }
  }
  if (const auto* discard = std::get_if<ast::DiscardStmt>(&statement.node);
      discard && discard->kind == ast::DiscardStmt::Kind::kAll && !autocommit) {
    throw DbError(sqlstate::kActiveSqlTransaction, "DISCARD ALL cannot run inside a transaction block");
  }
  if (const auto* declare = std::get_if<ast::DeclareCursorStmt>(&statement.node); declare && !declare->hold) {
    // Several statements of one simple Query form a block; the extended
    // protocol's implicit transaction does not (PostgreSQL's CheckTransactionBlock).
    const bool in_block = status_ != TransactionStatus::kIdle || (implicit_ && !pipeline_);
    if (!in_block) {
      throw DbError(sqlstate::kNoActiveSqlTransaction, "DECLARE CURSOR can only be used in transaction blocks");
    }
  }
  if (std::holds_alternative<ast::LockStmt>(statement.node) && autocommit) {
    throw DbError(sqlstate::kNoActiveSqlTransaction, "LOCK TABLE can only be used in transaction blocks");
  }
  if (autocommit) {
    begin(default_isolation());
  } else if (isolation_ == IsolationLevel::kReadCommitted) {
    txn_->refresh_snapshot();  // READ COMMITTED: each statement sees what committed before it
  }
  QueryResult result = dispatch(statement);
  if (autocommit) commit();
  return result;
}

QueryResult Session::run_transaction_control(const ast::TransactionStmt& statement) {
  QueryResult result;
  switch (statement.kind) {
    case ast::TransactionStmt::Kind::kBegin:
      result.command_tag = statement.start_transaction ? "START TRANSACTION" : "BEGIN";
      if (status_ != TransactionStatus::kIdle) {
        result.notices.push_back({"WARNING", "25001", "there is already a transaction in progress", {}});
        return result;
      }
      if (implicit_) {
        implicit_ = false;  // the implicit transaction becomes this block
        pipeline_ = false;
      } else {
        begin(isolation_from(statement.isolation, default_isolation()));
      }
      isolation_ = isolation_from(statement.isolation, default_isolation());
      status_ = TransactionStatus::kInBlock;
      return result;
    case ast::TransactionStmt::Kind::kCommit:
      if (status_ == TransactionStatus::kFailed) {
        roll_back();
        status_ = TransactionStatus::kIdle;
        result.command_tag = "ROLLBACK";
        return result;
      }
      result.command_tag = "COMMIT";
      if (status_ == TransactionStatus::kIdle && !implicit_) {
        result.notices.push_back({"WARNING", "25P01", "there is no transaction in progress", {}});
      }
      if (txn_) commit();
      return result;
    case ast::TransactionStmt::Kind::kSavepoint:
    case ast::TransactionStmt::Kind::kRelease:
    case ast::TransactionStmt::Kind::kRollbackTo:
      return run_savepoint(statement);
    case ast::TransactionStmt::Kind::kSetTransaction:
      result.command_tag = "SET";
      if (status_ == TransactionStatus::kFailed) {
        throw DbError(sqlstate::kInFailedSqlTransaction,
                      "current transaction is aborted, commands ignored until end of transaction block");
      }
      if (status_ == TransactionStatus::kIdle) {
        result.notices.push_back({"WARNING", "25P01", "SET TRANSACTION can only be used in transaction blocks", {}});
        return result;
      }
      // The snapshot is the one BEGIN took: nothing has read through it yet in pg_dump's use.
      isolation_ = isolation_from(statement.isolation, isolation_);
      return result;
    case ast::TransactionStmt::Kind::kSessionCharacteristics:
      // What pgjdbc's setTransactionIsolation sends outside a transaction.
      result.command_tag = "SET";
      if (status_ == TransactionStatus::kFailed) {
        throw DbError(sqlstate::kInFailedSqlTransaction,
                      "current transaction is aborted, commands ignored until end of transaction block");
      }
      if (statement.read_only.value_or(false)) {
        throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: read-only sessions");
      }
      if (statement.isolation) settings_.set("default_transaction_isolation", {*statement.isolation}, false);
      return result;
    case ast::TransactionStmt::Kind::kRollback:
      if (status_ == TransactionStatus::kIdle && !implicit_) {
        result.notices.push_back({"WARNING", "25P01", "there is no transaction in progress", {}});
      }
      roll_back();
      implicit_ = false;
      status_ = TransactionStatus::kIdle;
      result.command_tag = "ROLLBACK";
      return result;
  }
  return result;
}

// SAVEPOINT, RELEASE [SAVEPOINT] and ROLLBACK TO [SAVEPOINT] inside a
// transaction block; ROLLBACK TO also ends the failed state an error left.
QueryResult Session::run_savepoint(const ast::TransactionStmt& statement) {
  using Kind = ast::TransactionStmt::Kind;
  const char* what = statement.kind == Kind::kSavepoint ? "SAVEPOINT"
                     : statement.kind == Kind::kRelease ? "RELEASE SAVEPOINT"
                                                        : "ROLLBACK TO SAVEPOINT";
  if (status_ == TransactionStatus::kIdle || txn_ == nullptr) {
    throw DbError(sqlstate::kNoActiveSqlTransaction, std::string(what) + " can only be used in transaction blocks");
  }
  if (status_ == TransactionStatus::kFailed && statement.kind != Kind::kRollbackTo) {
    throw DbError(sqlstate::kInFailedSqlTransaction,
                  "current transaction is aborted, commands ignored until end of transaction block");
  }
  QueryResult result;
  if (statement.kind == Kind::kSavepoint) {
    savepoints_.push_back({statement.savepoint, txn_->savepoint(), cursors_.mark()});
    result.command_tag = "SAVEPOINT";
    return result;
  }
  auto it = std::find_if(savepoints_.rbegin(), savepoints_.rend(),
                         [&](const SavepointEntry& s) { return s.name == statement.savepoint; });
  if (it == savepoints_.rend()) {
    throw DbError(sqlstate::kSEInvalidSpecification, "savepoint \"" + statement.savepoint + "\" does not exist");
  }
  const auto position = static_cast<std::size_t>(savepoints_.rend() - it) - 1;  // index of the match
  if (statement.kind == Kind::kRelease) {
    savepoints_.resize(position);  // it and every later one
    result.command_tag = "RELEASE";
    return result;
  }
  txn_->rollback_to(savepoints_[position].storage);
  cursors_.roll_back_to(savepoints_[position].cursors);
  savepoints_.resize(position + 1);  // it stays, for another ROLLBACK TO
  status_ = TransactionStatus::kInBlock;
  result.command_tag = "ROLLBACK";
  return result;
}

QueryResult Session::run_setting(const ast::SettingStmt& statement) {
  using Kind = ast::SettingStmt::Kind;
  if (statement.name == kBranchSetting) return run_branch_setting(statement);
  QueryResult result;
  auto text_column = [&](std::string name) {
    result.columns.push_back({std::move(name), SqlType{TypeId::kText, -1}, 0, 0});
  };
  switch (statement.kind) {
    case Kind::kShow:
      result.returns_rows = true;
      result.command_tag = "SHOW";
      if (statement.name == "transaction_isolation") {
        // The open transaction's level, else the one the next will get.
        text_column("transaction_isolation");
        std::string level = !txn_ ? settings_.show("default_transaction_isolation")
                            : isolation_ == IsolationLevel::kReadCommitted ? "read committed"
                                                                           : "repeatable read";
        result.rows.push_back({Value::string(TypeId::kText, level)});
        return result;
      }
      text_column(settings_.display_name(statement.name));
      result.rows.push_back({Value::string(TypeId::kText, statement.name == "session_authorization"
                                                              ? session_user_name(settings_, info_.user)
                                                              : settings_.show(statement.name))});
      return result;
    case Kind::kShowAll:
      result.returns_rows = true;
      result.command_tag = "SHOW";
      text_column("name");
      text_column("setting");
      text_column("description");
      for (const auto& [name, setting, description] : settings_.all()) {
        result.rows.push_back({Value::string(TypeId::kText, name), Value::string(TypeId::kText, setting),
                               Value::string(TypeId::kText, description)});
      }
      return result;
    case Kind::kSet:
    case Kind::kSetDefault:
      result.command_tag = "SET";
      if (statement.local && status_ == TransactionStatus::kIdle && !implicit_) {
        result.notices.push_back({"WARNING", "25P01", "SET LOCAL can only be used in transaction blocks", {}});
        return result;
      }
      if (statement.kind == Kind::kSet) {
        settings_.set(statement.name, statement.values, statement.local);
      } else {
        settings_.reset(statement.name);
      }
      // A new session user is also the current one, whatever role was set.
      if (statement.name == "session_authorization") settings_.reset("role");
      break;
    case Kind::kReset:
      result.command_tag = "RESET";
      settings_.reset(statement.name);
      break;
    case Kind::kResetAll:
      result.command_tag = "RESET";
      settings_.reset_all();
      break;
  }
  return result;
}

QueryResult Session::run_execute(const ast::ExecuteStmt& statement) {
  std::shared_ptr<const PreparedStatement> p = prepared(statement.name);
  if (statement.params.size() != p->param_types.size()) {
    throw DbError(sqlstate::kSyntaxError,
                  "wrong number of parameters for prepared statement \"" + statement.name + "\"")
        .with_detail("Expected " + std::to_string(p->param_types.size()) + " parameters but got " +
                     std::to_string(statement.params.size()) + ".");
  }
  std::vector<Value> values;
  {
    ExecContext ctx(*txn_, &catalog_memo_);
    ctx.params = params_;
    ctx.sequences = &sequences_;
    for (std::size_t i = 0; i < statement.params.size(); ++i) {
      Binder binder({}, "EXECUTE", ctx);
      BoundExprPtr e = binder.bind(*statement.params[i]);
      if (auto type = type_from_oid(p->param_types[i]); type && *type != TypeId::kUnknown) {
        const SqlType target{*type, -1};
        if (!can_cast(e->type.id, target.id, CastContext::kAssignment)) {
          throw DbError(sqlstate::kDatatypeMismatch,
                        "parameter $" + std::to_string(i + 1) + " of type " + type_display_name(e->type) +
                            " cannot be coerced to the expected type " + type_display_name(target))
              .with_hint("You will need to rewrite or cast the expression.");
        }
        e = coerce(std::move(e), target, CastContext::kAssignment);
      }
      values.push_back(evaluate(*e, {}));
    }
  }
  if (!p->statement) return QueryResult{};
  const std::vector<Value>* outer = params_;
  params_ = &values;
  struct Restore {
    const std::vector<Value>*& slot;
    const std::vector<Value>* value;
    ~Restore() { slot = value; }
  } restore{params_, outer};
  return dispatch(*p->statement);
}

QueryResult Session::dispatch(const ast::Statement& statement) {
  ExecContext ctx(*txn_, &catalog_memo_);
  temporal::set_transaction_time(transaction_start_);
  ctx.next_row_id = next_row_id_;
  ctx.params = params_;
  ctx.sequences = &sequences_;
  ctx.interrupts = &interrupts_;
  ctx.copy_client = copy_client_;
  ctx.settings = &settings_;
  ctx.read_committed = isolation_ == IsolationLevel::kReadCommitted;
  ctx.backends = backends_;
  ctx.advisory = &advisory_;
  ctx.deferred = &deferred_;
  ctx.cursors = &cursors_;
  std::vector<Notice> raised;  // by functions as rows go by (pg_advisory_unlock's WARNING)
  ctx.notices = &raised;
  if (hub_ != nullptr) ctx.notifications = &pending_notifications_;
  ctx.describe_only = described_params_ != nullptr;
  ctx.param_types = described_params_;
  ctx.database_name = info_.database;
  ctx.user_name = current_role_name(settings_, info_.user);
  ctx.session_user = session_user_name(settings_, info_.user);
  ctx.backend_pid = info_.backend_pid;
  ctx.temp_schema = temp_schema_;
  ctx.temp_schema_used = &temp_schema_used_;
  ctx.batches = &batch_pool_;
  ctx.insert_plans = &insert_plans_;
  interrupts_.start_statement(settings_.statement_timeout());
  QueryResult result = std::visit(
      [&](const auto& node) -> QueryResult {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, ast::SelectStmt>) {
          return run_select(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::InsertStmt>) {
          return run_insert(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::UpdateStmt>) {
          return run_update(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::DeleteStmt>) {
          return run_delete(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::CopyStmt>) {
          return run_copy(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::VacuumStmt>) {
          return run_vacuum(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::ReindexStmt>) {
          return run_reindex(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::NotifyStmt>) {
          return run_notify(node);
        } else if constexpr (std::is_same_v<T, ast::RoleStmt>) {
          return run_role(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::CreateTableStmt>) {
          return run_create_table(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::CreateTableAsStmt>) {
          return run_create_table_as(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::CreateIndexStmt>) {
          return run_create_index(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::DropStmt>) {
          return run_drop(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::TruncateStmt>) {
          return run_truncate(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::AlterTableStmt>) {
          return run_alter_table(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::RenameStmt>) {
          return run_rename(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::SequenceStmt>) {
          return run_sequence(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::CreateViewStmt>) {
          return run_create_view(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::ExplainStmt>) {
          return run_explain(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::SettingStmt>) {
          if (is_role_setting(node)) check_role_setting(node, settings_, info_.user, ctx);
          return run_setting(node);
        } else if constexpr (std::is_same_v<T, ast::PrepareStmt>) {
          PreparedStatement p;
          p.statement = node.statement;
          for (const ast::TypeName& t : node.param_types) p.param_types.push_back(type_oid(resolve_type_name(t).id));
          if (p.param_types.size() < static_cast<std::size_t>(node.param_count)) {
            p.param_types.resize(static_cast<std::size_t>(node.param_count), 0);
          }
          prepare(node.name, std::move(p));
          QueryResult r;
          r.command_tag = "PREPARE";
          return r;
        } else if constexpr (std::is_same_v<T, ast::ExecuteStmt>) {
          return run_execute(node);
        } else if constexpr (std::is_same_v<T, ast::DeallocateStmt>) {
          QueryResult r;
          if (node.name.empty()) {
            prepared_.clear();
            r.command_tag = "DEALLOCATE ALL";
          } else {
            deallocate(node.name, false);
            r.command_tag = "DEALLOCATE";
          }
          return r;
        } else if constexpr (std::is_same_v<T, ast::BranchStmt>) {
          return run_branch(node);
        } else if constexpr (std::is_same_v<T, ast::DiscardStmt>) {
          return run_discard(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::CommentStmt>) {
          return run_comment(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::SetConstraintsStmt>) {
          return run_set_constraints(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::LockStmt>) {
          return lock_tables(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::SchemaStmt>) {
          return run_schema(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::GrantStmt>) {
          return run_grant(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::DefaultPrivilegesStmt>) {
          return run_default_privileges(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::OwnedStmt>) {
          return run_owned(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::RefreshMatViewStmt>) {
          return run_refresh_materialized_view(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::PolicyStmt>) {
          return run_policy(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::ExtensionStmt>) {
          return run_extension(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::TypeStmt>) {
          return run_type(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::DomainStmt>) {
          return run_domain(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::FunctionStmt>) {
          return run_function(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::DeclareCursorStmt>) {
          return run_declare_cursor(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::FetchStmt>) {
          return run_fetch(node);
        } else {
          static_assert(std::is_same_v<T, ast::TransactionStmt>);
          return run_transaction_control(node);
        }
      },
      statement.node);
  next_row_id_ = ctx.next_row_id;
  if (!raised.empty()) result.notices.insert(result.notices.begin(), raised.begin(), raised.end());
  return result;
}

}  // namespace heliosdb::engine

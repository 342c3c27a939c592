#include "server/wire/connection.hpp"

#include <netinet/in.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <random>
#include <tuple>

#include "engine/common/db_error.hpp"
#include "engine/exec/branch_lookup.hpp"
#include "engine/types/temporal.hpp"
#include "protocol/startup_options.hpp"
#include "protocol/value_format.hpp"
#include "protocol/wire_format.hpp"

namespace heliosdb::server {

namespace {

using protocol::ErrorFields;
using protocol::ProtocolViolation;
using protocol::StartupPacket;

// What the ProtocolViolation `decode` throws says, or nothing: the callers
// are coroutines, which may not co_await inside a catch block.
template <typename Decode>
std::string violation_of(Decode&& decode) {
  try {
    decode();
  } catch (const ProtocolViolation& e) {
    return e.what();
  }
  return {};
}

protocol::FieldDescription field_of(const engine::ResultColumn& column) {
  protocol::FieldDescription f;
  f.name = column.name;
  f.table_oid = column.table_oid;
  f.column_number = column.column_number;
  f.type_oid = engine::type_oid(column.type);
  f.type_size = static_cast<std::int16_t>(engine::type_length(column.type.id));
  f.type_modifier = column.type.typmod;
  return f;
}

// Values the config file has checked already.
void apply_settings(engine::Settings& settings, const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [name, value] : values) settings.set(name, {value}, false);
}

// Parameters given at startup apply where we can honour them, those in
// `options` (PGOPTIONS) first, as in PostgreSQL; the ParameterStatus messages
// tell the client what is in force. Returns the argument at fault if
// `options` is malformed (nothing is applied then), else "".
std::string apply_startup_parameters(engine::Settings& settings, const std::map<std::string, std::string>& parameters,
                                     std::uint32_t pid) {
  std::vector<std::pair<std::string, std::string>> startup;
  auto options = parameters.find("options");
  if (options != parameters.end()) {
    try {
      startup = protocol::parse_startup_options(options->second);
    } catch (const protocol::BadStartupOption& e) {
      return e.what();
    }
  }
  for (const auto& [name, value] : parameters) {
    if (name == "user" || name == "database" || name == "options" || name == "replication") continue;
    if (name == engine::kBranchSetting) continue;  // chose the session's branch already
    startup.emplace_back(name, value);
  }
  for (const auto& [name, value] : startup) {
    try {
      settings.set(name, {value}, false);
    } catch (const engine::DbError& e) {
      spdlog::debug("connection {}: startup parameter {} ignored: {}", pid, name, e.what());
    }
  }
  return {};
}

}  // namespace

protocol::ErrorFields error_fields(const engine::DbError& e) {
  ErrorFields f = ErrorFields::of("ERROR", std::string(e.state().code()), e.what());
  f.detail = e.detail();
  f.hint = e.hint();
  f.position = e.position().value_or(0);
  f.context = e.context();
  f.schema = e.schema_name();
  f.table = e.table_name();
  f.column = e.column_name();
  f.datatype = e.datatype_name();
  f.constraint = e.constraint_name();
  f.routine = e.routine();
  return f;
}

Connection::Connection(ClientSocket socket, ServerContext& server)
    : stream_(std::move(socket)), server_(server), client_(client_endpoint(stream_.socket())) {
  pid_ = server_.next_pid.fetch_add(1);
  secret_ = std::random_device{}();
}

Connection::~Connection() {
  if (registered_) server_.remove_backend(pid_);
  if (counted_) server_.connections.fetch_sub(1);
}

asio::awaitable<void> Connection::fill(std::size_t n) {
  char chunk[16384];
  while (in_.available() < n) {
    const std::size_t got = co_await stream_.read_some(asio::buffer(chunk));
    in_.append(chunk, got);
  }
}

asio::awaitable<std::string> Connection::read_exactly(std::size_t n) {
  co_await fill(n);
  co_return in_.take(n);
}

asio::awaitable<void> Connection::flush() {
  if (out_.empty()) co_return;
  co_await stream_.write_all(asio::buffer(out_.buffer()));
  out_.clear();
}

asio::awaitable<void> Connection::fatal(const char* code, const std::string& message) {
  out_.error_response(ErrorFields::of("FATAL", code, message));
  co_await flush();
}

void Connection::queue_protocol_fatal(const std::string& message, const std::string& detail) {
  queue_fatal("08P01", message, detail);
}

void Connection::queue_fatal(const char* code, const std::string& message, const std::string& detail) {
  ErrorFields fields = ErrorFields::of("FATAL", code, message);
  fields.detail = detail;
  out_.error_response(fields);
}

Connection::StartupTarget Connection::startup_target(const StartupPacket& packet, const std::string& name) const {
  // "mydb@staging": database mydb, on branch staging; or heliosdb.branch
  // given as a startup parameter or in options (-c heliosdb.branch=staging).
  StartupTarget target;
  std::string branch;
  std::tie(target.database, branch) = engine::split_database_name(name);
  if (branch.empty()) {
    std::vector<std::pair<std::string, std::string>> given(packet.parameters.begin(), packet.parameters.end());
    if (auto options = packet.parameters.find("options"); options != packet.parameters.end()) {
      try {
        auto parsed = protocol::parse_startup_options(options->second);
        given.insert(given.end(), parsed.begin(), parsed.end());
      } catch (const protocol::BadStartupOption&) {
        // open_session reports it
      }
    }
    for (const auto& [parameter, value] : given) {
      if (parameter == engine::kBranchSetting) branch = value;
    }
  }
  if (branch.empty()) {
    // The default is the branch called main, which a user may have dropped.
    if (!server_.store->find_branch(storage::kMainBranchName)) {
      target.error = "branch \"main\" does not exist; connect to database@branch";
    }
    return target;
  }
  if (auto info = server_.store->find_branch(branch)) {
    target.branch = info->id;
  } else {
    target.error = "branch \"" + branch + "\" does not exist";
  }
  return target;
}

std::string Connection::open_session(const StartupPacket& packet, const std::string& user, const std::string& database,
                                     std::optional<storage::BranchId> branch) {
  session_.emplace(*server_.store, branch);
  session_->set_copy_client(&copy_);
  inbox_.owner = weak_from_this();
  inbox_.executor = stream_.socket().get_executor();
  session_->set_notifications(&server_.notifications, &inbox_);
  session_->info().user = user;
  session_->info().database = database;
  session_->info().backend_pid = static_cast<std::int32_t>(pid_);
  session_->set_backend_directory(&server_);
  {
    std::lock_guard lock(status_->mutex);
    engine::BackendActivity& a = status_->activity;
    a.pid = static_cast<std::int32_t>(pid_);
    a.database = database;
    a.user = user;
    if (client_.address) a.client_addr = client_.address->to_string();
    boost::system::error_code ec;
    if (auto peer = stream_.socket().remote_endpoint(ec); !ec && client_.address) {
      const auto* in = reinterpret_cast<const sockaddr_in*>(peer.data());  // sin_port sits alike in v4 and v6
      a.client_port = ntohs(in->sin_port);
    }
    a.backend_start = engine::temporal::now_micros();
    a.state = "idle";
  }
  status_->wake = [weak = weak_from_this(), executor = stream_.socket().get_executor()] {
    asio::post(executor, [weak] {
      if (auto self = weak.lock(); self && self->waiting_) self->stream_.cancel();
    });
  };
  server_.add_backend(pid_, secret_, session_->interrupts(), status_);
  registered_ = true;
  // The config file's session parameters first, then the client's own.
  apply_settings(session_->settings(), server_.session_defaults());
  const std::string bad_option = apply_startup_parameters(session_->settings(), packet.parameters, pid_);
  if (!bad_option.empty()) return bad_option;
  out_.authentication_ok();
  const std::pair<const char*, std::string> fixed[] = {
      {"default_transaction_read_only", "off"},
      {"in_hot_standby", "off"},
      {"session_authorization", user},
  };
  for (const auto& [name, value] : fixed) out_.parameter_status(name, value);
  report_parameters();
  out_.backend_key_data(pid_, secret_);
  return {};
}

asio::awaitable<bool> Connection::tls_handshake() {
  std::string failure;
  try {
    co_await stream_.start_tls(*server_.tls);
  } catch (const boost::system::system_error& e) {
    failure = e.what();
  }
  if (!failure.empty()) {
    spdlog::info("connection {}: could not accept SSL connection: {}", pid_, failure);
    co_return false;
  }
  co_return true;
}

asio::awaitable<bool> Connection::start() {
  for (;;) {
    std::string length_word = co_await read_exactly(4);
    std::uint32_t length = protocol::read_u32(length_word.data());
    if (length < 8 || length > protocol::kMaxStartupPacket) {
      co_await fatal("08P01", "invalid length of startup packet");
      co_return false;
    }
    const std::string body = co_await read_exactly(length - 4);
    StartupPacket packet;
    const std::string violation = violation_of([&] { packet = protocol::decode_startup(body); });
    if (!violation.empty()) {
      co_await fatal("08P01", violation);
      co_return false;
    }
    switch (packet.kind) {
      case StartupPacket::Kind::kSslRequest:
        if (server_.tls && !stream_.encrypted()) {
          // Bytes sent behind the request would bypass the encryption the client asked for.
          if (in_.available() > 0) {
            co_await fatal("08P01", "received unencrypted data after SSL request");
            co_return false;
          }
          out_.buffer().push_back('S');
          co_await flush();
          const bool handshaken = co_await tls_handshake();
          if (!handshaken) co_return false;
          client_.ssl = true;
          continue;
        }
        // No certificate configured: the client goes on in the clear (or gives up).
        out_.buffer().push_back('N');
        co_await flush();
        continue;
      case StartupPacket::Kind::kGssEncRequest:
        // No GSSAPI encryption: the client goes on in the clear.
        out_.buffer().push_back('N');
        co_await flush();
        continue;
      case StartupPacket::Kind::kCancel:
        // No reply either way, so a wrong key teaches the sender nothing.
        if (!server_.cancel(packet.cancel_pid, packet.cancel_secret)) {
          spdlog::debug("cancel request for backend {} with a wrong key or none running", packet.cancel_pid);
        }
        co_return false;
      case StartupPacket::Kind::kStartup:
        break;
    }
    if (packet.protocol >> 16 != 3) {
      co_await fatal("0A000", "unsupported frontend protocol " + std::to_string(packet.protocol >> 16) + "." +
                                  std::to_string(packet.protocol & 0xFFFF) + ": server supports 3.0 to 3.0");
      co_return false;
    }
    auto param = [&](const char* name) {
      auto it = packet.parameters.find(name);
      return it == packet.parameters.end() ? std::string() : it->second;
    };
    const std::string user = param("user");
    if (user.empty()) {
      co_await fatal("28000", "no PostgreSQL user name specified in startup packet");
      co_return false;
    }
    counted_ = true;
    if (server_.connections.fetch_add(1) >= server_.options.max_connections) {
      co_await fatal("53300", "sorry, too many clients already");
      co_return false;
    }
    target_ = startup_target(packet, param("database").empty() ? user : param("database"));
    // Roles are read on the branch the session asks for: without it, none could be checked.
    if (!target_.error.empty()) {
      co_await fatal("3D000", target_.error);
      co_return false;
    }
    const bool authenticated = co_await authenticate(user, target_.database);
    if (!authenticated) co_return false;
    const std::string bad_option = open_session(packet, user, target_.database, target_.branch);
    if (!bad_option.empty()) {
      co_await fatal("42601", "invalid command-line argument for server process: " + bad_option);
      co_return false;
    }
    ready_for_query();
    co_await flush();
    co_return true;
  }
}

asio::awaitable<std::optional<std::pair<char, std::string>>> Connection::read_message() {
  // Nothing is taken until the whole message is here: a wait cancelled
  // by wake() leaves the buffer as it was.
  co_await fill(5);
  const char type = in_.peek()[0];
  const std::uint32_t length = protocol::read_u32(in_.peek() + 1);
  if (length < 4 || length - 4 > protocol::kMaxMessage) {
    co_await fatal("08P01", "invalid message length");
    co_return std::nullopt;
  }
  co_await fill(1 + std::size_t{length});
  in_.take(5);
  co_return std::pair{type, in_.take(length - 4)};
}

void Connection::Inbox::deliver(const engine::Notification& notification) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(notification);
  }
  asio::post(*executor, [connection = owner] {
    if (auto c = connection.lock()) c->wake();
  });
}

std::vector<engine::Notification> Connection::Inbox::take() {
  std::lock_guard lock(mutex_);
  return std::exchange(queue_, {});
}

bool Connection::Inbox::empty() {
  std::lock_guard lock(mutex_);
  return queue_.empty();
}

void Connection::arm_idle_timer() {
  if (!session_ || session_->status() == engine::TransactionStatus::kIdle) return;
  const std::chrono::milliseconds timeout = session_->settings().idle_in_transaction_timeout();
  if (timeout.count() <= 0) return;
  if (!idle_timer_) idle_timer_.emplace(stream_.socket().get_executor());
  idle_timer_->expires_after(timeout);
  idle_timer_->async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
    if (ec) return;  // cancelled: the client spoke in time
    if (auto self = weak.lock(); self && self->waiting_) {
      self->idle_expired_ = true;
      self->stream_.cancel();
    }
  });
}

void Connection::wake() {
  if (waiting_ && session_ && session_->status() == engine::TransactionStatus::kIdle) {
    stream_.cancel();
  }
}

void Connection::send_notifications() {
  if (!session_ || session_->status() != engine::TransactionStatus::kIdle) return;
  for (const engine::Notification& n : inbox_.take()) {
    out_.notification_response(static_cast<std::uint32_t>(n.sender_pid), n.channel, n.payload);
  }
}

void Connection::run_statement(const std::function<void()>& statement) {
  RunningStatement running(server_);
  statement();
}

asio::awaitable<void> Connection::run() {
  try {
    if (!co_await start()) co_return;
    for (;;) {
      if (status_->terminate.load()) {
        co_await fatal("57P01", "terminating connection due to administrator command");
        co_return;
      }
      // Notifications that came while this connection was busy go out
      // before it waits again; while it waits, wake() interrupts the read.
      if (!inbox_.empty()) {
        send_notifications();
        co_await flush();
      }
      std::optional<std::pair<char, std::string>> message;
      bool woken = false;
      arm_idle_timer();
      try {
        waiting_ = true;
        message = co_await read_message();
      } catch (const boost::system::system_error& e) {
        waiting_ = false;
        if (e.code() != asio::error::operation_aborted) throw;
        woken = true;
      }
      waiting_ = false;
      if (idle_timer_) idle_timer_->cancel();
      if (idle_expired_) {
        co_await fatal("25P03", "terminating connection due to idle-in-transaction timeout");
        co_return;
      }
      if (woken) continue;
      if (!message) co_return;
      auto& [type, body] = *message;
      // After an error in an extended-protocol exchange, everything up to Sync is dropped.
      if (skip_to_sync_ && type != 'S' && type != 'X') continue;
      switch (type) {
        case 'Q': {
          std::string sql;
          const std::string violation = violation_of([&] { sql = protocol::decode_query(body); });
          if (!violation.empty()) {
            co_await fatal("08P01", violation);
            co_return;
          }
          // Right here, on this thread: the pool starts a spare if it runs long.
          run_statement([&] { simple_query(sql); });
          break;
        }
        case 'X':
          co_return;
        case 'P':
        case 'B':
        case 'D':
        case 'E':
        case 'C': {
          std::string violation;
          run_statement([&] { violation = violation_of([&] { extended_messages(type, body); }); });
          if (!violation.empty()) {
            co_await fatal("08P01", violation);
            co_return;
          }
          break;
        }
        case 'F':
          // The fastpath function call interface is obsolete; libpq's large
          // objects are its one user.
          send_error(ErrorFields::of("ERROR", "0A000", "not supported yet: fastpath function calls"));
          ready_for_query();
          break;
        case 'H':
          break;  // Flush: what is buffered goes out below
        case 'S':
          run_statement([&] { sync(); });  // it may commit
          break;
        case 'd':
        case 'c':
        case 'f':
          break;  // the rest of a COPY that failed: ignored, as PostgreSQL does
        default:
          co_await fatal("08P01", "invalid frontend message type " + std::to_string(static_cast<unsigned char>(type)));
          co_return;
      }
      if (copy_.lost()) co_return;
      co_await flush();
    }
  } catch (const boost::system::system_error& e) {
    // The client went away (EOF, reset): nothing to tell it.
    spdlog::debug("connection {}: {}", pid_, e.what());
  }
}

void Connection::sync() {
  try {
    session_->end_implicit();
  } catch (const engine::DbError& e) {
    send_error(error_fields(e));
  }
  skip_to_sync_ = false;
  portals_.erase("");  // the unnamed portal lasts until the transaction ends; Sync ends an implicit one
  report_parameters();
  ready_for_query();
}

void Connection::extended_messages(char type, const std::string& body) {
  extended_message(type, body);
  // What the client sent behind it (a pipeline: psycopg's executemany,
  // pgbench -M extended, asyncpg) runs in the same turn, as
  // long as it is here already and belongs to the extended protocol.
  while (in_.available() >= 5) {
    const char next = in_.peek()[0];
    const std::uint32_t length = protocol::read_u32(in_.peek() + 1);
    if (std::string_view("PBDECSH").find(next) == std::string_view::npos || length < 4 ||
        length - 4 > protocol::kMaxMessage || in_.available() < 1 + std::size_t{length}) {
      return;
    }
    in_.take(5);
    const std::string next_body = in_.take(length - 4);
    if (next == 'S') {
      sync();
    } else if (next != 'H' && !skip_to_sync_) {
      extended_message(next, next_body);
    }
  }
}

void Connection::simple_query(const std::string& sql) {
  statement_started(sql);
  bool any = false;
  try {
    session_->end_implicit();  // a Query ends an unsynced pipeline, as a Sync would
    session_->execute(sql, [&](engine::QueryResult&& result) {
      any = true;
      send_result(result);
    });
    if (!any) out_.empty_query_response();
  } catch (const engine::DbError& e) {
    send_error(error_fields(e));
  } catch (const std::exception& e) {
    // A bug of ours: the client hears of it, the server goes on.
    spdlog::error("connection {}: internal error: {}", pid_, e.what());
    send_error(ErrorFields::of("ERROR", "XX000", std::string("internal error: ") + e.what()));
  }
  report_parameters();
  ready_for_query();
}

void Connection::send_notices(const engine::QueryResult& result) {
  if (result.notices.empty()) return;
  // client_min_messages: warning hides notices, error hides warnings too.
  const std::string& min_level = session_->settings().hot().client_min_messages;
  for (const engine::Notice& n : result.notices) {
    if (min_level == "error" || (min_level == "warning" && n.severity == "NOTICE")) continue;
    ErrorFields fields = ErrorFields::of(n.severity, n.sqlstate, n.message);
    fields.detail = n.detail;
    out_.notice_response(fields);
  }
}

void Connection::row_description(const engine::QueryResult& result, const std::vector<std::int16_t>& formats) {
  std::vector<protocol::FieldDescription> fields;
  fields.reserve(result.columns.size());
  for (std::size_t i = 0; i < result.columns.size(); ++i) {
    fields.push_back(field_of(result.columns[i]));
    fields.back().format = protocol::format_of(formats, i, result.columns.size());
  }
  out_.row_description(fields);
}

void Connection::send_rows(const engine::QueryResult& result, std::size_t from, std::size_t to,
                           const std::vector<std::int16_t>& formats) {
  std::string bytes;
  for (std::size_t r = from; r < to; ++r) {
    const engine::Row& row = result.rows[r];
    out_.begin_row(row.size());
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row[i].is_null()) {
        out_.add_field(std::nullopt);
        continue;
      }
      bytes = protocol::encode_value(row[i], protocol::format_of(formats, i, row.size()));
      out_.add_field(bytes);
    }
    out_.end_row();
  }
}

void Connection::send_result(const engine::QueryResult& result) {
  send_notices(result);
  if (result.returns_rows) {
    row_description(result, {});
    send_rows(result, 0, result.rows.size(), {});
  }
  out_.command_complete(result.command_tag);
}

void Connection::send_error(const ErrorFields& error) { out_.error_response(error); }

void Connection::report_parameters() {
  // After most statements nothing changed; looking costs a tenth of a point select.
  const auto as_of =
      std::make_tuple(session_->settings().generation(), server_.store->branches_generation(), session_->branch());
  if (reported_as_of_ == as_of) return;
  reported_as_of_ = as_of;
  // The parameters PostgreSQL marks GUC_REPORT that we have.
  static const char* const kReported[] = {
      "application_name", "client_encoding", "DateStyle",      "integer_datetimes",           "IntervalStyle",
      "is_superuser",     "server_encoding", "server_version", "standard_conforming_strings", "TimeZone"};
  for (const char* name : kReported) {
    std::string value = session_->settings().show(name);
    auto [it, inserted] = reported_.try_emplace(name, value);
    if (!inserted && it->second == value) continue;
    it->second = value;
    out_.parameter_status(name, value);
  }
  // Which branch the session is on: HeliosDB's own, reported the same way.
  const std::string branch = session_->branch_name();
  auto [it, inserted] = reported_.try_emplace(std::string(engine::kBranchSetting), branch);
  if (inserted || it->second != branch) {
    it->second = branch;
    out_.parameter_status(std::string(engine::kBranchSetting), branch);
  }
}

void Connection::ready_for_query() {
  send_notifications();
  out_.ready_for_query(session_ ? static_cast<char>(session_->status()) : 'I');
  if (!session_) return;
  std::lock_guard lock(status_->mutex);
  engine::BackendActivity& a = status_->activity;
  switch (session_->status()) {
    case engine::TransactionStatus::kIdle:
      a.state = "idle";
      a.xact_start.reset();
      break;
    case engine::TransactionStatus::kInBlock:
      a.state = "idle in transaction";
      break;
    case engine::TransactionStatus::kFailed:
      a.state = "idle in transaction (aborted)";
      break;
  }
  a.state_change = engine::temporal::now_micros();
  a.application_name = session_->settings().hot().application_name;
}

void Connection::statement_started(const std::string& sql) {
  std::lock_guard lock(status_->mutex);
  engine::BackendActivity& a = status_->activity;
  const std::int64_t now = engine::temporal::now_micros();
  a.state = "active";
  a.query = sql;
  a.query_start = a.state_change = now;
  if (!a.xact_start) a.xact_start = now;
}

}  // namespace heliosdb::server

#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "engine/common/db_error.hpp"
#include "engine/session/session.hpp"
#include "protocol/backend_messages.hpp"
#include "protocol/frontend_messages.hpp"
#include "server/wire/asio.hpp"
#include "server/wire/client_stream.hpp"
#include "server/wire/copy_transfer.hpp"
#include "server/wire/input_buffer.hpp"
#include "server/wire/server_context.hpp"

namespace heliosdb::server {

/// What the client hears of a failed statement.
protocol::ErrorFields error_fields(const engine::DbError& e);

/// Who is at the other end of `socket`: an IP address, or none for the Unix socket.
ClientEndpoint client_endpoint(const ClientSocket& socket);

/// One client connection: the protocol's state machine over a socket, from
/// the startup packet to Terminate. It runs on the server's worker pool, on
/// a strand of its own: its I/O and, inline, its statements.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(ClientSocket socket, ServerContext& server);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Serves the client until it leaves or breaks the protocol.
  asio::awaitable<void> run();

 private:
  /// Startup through ReadyForQuery; false if the connection is to close.
  asio::awaitable<bool> start();
  /// TLS after the client's SSLRequest was answered 'S'; false if it failed (the connection closes).
  asio::awaitable<bool> tls_handshake();
  /// After authentication: the session with its settings, and AuthenticationOk
  /// through BackendKeyData queued. Returns the argument at fault if the
  /// startup `options` are malformed, else "".
  std::string open_session(const protocol::StartupPacket& packet, const std::string& user, const std::string& database,
                           std::optional<storage::BranchId> branch);
  /// What a startup packet's database name asks for: "mydb@name" is
  /// database mydb on branch name.
  struct StartupTarget {
    std::string database;
    std::optional<storage::BranchId> branch;  ///< none: the default branch
    std::string error;                        ///< the branch does not exist
  };
  StartupTarget startup_target(const protocol::StartupPacket& packet, const std::string& name) const;
  StartupTarget target_;  ///< set at startup (a member: GCC mis-warns on such locals in coroutines)
  /// Client authentication as the hba rules ask (authentication.cpp): true
  /// once the client proved who it is; false after a FATAL (or if it left).
  asio::awaitable<bool> authenticate(const std::string& user, const std::string& database);
  /// One SCRAM step: runs `step`; a failure becomes FATAL 08P01 (false).
  asio::awaitable<bool> scram_step(std::function<void()> step);
  /// SCRAM-SHA-256 for `role` (a mock exchange without a SCRAM secret).
  asio::awaitable<bool> scram(const std::optional<engine::RoleDef>& role, const std::string& user);
  /// The body of the client's next authentication message ('p'); nullopt if
  /// it left or sent something else (after a FATAL).
  asio::awaitable<std::optional<std::string>> read_auth_response();
  /// Sends the queued password request and reads the PasswordMessage's
  /// password; nullopt if the client left or sent a malformed one (FATAL).
  asio::awaitable<std::optional<std::string>> read_password();
  /// Reads until `n` bytes are buffered.
  asio::awaitable<void> fill(std::size_t n);
  asio::awaitable<std::string> read_exactly(std::size_t n);
  /// The next message's type and body; nullopt when the client has gone.
  asio::awaitable<std::optional<std::pair<char, std::string>>> read_message();
  asio::awaitable<void> flush();
  /// A FATAL error to the client; the connection then closes.
  asio::awaitable<void> fatal(const char* code, const std::string& message);
  /// Queues a FATAL 08P01 with a DETAIL (a malformed SCRAM message); flush() sends it.
  void queue_protocol_fatal(const std::string& message, const std::string& detail);
  /// Queues a FATAL with a DETAIL (sent by the next flush).
  void queue_fatal(const char* code, const std::string& message, const std::string& detail);

  /// Runs `statement` on this thread, counted as running (shutdown waits
  /// for it) and marking the thread busy for the worker pool. Not a
  /// coroutine: the thread must not change under it.
  void run_statement(const std::function<void()>& statement);
  void simple_query(const std::string& sql);
  /// One message of the extended query protocol (extended_query.cpp).
  void extended_message(char type, const std::string& body);
  /// That message and the extended-protocol messages already buffered behind it.
  void extended_messages(char type, const std::string& body);
  void sync();
  /// Runs `handle`; a failure becomes an ErrorResponse and starts the skip to Sync.
  void guarded(const std::function<void()>& handle);
  void parse(const protocol::ParseMessage& m);
  void bind(const protocol::BindMessage& m);
  void describe(const protocol::TargetMessage& m);
  void execute(const protocol::ExecuteMessage& m);
  void close(const protocol::TargetMessage& m);

  /// A portal made by Bind. It runs whole at its first Describe or Execute;
  /// Execute then hands out its rows, max_rows at a time.
  struct Portal {
    std::shared_ptr<const engine::PreparedStatement> statement;
    std::vector<engine::Value> params;
    std::vector<std::int16_t> result_formats;
    std::optional<engine::QueryResult> result;
    std::size_t next_row = 0;
  };
  Portal& portal(const std::string& name);
  /// Runs the portal if it has not run yet.
  void run_portal(Portal& portal);
  void row_description(const engine::QueryResult& result, const std::vector<std::int16_t>& formats);
  void send_rows(const engine::QueryResult& result, std::size_t from, std::size_t to,
                 const std::vector<std::int16_t>& formats);
  void send_notices(const engine::QueryResult& result);
  void send_result(const engine::QueryResult& result);
  void send_error(const protocol::ErrorFields& error);
  void ready_for_query();
  /// pg_stat_activity: a statement starts (it ends at ReadyForQuery).
  void statement_started(const std::string& sql);
  /// ParameterStatus for each reported parameter whose value changed.
  void report_parameters();
  /// NotificationResponse for what arrived, if the session is outside a transaction.
  void send_notifications();
  /// idle_in_transaction_session_timeout: while the client holds a
  /// transaction open and sends nothing, a timer that ends the connection.
  void arm_idle_timer();
  /// On the connection's strand when a notification arrives: an idle connection
  /// stops waiting for the client to send it.
  void wake();

  /// Where the session's LISTENs deliver, from any committing thread.
  class Inbox final : public engine::NotificationHub::Listener {
   public:
    void deliver(const engine::Notification& notification) override;
    std::vector<engine::Notification> take();
    bool empty();

    std::weak_ptr<Connection> owner;
    std::optional<asio::any_io_executor> executor;

   private:
    std::mutex mutex_;
    std::vector<engine::Notification> queue_;
  };

  ClientStream stream_;
  ServerContext& server_;
  ClientEndpoint client_;  ///< who connected, for the hba rules
  InputBuffer in_;
  Inbox inbox_;  ///< outlives session_, which stops listening when it goes
  std::optional<engine::Session> session_;
  protocol::BackendWriter out_;
  CopyTransfer copy_{stream_, in_, out_};
  bool waiting_ = false;  ///< idle, waiting for the client's next message
  std::optional<asio::steady_timer> idle_timer_;
  bool idle_expired_ = false;  ///< the idle-in-transaction timeout ended the wait
  std::shared_ptr<BackendStatus> status_ = std::make_shared<BackendStatus>();
  std::uint32_t pid_ = 0;
  std::uint32_t secret_ = 0;
  bool counted_ = false;                         ///< holds one of max_connections
  bool registered_ = false;                      ///< in the server's backend table, for cancel requests
  bool skip_to_sync_ = false;                    ///< after an error in an extended-protocol message
  std::map<std::string, std::string> reported_;  ///< what ParameterStatus last said
  /// What reported_ was last checked against: the settings' generation, the
  /// branch registry's and the session's branch. Unchanged, nothing to report.
  std::optional<std::tuple<std::uint64_t, std::uint64_t, storage::BranchId>> reported_as_of_;
  std::map<std::string, Portal> portals_;  ///< "" is the unnamed portal
};

}  // namespace heliosdb::server

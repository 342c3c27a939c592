#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/ssl/context.hpp>

#include "engine/exec/interrupts.hpp"
#include "engine/session/backend_directory.hpp"
#include "engine/session/notification_hub.hpp"
#include "server/auth/hba.hpp"
#include "server/wire/asio.hpp"
#include "server/wire/worker_pool.hpp"
#include "storage/store.hpp"

namespace heliosdb::server {

/// How the server is set up: from flags, environment and config.
struct ServerOptions {
  std::string data_dir;  ///< empty with `memory`
  bool memory = false;
  /// Encryption at rest: a file holding the key (see open_store).
  std::string encryption_key_file;
  std::string listen_address = "127.0.0.1";
  std::uint16_t port = 5432;
  std::string unix_socket_dir = "/tmp";  ///< empty: no Unix-domain socket
  int max_connections = 100;
  int workers = 0;                  ///< statement threads; 0: one per core
  int shutdown_grace_seconds = 10;  ///< how long running statements may go on after SIGTERM
  std::string log_level = "info";
  /// Client authentication: `local_auth` for the Unix socket and loopback,
  /// `host_auth` for other addresses, unless an hba file gives the rules.
  AuthMethod local_auth = AuthMethod::kTrust;
  AuthMethod host_auth = AuthMethod::kScramSha256;
  std::string hba_file;
  /// The password the superusers made at the first start get (empty: none).
  std::string superuser_password;
  /// TLS (PostgreSQL's ssl, ssl_cert_file, ssl_key_file): with ssl on, an
  /// SSLRequest is answered with a handshake using this certificate and key.
  bool ssl = false;
  std::string ssl_cert_file = "server.crt";
  std::string ssl_key_file = "server.key";
  /// Time travel: history older than this many days is compacted away
  /// (0: kept forever), checked every compact_interval_hours and by VACUUM.
  double retention_days = 0;
  int compact_interval_hours = 24;
  std::string config_file;           ///< empty: none; read again on SIGHUP
  std::set<std::string> overridden;  ///< parameters given by flag or environment, which the file does not change
  /// Session parameters from the config file: each new session starts with them.
  std::vector<std::pair<std::string, std::string>> session_defaults;
};

/// What pg_stat_activity shows of one connection, which keeps it current,
/// and how another session ends it (pg_terminate_backend).
struct BackendStatus {
  mutable std::mutex mutex;
  engine::BackendActivity activity;  ///< under `mutex`
  std::atomic<bool> terminate{false};
  std::function<void()> wake;  ///< from any thread: stops the connection's idle read
};

/// What every connection of one server shares: the database, the threads
/// statements run on, and the table of live backends (for cancel keys,
/// pg_stat_activity and the connection limit).
struct ServerContext final : engine::BackendDirectory {
  ServerContext(const ServerOptions& options, std::unique_ptr<storage::Store> store);

  const ServerOptions options;
  std::unique_ptr<storage::Store> store;
  WorkerPool workers;
  std::atomic<int> connections{0};
  std::atomic<int> running_statements{0};
  std::atomic<std::uint32_t> next_pid{1000};
  engine::NotificationHub notifications;    ///< LISTEN/NOTIFY between the sessions
  HbaRules hba;                             ///< who must prove what; fixed at start
  std::unique_ptr<asio::ssl::context> tls;  ///< null without ssl = on

  /// The live backends by process id, for CancelRequest.
  void add_backend(std::uint32_t pid, std::uint32_t secret, engine::Interrupts& interrupts,
                   std::shared_ptr<BackendStatus> status);
  void remove_backend(std::uint32_t pid);
  /// Cancels what backend `pid` runs, if `secret` is its key; false otherwise.
  bool cancel(std::uint32_t pid, std::uint32_t secret);
  /// What new sessions start with; a SIGHUP reload replaces it.
  std::vector<std::pair<std::string, std::string>> session_defaults() const {
    std::lock_guard lock(config_mutex_);
    return session_defaults_;
  }
  void set_session_defaults(std::vector<std::pair<std::string, std::string>> defaults) {
    std::lock_guard lock(config_mutex_);
    session_defaults_ = std::move(defaults);
  }

  /// Cancels every running statement (shutdown after the grace period).
  void cancel_all();

  std::vector<engine::BackendActivity> activity() const override;
  bool cancel_backend(std::int32_t pid) override;
  bool terminate_backend(std::int32_t pid, std::int32_t caller) override;

 private:
  struct Backend {
    std::uint32_t secret;
    engine::Interrupts* interrupts;
    std::shared_ptr<BackendStatus> status;
  };
  mutable std::mutex backends_mutex_;
  std::map<std::uint32_t, Backend> backends_;
  mutable std::mutex config_mutex_;
  std::vector<std::pair<std::string, std::string>> session_defaults_;
};

/// Counts a statement as running while it lives, so shutdown can wait for it.
/// On a pool thread, it also marks the thread busy (WorkerPool::Statement).
class RunningStatement {
 public:
  explicit RunningStatement(ServerContext& server) : server_(server), busy_(server.workers) {
    server_.running_statements.fetch_add(1);
  }
  ~RunningStatement() { server_.running_statements.fetch_sub(1); }
  RunningStatement(const RunningStatement&) = delete;
  RunningStatement& operator=(const RunningStatement&) = delete;

 private:
  ServerContext& server_;
  WorkerPool::Statement busy_;
};

}  // namespace heliosdb::server

#include "server/wire/wire_server.hpp"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include "engine/exec/sequence_ops.hpp"
#include "engine/session/matview_refresher.hpp"
#include "server/auth/roles.hpp"
#include "server/config/server_config.hpp"
#include "server/logging.hpp"
#include "server/open_store.hpp"
#include "server/wire/connection.hpp"
#include "storage/compaction_scheduler.hpp"
#include "storage/storage_error.hpp"

namespace heliosdb::server {

namespace {

int worker_count(const ServerOptions& options) {
  if (options.workers > 0) return options.workers;
  return static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
}

asio::awaitable<void> serve(std::shared_ptr<Connection> connection) { co_await connection->run(); }

template <typename Acceptor>
asio::awaitable<void> accept_loop(Acceptor& acceptor, ServerContext& server) {
  for (;;) {
    // Each connection lives on the worker pool, on a strand: its coroutine
    // and what other threads post to it (wake-ups, timers) never overlap.
    auto strand = asio::make_strand(server.workers.next_executor());
    auto socket = co_await acceptor.async_accept(strand, asio::use_awaitable);
    if constexpr (std::is_same_v<Acceptor, tcp::acceptor>) socket.set_option(tcp::no_delay(true));
    auto connection = std::make_shared<Connection>(ClientSocket(std::move(socket)), server);
    asio::co_spawn(strand, serve(std::move(connection)), asio::detached);
  }
}

void log_end(std::exception_ptr e) {
  if (!e) return;
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    spdlog::debug("accept loop ended: {}", ex.what());
  }
}

using UnixAcceptor = asio::local::stream_protocol::acceptor;

// PostgreSQL's socket name, so `psql -h DIR -p PORT` finds it. A socket file
// left by a server that is gone is replaced; one a live server answers on
// is not.
std::optional<std::string> listen_unix(UnixAcceptor& acceptor, const ServerOptions& options) {
  const std::string path = options.unix_socket_dir + "/.s.PGSQL." + std::to_string(options.port);
  asio::local::stream_protocol::endpoint endpoint(path);
  if (std::filesystem::exists(path)) {
    asio::local::stream_protocol::socket probe(acceptor.get_executor());
    boost::system::error_code ec;
    probe.connect(endpoint, ec);
    if (!ec) throw std::runtime_error("another server is listening on " + path);
    std::filesystem::remove(path);
  }
  acceptor.open(endpoint.protocol());
  acceptor.bind(endpoint);
  acceptor.listen();
  std::filesystem::permissions(path, std::filesystem::perms::all);  // as unix_socket_permissions = 0777
  return path;
}

// After SIGTERM or SIGINT: no new connections; statements running now may
// finish within the grace period, then are cancelled; then the server stops
// (open transactions roll back, committed data stays).
asio::awaitable<void> drain_and_stop(asio::io_context& io, ServerContext& server) {
  using namespace std::chrono_literals;
  asio::steady_timer timer(io);
  auto wait_while_running = [&](std::chrono::steady_clock::duration limit) -> asio::awaitable<void> {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (server.running_statements.load() > 0 && std::chrono::steady_clock::now() < deadline) {
      timer.expires_after(20ms);
      co_await timer.async_wait(asio::use_awaitable);
    }
  };
  co_await wait_while_running(std::chrono::seconds(server.options.shutdown_grace_seconds));
  if (int running = server.running_statements.load(); running > 0) {
    spdlog::warn("cancelling {} statement(s) still running after the grace period", running);
    server.cancel_all();
    co_await wait_while_running(5s);
  }
  io.stop();
}

std::chrono::microseconds retention_of(const ServerOptions& options) {
  return std::chrono::microseconds(static_cast<std::int64_t>(options.retention_days * 86400.0 * 1e6));
}

// SIGHUP: the config file is read again. Session parameters apply to new
// sessions and the log level at once; a parameter that needs a restart
// keeps its value, with PostgreSQL's message. A file that no longer parses
// changes nothing.
void reload_config(ServerContext& server) {
  const ServerOptions& running = server.options;
  if (running.config_file.empty()) {
    spdlog::info("received SIGHUP: no configuration file to reload");
    return;
  }
  ServerOptions fresh = running;
  try {
    apply_config(read_config_file(running.config_file), running.overridden, running.config_file, fresh);
  } catch (const ConfigError& e) {
    spdlog::error("{}; configuration file \"{}\" contains errors; no changes were applied", e.what(),
                  running.config_file);
    return;
  }
  const auto before = server_parameters(running);
  const auto after = server_parameters(fresh);
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (before[i].second != after[i].second) {
      spdlog::warn("parameter \"{}\" cannot be changed without restarting the server", before[i].first);
    }
  }
  init_logging(*parse_log_level(fresh.log_level));
  server.set_session_defaults(fresh.session_defaults);
  server.store->set_retention(retention_of(fresh));
  spdlog::info("received SIGHUP, reloaded configuration file \"{}\"", running.config_file);
}

// TLS 1.2 and later with the configured certificate and key (PEM), as
// PostgreSQL's ssl_min_protocol_version defaults to.
std::unique_ptr<asio::ssl::context> make_tls_context(const ServerOptions& options) {
  auto context = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
  context->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                       asio::ssl::context::single_dh_use);
  context->use_certificate_chain_file(options.ssl_cert_file);
  context->use_private_key_file(options.ssl_key_file, asio::ssl::context::pem);
  return context;
}

// An hba file's text. Throws std::runtime_error if it cannot be read.
std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("could not open file \"" + path + "\": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

ServerContext::ServerContext(const ServerOptions& opts, std::unique_ptr<storage::Store> s)
    : options(opts),
      store(std::move(s)),
      workers(static_cast<std::size_t>(worker_count(opts))),
      session_defaults_(opts.session_defaults) {}

void ServerContext::add_backend(std::uint32_t pid, std::uint32_t secret, engine::Interrupts& interrupts,
                                std::shared_ptr<BackendStatus> status) {
  std::lock_guard lock(backends_mutex_);
  backends_[pid] = Backend{secret, &interrupts, std::move(status)};
}

void ServerContext::remove_backend(std::uint32_t pid) {
  std::lock_guard lock(backends_mutex_);
  backends_.erase(pid);
}

bool ServerContext::cancel(std::uint32_t pid, std::uint32_t secret) {
  std::lock_guard lock(backends_mutex_);
  auto it = backends_.find(pid);
  if (it == backends_.end() || it->second.secret != secret) return false;
  it->second.interrupts->request_cancel();
  return true;
}

void ServerContext::cancel_all() {
  std::lock_guard lock(backends_mutex_);
  for (auto& [pid, backend] : backends_) backend.interrupts->request_cancel();
}

std::vector<engine::BackendActivity> ServerContext::activity() const {
  std::vector<engine::BackendActivity> out;
  std::lock_guard lock(backends_mutex_);
  for (const auto& entry : backends_) {
    std::lock_guard status_lock(entry.second.status->mutex);
    out.push_back(entry.second.status->activity);
  }
  return out;
}

bool ServerContext::cancel_backend(std::int32_t pid) {
  std::lock_guard lock(backends_mutex_);
  auto it = backends_.find(static_cast<std::uint32_t>(pid));
  if (it == backends_.end()) return false;
  it->second.interrupts->request_cancel();
  return true;
}

bool ServerContext::terminate_backend(std::int32_t pid, std::int32_t caller) {
  std::lock_guard lock(backends_mutex_);
  auto it = backends_.find(static_cast<std::uint32_t>(pid));
  if (it == backends_.end()) return false;
  it->second.status->terminate.store(true);
  if (pid != caller) it->second.interrupts->request_cancel();
  if (it->second.status->wake) it->second.status->wake();
  return true;
}

int run_wire_server(const ServerOptions& options) {
  std::unique_ptr<storage::Store> store;
  try {
    store = open_store(options.memory, options.data_dir, options.encryption_key_file);
  } catch (const storage::StorageError& e) {
    spdlog::critical("could not open the database: {}", e.what());
    return 1;
  }
  HbaRules hba = HbaRules::defaults(options.local_auth, options.host_auth);
  try {
    if (!options.hba_file.empty()) hba = HbaRules::parse(read_text_file(options.hba_file), options.hba_file);
    for (const std::string& name : bootstrap_roles(*store, options.superuser_password)) {
      spdlog::info("created superuser role \"{}\"{}", name,
                   options.superuser_password.empty() ? "" : " with the configured password");
    }
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return 1;
  }
  std::unique_ptr<asio::ssl::context> tls;
  if (options.ssl) {
    try {
      tls = make_tls_context(options);
    } catch (const std::exception& e) {
      spdlog::critical("could not load the TLS certificate \"{}\" and key \"{}\": {}", options.ssl_cert_file,
                       options.ssl_key_file, e.what());
      return 1;
    }
  }
  store->set_retention(retention_of(options));
  ServerContext server(options, std::move(store));
  storage::CompactionScheduler compaction(*server.store, std::chrono::hours(options.compact_interval_hours));
  engine::MatViewRefresher refresher(*server.store);
  server.hba = std::move(hba);
  server.tls = std::move(tls);
  asio::io_context io;
  tcp::acceptor acceptor(io);
  try {
    tcp::endpoint endpoint(asio::ip::make_address(options.listen_address), options.port);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen();
  } catch (const boost::system::system_error& e) {
    spdlog::critical("could not listen on {}:{}: {}", options.listen_address, options.port, e.what());
    return 1;
  }
  UnixAcceptor unix_acceptor(io);
  std::optional<std::string> socket_path;
  if (!options.unix_socket_dir.empty()) {
    try {
      socket_path = listen_unix(unix_acceptor, options);
    } catch (const std::exception& e) {
      spdlog::critical("could not listen on a Unix socket in {}: {}", options.unix_socket_dir, e.what());
      return 1;
    }
  }
  spdlog::info("listening on {}:{}{} ({})", options.listen_address, acceptor.local_endpoint().port(),
               socket_path ? " and " + *socket_path : "",
               options.memory ? "in-memory database" : "database in " + options.data_dir);
  asio::co_spawn(io, accept_loop(acceptor, server), log_end);
  if (socket_path) asio::co_spawn(io, accept_loop(unix_acceptor, server), log_end);
  asio::signal_set reload_signal(io, SIGHUP);
  std::function<void()> wait_for_reload = [&] {
    reload_signal.async_wait([&](const boost::system::error_code& ec, int) {
      if (ec) return;
      reload_config(server);
      wait_for_reload();
    });
  };
  wait_for_reload();
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("received signal {}: shutting down", signal);
    boost::system::error_code ignored;
    acceptor.close(ignored);
    unix_acceptor.close(ignored);
    reload_signal.cancel(ignored);
    asio::co_spawn(io, drain_and_stop(io, server), asio::detached);
  });
  io.run();
  if (socket_path) {
    std::error_code ignored;
    std::filesystem::remove(*socket_path, ignored);
  }
  // Connections still open are dropped; their open transactions roll back.
  server.workers.stop();
  engine::release_sequence_reservations(*server.store);
  spdlog::info("database closed");
  return 0;
}

}  // namespace heliosdb::server

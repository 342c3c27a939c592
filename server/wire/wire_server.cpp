#include "server/wire/wire_server.hpp"

#include <spdlog/spdlog.h>

#include <csignal>
#include <thread>

#include "engine/exec/sequence_ops.hpp"
#include "server/wire/connection.hpp"
#include "storage/storage_error.hpp"

namespace heliosdb::server {

namespace {

int worker_count(const ServerOptions& options) {
  if (options.workers > 0) return options.workers;
  return static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
}

asio::awaitable<void> serve(std::shared_ptr<Connection> connection) { co_await connection->run(); }

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, ServerContext& server) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    socket.set_option(tcp::no_delay(true));
    auto connection = std::make_shared<Connection>(std::move(socket), server);
    asio::co_spawn(acceptor.get_executor(), serve(std::move(connection)), asio::detached);
  }
}

}  // namespace

ServerContext::ServerContext(const ServerOptions& opts, std::unique_ptr<storage::Store> s)
    : options(opts), store(std::move(s)), workers(static_cast<std::size_t>(worker_count(opts))) {}

void ServerContext::add_backend(std::uint32_t pid, std::uint32_t secret, engine::Interrupts& interrupts) {
  std::lock_guard lock(backends_mutex_);
  backends_[pid] = Backend{secret, &interrupts};
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

int run_wire_server(const ServerOptions& options) {
  std::unique_ptr<storage::Store> store;
  try {
    if (options.memory) {
      store = storage::Store::open_in_memory();
    } else {
      storage::StoreOptions store_options;
      store_options.env.path = options.data_dir;
      store = storage::Store::open(store_options);
    }
  } catch (const storage::StorageError& e) {
    spdlog::critical("could not open the database: {}", e.what());
    return 1;
  }
  ServerContext server(options, std::move(store));
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
  spdlog::info("listening on {}:{} ({})", options.listen_address, acceptor.local_endpoint().port(),
               options.memory ? "in-memory database" : "database in " + options.data_dir);
  asio::co_spawn(io, accept_loop(acceptor, server), [](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      spdlog::debug("accept loop ended: {}", ex.what());
    }
  });
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("received signal {}: shutting down", signal);
    io.stop();
  });
  io.run();
  // Connections still open are dropped; their open transactions roll back.
  server.workers.join();
  engine::release_sequence_reservations(*server.store);
  spdlog::info("database closed");
  return 0;
}

}  // namespace heliosdb::server

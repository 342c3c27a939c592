#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "server/wire/asio.hpp"
#include "storage/store.hpp"

namespace heliosdb::server {

/// How the server is set up: from flags, environment and config.
struct ServerOptions {
  std::string data_dir;  ///< empty with `memory`
  bool memory = false;
  std::string listen_address = "127.0.0.1";
  std::uint16_t port = 5432;
  int max_connections = 100;
  int workers = 0;  ///< statement threads; 0: one per core
};

/// What every connection of one server shares: the database, the threads
/// statements run on, and the table of live backends (for cancel keys and
/// the connection limit).
struct ServerContext {
  ServerContext(const ServerOptions& options, std::unique_ptr<storage::Store> store);

  const ServerOptions options;
  std::unique_ptr<storage::Store> store;
  asio::thread_pool workers;
  std::atomic<int> connections{0};
  std::atomic<std::uint32_t> next_pid{1000};
};

}  // namespace heliosdb::server

#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "engine/session/session.hpp"
#include "protocol/backend_messages.hpp"
#include "protocol/frontend_messages.hpp"
#include "server/wire/asio.hpp"
#include "server/wire/server_context.hpp"

namespace heliosdb::server {

/// One client connection: the protocol's state machine over a socket, from
/// the startup packet to Terminate. I/O runs on the server's I/O thread;
/// statements run on its worker pool, one at a time per connection.
class Connection {
 public:
  Connection(tcp::socket socket, ServerContext& server);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Serves the client until it leaves or breaks the protocol.
  asio::awaitable<void> run();

 private:
  /// Startup through ReadyForQuery; false if the connection is to close.
  asio::awaitable<bool> start();
  asio::awaitable<std::string> read_exactly(std::size_t n);
  /// The next message's type and body; nullopt when the client has gone.
  asio::awaitable<std::optional<std::pair<char, std::string>>> read_message();
  asio::awaitable<void> flush();
  /// A FATAL error to the client; the connection then closes.
  asio::awaitable<void> fatal(const char* code, const std::string& message);

  void simple_query(const std::string& sql);
  void send_result(const engine::QueryResult& result);
  void send_error(const protocol::ErrorFields& error);
  void ready_for_query();
  /// ParameterStatus for each reported parameter whose value changed.
  void report_parameters();

  tcp::socket socket_;
  ServerContext& server_;
  std::optional<engine::Session> session_;
  protocol::BackendWriter out_;
  std::uint32_t pid_ = 0;
  std::uint32_t secret_ = 0;
  bool counted_ = false;                         ///< holds one of max_connections
  bool skip_to_sync_ = false;                    ///< after an error in an extended-protocol message
  std::map<std::string, std::string> reported_;  ///< what ParameterStatus last said
};

}  // namespace heliosdb::server

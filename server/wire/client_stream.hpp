#pragma once

#include <cstddef>
#include <optional>

#include <boost/asio/ssl.hpp>

#include "server/wire/asio.hpp"

namespace heliosdb::server {

/// A client's byte stream: the socket, or TLS over it once the client asked
/// for it with SSLRequest and the server has a certificate. The connection's
/// coroutine reads and writes it on the I/O thread; COPY uses the blocking
/// calls from the worker thread while the coroutine waits, never both at once.
class ClientStream {
 public:
  explicit ClientStream(ClientSocket socket) : socket_(std::move(socket)) {}
  ClientStream(const ClientStream&) = delete;
  ClientStream& operator=(const ClientStream&) = delete;

  ClientSocket& socket() { return socket_; }
  bool encrypted() const { return tls_.has_value(); }

  /// The server's side of the TLS handshake; from then on everything is
  /// encrypted. Throws boost::system::system_error if the handshake fails.
  asio::awaitable<void> start_tls(asio::ssl::context& context);

  asio::awaitable<std::size_t> read_some(asio::mutable_buffer buffer);
  asio::awaitable<void> write_all(asio::const_buffer buffer);
  /// Blocking versions, for COPY's transfer on the worker thread.
  std::size_t read_some(asio::mutable_buffer buffer, boost::system::error_code& ec);
  void write_all(asio::const_buffer buffer, boost::system::error_code& ec);

  /// Stops a pending read (a notification wakes an idle connection).
  void cancel() {
    boost::system::error_code ignored;
    socket_.cancel(ignored);
  }

 private:
  ClientSocket socket_;
  std::optional<asio::ssl::stream<ClientSocket&>> tls_;
};

}  // namespace heliosdb::server

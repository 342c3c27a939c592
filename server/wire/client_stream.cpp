#include "server/wire/client_stream.hpp"

namespace heliosdb::server {

asio::awaitable<void> ClientStream::start_tls(asio::ssl::context& context) {
  tls_.emplace(socket_, context);
  co_await tls_->async_handshake(asio::ssl::stream_base::server, asio::use_awaitable);
}

asio::awaitable<std::size_t> ClientStream::read_some(asio::mutable_buffer buffer) {
  if (tls_) co_return co_await tls_->async_read_some(buffer, asio::use_awaitable);
  co_return co_await socket_.async_read_some(buffer, asio::use_awaitable);
}

asio::awaitable<void> ClientStream::write_all(asio::const_buffer buffer) {
  if (tls_) {
    co_await asio::async_write(*tls_, buffer, asio::use_awaitable);
  } else {
    co_await asio::async_write(socket_, buffer, asio::use_awaitable);
  }
}

std::size_t ClientStream::read_some(asio::mutable_buffer buffer, boost::system::error_code& ec) {
  return tls_ ? tls_->read_some(buffer, ec) : socket_.read_some(buffer, ec);
}

void ClientStream::write_all(asio::const_buffer buffer, boost::system::error_code& ec) {
  if (tls_) {
    asio::write(*tls_, buffer, ec);
  } else {
    asio::write(socket_, buffer, ec);
  }
}

}  // namespace heliosdb::server

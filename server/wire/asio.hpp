#pragma once

// Boost.Asio with C++20 coroutines, as the server uses it. <utility> first:
// Boost 1.74's awaitable.hpp uses std::exchange without including it.
#include <utility>

#include <boost/asio.hpp>

namespace heliosdb::server {
namespace asio = boost::asio;
using asio::ip::tcp;
/// A client's socket, whether TCP or Unix-domain.
using ClientSocket = asio::generic::stream_protocol::socket;
}  // namespace heliosdb::server

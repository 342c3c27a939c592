#pragma once

// What a client sends, decoded from the bytes of one message. Framing (how
// many bytes a message has) is the caller's: see wire_format.hpp.

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace heliosdb::protocol {

/// A message that breaks the protocol (SQLSTATE 08P01): the connection
/// cannot go on, since we no longer know where the next message starts.
class ProtocolViolation : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The first packet of a connection: a startup message, or a request that
/// takes its place.
struct StartupPacket {
  enum class Kind : std::uint8_t { kStartup, kSslRequest, kGssEncRequest, kCancel };
  Kind kind = Kind::kStartup;
  std::uint32_t protocol = 0;                     ///< kStartup: the version asked for
  std::map<std::string, std::string> parameters;  ///< kStartup: user, database, options, ...
  std::uint32_t cancel_pid = 0;                   ///< kCancel: the backend's key
  std::uint32_t cancel_secret = 0;
};

/// Decodes a startup packet's body (the bytes after its length word).
/// Throws ProtocolViolation if it is malformed.
StartupPacket decode_startup(std::string_view body);

/// The SQL text of a Query ('Q') message's body.
std::string decode_query(std::string_view body);

}  // namespace heliosdb::protocol

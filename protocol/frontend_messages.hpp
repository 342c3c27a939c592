#pragma once

// What a client sends, decoded from the bytes of one message. Framing (how
// many bytes a message has) is the caller's: see wire_format.hpp.

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

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

// Authentication: three messages share the type 'p'; which one comes
// follows from what the server asked for.

/// PasswordMessage: the cleartext password, or "md5" + hex for md5.
std::string decode_password(std::string_view body);

/// SASLInitialResponse: the mechanism the client picked and its first
/// message (none if the client sent length -1).
struct SaslInitialResponse {
  std::string mechanism;
  std::optional<std::string> data;
};
SaslInitialResponse decode_sasl_initial_response(std::string_view body);

// The extended query protocol's messages.

/// Parse ('P'): a statement to prepare, with the parameter types the client
/// fixes (0: let the server decide).
struct ParseMessage {
  std::string statement;  ///< empty: the unnamed statement
  std::string query;
  std::vector<std::uint32_t> param_types;
};

/// Bind ('B'): a portal from a statement and parameter values.
struct BindMessage {
  std::string portal;
  std::string statement;
  std::vector<std::int16_t> param_formats;         ///< none: all text; one: for all; else one each
  std::vector<std::optional<std::string>> params;  ///< nullopt: NULL
  std::vector<std::int16_t> result_formats;        ///< the same rule, per result column
};

/// Describe ('D') and Close ('C'): of a statement ('S') or a portal ('P').
struct TargetMessage {
  char kind = 'S';
  std::string name;
};

/// Execute ('E'): run a portal, returning at most `max_rows` rows (0: all).
struct ExecuteMessage {
  std::string portal;
  std::uint32_t max_rows = 0;
};

ParseMessage decode_parse(std::string_view body);
BindMessage decode_bind(std::string_view body);
TargetMessage decode_target(std::string_view body);  ///< Describe and Close
ExecuteMessage decode_execute(std::string_view body);

/// The format code of column or parameter `i` under PostgreSQL's rule for
/// format lists (none: text, one: all, else one each); throws
/// ProtocolViolation if the list has another length.
std::int16_t format_of(const std::vector<std::int16_t>& formats, std::size_t i, std::size_t count);

}  // namespace heliosdb::protocol

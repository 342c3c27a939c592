#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "engine/auth/password_verifier.hpp"

namespace heliosdb::server {

/// A malformed or unexpected SCRAM message from the client. The session
/// answers with FATAL 08P01 (protocol_violation), what() as the message and
/// detail(), when not empty, as the DETAIL field, as PostgreSQL does.
class ScramError : public std::runtime_error {
 public:
  using runtime_error::runtime_error;
  ScramError(const std::string& message, std::string detail)
      : std::runtime_error(message), detail_(std::move(detail)) {}

  /// PostgreSQL's errdetail for this error; empty when there is none.
  const std::string& detail() const { return detail_; }

 private:
  std::string detail_;
};

/// The server side of one SCRAM-SHA-256 authentication (RFC 5802, RFC 7677)
/// as PostgreSQL runs it (docs: "SASL Authentication"), without I/O: the
/// session feeds it the data of SASLInitialResponse and SASLResponse and sends
/// what it returns in AuthenticationSASLContinue / AuthenticationSASLFinal.
/// Only SCRAM-SHA-256 without channel binding: the server never advertises
/// SCRAM-SHA-256-PLUS. One object per authentication attempt; not
/// thread-safe; the client's user name in the messages is ignored (the role
/// comes from the startup packet, as in PostgreSQL).
class ScramExchange {
 public:
  /// `secret`: the role's SCRAM secret; nullopt runs a mock exchange (unknown
  /// role, no password, or an md5 one) that looks the same to the client and
  /// always fails, so a client cannot probe which roles exist. `mock_seed`
  /// (e.g. the role name) makes the mock salt stable per role within this
  /// process. A given secret must be well-formed (as from parse_scram_secret).
  ScramExchange(std::optional<engine::auth::ScramSecret> secret, std::string_view mock_seed);

  /// client-first-message (the data of SASLInitialResponse) ->
  /// server-first-message "r=<nonce>,s=<salt>,i=<iterations>". Throws
  /// ScramError if the message is malformed, asks for channel binding or an
  /// authorization identity or a mandatory extension, or comes out of order.
  /// Throws std::runtime_error if no random nonce can be generated.
  std::string handle_client_first(std::string_view client_first);

  /// client-final-message (the data of SASLResponse) -> server-final-message
  /// "v=<base64 ServerSignature>" if the proof is right, nullopt if it is
  /// wrong or this is a mock exchange (the session then sends FATAL 28P01,
  /// password authentication failed). Throws ScramError if the message is
  /// malformed, its channel binding or nonce does not match, or it comes out
  /// of order. Either way the exchange is over afterwards.
  std::optional<std::string> handle_client_final(std::string_view client_final);

 private:
  enum class Stage : std::uint8_t { kExpectClientFirst, kExpectClientFinal, kDone };

  engine::auth::ScramSecret secret_;
  bool mock_ = false;
  Stage stage_ = Stage::kExpectClientFirst;
  std::string gs2_header_;
  std::string client_first_bare_;
  std::string server_first_;
  std::string nonce_;  // client nonce + server nonce
};

}  // namespace heliosdb::server

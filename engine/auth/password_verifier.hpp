#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// What CREATE/ALTER ROLE ... PASSWORD stores (pg_authid.rolpassword) and how
// the password, md5 and SCRAM authentication methods check against it, as
// PostgreSQL 15 does (docs: "Password Authentication", and the
// password_encryption setting).
namespace heliosdb::engine::auth {

/// The password_encryption setting: how a cleartext password is hashed.
enum class PasswordEncryption : std::uint8_t { kMd5, kScramSha256 };

/// PostgreSQL's defaults for a new SCRAM secret (scram_iterations is fixed at
/// 4096 in PostgreSQL 15; the salt is 16 bytes).
inline constexpr int kScramIterations = 4096;
inline constexpr std::size_t kScramSaltLength = 16;

/// A parsed "SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>"
/// secret. All strings hold raw bytes (not base64); a secret from
/// parse_scram_secret or derive_scram_secret has 32-byte keys, a non-empty
/// salt and iterations >= 1.
struct ScramSecret {
  int iterations = 0;
  std::string salt;
  std::string stored_key;
  std::string server_key;
};

/// The verifier to store for `password` of role `role`. If `password` already
/// is a verifier (an md5 one, or a well-formed SCRAM secret, as psql's
/// \password sends), it is returned unchanged whatever `how` says, as
/// PostgreSQL does. Otherwise md5 gives "md5" + hex(md5(password + role)) and
/// SCRAM a new secret with kScramIterations and a random kScramSaltLength-byte
/// salt. Throws std::runtime_error only if libcrypto fails (no randomness).
std::string make_verifier(std::string_view password, std::string_view role, PasswordEncryption how);

/// The SCRAM-SHA-256 keys for `password` with the given salt and iteration
/// count (RFC 5802 section 3): SaltedPassword = Hi(password, salt, i),
/// StoredKey = H(HMAC(SaltedPassword, "Client Key")), ServerKey =
/// HMAC(SaltedPassword, "Server Key"). `iterations` must be >= 1. Throws
/// std::runtime_error if libcrypto fails.
ScramSecret derive_scram_secret(std::string_view password, std::string_view salt, int iterations);

/// The text form of `secret` as stored in rolpassword, with standard base64.
std::string format_scram_secret(const ScramSecret& secret);

/// Parses a stored SCRAM-SHA-256 secret; nullopt unless it is exactly
/// "SCRAM-SHA-256$<i>:<salt>$<StoredKey>:<ServerKey>" with i a decimal int >= 1,
/// strict base64 throughout, a non-empty salt and 32-byte keys.
std::optional<ScramSecret> parse_scram_secret(std::string_view verifier);

/// True iff `verifier` is "md5" followed by exactly 32 lowercase hex digits
/// (PostgreSQL's test for an md5-hashed password).
bool is_md5_verifier(std::string_view verifier);

/// The cleartext "password" authentication method: true iff `password`,
/// sent in clear by the client for `role`, matches the stored `verifier`
/// (recomputed with the secret's salt and iterations, where StoredKey and
/// ServerKey must both match, or md5(password + role)). False for a verifier
/// of neither kind. Compares in constant time. Throws
/// std::runtime_error only if libcrypto fails.
bool check_cleartext(std::string_view verifier, std::string_view role, std::string_view password);

/// The "md5" authentication method: true iff `response` (the client's
/// PasswordMessage, without its terminating NUL) is "md5" +
/// hex(md5(<hex digits of the md5 verifier> + salt4)), where `salt4` is the
/// 4-byte salt the server sent in AuthenticationMD5Password. False if
/// `verifier` is not an md5 verifier (a SCRAM secret cannot answer an md5
/// challenge). Compares in constant time.
bool check_md5_response(std::string_view verifier, std::string_view salt4, std::string_view response);

}  // namespace heliosdb::engine::auth

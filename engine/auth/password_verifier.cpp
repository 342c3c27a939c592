#include "engine/auth/password_verifier.hpp"

#include <charconv>
#include <utility>

#include "engine/auth/crypto.hpp"

namespace heliosdb::engine::auth {

namespace {

constexpr std::string_view kScramPrefix = "SCRAM-SHA-256$";
constexpr std::string_view kMd5Prefix = "md5";
constexpr std::size_t kMd5HexLength = 32;

// PostgreSQL runs the password through SASLprep (RFC 4013) before hashing it
// and falls back to the raw bytes when SASLprep fails. For ASCII passwords
// SASLprep either leaves the text unchanged or fails (control characters), so
// using the bytes as given agrees with PostgreSQL there; passwords with
// non-ASCII characters that NFKC normalization would change are not
// normalized here.
std::string_view prepared_password(std::string_view password) { return password; }

std::string md5_verifier(std::string_view password, std::string_view role) {
  std::string input(password);
  input += role;
  return std::string(kMd5Prefix) + md5_hex(input);
}

// Splits `text` at the first `separator`; nullopt if there is none.
std::optional<std::pair<std::string_view, std::string_view>> split_once(std::string_view text, char separator) {
  const std::size_t at = text.find(separator);
  if (at == std::string_view::npos) return std::nullopt;
  return std::pair{text.substr(0, at), text.substr(at + 1)};
}

}  // namespace

std::string make_verifier(std::string_view password, std::string_view role, PasswordEncryption how) {
  // A client that hashed the password itself sends the verifier; storing it
  // as is lets the cleartext never reach the server.
  if (is_md5_verifier(password) || parse_scram_secret(password)) return std::string(password);
  switch (how) {
    case PasswordEncryption::kMd5:
      return md5_verifier(prepared_password(password), role);
    case PasswordEncryption::kScramSha256:
      return format_scram_secret(
          derive_scram_secret(prepared_password(password), random_bytes(kScramSaltLength), kScramIterations));
  }
  return {};  // unreachable: every enumerator returns above
}

ScramSecret derive_scram_secret(std::string_view password, std::string_view salt, int iterations) {
  const std::string salted_password = pbkdf2_hmac_sha256(password, salt, iterations);
  ScramSecret secret;
  secret.iterations = iterations;
  secret.salt = std::string(salt);
  secret.stored_key = sha256(hmac_sha256(salted_password, "Client Key"));
  secret.server_key = hmac_sha256(salted_password, "Server Key");
  return secret;
}

std::string format_scram_secret(const ScramSecret& secret) {
  return std::string(kScramPrefix) + std::to_string(secret.iterations) + ":" + base64_encode(secret.salt) + "$" +
         base64_encode(secret.stored_key) + ":" + base64_encode(secret.server_key);
}

std::optional<ScramSecret> parse_scram_secret(std::string_view verifier) {
  if (verifier.substr(0, kScramPrefix.size()) != kScramPrefix) return std::nullopt;
  const auto parameters_and_keys = split_once(verifier.substr(kScramPrefix.size()), '$');
  if (!parameters_and_keys) return std::nullopt;
  const auto iterations_and_salt = split_once(parameters_and_keys->first, ':');
  const auto keys = split_once(parameters_and_keys->second, ':');
  if (!iterations_and_salt || !keys) return std::nullopt;

  // Only plain decimal digits: from_chars alone would also take a '-'.
  const std::string_view iterations_text = iterations_and_salt->first;
  if (iterations_text.empty() || iterations_text.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  ScramSecret secret;
  const auto [end, error] =
      std::from_chars(iterations_text.data(), iterations_text.data() + iterations_text.size(), secret.iterations);
  if (error != std::errc{} || end != iterations_text.data() + iterations_text.size() || secret.iterations < 1) {
    return std::nullopt;
  }

  auto salt = base64_decode(iterations_and_salt->second);
  auto stored_key = base64_decode(keys->first);
  auto server_key = base64_decode(keys->second);
  if (!salt || salt->empty() || !stored_key || stored_key->size() != kSha256Length || !server_key ||
      server_key->size() != kSha256Length) {
    return std::nullopt;
  }
  secret.salt = std::move(*salt);
  secret.stored_key = std::move(*stored_key);
  secret.server_key = std::move(*server_key);
  return secret;
}

bool is_md5_verifier(std::string_view verifier) {
  return verifier.size() == kMd5Prefix.size() + kMd5HexLength && verifier.substr(0, kMd5Prefix.size()) == kMd5Prefix &&
         verifier.find_first_not_of("0123456789abcdef", kMd5Prefix.size()) == std::string_view::npos;
}

bool check_cleartext(std::string_view verifier, std::string_view role, std::string_view password) {
  if (const auto secret = parse_scram_secret(verifier)) {
    const ScramSecret computed = derive_scram_secret(prepared_password(password), secret->salt, secret->iterations);
    // Both keys come from the password. Requiring both means a hand-made
    // secret with one wrong key fails here as it would fail SCRAM, where the
    // server checks StoredKey and the client checks ServerKey.
    const bool stored_ok = constant_time_equal(computed.stored_key, secret->stored_key);
    const bool server_ok = constant_time_equal(computed.server_key, secret->server_key);
    return stored_ok && server_ok;
  }
  if (is_md5_verifier(verifier)) return constant_time_equal(md5_verifier(prepared_password(password), role), verifier);
  return false;
}

bool check_md5_response(std::string_view verifier, std::string_view salt4, std::string_view response) {
  if (!is_md5_verifier(verifier)) return false;
  std::string input(verifier.substr(kMd5Prefix.size()));
  input += salt4;
  return constant_time_equal(std::string(kMd5Prefix) + md5_hex(input), response);
}

}  // namespace heliosdb::engine::auth

#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

// Small wrappers over OpenSSL's libcrypto for password verifiers and SCRAM.
// Every byte string is a std::string holding raw bytes (not text); only the
// *_hex and base64 functions produce printable text. All functions are
// thread-safe (OpenSSL 3 locks its own state) and keep no state of their own.
namespace heliosdb::engine::auth {

/// Length in bytes of a SHA-256 digest, and so of SCRAM-SHA-256 keys and proofs.
inline constexpr std::size_t kSha256Length = 32;

/// `n` bytes from OpenSSL's CSPRNG (RAND_bytes). Throws std::runtime_error if
/// the generator cannot deliver (not seeded, or `n` too large for OpenSSL).
std::string random_bytes(std::size_t n);

/// SHA-256 of `data`: 32 raw bytes. Throws std::runtime_error only if libcrypto
/// itself fails (no default provider).
std::string sha256(std::string_view data);

/// HMAC-SHA-256 of `data` under `key`: 32 raw bytes. Throws std::runtime_error
/// if libcrypto fails or the key is longer than an int can count.
std::string hmac_sha256(std::string_view key, std::string_view data);

/// PBKDF2 with HMAC-SHA-256 (RFC 8018), one 32-byte block: SCRAM's
/// Hi(password, salt, iterations). `iterations` must be at least 1. Throws
/// std::runtime_error if libcrypto rejects the arguments.
std::string pbkdf2_hmac_sha256(std::string_view password, std::string_view salt, int iterations);

/// MD5 of `data` as 32 lowercase hex digits (PostgreSQL's md5 password format).
/// Throws std::runtime_error only if libcrypto fails.
std::string md5_hex(std::string_view data);

/// Raw bytes as lowercase hex digits, two per byte.
std::string hex_encode(std::string_view bytes);

/// Standard base64 (RFC 4648 section 4, '+' '/' and '=' padding) of raw bytes.
std::string base64_encode(std::string_view data);

/// Decodes standard base64 strictly: the length must be a multiple of 4, only
/// the alphabet is allowed (no whitespace), '=' only as the last one or two
/// characters, and the unused bits before padding must be zero (RFC 4648
/// section 3.5), so every byte string has exactly one accepted encoding.
/// nullopt if `text` breaks any of these rules.
std::optional<std::string> base64_decode(std::string_view text);

/// True iff `a` and `b` are equal, taking time that depends only on their
/// lengths (CRYPTO_memcmp), so a comparison of secrets leaks no prefix length.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace heliosdb::engine::auth

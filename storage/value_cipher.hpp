#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/aes_gcm.hpp"
#include "storage/encryption_key.hpp"

namespace heliosdb::storage {

/// AES-256-GCM over the values a store writes: each sealed value is
/// nonce (12 bytes) | ciphertext | tag (16 bytes). The associated data (the
/// stored key it is written under) is authenticated too, so a value moved to
/// another key, or altered, does not open.
///
/// Nonces are a random 64-bit prefix per thread and a counter, so they
/// never repeat under one key without a (2^-64-unlikely) prefix collision.
/// Thread-safe: each thread keeps its own OpenSSL contexts.
class ValueCipher {
 public:
  static constexpr std::size_t kNonceBytes = 12;
  static constexpr std::size_t kTagBytes = 16;
  static constexpr std::size_t kOverhead = kNonceBytes + kTagBytes;

  /// `cpu_instructions` false: always through OpenSSL (tests compare the two).
  explicit ValueCipher(const KeyBytes& key, bool cpu_instructions = true);

  /// Appends the sealed form of `plain` to `out`.
  void seal(std::string& out, std::string_view plain, std::string_view associated) const;
  /// Replaces `out` with the opened plaintext; false if `sealed` is not
  /// something this key sealed under `associated` (wrong key, damage).
  bool open(std::string& out, std::string_view sealed, std::string_view associated) const;

 private:
  KeyBytes key_;
  std::uint64_t id_;            ///< tells the per-thread OpenSSL contexts which key they hold
  std::optional<AesGcm> fast_;  ///< the same cipher on the CPU's instructions, where it has them
};

}  // namespace heliosdb::storage

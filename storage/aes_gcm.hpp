#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "storage/encryption_key.hpp"

namespace heliosdb::storage {

/// AES-256-GCM (NIST SP 800-38D, 96-bit nonces) on the CPU's AES and
/// carry-less multiply instructions. A row is tens of bytes, and OpenSSL's
/// EVP interface spends several times longer per call than the cipher does
/// on that; this does the same computation without the dispatch. The
/// ValueCipher uses it when available() and OpenSSL otherwise; tests check
/// the two agree.
class AesGcm {
 public:
  static constexpr std::size_t kTagBytes = 16;

  /// Whether this CPU has AES-NI and PCLMULQDQ.
  static bool available();

  explicit AesGcm(const KeyBytes& key);

  /// Encrypts `n` bytes of `in` into `out` (n bytes) and writes the tag.
  void seal(const std::uint8_t* nonce, std::string_view associated, const std::uint8_t* in, std::size_t n,
            std::uint8_t* out, std::uint8_t* tag) const;
  /// Decrypts into `out`; false if the tag does not match (then `out` holds
  /// nothing to use).
  bool open(const std::uint8_t* nonce, std::string_view associated, const std::uint8_t* in, std::size_t n,
            const std::uint8_t* tag, std::uint8_t* out) const;

 private:
  alignas(16) std::uint8_t round_keys_[15 * 16];
  /// The hash key H = E(K, 0) and H^2..H^4, each as big-endian 128-bit
  /// numbers (high word first).
  alignas(16) std::uint64_t h_powers_[8] = {};
};

}  // namespace heliosdb::storage

#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/encryption_key.hpp"

namespace heliosdb::storage {

/// Order-preserving encryption of the keys LMDB sorts: a store's B-trees must
/// still find and range-scan them, so keys cannot be sealed like values.
///
/// A keyed automaton reads the key a byte at a time: in each state a byte
/// becomes a 10-bit code from a random strictly increasing map of 0..255
/// into 0..1023, and the byte moves the automaton to a random next state.
/// Equal prefixes give equal states, so the codes of two keys agree until
/// their first differing byte and are ordered there as the bytes are;
/// packed MSB-first and padded with zero bits, the coded keys compare in LMDB
/// exactly as the plain keys would (a key before every key it prefixes, so a
/// seek to a coded prefix finds the first of them). Each `space` (an LMDB
/// sub-database) starts in its own state.
///
/// What it hides and what it does not: the bytes are not readable without
/// the key, and a byte's code depends on every byte before it; but, like
/// every order-preserving scheme, the coded keys show which keys are equal,
/// their order and roughly where in the order each lies. The values stored
/// under them are sealed with AES-256-GCM (ValueCipher).
class KeyCipher {
 public:
  /// 5/4 of the plain length, rounded up.
  static std::size_t coded_size(std::size_t plain) { return (plain * kCodeBits + 7) / 8; }

  explicit KeyCipher(const KeyBytes& key);

  /// Appends the coded form of `plain` to `out`.
  void encode(std::string& out, std::uint8_t space, std::string_view plain) const;
  /// What decoding one key leaves for the next: a scan's keys share long
  /// prefixes (branch, table, leading key columns), which need no decoding
  /// again. One per cursor.
  struct Memo {
    std::string coded;
    std::string plain;
    std::vector<std::uint16_t> states;  ///< [i]: the state before plain byte i
    std::uint8_t space = 0;
  };

  /// Replaces `out` with the plain key; false if `coded` is not a coded key.
  /// With `memo`, starts from the prefix it shares with the last key decoded.
  bool decode(std::string& out, std::uint8_t space, std::string_view coded, Memo* memo = nullptr) const;

 private:
  static constexpr int kCodeBits = 10;
  static constexpr std::size_t kStates = 512;

  const std::uint16_t* codes_of(std::uint16_t state) const { return &code_[std::size_t{state} * 256]; }

  std::vector<std::uint16_t> code_;    ///< [state][byte] -> code, increasing in byte
  std::vector<std::uint8_t> byte_of_;  ///< [state][code] -> the byte it codes, if any (check code_)
  std::vector<std::uint16_t> next_;    ///< [state][byte] -> state
  std::vector<std::uint16_t> start_;   ///< [space] -> first state
};

}  // namespace heliosdb::storage

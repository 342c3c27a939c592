#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace heliosdb::storage {

/// A store's master key: 256 bits, from which the value cipher's and the key
/// cipher's own keys are derived (see StoreCipher).
using KeyBytes = std::array<std::uint8_t, 32>;

/// A new random key, from OpenSSL's CSPRNG.
KeyBytes generate_key();
/// A key written as 64 hexadecimal digits (surrounding whitespace allowed, as
/// in a key file); nullopt for anything else.
std::optional<KeyBytes> parse_key_hex(std::string_view text);
std::string key_hex(const KeyBytes& key);

}  // namespace heliosdb::storage

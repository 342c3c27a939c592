#include "storage/encryption_key.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

#include "storage/hex.hpp"

namespace heliosdb::storage {

KeyBytes generate_key() {
  KeyBytes key{};
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1) {
    throw std::runtime_error("could not generate an encryption key: the random number generator failed");
  }
  return key;
}

std::optional<KeyBytes> parse_key_hex(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return std::nullopt;
  text = text.substr(first, text.find_last_not_of(kSpace) - first + 1);
  KeyBytes key{};
  const std::optional<std::string> bytes = text.size() == key.size() * 2 ? from_hex(text) : std::nullopt;
  if (!bytes) return std::nullopt;
  std::copy(bytes->begin(), bytes->end(), key.begin());
  return key;
}

std::string key_hex(const KeyBytes& key) {
  return to_hex(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
}

}  // namespace heliosdb::storage

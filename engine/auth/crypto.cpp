#include "engine/auth/crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <climits>
#include <cstdint>
#include <stdexcept>

namespace heliosdb::engine::auth {

namespace {

constexpr std::string_view kBase64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// OpenSSL takes lengths as int; a longer input is a caller bug or an attack,
// never a password.
int checked_int_length(std::size_t n, const char* what) {
  if (n > static_cast<std::size_t>(INT_MAX)) throw std::runtime_error(std::string(what) + " is too long");
  return static_cast<int>(n);
}

// OpenSSL treats a null key pointer as "no key given" rather than as an
// empty key, and an empty std::string_view may carry a null pointer.
const unsigned char* bytes_of(std::string_view s) {
  static constexpr unsigned char kEmpty = 0;
  return s.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(s.data());
}

std::string digest(std::string_view data, const EVP_MD* md, const char* name) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int length = 0;
  if (md == nullptr || EVP_Digest(bytes_of(data), data.size(), out.data(), &length, md, nullptr) != 1) {
    throw std::runtime_error(std::string(name) + " digest failed");
  }
  return std::string(reinterpret_cast<const char*>(out.data()), length);
}

// Value of one base64 character, or -1 for anything outside the alphabet.
int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  if (n == 0) return out;
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), checked_int_length(n, "random byte count")) != 1) {
    throw std::runtime_error("could not generate random bytes");
  }
  return out;
}

std::string sha256(std::string_view data) { return digest(data, EVP_sha256(), "SHA-256"); }

std::string hmac_sha256(std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), bytes_of(key), checked_int_length(key.size(), "HMAC key"), bytes_of(data), data.size(),
           out.data(), &length) == nullptr) {
    throw std::runtime_error("HMAC-SHA-256 failed");
  }
  return std::string(reinterpret_cast<const char*>(out.data()), length);
}

std::string pbkdf2_hmac_sha256(std::string_view password, std::string_view salt, int iterations) {
  if (iterations < 1) throw std::runtime_error("PBKDF2 needs at least one iteration");
  std::string out(kSha256Length, '\0');
  if (PKCS5_PBKDF2_HMAC(reinterpret_cast<const char*>(bytes_of(password)),
                        checked_int_length(password.size(), "password"), bytes_of(salt),
                        checked_int_length(salt.size(), "salt"), iterations, EVP_sha256(), static_cast<int>(out.size()),
                        reinterpret_cast<unsigned char*>(out.data())) != 1) {
    throw std::runtime_error("PBKDF2-HMAC-SHA-256 failed");
  }
  return out;
}

std::string hex_encode(std::string_view bytes) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0x0f];
  }
  return hex;
}

std::string md5_hex(std::string_view data) { return hex_encode(digest(data, EVP_md5(), "MD5")); }

std::string base64_encode(std::string_view data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    const std::uint32_t group = (static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 16) |
                                (static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8) |
                                static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 2]));
    out += kBase64Alphabet[(group >> 18) & 0x3f];
    out += kBase64Alphabet[(group >> 12) & 0x3f];
    out += kBase64Alphabet[(group >> 6) & 0x3f];
    out += kBase64Alphabet[group & 0x3f];
  }
  const std::size_t left = data.size() - i;
  if (left > 0) {
    std::uint32_t group = static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 16;
    if (left == 2) group |= static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8;
    out += kBase64Alphabet[(group >> 18) & 0x3f];
    out += kBase64Alphabet[(group >> 12) & 0x3f];
    out += left == 2 ? kBase64Alphabet[(group >> 6) & 0x3f] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::size_t padding = 0;
  if (!text.empty() && text.back() == '=') padding = text[text.size() - 2] == '=' ? 2 : 1;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const std::size_t data_chars = last ? 4 - padding : 4;
    std::uint32_t group = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      int v = 0;
      if (j < data_chars) {
        v = base64_value(text[i + j]);
        if (v < 0) return std::nullopt;  // also catches '=' before the end
      }
      group = (group << 6) | static_cast<std::uint32_t>(v);
    }
    // Bits that padding leaves unused must be zero, or two texts would decode
    // to the same bytes.
    if (data_chars == 3 && (group & 0xff) != 0) return std::nullopt;
    if (data_chars == 2 && (group & 0xffff) != 0) return std::nullopt;
    out += static_cast<char>((group >> 16) & 0xff);
    if (data_chars >= 3) out += static_cast<char>((group >> 8) & 0xff);
    if (data_chars == 4) out += static_cast<char>(group & 0xff);
  }
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace heliosdb::engine::auth

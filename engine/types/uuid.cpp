#include "engine/types/uuid.hpp"

#include <openssl/rand.h>

#include "engine/common/db_error.hpp"
#include "storage/hex.hpp"

namespace heliosdb::engine {

using storage::hex_digit;

Value parse_uuid(std::string_view text) {
  auto bad = [&]() -> Value {
    throw DbError(sqlstate::kInvalidTextRepresentation,
                  "invalid input syntax for type uuid: \"" + std::string(text) + "\"");
  };
  std::string_view s = text;
  const bool braced = !s.empty() && s.front() == '{';
  if (braced) {
    if (s.size() < 2 || s.back() != '}') return bad();
    s = s.substr(1, s.size() - 2);
  }
  std::string bytes;
  std::size_t digits = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '-') {
      // Only after a whole group of four digits, and not at the end.
      if (digits == 0 || digits % 4 != 0 || digits == 32 || i + 1 == s.size() || s[i + 1] == '-') return bad();
      continue;
    }
    const int d = hex_digit(s[i]);
    if (d < 0 || digits == 32) return bad();
    if (digits % 2 == 0) {
      bytes.push_back(static_cast<char>(d << 4));
    } else {
      bytes.back() = static_cast<char>(static_cast<unsigned char>(bytes.back()) | d);
    }
    ++digits;
  }
  if (digits != 32) return bad();
  return Value::string(TypeId::kUuid, std::move(bytes));
}

std::string format_uuid(std::string_view bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    const auto b = static_cast<unsigned char>(bytes[i]);
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  }
  return out;
}

Value random_uuid() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) {
    throw DbError(sqlstate::kInternalError, "could not generate random values");
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  return Value::string(TypeId::kUuid, std::string(reinterpret_cast<const char*>(b), sizeof b));
}

}  // namespace heliosdb::engine

// Binary-string functions that digest or re-spell bytes (PostgreSQL's
// "Binary String Functions and Operators"): md5, sha256, encode, decode.
// The digests come from libcrypto through engine/auth/crypto.hpp, the same
// wrappers password verification uses.
#include <array>
#include <string>

#include "engine/auth/crypto.hpp"
#include "engine/common/db_error.hpp"
#include "engine/functions/function_registry.hpp"

namespace heliosdb::engine {

namespace {

constexpr TypeId kText = TypeId::kText;
constexpr TypeId kBytea = TypeId::kBytea;

Value text(std::string s) { return Value::string(kText, std::move(s)); }
Value bytea(std::string s) { return Value::string(kBytea, std::move(s)); }

DbError bad_value(std::string message) { return DbError(sqlstate::kInvalidParameterValue, std::move(message)); }

Value md5_fn(const std::vector<Value>& a) { return text(auth::md5_hex(a[0].as_string())); }
Value sha256_fn(const std::vector<Value>& a) { return bytea(auth::sha256(a[0].as_string())); }

// The characters of the text whose byte starts at s[i], for messages that
// quote an offending character whole even when it is multi-byte.
std::string_view char_at(std::string_view s, std::size_t i) {
  std::size_t n = 1;
  while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
  return s.substr(i, n);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// hex_decode: pairs of digits; whitespace between pairs is skipped.
std::string hex_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (is_blank(s[i])) {
      ++i;
      continue;
    }
    int hi = hex_value(s[i]);
    if (hi < 0) throw bad_value("invalid hexadecimal digit: \"" + std::string(char_at(s, i)) + "\"");
    if (i + 1 >= s.size()) throw bad_value("invalid hexadecimal data: odd number of digits");
    int lo = hex_value(s[i + 1]);
    if (lo < 0) throw bad_value("invalid hexadecimal digit: \"" + std::string(char_at(s, i + 1)) + "\"");
    out += static_cast<char>(hi << 4 | lo);
    i += 2;
  }
  return out;
}

// PostgreSQL breaks base64 output into lines of 76 characters; the break
// follows every complete line of whole groups, even the last one.
std::string base64_encode_lines(std::string_view bytes) {
  constexpr std::size_t kLine = 76;
  std::string plain = auth::base64_encode(bytes);
  std::size_t whole_groups_chars = bytes.size() / 3 * 4;
  std::string out;
  out.reserve(plain.size() + plain.size() / kLine + 1);
  for (std::size_t i = 0; i < plain.size(); ++i) {
    out += plain[i];
    if ((i + 1) % kLine == 0 && i + 1 <= whole_groups_chars) out += '\n';
  }
  return out;
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Lenient as PostgreSQL's decoder is: whitespace anywhere is ignored, and
// '=' may pad only the third or fourth character of a group.
std::string base64_decode(std::string_view s) {
  std::string out;
  std::uint32_t buffer = 0;
  int filled = 0;   // characters in the current group
  int padding = 0;  // 0, or how many bytes the final group lacks
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (is_blank(c)) continue;
    int bits = 0;
    if (c == '=') {
      if (padding == 0) {
        if (filled == 2) {
          padding = 2;
        } else if (filled == 3) {
          padding = 1;
        } else {
          throw bad_value("unexpected \"=\" while decoding base64 sequence");
        }
      }
    } else {
      bits = base64_value(c);
      if (bits < 0) {
        throw bad_value("invalid symbol \"" + std::string(char_at(s, i)) + "\" found while decoding base64 sequence");
      }
    }
    buffer = buffer << 6 | static_cast<std::uint32_t>(bits);
    if (++filled == 4) {
      out += static_cast<char>(buffer >> 16 & 0xFF);
      if (padding == 0 || padding == 1) out += static_cast<char>(buffer >> 8 & 0xFF);
      if (padding == 0) out += static_cast<char>(buffer & 0xFF);
      buffer = 0;
      filled = 0;
    }
  }
  if (filled != 0) {
    throw bad_value("invalid base64 end sequence")
        .with_hint("Input data is missing padding, is truncated, or is otherwise corrupted.");
  }
  return out;
}

// 'escape': NUL and bytes with the high bit set become \ooo, a backslash is
// doubled, everything else stays as it is.
std::string escape_encode(std::string_view bytes) {
  std::string out;
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    if (b == 0 || b >= 0x80) {
      out += '\\';
      out += static_cast<char>('0' + (b >> 6));
      out += static_cast<char>('0' + (b >> 3 & 7));
      out += static_cast<char>('0' + (b & 7));
    } else if (c == '\\') {
      out += "\\\\";
    } else {
      out += c;
    }
  }
  return out;
}

bool is_octal(char c) { return c >= '0' && c <= '7'; }

std::string escape_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
    } else if (i + 1 < s.size() && s[i + 1] == '\\') {
      out += '\\';
      ++i;
    } else if (i + 3 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '3' && is_octal(s[i + 2]) && is_octal(s[i + 3])) {
      out += static_cast<char>((s[i + 1] - '0') << 6 | (s[i + 2] - '0') << 3 | (s[i + 3] - '0'));
      i += 3;
    } else {
      throw DbError(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type bytea");
    }
  }
  return out;
}

enum class Encoding : std::uint8_t { kHex, kBase64, kEscape };

// Format names are matched case-insensitively, as pg_find_encoding does.
Encoding encoding_named(const std::string& name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "hex") return Encoding::kHex;
  if (lower == "base64") return Encoding::kBase64;
  if (lower == "escape") return Encoding::kEscape;
  throw bad_value("unrecognized encoding: \"" + name + "\"");
}

Value encode_fn(const std::vector<Value>& a) {
  switch (encoding_named(a[1].as_string())) {
    case Encoding::kHex:
      return text(auth::hex_encode(a[0].as_string()));
    case Encoding::kBase64:
      return text(base64_encode_lines(a[0].as_string()));
    case Encoding::kEscape:
      return text(escape_encode(a[0].as_string()));
  }
  return Value::null(kText);
}

Value decode_fn(const std::vector<Value>& a) {
  switch (encoding_named(a[1].as_string())) {
    case Encoding::kHex:
      return bytea(hex_decode(a[0].as_string()));
    case Encoding::kBase64:
      return bytea(base64_decode(a[0].as_string()));
    case Encoding::kEscape:
      return bytea(escape_decode(a[0].as_string()));
  }
  return Value::null(kBytea);
}

}  // namespace

void register_encoding_functions(FunctionRegistry& r) {
  const SqlType text_type{kText, -1}, bytea_type{kBytea, -1};
  r.add("md5", {{kText}, text_type, md5_fn});
  r.add("md5", {{kBytea}, text_type, md5_fn});
  r.add("sha256", {{kBytea}, bytea_type, sha256_fn});
  r.add("encode", {{kBytea, kText}, text_type, encode_fn});
  r.add("decode", {{kText, kText}, bytea_type, decode_fn});
}

}  // namespace heliosdb::engine

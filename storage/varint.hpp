#pragma once

// Unsigned LEB128: seven bits a byte, low bits first, the top bit set on every
// byte but the last. History runs store their small SCN gaps and lengths this
// way: most take one byte where a fixed field takes eight.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace heliosdb::storage::format {

inline constexpr std::size_t kMaxVarintBytes = 10;

inline void put_varint(std::string& out, std::uint64_t v) {
  char buf[kMaxVarintBytes];
  std::size_t n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  out.append(buf, n);
}

[[noreturn, gnu::cold, gnu::noinline]] inline void throw_corrupt_varint() {
  throw std::runtime_error("corrupt varint in a stored value");
}

/// Reads one varint at `p`, which it moves past it, reading nothing at or
/// after `end`. Stored bytes are ours, but a damaged page must not make a read
/// run past its value: that throws. Inline with a one-byte fast path: history
/// scans read a few per row.
inline std::uint64_t read_varint(const char*& p, const char* end) {
  if (p < end && static_cast<unsigned char>(*p) < 0x80) return static_cast<unsigned char>(*p++);
  std::uint64_t v = 0;
  for (unsigned shift = 0; p < end && shift < 64; shift += 7) {
    const auto byte = static_cast<unsigned char>(*p++);
    v |= std::uint64_t{byte & 0x7fu} << shift;
    if ((byte & 0x80) == 0) return v;
  }
  throw_corrupt_varint();
}

}  // namespace heliosdb::storage::format

#pragma once

// Byte-level facts of the PostgreSQL v3 protocol shared by decoder and encoder.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace heliosdb::protocol {

/// The codes a startup packet can carry in place of a protocol version.
inline constexpr std::uint32_t kProtocol3 = 196608;  // 3.0
inline constexpr std::uint32_t kSslRequest = 80877103;
inline constexpr std::uint32_t kGssEncRequest = 80877104;
inline constexpr std::uint32_t kCancelRequest = 80877102;

/// PostgreSQL's own limits: a startup packet is small; any other message
/// may be up to 1 GiB, which we cap lower so one client cannot take the
/// server's memory.
inline constexpr std::size_t kMaxStartupPacket = 10000;
inline constexpr std::size_t kMaxMessage = std::size_t{256} << 20;

inline std::uint32_t read_u32(const char* p) {
  auto b = reinterpret_cast<const unsigned char*>(p);
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
}

inline std::uint16_t read_u16(const char* p) {
  auto b = reinterpret_cast<const unsigned char*>(p);
  return static_cast<std::uint16_t>((b[0] << 8) | b[1]);
}

inline void put_u32(std::string& out, std::uint32_t v) {
  out.push_back(static_cast<char>(v >> 24));
  out.push_back(static_cast<char>(v >> 16));
  out.push_back(static_cast<char>(v >> 8));
  out.push_back(static_cast<char>(v));
}

inline void put_u16(std::string& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v >> 8));
  out.push_back(static_cast<char>(v));
}

inline void put_cstring(std::string& out, std::string_view s) {
  out.append(s);
  out.push_back('\0');
}

}  // namespace heliosdb::protocol

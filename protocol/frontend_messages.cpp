#include "protocol/frontend_messages.hpp"

#include "protocol/wire_format.hpp"

namespace heliosdb::protocol {

namespace {

// Reads a NUL-terminated string at `pos`, moving past it.
std::string take_cstring(std::string_view body, std::size_t& pos, const char* what) {
  std::size_t end = body.find('\0', pos);
  if (end == std::string_view::npos) throw ProtocolViolation(std::string("invalid ") + what + ": missing terminator");
  std::string s(body.substr(pos, end - pos));
  pos = end + 1;
  return s;
}

}  // namespace

StartupPacket decode_startup(std::string_view body) {
  if (body.size() < 4) throw ProtocolViolation("invalid length of startup packet");
  StartupPacket packet;
  const std::uint32_t code = read_u32(body.data());
  if (code == kSslRequest || code == kGssEncRequest) {
    if (body.size() != 4) throw ProtocolViolation("invalid length of startup packet");
    packet.kind = code == kSslRequest ? StartupPacket::Kind::kSslRequest : StartupPacket::Kind::kGssEncRequest;
    return packet;
  }
  if (code == kCancelRequest) {
    if (body.size() != 12) throw ProtocolViolation("invalid length of cancel request");
    packet.kind = StartupPacket::Kind::kCancel;
    packet.cancel_pid = read_u32(body.data() + 4);
    packet.cancel_secret = read_u32(body.data() + 8);
    return packet;
  }
  packet.protocol = code;
  if (code >> 16 != 3) return packet;  // the caller refuses other versions, naming them
  // name\0value\0 ... \0
  std::size_t pos = 4;
  for (;;) {
    if (pos >= body.size()) throw ProtocolViolation("invalid startup packet layout: expected terminator as last byte");
    if (body[pos] == '\0') {
      if (pos + 1 != body.size()) {
        throw ProtocolViolation("invalid startup packet layout: expected terminator as last byte");
      }
      break;
    }
    std::string name = take_cstring(body, pos, "startup packet");
    std::string value = take_cstring(body, pos, "startup packet");
    packet.parameters[name] = value;
  }
  return packet;
}

std::string decode_query(std::string_view body) {
  if (body.empty() || body.back() != '\0') throw ProtocolViolation("invalid Query message: missing terminator");
  body.remove_suffix(1);
  if (body.find('\0') != std::string_view::npos) throw ProtocolViolation("invalid Query message: embedded NUL");
  return std::string(body);
}

}  // namespace heliosdb::protocol

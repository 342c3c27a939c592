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

// Bounds-checked reading of a message body: a client's lengths are never
// trusted to stay inside it.
class Reader {
 public:
  Reader(std::string_view body, const char* what) : body_(body), what_(what) {}
  std::string cstring() { return take_cstring(body_, pos_, what_); }
  std::uint32_t u32() { return read_u32(take(4).data()); }
  std::int16_t i16() { return static_cast<std::int16_t>(read_u16(take(2).data())); }
  char byte() { return take(1)[0]; }
  std::string_view take(std::size_t n) {
    if (body_.size() - pos_ < n) throw ProtocolViolation(std::string("invalid ") + what_ + ": message too short");
    std::string_view out = body_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  void finish() const {
    if (pos_ != body_.size()) throw ProtocolViolation(std::string("invalid ") + what_ + ": trailing bytes");
  }

 private:
  std::string_view body_;
  std::size_t pos_ = 0;
  const char* what_;
};

}  // namespace

ParseMessage decode_parse(std::string_view body) {
  Reader r(body, "Parse message");
  ParseMessage m;
  m.statement = r.cstring();
  m.query = r.cstring();
  std::int16_t n = r.i16();
  if (n < 0) throw ProtocolViolation("invalid Parse message: negative parameter count");
  for (int i = 0; i < n; ++i) m.param_types.push_back(r.u32());
  r.finish();
  return m;
}

BindMessage decode_bind(std::string_view body) {
  Reader r(body, "Bind message");
  BindMessage m;
  m.portal = r.cstring();
  m.statement = r.cstring();
  auto formats = [&](std::vector<std::int16_t>& out) {
    std::int16_t n = r.i16();
    if (n < 0) throw ProtocolViolation("invalid Bind message: negative format count");
    for (int i = 0; i < n; ++i) {
      std::int16_t f = r.i16();
      if (f != 0 && f != 1) throw ProtocolViolation("unsupported format code: " + std::to_string(f));
      out.push_back(f);
    }
  };
  formats(m.param_formats);
  std::int16_t n = r.i16();
  if (n < 0) throw ProtocolViolation("invalid Bind message: negative parameter count");
  for (int i = 0; i < n; ++i) {
    auto length = static_cast<std::int32_t>(r.u32());
    if (length == -1) {
      m.params.emplace_back(std::nullopt);
    } else if (length < 0) {
      throw ProtocolViolation("invalid Bind message: negative parameter length");
    } else {
      m.params.emplace_back(std::string(r.take(static_cast<std::size_t>(length))));
    }
  }
  formats(m.result_formats);
  r.finish();
  return m;
}

TargetMessage decode_target(std::string_view body) {
  Reader r(body, "Describe or Close message");
  TargetMessage m;
  m.kind = r.byte();
  if (m.kind != 'S' && m.kind != 'P') {
    throw ProtocolViolation(std::string("invalid Describe or Close message subtype ") + std::to_string(m.kind));
  }
  m.name = r.cstring();
  r.finish();
  return m;
}

ExecuteMessage decode_execute(std::string_view body) {
  Reader r(body, "Execute message");
  ExecuteMessage m;
  m.portal = r.cstring();
  m.max_rows = r.u32();
  r.finish();
  return m;
}

std::int16_t format_of(const std::vector<std::int16_t>& formats, std::size_t i, std::size_t count) {
  if (formats.empty()) return 0;
  if (formats.size() == 1) return formats[0];
  if (formats.size() != count) {
    throw ProtocolViolation("bind message has " + std::to_string(formats.size()) + " format codes for " +
                            std::to_string(count) + " items");
  }
  return formats[i];
}

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

std::string decode_password(std::string_view body) {
  Reader r(body, "password message");
  std::string password = r.cstring();
  r.finish();
  return password;
}

SaslInitialResponse decode_sasl_initial_response(std::string_view body) {
  Reader r(body, "SASLInitialResponse message");
  SaslInitialResponse out;
  out.mechanism = r.cstring();
  const auto length = static_cast<std::int32_t>(r.u32());
  if (length >= 0) out.data = std::string(r.take(static_cast<std::size_t>(length)));
  r.finish();
  return out;
}

}  // namespace heliosdb::protocol

// Startup packets and Query messages decode as the protocol lays them out,
// and malformed ones are refused instead of read past.
#include <catch2/catch.hpp>

#include "protocol/frontend_messages.hpp"
#include "protocol/wire_format.hpp"

using namespace heliosdb::protocol;

namespace {

std::string u32(std::uint32_t v) {
  std::string s;
  put_u32(s, v);
  return s;
}

std::string with_nuls(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (std::string_view p : parts) put_cstring(s, p);
  return s;
}

}  // namespace

TEST_CASE("a startup message gives its version and parameters", "[protocol]") {
  StartupPacket p = decode_startup(u32(kProtocol3) + with_nuls({"user", "alice", "database", "mydb"}) + '\0');
  CHECK(p.kind == StartupPacket::Kind::kStartup);
  CHECK(p.protocol == kProtocol3);
  CHECK(p.parameters == std::map<std::string, std::string>{{"user", "alice"}, {"database", "mydb"}});
  CHECK(decode_startup(u32(kProtocol3) + '\0').parameters.empty());
}

TEST_CASE("SSL, GSSAPI and cancel requests are told apart", "[protocol]") {
  CHECK(decode_startup(u32(kSslRequest)).kind == StartupPacket::Kind::kSslRequest);
  CHECK(decode_startup(u32(kGssEncRequest)).kind == StartupPacket::Kind::kGssEncRequest);
  StartupPacket cancel = decode_startup(u32(kCancelRequest) + u32(4242) + u32(0xDEADBEEF));
  CHECK(cancel.kind == StartupPacket::Kind::kCancel);
  CHECK(cancel.cancel_pid == 4242);
  CHECK(cancel.cancel_secret == 0xDEADBEEF);
  // Another major version is decoded, not parsed: the server refuses it by name.
  CHECK(decode_startup(u32(2 << 16) + "junk").protocol == (2u << 16));
}

TEST_CASE("malformed startup packets are protocol violations", "[protocol]") {
  CHECK_THROWS_AS(decode_startup(""), ProtocolViolation);
  CHECK_THROWS_AS(decode_startup(u32(kSslRequest) + "x"), ProtocolViolation);
  CHECK_THROWS_AS(decode_startup(u32(kCancelRequest) + u32(1)), ProtocolViolation);
  CHECK_THROWS_AS(decode_startup(u32(kProtocol3)), ProtocolViolation);                               // no terminator
  CHECK_THROWS_AS(decode_startup(u32(kProtocol3) + with_nuls({"user"}) + '\0'), ProtocolViolation);  // no value
  CHECK_THROWS_AS(decode_startup(u32(kProtocol3) + "user\0alice"), ProtocolViolation);               // cut short
  CHECK_THROWS_AS(decode_startup(u32(kProtocol3) + with_nuls({"user", "a"}) + '\0' + "more"), ProtocolViolation);
}

TEST_CASE("a Query message is its text up to the terminator", "[protocol]") {
  CHECK(decode_query(std::string("SELECT 1;\0", 10)) == "SELECT 1;");
  CHECK(decode_query(std::string("\0", 1)).empty());
  CHECK_THROWS_AS(decode_query("SELECT 1"), ProtocolViolation);
  CHECK_THROWS_AS(decode_query(std::string("SELECT\0 1\0", 10)), ProtocolViolation);
  CHECK_THROWS_AS(decode_query(""), ProtocolViolation);
}

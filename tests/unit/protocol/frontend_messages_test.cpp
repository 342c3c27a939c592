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

TEST_CASE("extended-protocol messages decode, and lengths inside them are checked", "[protocol]") {
  std::string parse = with_nuls({"s1", "SELECT $1"});
  put_u16(parse, 2);
  put_u32(parse, 23);
  put_u32(parse, 0);
  ParseMessage p = decode_parse(parse);
  CHECK(p.statement == "s1");
  CHECK(p.query == "SELECT $1");
  CHECK(p.param_types == std::vector<std::uint32_t>{23, 0});
  CHECK_THROWS_AS(decode_parse(parse.substr(0, parse.size() - 1)), ProtocolViolation);
  CHECK_THROWS_AS(decode_parse(parse + "x"), ProtocolViolation);

  std::string bind = with_nuls({"", "s1"});
  put_u16(bind, 1);
  put_u16(bind, 1);  // every parameter binary
  put_u16(bind, 2);
  put_u32(bind, 4);
  bind += std::string("\0\0\0\x2a", 4);
  put_u32(bind, 0xFFFFFFFF);  // NULL
  put_u16(bind, 0);
  BindMessage b = decode_bind(bind);
  CHECK(b.portal.empty());
  CHECK(b.statement == "s1");
  CHECK(b.param_formats == std::vector<std::int16_t>{1});
  REQUIRE(b.params.size() == 2);
  CHECK(b.params[0] == std::string("\0\0\0\x2a", 4));
  CHECK_FALSE(b.params[1].has_value());
  CHECK(b.result_formats.empty());
  // A parameter length past the end of the message.
  std::string long_param = with_nuls({"", ""});
  put_u16(long_param, 0);
  put_u16(long_param, 1);
  put_u32(long_param, 1000);
  long_param += "abc";
  CHECK_THROWS_AS(decode_bind(long_param), ProtocolViolation);

  CHECK(decode_target("Pportal" + std::string(1, '\0')).name == "portal");
  CHECK_THROWS_AS(decode_target("Xname" + std::string(1, '\0')), ProtocolViolation);
  std::string execute = with_nuls({""});
  put_u32(execute, 10);
  CHECK(decode_execute(execute).max_rows == 10);
}

TEST_CASE("format lists follow PostgreSQL's none, one or each rule", "[protocol]") {
  CHECK(format_of({}, 3, 5) == 0);
  CHECK(format_of({1}, 3, 5) == 1);
  CHECK(format_of({0, 1}, 1, 2) == 1);
  CHECK_THROWS_AS(format_of({0, 1}, 1, 3), ProtocolViolation);
}

TEST_CASE("password and SASL responses", "[protocol]") {
  CHECK(decode_password(std::string("secret\0", 7)) == "secret");
  CHECK_THROWS_AS(decode_password("no terminator"), ProtocolViolation);
  CHECK_THROWS_AS(decode_password(std::string("a\0b", 3)), ProtocolViolation);
  SaslInitialResponse r = decode_sasl_initial_response(std::string("SCRAM-SHA-256\0", 14) + u32(5) + "n,,n=");
  CHECK(r.mechanism == "SCRAM-SHA-256");
  CHECK(r.data == "n,,n=");
  CHECK_FALSE(decode_sasl_initial_response(std::string("X\0", 2) + u32(0xFFFFFFFF)).data);
  CHECK_THROWS_AS(decode_sasl_initial_response(std::string("X\0", 2) + u32(100) + "short"), ProtocolViolation);
  CHECK_THROWS_AS(decode_sasl_initial_response(std::string("X\0", 2) + u32(1) + "ab"), ProtocolViolation);
}

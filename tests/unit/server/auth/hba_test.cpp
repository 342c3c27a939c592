// pg_hba.conf rules: parsing, first match, addresses and masks, and the
// lines we refuse rather than misread.
#include "server/auth/hba.hpp"

#include <catch2/catch.hpp>

using namespace heliosdb::server;

namespace {

ClientEndpoint ip_client(const char* address) { return {boost::asio::ip::make_address(address), false}; }
const ClientEndpoint kLocal{std::nullopt, false};

}  // namespace

TEST_CASE("the default rules trust the Unix socket and loopback, and ask others for a password", "[server][hba]") {
  HbaRules rules = HbaRules::defaults(AuthMethod::kTrust, AuthMethod::kScramSha256);
  CHECK(rules.match(kLocal, "db", "alice") == AuthMethod::kTrust);
  CHECK(rules.match(ip_client("127.0.0.1"), "db", "alice") == AuthMethod::kTrust);
  CHECK(rules.match(ip_client("127.8.9.1"), "db", "alice") == AuthMethod::kTrust);
  CHECK(rules.match(ip_client("::1"), "db", "alice") == AuthMethod::kTrust);
  CHECK(rules.match(ip_client("::ffff:127.0.0.1"), "db", "alice") == AuthMethod::kTrust);
  CHECK(rules.match(ip_client("10.1.2.3"), "db", "alice") == AuthMethod::kScramSha256);
  CHECK(rules.match(ip_client("2001:db8::1"), "db", "alice") == AuthMethod::kScramSha256);
}

TEST_CASE("an hba file matches its first rule that fits", "[server][hba]") {
  HbaRules rules = HbaRules::parse(R"(
# TYPE  DATABASE        USER            ADDRESS                 METHOD
local   all             postgres                                trust
local   sameuser        all                                     md5
host    app,"Mixed"     alice,bob       10.0.0.0/8              scram-sha-256
host    all             all             192.168.1.0 255.255.255.0   password   # a mask
hostssl all             all             all                     md5
host    all             all             ::1/128                 trust
host    all             all             all                     reject
)",
                                   "hba.conf");
  CHECK(rules.match(kLocal, "x", "postgres") == AuthMethod::kTrust);
  CHECK(rules.match(kLocal, "carol", "carol") == AuthMethod::kMd5);
  CHECK_FALSE(rules.match(kLocal, "x", "carol"));
  CHECK(rules.match(ip_client("10.200.0.1"), "app", "bob") == AuthMethod::kScramSha256);
  CHECK(rules.match(ip_client("10.200.0.1"), "Mixed", "alice") == AuthMethod::kScramSha256);
  CHECK(rules.match(ip_client("10.200.0.1"), "mixed", "alice") == AuthMethod::kReject);
  CHECK(rules.match(ip_client("192.168.1.77"), "x", "y") == AuthMethod::kPassword);
  CHECK(rules.match(ip_client("192.168.2.77"), "x", "y") == AuthMethod::kReject);
  CHECK(rules.match(ip_client("::1"), "x", "y") == AuthMethod::kTrust);
  CHECK(rules.match({boost::asio::ip::make_address("8.8.8.8"), true}, "x", "y") == AuthMethod::kMd5);
  CHECK(HbaRules::parse("", "empty").match(kLocal, "x", "y") == std::nullopt);
}

TEST_CASE("hba lines we cannot honour are refused with the line", "[server][hba]") {
  CHECK_THROWS_WITH(HbaRules::parse("local all all peer", "f"),
                    "f line 1: authentication method \"peer\" is not supported: \"local all all peer\"");
  CHECK_THROWS_AS(HbaRules::parse("\nhost all all example.com md5", "f"), HbaError);
  CHECK_THROWS_AS(HbaRules::parse("host all +admins all md5", "f"), HbaError);
  CHECK_THROWS_AS(HbaRules::parse("host all all 10.0.0.0/33 md5", "f"), HbaError);
  CHECK_THROWS_AS(HbaRules::parse("host all all 10.0.0.0 255.0.255.0 md5", "f"), HbaError);
  CHECK_THROWS_AS(HbaRules::parse("host all all samenet md5", "f"), HbaError);
  CHECK_THROWS_AS(HbaRules::parse("local all", "f"), HbaError);
  CHECK_THROWS_AS(HbaRules::parse("hostgssenc all all all md5", "f"), HbaError);
  CHECK_THROWS_AS(HbaRules::parse("host all all all md5 clientcert=verify-full", "f"), HbaError);
  CHECK(parse_auth_method("scram-sha-256") == AuthMethod::kScramSha256);
  CHECK_FALSE(parse_auth_method("ident"));
  CHECK(auth_method_name(AuthMethod::kMd5) == "md5");
}

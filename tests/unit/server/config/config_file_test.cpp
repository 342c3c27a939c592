// The config file: postgresql.conf's syntax, server parameters and session
// defaults, and errors that name the file and line.
#include <catch2/catch.hpp>

#include "server/config/config_file.hpp"
#include "server/config/server_config.hpp"

using namespace heliosdb::server;

namespace {

std::string error_of(const std::string& text, std::set<std::string> overridden = {}) {
  try {
    ServerOptions options;
    apply_config(parse_config(text, "t.conf"), overridden, "t.conf", options);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "none";
}

}  // namespace

TEST_CASE("postgresql.conf syntax: = or space, quotes, comments, case", "[server][config]") {
  auto entries = parse_config(
      "# comment\n\n  Port = 6000   # trailing\nlisten_addresses '*'\napplication_name = 'it''s'\nDateStyle=ISO\n",
      "t.conf");
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].name == "port");
  CHECK(entries[0].value == "6000");
  CHECK(entries[0].line == 3);
  CHECK(entries[1].value == "*");
  CHECK(entries[2].value == "it's");
  CHECK(entries[3].name == "datestyle");
  CHECK(entries[3].value == "ISO");
  CHECK_THROWS_AS(parse_config("port = 'open\n", "t.conf"), ConfigError);
  CHECK_THROWS_AS(parse_config("port =\n", "t.conf"), ConfigError);
  CHECK_THROWS_AS(parse_config("port = 1 2\n", "t.conf"), ConfigError);
  CHECK_THROWS_AS(read_config_file("/nonexistent/heliosdb.conf"), ConfigError);
}

TEST_CASE("server parameters set the options; the rest are checked session defaults", "[server][config]") {
  ServerOptions options;
  apply_config(parse_config("port = 6000\nlisten_addresses = '*'\nmax_connections = 7\nstatement_timeout = '5s'\n"
                            "port = 6001\n",
                            "t.conf"),
               {}, "t.conf", options);
  CHECK(options.port == 6001);  // the later line wins
  CHECK(options.listen_address == "0.0.0.0");
  CHECK(options.max_connections == 7);
  REQUIRE(options.session_defaults.size() == 1);
  CHECK(options.session_defaults[0] == std::pair<std::string, std::string>{"statement_timeout", "5s"});
  // A flag or environment variable wins over the file.
  ServerOptions flagged;
  flagged.port = 7000;
  apply_config(parse_config("port = 6000\n", "t.conf"), {"port"}, "t.conf", flagged);
  CHECK(flagged.port == 7000);
  CHECK(needs_restart("port"));
  CHECK_FALSE(needs_restart("log_level"));
}

TEST_CASE("unknown parameters and bad values name the file and line", "[server][config]") {
  CHECK(error_of("\nnope = 1\n") == "unrecognized configuration parameter \"nope\" in file \"t.conf\" line 2");
  CHECK(error_of("port = 70000\n").starts_with("invalid value for parameter \"port\": \"70000\" in file \"t.conf\" line 1"));
  CHECK(error_of("statement_timeout = 'soon'\n").find("line 1") != std::string::npos);
  CHECK(error_of("log_level = loud\n").starts_with("invalid value for parameter \"log_level\""));
  CHECK(error_of("port = 70000\n", {"port"}) == "none");  // overridden: not even read
}

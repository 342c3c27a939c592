// The startup packet's `options`: what PGOPTIONS='-c a=b' becomes.
#include "protocol/startup_options.hpp"

#include <catch2/catch.hpp>

using heliosdb::protocol::BadStartupOption;
using heliosdb::protocol::parse_startup_options;
using Settings = std::vector<std::pair<std::string, std::string>>;

TEST_CASE("options carry -c and -- settings, split as PostgreSQL splits them", "[protocol][startup]") {
  CHECK(parse_startup_options("").empty());
  CHECK(parse_startup_options("  ").empty());
  CHECK(parse_startup_options("-c statement_timeout=5s") == Settings{{"statement_timeout", "5s"}});
  CHECK(parse_startup_options("-cgeqo=off --search-path=a,b") == Settings{{"geqo", "off"}, {"search_path", "a,b"}});
  CHECK(parse_startup_options(R"(-c default_transaction_isolation=read\ committed  -c x=a\\b)") ==
        Settings{{"default_transaction_isolation", "read committed"}, {"x", "a\\b"}});
  CHECK(parse_startup_options("-c application_name=") == Settings{{"application_name", ""}});
}

TEST_CASE("anything but a setting in options is refused with the argument at fault", "[protocol][startup]") {
  CHECK_THROWS_AS(parse_startup_options("-c"), BadStartupOption);
  CHECK_THROWS_WITH(parse_startup_options("-c noequals"), "noequals");
  CHECK_THROWS_WITH(parse_startup_options("-B 100"), "-B");
  CHECK_THROWS_WITH(parse_startup_options("--=x"), "--=x");
  CHECK_THROWS_WITH(parse_startup_options("plain"), "plain");
}

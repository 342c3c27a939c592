// Session parameters: PostgreSQL's transaction rules for SET and SET LOCAL,
// case-insensitive names, and the generation the server watches to know
// when to send ParameterStatus.
#include "engine/session/settings.hpp"

#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "tests/unit/error_state.hpp"

using namespace heliosdb::engine;
using heliosdb::testing::state_of;

TEST_CASE("parameter names are case-insensitive", "[settings]") {
  Settings s;
  CHECK(s.show("DateStyle") == "ISO, MDY");
  CHECK(s.show("datestyle") == "ISO, MDY");
  CHECK(s.show("DATESTYLE") == "ISO, MDY");
  CHECK(s.display_name("datestyle") == "DateStyle");
  s.set("Application_Name", {"app"}, false);
  CHECK(s.show("application_name") == "app");
  CHECK(s.current("application_name") == "app");
}

TEST_CASE("unknown and read-only parameters are refused", "[settings]") {
  Settings s;
  CHECK(state_of([&] { s.show("no_such_thing"); }) == "42704");
  CHECK(state_of([&] { s.show(std::string(200, 'x')); }) == "42704");
  CHECK(state_of([&] { s.set("server_version", {"16"}, false); }) == "55P02");
  CHECK(state_of([&] { s.reset("server_version"); }) == "55P02");
}

TEST_CASE("a rolled-back SET is undone, a committed one stays", "[settings]") {
  Settings s;
  s.set("application_name", {"before"}, false);
  s.begin_transaction();
  s.set("application_name", {"inside"}, false);
  s.reset("search_path");
  CHECK(s.show("application_name") == "inside");
  s.end_transaction(false);
  CHECK(s.show("application_name") == "before");

  s.begin_transaction();
  s.set("application_name", {"kept"}, false);
  s.end_transaction(true);
  CHECK(s.show("application_name") == "kept");

  s.begin_transaction();
  s.reset_all();
  s.end_transaction(false);
  CHECK(s.show("application_name") == "kept");
}

TEST_CASE("SET LOCAL lasts until the transaction ends", "[settings]") {
  Settings s;
  s.begin_transaction();
  s.set("application_name", {"local"}, true);
  CHECK(s.show("application_name") == "local");
  s.end_transaction(true);
  CHECK(s.show("application_name").empty());
}

TEST_CASE("the generation moves exactly when a value may have changed", "[settings]") {
  Settings s;
  const auto g0 = s.generation();
  s.begin_transaction();
  (void)s.show("TimeZone");
  s.end_transaction(true);
  CHECK(s.generation() == g0);  // reading changes nothing

  s.set("application_name", {"a"}, false);
  const auto g1 = s.generation();
  CHECK(g1 != g0);

  s.begin_transaction();
  s.set("TimeZone", {"UTC"}, true);
  const auto g2 = s.generation();
  CHECK(g2 != g1);
  s.end_transaction(true);  // the SET LOCAL ends
  CHECK(s.generation() != g2);

  const auto g3 = s.generation();
  s.begin_transaction();
  s.set("application_name", {"b"}, false);
  const auto g4 = s.generation();
  s.end_transaction(false);  // the rollback restores "a"
  CHECK(s.generation() != g4);
  CHECK(s.generation() != g3);
  CHECK(s.show("application_name") == "a");

  CHECK_THROWS(s.set("no_such_thing", {"x"}, false));
  CHECK_THROWS(s.set("TimeZone", {"Mars/Olympus"}, false));
}

TEST_CASE("the hot values follow every change", "[settings]") {
  Settings s;
  CHECK(s.hot().default_transaction_isolation == "repeatable read");
  CHECK(s.statement_timeout().count() == 0);
  s.set("statement_timeout", {"2s"}, false);
  CHECK(s.statement_timeout().count() == 2000);
  s.begin_transaction();
  s.set("lock_timeout", {"150"}, true);
  s.set("default_transaction_isolation", {"read committed"}, false);
  CHECK(s.lock_timeout().count() == 150);
  CHECK(s.hot().default_transaction_isolation == "read committed");
  s.end_transaction(false);
  CHECK(s.lock_timeout().count() == 0);
  CHECK(s.hot().default_transaction_isolation == "repeatable read");
  CHECK(s.statement_timeout().count() == 2000);
  s.set("idle_in_transaction_session_timeout", {"1min"}, false);
  s.set("client_min_messages", {"warning"}, false);
  CHECK(s.idle_in_transaction_timeout().count() == 60000);
  CHECK(s.hot().client_min_messages == "warning");
  s.reset_all();
  CHECK(s.idle_in_transaction_timeout().count() == 0);
  CHECK(s.hot().client_min_messages == "notice");
}

// SQL functions through a session: PostgreSQL's messages, what is refused,
// recursion, durability across reopening, branches and check_function_bodies.
#include "engine/exec/function_ddl.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

#include "engine/common/db_error.hpp"
#include "engine/session/session.hpp"
#include "tests/unit/engine/result_text.hpp"

using namespace heliosdb;
using namespace heliosdb::engine;
using heliosdb::engine::testing::rows_of;
using V = std::vector<std::string>;

namespace {

std::string state_of(Session& s, const std::string& sql) {
  try {
    s.execute(sql);
  } catch (const DbError& e) {
    return std::string(e.state().code());
  }
  return "none";
}

std::string message_of(Session& s, const std::string& sql) {
  try {
    s.execute(sql);
  } catch (const DbError& e) {
    return e.what();
  }
  return "none";
}

std::string detail_of(Session& s, const std::string& sql) {
  try {
    s.execute(sql);
  } catch (const DbError& e) {
    return e.detail();
  }
  return "none";
}

}  // namespace

TEST_CASE("SQL functions fail with PostgreSQL's messages", "[function]") {
  auto store = storage::Store::open_in_memory();
  Session s(*store);
  s.execute("CREATE FUNCTION f(int) RETURNS int LANGUAGE sql AS 'SELECT $1'");
  s.execute("CREATE FUNCTION f(text) RETURNS int LANGUAGE sql AS 'SELECT 1'");
  s.execute("CREATE TABLE t (x int)");
  CHECK(message_of(s, "SELECT f(true)") == "function f(boolean) does not exist");
  CHECK(message_of(s, "DROP FUNCTION f") == "function name \"f\" is not unique");
  CHECK(message_of(s, "DROP FUNCTION g") == "could not find a function named \"g\"");
  CHECK(message_of(s, "DROP FUNCTION f(bigint)") == "function f(bigint) does not exist");
  CHECK(message_of(s, "CREATE FUNCTION f(int) RETURNS int LANGUAGE sql AS 'SELECT 2'") ==
        "function \"f\" already exists with same argument types");
  CHECK(message_of(s, "CREATE FUNCTION g() RETURNS int LANGUAGE sql AS 'SELECT ''x''::text'") ==
        "return type mismatch in function declared to return integer");
  CHECK(detail_of(s, "CREATE FUNCTION g() RETURNS int LANGUAGE sql AS 'SELECT ''x''::text'") ==
        "Actual return type is text.");
  CHECK(detail_of(s, "CREATE FUNCTION g() RETURNS int LANGUAGE sql AS 'DELETE FROM t WHERE false'") ==
        "Function's final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING.");
  CHECK(message_of(s, "CREATE FUNCTION g() RETURNS int LANGUAGE sql AS 'SELECT x FROM nowhere'") ==
        "relation \"nowhere\" does not exist");
  CHECK(message_of(s, "CREATE OR REPLACE FUNCTION f(int) RETURNS text LANGUAGE sql AS 'SELECT ''a'''") ==
        "cannot change return type of existing function");
}

TEST_CASE("other languages, procedures and options we lack are refused by name", "[function]") {
  auto store = storage::Store::open_in_memory();
  Session s(*store);
  CHECK(state_of(s, "CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS 'BEGIN RETURN 1; END'") == "0A000");
  CHECK(state_of(s, "CREATE FUNCTION g() RETURNS int LANGUAGE c AS 'lib', 'sym'") == "0A000");
  CHECK(state_of(s, "CREATE FUNCTION g() RETURNS int LANGUAGE internal AS 'int4in'") == "0A000");
  CHECK(message_of(s, "CREATE FUNCTION g() RETURNS int LANGUAGE perl AS '1'") == "language \"perl\" does not exist");
  CHECK(message_of(s, "CREATE FUNCTION g() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'") ==
        "not supported yet: SECURITY DEFINER");
  CHECK(state_of(s, "CREATE FUNCTION g() RETURNS int LANGUAGE sql SET work_mem = '1MB' AS 'SELECT 1'") == "0A000");
  CHECK(state_of(s, "CREATE FUNCTION g(OUT a int) LANGUAGE sql AS 'SELECT 1'") == "0A000");
  CHECK(state_of(s, "CREATE FUNCTION g(VARIADIC a int[]) RETURNS int LANGUAGE sql AS 'SELECT 1'") == "0A000");
  CHECK(state_of(s, "CREATE FUNCTION g(anyelement) RETURNS int LANGUAGE sql AS 'SELECT 1'") == "0A000");
  s.execute("CREATE TABLE item (id int)");
  CHECK(message_of(s, "CREATE FUNCTION g() RETURNS SETOF item LANGUAGE sql AS 'SELECT * FROM item'") ==
        "not supported yet: SQL functions taking or returning a table's row type");
  CHECK(state_of(s, "CREATE FUNCTION g() RETURNS no_such_type LANGUAGE sql AS 'SELECT 1'") == "42704");
  CHECK(state_of(s, "CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1'") == "0A000");
  CHECK(state_of(s, "CREATE FUNCTION g() RETURNS int LANGUAGE sql AS 'COMMIT; SELECT 1'") == "0A000");
  CHECK(rows_of(s.execute("SELECT count(*) FROM pg_proc")[0]) == V{"0"});
}

TEST_CASE("a GROUP BY of a SQL function call matches the same call in the select list", "[function]") {
  auto store = storage::Store::open_in_memory();
  Session s(*store);
  s.execute("CREATE FUNCTION half(int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 / 2'");
  s.execute("CREATE TABLE n (x int); INSERT INTO n VALUES (1), (2), (3), (4)");
  CHECK(rows_of(s.execute("SELECT half(x), count(*) FROM n GROUP BY half(x) ORDER BY 1")[0]) == V{"0|1", "1|2", "2|1"});
}

TEST_CASE("a function that calls itself without end stops at the stack depth limit", "[function]") {
  auto store = storage::Store::open_in_memory();
  Session s(*store);
  s.execute("CREATE FUNCTION down(n int) RETURNS int LANGUAGE sql AS 'SELECT 0'");
  s.execute(
      "CREATE OR REPLACE FUNCTION down(n int) RETURNS int LANGUAGE sql AS "
      "'SELECT CASE WHEN n <= 0 THEN 0 ELSE 1 + down(n - 1) END'");
  CHECK(rows_of(s.execute("SELECT down(50)")[0]) == V{"50"});
  CHECK(message_of(s, "SELECT down(100000)") == "stack depth limit exceeded");
  // The session goes on as before.
  CHECK(rows_of(s.execute("SELECT down(3)")[0]) == V{"3"});
}

TEST_CASE("with check_function_bodies off a body is only parsed, as a restored dump needs", "[function]") {
  auto store = storage::Store::open_in_memory();
  Session s(*store);
  s.execute("SET check_function_bodies = false");
  s.execute("CREATE FUNCTION later() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM made_later'");
  CHECK(state_of(s, "CREATE FUNCTION broken() RETURNS int LANGUAGE sql AS 'SELEC 1'") == "42601");
  s.execute("CREATE TABLE made_later (x int); INSERT INTO made_later VALUES (1), (2)");
  CHECK(rows_of(s.execute("SELECT later()")[0]) == V{"2"});
}

TEST_CASE("functions survive reopening the database", "[function]") {
  std::string dir = (std::filesystem::temp_directory_path() / "heliosdb-function-XXXXXX").string();
  REQUIRE(::mkdtemp(dir.data()) != nullptr);
  storage::StoreOptions options;
  options.env.path = dir;
  options.env.initial_map_size = std::size_t{1} << 28;
  {
    auto store = storage::Store::open(options);
    Session s(*store);
    s.execute("CREATE FUNCTION twice(a int DEFAULT 21) RETURNS int LANGUAGE sql IMMUTABLE RETURN a * 2");
    s.execute("COMMENT ON FUNCTION twice(int) IS 'doubles'");
  }
  {
    auto store = storage::Store::open(options);
    Session s(*store);
    CHECK(rows_of(s.execute("SELECT twice(), twice(5)")[0]) == V{"42|10"});
    CHECK(rows_of(s.execute("SELECT provolatile, obj_description(oid, 'pg_proc') FROM pg_proc")[0]) == V{"i|doubles"});
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("a function made on a branch is that branch's alone", "[function]") {
  auto store = storage::Store::open_in_memory();
  Session s(*store);
  s.execute("CREATE DATABASE BRANCH dev FROM main AS OF NOW");
  s.execute("USE BRANCH dev");
  s.execute("CREATE FUNCTION only_dev() RETURNS int LANGUAGE sql AS 'SELECT 1'");
  CHECK(rows_of(s.execute("SELECT only_dev()")[0]) == V{"1"});
  s.execute("USE BRANCH main");
  CHECK(state_of(s, "SELECT only_dev()") == "42883");
}

TEST_CASE("pg_get_functiondef prints the function as PostgreSQL does", "[function]") {
  auto store = storage::Store::open_in_memory();
  Session s(*store);
  s.execute(
      "CREATE FUNCTION tag(t text) RETURNS SETOF text LANGUAGE sql STABLE STRICT AS $q$SELECT $function$x$function$ || "
      "t$q$");
  CHECK(rows_of(s.execute("SELECT pg_get_functiondef(oid) FROM pg_proc")[0]) ==
        V{"CREATE OR REPLACE FUNCTION public.tag(t text)\n RETURNS SETOF text\n LANGUAGE sql\n STABLE STRICT\n"
          "AS $functionx$SELECT $function$x$function$ || t$functionx$\n"});
}

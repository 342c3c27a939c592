// Domains through a session: their constraints hold on every write and
// cast, survive reopening the database, and show VALUE as PostgreSQL does.
#include "engine/exec/domain_ddl.hpp"

#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "engine/exec/domain_checks.hpp"
#include "engine/session/session.hpp"
#include "tests/unit/engine/result_text.hpp"
#include "tests/unit/engine/session_probe.hpp"
#include "tests/unit/storage/temp_store.hpp"

using namespace heliosdb;
using namespace heliosdb::engine;
using heliosdb::engine::testing::message_of;
using heliosdb::engine::testing::rows_of;
using heliosdb::engine::testing::sqlstate_of;
using V = std::vector<std::string>;

TEST_CASE("a domain check's condition shows VALUE in capitals, outside quotes only", "[domain]") {
  CHECK(domain_check_text("value > 0") == "VALUE > 0");
  CHECK(domain_check_text("(value)::text <> 'value'") == "(VALUE)::text <> 'value'");
  CHECK(domain_check_text("values_x = \"value\" AND length(value) > 1") ==
        "values_x = \"value\" AND length(VALUE) > 1");
}

TEST_CASE("domain constraints fail with PostgreSQL's messages", "[domain]") {
  auto store = storage::Store::open_in_memory();
  Session s(*store);
  s.execute("CREATE DOMAIN posint AS int CHECK (VALUE > 0); CREATE DOMAIN nn AS text NOT NULL");
  CHECK(message_of(s, "SELECT 0::posint") == "value for domain posint violates check constraint \"posint_check\"");
  CHECK(message_of(s, "SELECT NULL::nn") == "domain nn does not allow null values");
  s.execute("CREATE TABLE t (a posint, b nn)");
  s.execute("INSERT INTO t VALUES (1, 'x')");
  CHECK(message_of(s, "ALTER DOMAIN posint ADD CHECK (VALUE > 5)") ==
        "column \"a\" of table \"t\" contains values that violate the new constraint");
  CHECK(message_of(s, "CREATE DOMAIN posint AS int") == "type \"posint\" already exists");
  CHECK(sqlstate_of(s, "DROP DOMAIN posint") == "2BP01");
}

TEST_CASE("an UPDATE checks only the domain values it changes", "[domain]") {
  auto store = storage::Store::open_in_memory();
  Session s(*store);
  s.execute("CREATE DOMAIN small AS int; CREATE TABLE t (id int, v small)");
  s.execute("INSERT INTO t VALUES (1, 50)");
  s.execute("ALTER DOMAIN small ADD CONSTRAINT lt10 CHECK (VALUE < 10) NOT VALID");
  s.execute("UPDATE t SET id = 2");
  CHECK(sqlstate_of(s, "UPDATE t SET v = v + 1") == "23514");
  CHECK(rows_of(s.execute("SELECT id, v FROM t")[0]) == V{"2|50"});
}

TEST_CASE("domains and the columns using them survive reopening the database", "[domain]") {
  storage::testing::TempDir dir;
  const storage::StoreOptions options = storage::testing::disk_options(dir.path());
  {
    auto store = storage::Store::open(options);
    Session s(*store);
    s.execute("CREATE DOMAIN code AS varchar(4) DEFAULT 'none' CHECK (VALUE <> 'bad')");
    s.execute("CREATE TABLE item (id int, c code); INSERT INTO item (id) VALUES (1)");
  }
  {
    auto store = storage::Store::open(options);
    Session s(*store);
    CHECK(sqlstate_of(s, "INSERT INTO item VALUES (2, 'bad')") == "23514");
    s.execute("INSERT INTO item (id) VALUES (3)");
    CHECK(rows_of(s.execute("SELECT id, c FROM item ORDER BY id")[0]) == V{"1|none", "3|none"});
    CHECK(rows_of(s.execute("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                            "WHERE attrelid = 'item'::regclass AND attname = 'c'")[0]) == V{"code"});
  }
}

TEST_CASE("a domain a view names, or an enum a domain is over, is not dropped or renamed under it", "[domain]") {
  auto store = storage::Store::open_in_memory();
  Session s(*store);
  s.execute("CREATE DOMAIN posint AS int CHECK (VALUE > 0)");
  s.execute("CREATE VIEW one AS SELECT 1::posint AS v");
  CHECK(sqlstate_of(s, "ALTER DOMAIN posint RENAME TO positive") == "0A000");
  CHECK(sqlstate_of(s, "DROP DOMAIN posint") == "0A000");
  s.execute("DROP VIEW one; ALTER DOMAIN posint RENAME TO positive; DROP DOMAIN positive");
  s.execute("CREATE TYPE light AS ENUM ('red', 'green'); CREATE DOMAIN go AS light CHECK (VALUE <> 'red')");
  CHECK(sqlstate_of(s, "DROP TYPE light") == "2BP01");
  CHECK(sqlstate_of(s, "ALTER TYPE light RENAME VALUE 'red' TO 'stop'") == "0A000");
  CHECK(sqlstate_of(s, "DROP TYPE go") == "0A000");
  s.execute("DROP DOMAIN go; DROP TYPE light");
}

TEST_CASE("a domain made on a branch is that branch's alone", "[domain]") {
  auto store = storage::Store::open_in_memory();
  Session s(*store);
  s.execute("CREATE DATABASE BRANCH dev FROM main AS OF NOW");
  s.execute("USE BRANCH dev");
  s.execute("CREATE DOMAIN posint AS int CHECK (VALUE > 0)");
  CHECK(rows_of(s.execute("SELECT 3::posint")[0]) == V{"3"});
  s.execute("USE BRANCH main");
  CHECK(sqlstate_of(s, "SELECT 3::posint") == "42704");
  s.execute("CREATE DOMAIN posint AS int CHECK (VALUE < 0)");
  CHECK(rows_of(s.execute("SELECT (-3)::posint")[0]) == V{"-3"});
}

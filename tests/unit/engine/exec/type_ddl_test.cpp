// CREATE / ALTER / DROP TYPE ... AS ENUM through a session: enum columns
// keep their order and labels across ALTER TYPE, rollback and reopening.
#include "engine/exec/type_ddl.hpp"

#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "engine/session/session.hpp"
#include "tests/unit/engine/result_text.hpp"
#include "tests/unit/engine/session_probe.hpp"
#include "tests/unit/storage/temp_store.hpp"

using namespace heliosdb;
using namespace heliosdb::engine;
using heliosdb::engine::testing::rows_of;
using heliosdb::engine::testing::sqlstate_of;
using V = std::vector<std::string>;

TEST_CASE("an enum column sorts, groups and indexes by the type's order", "[enum]") {
  auto store = storage::Store::open_in_memory();
  Session s(*store);
  s.execute("CREATE TYPE size AS ENUM ('small', 'medium', 'large')");
  s.execute("CREATE TABLE shirt (id int PRIMARY KEY, sz size); CREATE INDEX ON shirt (sz)");
  s.execute("INSERT INTO shirt VALUES (1, 'large'), (2, 'small'), (3, 'medium'), (4, 'small')");
  CHECK(rows_of(s.execute("SELECT sz FROM shirt ORDER BY sz, id")[0]) == V{"small", "small", "medium", "large"});
  CHECK(rows_of(s.execute("SELECT sz, count(*) FROM shirt GROUP BY sz ORDER BY sz")[0]) ==
        V{"small|2", "medium|1", "large|1"});
  CHECK(rows_of(s.execute("SELECT id FROM shirt WHERE sz > 'small' ORDER BY id")[0]) == V{"1", "3"});
  CHECK(sqlstate_of(s, "INSERT INTO shirt VALUES (5, 'huge')") == "22P02");
}

TEST_CASE("labels added between others sort there; renamed ones read back renamed", "[enum]") {
  auto store = storage::Store::open_in_memory();
  Session s(*store);
  s.execute("CREATE TYPE size AS ENUM ('small', 'large')");
  s.execute("CREATE TABLE shirt (id int, sz size PRIMARY KEY)");
  s.execute("INSERT INTO shirt VALUES (1, 'large'), (2, 'small')");
  s.execute("ALTER TYPE size ADD VALUE 'medium' AFTER 'small'");
  s.execute("ALTER TYPE size ADD VALUE 'tiny' BEFORE 'small'");
  s.execute("INSERT INTO shirt VALUES (3, 'medium'), (4, 'tiny')");
  CHECK(rows_of(s.execute("SELECT sz FROM shirt")[0]) == V{"tiny", "small", "medium", "large"});
  s.execute("ALTER TYPE size RENAME VALUE 'large' TO 'big'");
  CHECK(rows_of(s.execute("SELECT id FROM shirt WHERE sz = 'big'")[0]) == V{"1"});
  CHECK(sqlstate_of(s, "ALTER TYPE size ADD VALUE 'big'") == "42710");
  CHECK(sqlstate_of(s, "ALTER TYPE size RENAME VALUE 'huge' TO 'x'") == "22023");
}

TEST_CASE("DROP TYPE refuses while a column uses the type, and CASCADE drops the column", "[enum]") {
  auto store = storage::Store::open_in_memory();
  Session s(*store);
  s.execute("CREATE TYPE size AS ENUM ('s'); CREATE TABLE shirt (id int, sz size, szs size[])");
  CHECK(sqlstate_of(s, "DROP TYPE size") == "2BP01");
  auto results = s.execute("DROP TYPE size CASCADE");
  REQUIRE(results[0].notices.size() == 1);
  CHECK(results[0].notices[0].message == "drop cascades to 2 other objects");
  CHECK(rows_of(s.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'shirt'")[0]) == V{"1"});
  CHECK(sqlstate_of(s, "SELECT 's'::size") == "42704");
}

TEST_CASE("a type made in a transaction that rolls back is gone", "[enum]") {
  auto store = storage::Store::open_in_memory();
  Session s(*store);
  s.execute("BEGIN; CREATE TYPE size AS ENUM ('s'); ROLLBACK");
  CHECK(sqlstate_of(s, "SELECT 's'::size") == "42704");
  s.execute("CREATE TYPE size AS ENUM ('s')");
  CHECK(sqlstate_of(s, "CREATE TYPE size AS ENUM ('m')") == "42710");
}

TEST_CASE("enum types and the rows using them survive reopening the database", "[enum]") {
  storage::testing::TempDir dir;
  const storage::StoreOptions options = storage::testing::disk_options(dir.path());
  {
    auto store = storage::Store::open(options);
    Session s(*store);
    s.execute("CREATE TYPE size AS ENUM ('small', 'large'); CREATE TABLE shirt (id int, sz size DEFAULT 'large')");
    s.execute("INSERT INTO shirt VALUES (1, 'small'); INSERT INTO shirt (id) VALUES (2)");
  }
  {
    auto store = storage::Store::open(options);
    Session s(*store);
    s.execute("ALTER TYPE size ADD VALUE 'medium' BEFORE 'large'");
    s.execute("INSERT INTO shirt VALUES (3, 'medium')");
    CHECK(rows_of(s.execute("SELECT id, sz FROM shirt ORDER BY sz")[0]) == V{"1|small", "3|medium", "2|large"});
    CHECK(rows_of(s.execute("SELECT format_type(atttypid, NULL) FROM pg_attribute "
                            "WHERE attrelid = 'shirt'::regclass AND attname = 'sz'")[0]) == V{"size"});
  }
}

TEST_CASE("a label or type a view or check names as text is not renamed or dropped under it", "[enum]") {
  auto store = storage::Store::open_in_memory();
  Session s(*store);
  s.execute("CREATE TYPE size AS ENUM ('small', 'large')");
  s.execute("CREATE TABLE shirt (id int, sz size DEFAULT 'small' CHECK (sz <> 'large'))");
  s.execute("CREATE VIEW big AS SELECT id FROM shirt WHERE sz > 'small'::size");
  CHECK(sqlstate_of(s, "ALTER TYPE size RENAME VALUE 'large' TO 'big'") == "0A000");
  CHECK(sqlstate_of(s, "ALTER TYPE size RENAME TO dimension") == "0A000");
  // The column's own label default goes along with its label.
  s.execute("ALTER TABLE shirt DROP CONSTRAINT shirt_sz_check; DROP VIEW big");
  s.execute("ALTER TYPE size RENAME VALUE 'small' TO 'tiny'");
  s.execute("INSERT INTO shirt (id) VALUES (1)");
  CHECK(rows_of(s.execute("SELECT sz FROM shirt")[0]) == V{"tiny"});
  CHECK(rows_of(s.execute("SELECT column_default FROM information_schema.columns WHERE column_name = 'sz'")[0]) ==
        V{"'tiny'::size"});
}

TEST_CASE("a label added in a transaction is not used before it commits (55P04)", "[enum]") {
  auto store = storage::Store::open_in_memory();
  Session s(*store);
  s.execute("CREATE TYPE size AS ENUM ('small')");
  s.execute("BEGIN; ALTER TYPE size ADD VALUE 'large'");
  CHECK(sqlstate_of(s, "SELECT 'large'::size") == "55P04");
  s.execute("ROLLBACK");
  s.execute("BEGIN; ALTER TYPE size ADD VALUE 'large'");
  CHECK(rows_of(s.execute("SELECT 'small'::size")[0]) == V{"small"});
  s.execute("COMMIT");
  CHECK(rows_of(s.execute("SELECT enum_range(NULL::size)")[0]) == V{"{small,large}"});
  // Labels CREATE TYPE made in the same transaction are usable at once.
  s.execute("BEGIN; CREATE TYPE shade AS ENUM ('dark')");
  CHECK(rows_of(s.execute("SELECT 'dark'::shade")[0]) == V{"dark"});
  s.execute("COMMIT");
}

TEST_CASE("COMMENT ON TYPE describes an enum in pg_description", "[enum]") {
  auto store = storage::Store::open_in_memory();
  Session s(*store);
  s.execute("CREATE TYPE size AS ENUM ('small'); COMMENT ON TYPE size IS 'how big'");
  CHECK(rows_of(s.execute("SELECT obj_description('size'::regtype, 'pg_type'), obj_description('size'::regtype)")[0]) ==
        V{"how big|how big"});
  CHECK(sqlstate_of(s, "COMMENT ON TYPE nosuch IS 'x'") == "42704");
}

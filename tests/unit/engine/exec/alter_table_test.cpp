// ALTER TABLE's table rewrites: what SQL tests against PostgreSQL cannot
// show — history reads the old layout, a rollback restores rows and
// indexes, and other tables' foreign keys follow the columns that move.
#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "engine/session/session.hpp"
#include "tests/unit/engine/result_text.hpp"
#include "tests/unit/engine/session_probe.hpp"

using namespace heliosdb;
using namespace heliosdb::engine;
using heliosdb::engine::testing::query_rows;
using heliosdb::engine::testing::sqlstate_of;

TEST_CASE("after DROP COLUMN and ALTER TYPE, AS OF reads rows as they were stored", "[alter]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE t (id int PRIMARY KEY, gone text, n int)");
  session.execute("INSERT INTO t VALUES (1, 'a', 10), (2, 'b', 20)");
  const std::string scn = query_rows(session, "SELECT max(scn) FROM heliosdb_commits")[0];
  session.execute("ALTER TABLE t DROP COLUMN gone, ALTER COLUMN n TYPE text USING (n * 2)::text");
  CHECK(query_rows(session, "SELECT * FROM t ORDER BY id") == std::vector<std::string>{"1|20", "2|40"});
  CHECK(query_rows(session, "SELECT * FROM t AS OF SCN " + scn + " ORDER BY id") ==
        std::vector<std::string>{"1|a|10", "2|b|20"});
}

TEST_CASE("a rolled-back ALTER TABLE leaves rows, keys and indexes as they were", "[alter]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE t (id int PRIMARY KEY, code text, n int)");
  session.execute("CREATE INDEX t_n ON t (n)");
  session.execute("INSERT INTO t VALUES (1, 'x', 5), (2, 'y', 6)");
  session.execute("BEGIN");
  session.execute("ALTER TABLE t DROP COLUMN id, ALTER COLUMN n TYPE bigint");
  CHECK(query_rows(session, "SELECT * FROM t WHERE n = 6") == std::vector<std::string>{"y|6"});
  session.execute("ROLLBACK");
  CHECK(query_rows(session, "SELECT * FROM t WHERE n = 6") == std::vector<std::string>{"2|y|6"});
  CHECK(query_rows(session, "SELECT code FROM t WHERE id = 1") == std::vector<std::string>{"x"});
  CHECK(sqlstate_of(session, "INSERT INTO t VALUES (1, 'dup', 0)") == "23505");
}

TEST_CASE("foreign keys of other tables follow the referenced columns when one before them is dropped", "[alter]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE parent (junk int, id int PRIMARY KEY)");
  session.execute("CREATE TABLE child (pid int REFERENCES parent (id))");
  session.execute("INSERT INTO parent VALUES (0, 7)");
  session.execute("ALTER TABLE parent DROP COLUMN junk");
  session.execute("INSERT INTO child VALUES (7)");
  CHECK(sqlstate_of(session, "INSERT INTO child VALUES (8)") == "23503");
  CHECK(sqlstate_of(session, "DELETE FROM parent WHERE id = 7") == "23503");
  // The key's own column cannot go while a foreign key needs it.
  CHECK(sqlstate_of(session, "ALTER TABLE parent DROP COLUMN id") == "2BP01");
  session.execute("ALTER TABLE parent DROP COLUMN id CASCADE");
  session.execute("INSERT INTO child VALUES (99)");
  CHECK(query_rows(session, "SELECT count(*) FROM child") == std::vector<std::string>{"2"});
}

TEST_CASE("a SERIAL's sequence goes with its column and follows it when it moves", "[alter]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE t (a int, id serial, other serial)");
  session.execute("ALTER TABLE t DROP COLUMN a");
  session.execute("INSERT INTO t DEFAULT VALUES");
  CHECK(query_rows(session, "SELECT id, other FROM t") == std::vector<std::string>{"1|1"});
  session.execute("ALTER TABLE t DROP COLUMN id");
  CHECK(sqlstate_of(session, "SELECT nextval('t_id_seq')") == "42P01");
  // The remaining one still belongs to its column: dropping the table drops it.
  session.execute("DROP TABLE t");
  CHECK(sqlstate_of(session, "SELECT nextval('t_other_seq')") == "42P01");
}

TEST_CASE("a materialized view holds the names of the columns it reads, and only those", "[alter]") {
  // PostgreSQL renames under a view by its stored tree; ours keeps the query
  // as text, so renaming what it reads is refused (0A000), never a view
  // that stops refreshing.
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE t (a int, b int, c int, d int)");
  session.execute("INSERT INTO t VALUES (1, 1, 7, 8), (2, 0, 7, 8)");
  session.execute("CREATE MATERIALIZED VIEW m AS SELECT a FROM t WHERE b > 0");
  session.execute("ALTER TABLE t RENAME COLUMN c TO c2");
  CHECK(sqlstate_of(session, "ALTER TABLE t RENAME COLUMN a TO a2") == "0A000");
  CHECK(sqlstate_of(session, "ALTER TABLE t RENAME COLUMN b TO b2") == "0A000");
  CHECK(sqlstate_of(session, "ALTER TABLE t RENAME TO t2") == "0A000");
  session.execute("ALTER TABLE t DROP COLUMN c2, ALTER COLUMN d TYPE bigint");
  session.execute("INSERT INTO t VALUES (3, 5, 9)");
  session.execute("REFRESH MATERIALIZED VIEW m");
  CHECK(query_rows(session, "SELECT a FROM m ORDER BY a") == std::vector<std::string>{"1", "3"});
  // The probe that finds the readers leaves the table as it was.
  CHECK(query_rows(session, "SELECT * FROM t ORDER BY a") == std::vector<std::string>{"1|1|8", "2|0|8", "3|5|9"});
  CHECK(query_rows(session,
                   "SELECT attname FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum > 0 "
                   "ORDER BY attnum") == std::vector<std::string>{"a", "b", "d"});
}

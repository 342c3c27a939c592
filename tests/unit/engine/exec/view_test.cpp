// Views: read as their query, kept across branches and restarts of the
// session, and changed through when simple enough (the table under them).
#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "engine/session/session.hpp"
#include "tests/unit/engine/result_text.hpp"
#include "tests/unit/engine/session_probe.hpp"
#include "tests/unit/storage/temp_store.hpp"

using namespace heliosdb;
using namespace heliosdb::engine;
using heliosdb::engine::testing::message_of;
using heliosdb::engine::testing::rows_of;
using heliosdb::engine::testing::sqlstate_of;

TEST_CASE("a view reads its query's rows as they are now", "[view]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE t (a int, b text)");
  session.execute("INSERT INTO t VALUES (1, 'x'), (2, 'y')");
  session.execute("CREATE VIEW big (n, label) AS SELECT a, b FROM t WHERE a > 1");
  CHECK(rows_of(session.execute("SELECT * FROM big").back()) == std::vector<std::string>{"2|y"});
  session.execute("INSERT INTO t VALUES (3, 'z')");
  CHECK(rows_of(session.execute("SELECT label FROM big ORDER BY n DESC").back()) == std::vector<std::string>{"z", "y"});
  // Another session of the store sees the view the first one committed.
  Session other(*store);
  CHECK(rows_of(other.execute("SELECT count(*) FROM big").back()) == std::vector<std::string>{"2"});
}

TEST_CASE("a simple view changes its table; a rolled-back CREATE VIEW leaves none", "[view]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE t (a int)");
  session.execute("CREATE VIEW v AS SELECT a FROM t");
  session.execute("INSERT INTO v VALUES (1)");
  session.execute("UPDATE v SET a = 2");
  CHECK(rows_of(session.execute("SELECT a FROM t").back()) == std::vector<std::string>{"2"});
  session.execute("DELETE FROM v");
  CHECK(rows_of(session.execute("SELECT count(*) FROM t").back()) == std::vector<std::string>{"0"});
  CHECK(sqlstate_of(session, "TRUNCATE v") != "none");
  session.execute("BEGIN");
  session.execute("CREATE VIEW w AS SELECT 1 AS one");
  CHECK(rows_of(session.execute("SELECT one FROM w").back()) == std::vector<std::string>{"1"});
  session.execute("ROLLBACK");
  CHECK(sqlstate_of(session, "SELECT * FROM w") == "42P01");
}

TEST_CASE("changes through a view that cannot take them fail with PostgreSQL's messages", "[view]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE t (a int, b text)");
  session.execute("CREATE VIEW counted AS SELECT count(*) AS n FROM t");
  session.execute("CREATE VIEW shouted AS SELECT a, upper(b) AS b FROM t WHERE a > 0 WITH LOCAL CHECK OPTION");
  CHECK(message_of(session, "DELETE FROM counted") == "cannot delete from view \"counted\"");
  CHECK(message_of(session, "UPDATE shouted SET b = 'x'") == "cannot update column \"b\" of view \"shouted\"");
  CHECK(message_of(session, "INSERT INTO shouted VALUES (0)") == "new row violates check option for view \"shouted\"");
  CHECK(message_of(session, "CREATE VIEW bad AS SELECT DISTINCT a FROM t WITH CHECK OPTION") ==
        "WITH CHECK OPTION is supported only on automatically updatable views");
  session.execute("INSERT INTO shouted VALUES (1)");
  CHECK(rows_of(session.execute("UPDATE shouted SET a = a + 1 RETURNING a, b").back()) ==
        std::vector<std::string>{"2|NULL"});
}

TEST_CASE("a check option and a view over a view survive reopening the database", "[view]") {
  storage::testing::TempDir dir;
  const storage::StoreOptions options = storage::testing::disk_options(dir.path());
  {
    auto store = storage::Store::open(options);
    Session session(*store);
    session.execute("CREATE TABLE t (a int PRIMARY KEY, b text DEFAULT 'd')");
    session.execute("CREATE VIEW pos AS SELECT a AS x, b FROM t WHERE a > 0");
    session.execute("CREATE VIEW small AS SELECT x, b FROM pos WHERE x < 10 WITH CASCADED CHECK OPTION");
  }
  {
    auto store = storage::Store::open(options);
    Session session(*store);
    CHECK(sqlstate_of(session, "INSERT INTO small VALUES (-1)") == "44000");  // pos's WHERE, cascaded
    CHECK(sqlstate_of(session, "INSERT INTO small VALUES (11)") == "44000");
    session.execute("INSERT INTO small (x) VALUES (5)");
    CHECK(rows_of(session.execute("SELECT a, b FROM t").back()) == std::vector<std::string>{"5|d"});
  }
}

TEST_CASE("an UPDATE or DELETE through a view finds its rows with the table's index", "[view]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE t (id int PRIMARY KEY, b text)");
  session.execute("INSERT INTO t SELECT g, 'r' || g FROM generate_series(1, 50) g");
  session.execute("CREATE VIEW v AS SELECT id AS key, b FROM t WHERE b <> 'r7'");
  auto plan_of = [&](const std::string& sql) {
    std::string text;
    for (const std::string& line : rows_of(session.execute("EXPLAIN " + sql).back())) text += line + "\n";
    return text;
  };
  CHECK(plan_of("UPDATE v SET b = 'x' WHERE key = 5").find("Index") != std::string::npos);
  CHECK(plan_of("DELETE FROM v WHERE key = 5").find("Index") != std::string::npos);
  // A volatile term is not evaluated twice (it stays above the scan); the others still use the index.
  CHECK(plan_of("DELETE FROM v WHERE key = 5 AND random() < 2").find("Index") != std::string::npos);
  CHECK(plan_of("DELETE FROM v WHERE random() < 2").find("Index") == std::string::npos);
  CHECK(rows_of(session.execute("UPDATE v SET b = 'x' WHERE key IN (5, 7) RETURNING key").back()) ==
        std::vector<std::string>{"5"});
  CHECK(rows_of(session.execute("DELETE FROM v WHERE key < 3 RETURNING key, b").back()) ==
        std::vector<std::string>{"1|r1", "2|r2"});
}

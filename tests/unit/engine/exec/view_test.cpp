// Views: read as their query, kept across branches and restarts of the
// session, refused (for now) as the target of a change.
#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "engine/session/session.hpp"
#include "tests/unit/engine/result_text.hpp"

using namespace heliosdb;
using namespace heliosdb::engine;
using heliosdb::engine::testing::rows_of;

namespace {

std::string sqlstate_of(Session& session, std::string_view sql) {
  try {
    session.execute(sql);
  } catch (const DbError& e) {
    return std::string(e.state().code());
  }
  return "none";
}

}  // namespace

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

TEST_CASE("a view is not a table to change, and a rolled-back CREATE VIEW leaves none", "[view]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE t (a int)");
  session.execute("CREATE VIEW v AS SELECT a FROM t");
  CHECK(sqlstate_of(session, "INSERT INTO v VALUES (1)") == "0A000");
  CHECK(sqlstate_of(session, "UPDATE v SET a = 2") == "0A000");
  CHECK(sqlstate_of(session, "DELETE FROM v") == "0A000");
  CHECK(sqlstate_of(session, "TRUNCATE v") != "none");
  session.execute("BEGIN");
  session.execute("CREATE VIEW w AS SELECT 1 AS one");
  CHECK(rows_of(session.execute("SELECT one FROM w").back()) == std::vector<std::string>{"1"});
  session.execute("ROLLBACK");
  CHECK(sqlstate_of(session, "SELECT * FROM w") == "42P01");
}

// search_path: how its value splits, and where names without a schema go.
#include "engine/exec/search_path.hpp"

#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "engine/session/session.hpp"

using namespace heliosdb;
using namespace heliosdb::engine;

TEST_CASE("a search_path value splits as PostgreSQL's identifier lists do", "[schema]") {
  using V = std::vector<std::string>;
  CHECK(split_search_path("\"$user\", public") == V{"$user", "public"});
  CHECK(split_search_path("App ,  \"Mixed\"\"Case\",x") == V{"app", "Mixed\"Case", "x"});
  CHECK(split_search_path("") == V{});
  CHECK(split_search_path("  ,a") == V{"a"});
}

TEST_CASE("the schemas the embedded API's names go to follow its search path", "[schema]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE SCHEMA app; CREATE TABLE app.t (x int); CREATE TABLE t (y text)");
  session.execute("SET search_path = app, public");
  auto rows = session.execute("INSERT INTO t VALUES (1); SELECT x FROM t");
  REQUIRE(rows.back().rows.size() == 1);
  CHECK(rows.back().rows[0][0].as_int() == 1);
  session.execute("SET search_path = ''");
  CHECK_THROWS_AS(session.execute("SELECT * FROM t"), DbError);
  CHECK_THROWS_AS(session.execute("CREATE TABLE u (z int)"), DbError);
  CHECK(session.execute("SELECT count(*) FROM app.t").back().rows[0][0].as_int() == 1);
}

// Temporary tables belong to one session: others do not see them, and they
// go when the session ends.
#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "engine/session/session.hpp"

using namespace heliosdb;
using namespace heliosdb::engine;

namespace {

std::int64_t count(Session& session, std::string_view sql) { return session.execute(sql).back().rows[0][0].as_int(); }

}  // namespace

TEST_CASE("a temporary table is its session's alone and ends with it", "[temp]") {
  auto store = storage::Store::open_in_memory();
  Session other(*store);
  other.execute("CREATE TABLE shared (x int); INSERT INTO shared VALUES (1)");
  {
    Session owner(*store);
    owner.execute("CREATE TEMP TABLE shared (x int); INSERT INTO shared VALUES (1), (2)");
    CHECK(count(owner, "SELECT count(*) FROM shared") == 2);
    CHECK(count(other, "SELECT count(*) FROM shared") == 1);
    owner.execute("CREATE TEMP TABLE mine (y int)");
    CHECK_THROWS_AS(other.execute("SELECT * FROM mine"), DbError);
    CHECK(count(other, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pg_temp%'") == 1);
  }
  CHECK(count(other, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pg_temp%'") == 0);
  CHECK(count(other, "SELECT count(*) FROM pg_class WHERE relname = 'mine'") == 0);
  CHECK(count(other, "SELECT count(*) FROM shared") == 1);
}

// Hashed subqueries: a correlated EXISTS over equalities and x IN
// (uncorrelated subquery) answer by hash lookup, and give what the per-row
// forms give on random data with NULLs and duplicates.
#include <catch2/catch.hpp>

#include <random>

#include "engine/session/session.hpp"
#include "tests/unit/engine/result_text.hpp"

using namespace heliosdb;
using namespace heliosdb::engine;
using heliosdb::engine::testing::rows_of;

namespace {

std::string plan_of(Session& session, const std::string& query) {
  std::string out;
  for (const std::string& line : rows_of(session.execute("EXPLAIN " + query).back())) out += line + "\n";
  return out;
}

std::string random_value(std::mt19937& rng) {
  const int v = static_cast<int>(rng() % 8);
  return v == 0 ? "NULL" : std::to_string(v);
}

}  // namespace

TEST_CASE("EXISTS over equalities and IN (subquery) are hashed; other shapes run per row", "[subquery]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE o (id int PRIMARY KEY, k int, s text)");
  session.execute("CREATE TABLE i (id int PRIMARY KEY, k bigint, s varchar(5))");
  const char* hashed[] = {
      "SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k)",
      "SELECT id FROM o WHERE NOT EXISTS (SELECT * FROM i WHERE o.s = i.s AND i.k = o.k + 1 AND i.id > 3 LIMIT 1)",
      "SELECT id FROM o WHERE k IN (SELECT k FROM i)",
  };
  for (const char* query : hashed) {
    INFO(query);
    CHECK(plan_of(session, query).find("hashed SubPlan") != std::string::npos);
  }
  const char* per_row[] = {
      "SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k < o.k)",
      "SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k OR i.s = o.s)",
      "SELECT id FROM o WHERE EXISTS (SELECT count(*) FROM i WHERE i.k = o.k)",
      "SELECT id FROM o WHERE EXISTS (SELECT o.s FROM i WHERE i.k = o.k)",
      "SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k OFFSET 1)",
      "SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k::float8 = o.k::float8)",  // floats: -0 = 0
      "SELECT id FROM o WHERE (k, s) IN (SELECT k, s FROM i)",
  };
  for (const char* query : per_row) {
    INFO(query);
    const std::string plan = plan_of(session, query);
    CHECK(plan.find("SubPlan") != std::string::npos);
    CHECK(plan.find("hashed SubPlan") == std::string::npos);
  }
}

TEST_CASE("hashed subqueries answer as the per-row forms do, NULLs included", "[subquery]") {
  std::mt19937 rng(20261204);
  for (int trial = 0; trial < 20; ++trial) {
    auto store = storage::Store::open_in_memory();
    Session session(*store);
    session.execute("CREATE TABLE o (id int PRIMARY KEY, k int, j int)");
    session.execute("CREATE TABLE i (id int PRIMARY KEY, k bigint, j int)");
    for (const char* table : {"o", "i"}) {
      const int rows = static_cast<int>(rng() % 12);
      for (int r = 0; r < rows; ++r) {
        session.execute(std::string("INSERT INTO ") + table + " VALUES (" + std::to_string(r) + ", " +
                        random_value(rng) + ", " + random_value(rng) + ")");
      }
    }
    // EXPLAIN shows a WHERE's subquery, not a select list's.
    auto same = [&](const std::string& hashed, const std::string& per_row, bool in_where = true) {
      INFO("trial " << trial << ": " << hashed);
      if (in_where) REQUIRE(plan_of(session, hashed).find("hashed SubPlan") != std::string::npos);
      CHECK(rows_of(session.execute(hashed).back()) == rows_of(session.execute(per_row).back()));
    };
    // OFFSET 0 keeps the rows and the per-row evaluation; = ANY (ARRAY(...)) compares element by element.
    same("SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k) ORDER BY id",
         "SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k OFFSET 0) ORDER BY id");
    same(
        "SELECT id FROM o WHERE NOT EXISTS (SELECT 1 FROM i WHERE i.k = o.k AND o.j = i.j AND i.id % 2 = 0) "
        "ORDER BY id",
        "SELECT id FROM o WHERE NOT EXISTS (SELECT 1 FROM i WHERE i.k = o.k AND o.j = i.j AND i.id % 2 = 0 "
        "OFFSET 0) ORDER BY id");
    same("SELECT id, k IN (SELECT k FROM i), j NOT IN (SELECT j FROM i WHERE id > 2) FROM o ORDER BY id",
         "SELECT id, k = ANY (ARRAY(SELECT k FROM i)), NOT (j = ANY (ARRAY(SELECT j FROM i WHERE id > 2))) FROM o "
         "ORDER BY id",
         false);
    same("SELECT id FROM o WHERE j IN (SELECT j FROM i WHERE id > 2) ORDER BY id",
         "SELECT id FROM o WHERE j = ANY (ARRAY(SELECT j FROM i WHERE id > 2)) ORDER BY id");
  }
}

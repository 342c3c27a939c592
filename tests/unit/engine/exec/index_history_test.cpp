// An index made over existing rows serves AS OF reads from before it: each
// read through the index must find exactly what a sequential scan of that
// point finds, at every SCN, whatever the rows went through (updates of the
// indexed column, deletes, a key deleted and inserted again, schema changes).
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <random>
#include <string>
#include <vector>

#include "engine/session/session.hpp"
#include "tests/unit/engine/result_text.hpp"
#include "tests/unit/engine/session_probe.hpp"

using namespace heliosdb;
using namespace heliosdb::engine;
using heliosdb::engine::testing::query_rows;
using heliosdb::engine::testing::sqlstate_of;

namespace {

using V = std::vector<std::string>;

std::string plan(Session& session, const std::string& sql) {
  std::string out;
  for (const std::string& line : query_rows(session, "EXPLAIN " + sql)) out += line + "\n";
  return out;
}

std::uint64_t current_scn(Session& session) {
  return std::stoull(query_rows(session, "SELECT heliosdb_current_scn()")[0]);
}

// At every SCN in [from, to]: the index scan's rows are the sequential scan's.
void check_every_point(Session& session, std::uint64_t from, std::uint64_t to, const std::string& index) {
  for (std::uint64_t scn = from; scn <= to; ++scn) {
    for (const char* where : {"k = 3", "k > 50", "k BETWEEN 10 AND 20"}) {
      const std::string by_index = fmt::format("SELECT id, k FROM t AS OF SCN {} WHERE {} ORDER BY id", scn, where);
      // k + 0 hides the column from the planner: the rows then come from a scan.
      std::string scanned = by_index;
      scanned.replace(scanned.find("WHERE k"), 7, "WHERE k + 0");
      INFO(by_index);
      REQUIRE(plan(session, by_index).find("Index Scan using " + index) != std::string::npos);
      REQUIRE(plan(session, scanned).find("Seq Scan") != std::string::npos);
      CHECK(query_rows(session, by_index) == query_rows(session, scanned));
    }
  }
}

}  // namespace

TEST_CASE("an index made later finds at every past point what a scan of it finds", "[time-travel][index]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE t (id int PRIMARY KEY, k int, pad text)");
  const std::uint64_t created = current_scn(session);
  std::mt19937 rng(GENERATE(1u, 2u, 3u));
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  for (int step = 0; step < 40; ++step) {
    const int id = pick(30);
    switch (pick(4)) {
      case 0:
        session.execute(fmt::format("INSERT INTO t VALUES ({}, {}, 'x') ON CONFLICT (id) DO NOTHING", id, pick(100)));
        break;
      case 1:
        session.execute(fmt::format("UPDATE t SET k = {} WHERE id = {}", pick(100), id));
        break;
      case 2:
        session.execute(fmt::format("UPDATE t SET pad = pad || 'y' WHERE id % 3 = {}", pick(3)));  // k unchanged
        break;
      default:
        session.execute(fmt::format("DELETE FROM t WHERE id = {}", id));
    }
  }
  const std::uint64_t before_index = current_scn(session);
  session.execute("CREATE INDEX t_k ON t (k)");
  session.execute("UPDATE t SET k = k + 1 WHERE id % 2 = 0");
  session.execute("DELETE FROM t WHERE id % 5 = 0");
  check_every_point(session, created, current_scn(session), "t_k");
  CHECK(before_index > created);
}

TEST_CASE("an index made later is not used before a change of the columns it needs", "[time-travel][index]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE t (id int PRIMARY KEY, gone text, k int)");
  session.execute("INSERT INTO t SELECT g, 'g', g FROM generate_series(1, 60) g");
  const std::uint64_t old_layout = current_scn(session);
  session.execute("ALTER TABLE t DROP COLUMN gone");  // k moves: the old rows say nothing of t_k
  session.execute("UPDATE t SET k = k * 2 WHERE id > 30");
  const std::uint64_t new_layout = current_scn(session);
  session.execute("ALTER TABLE t ADD COLUMN extra int");  // k stays where it is
  session.execute("UPDATE t SET k = 3 WHERE id = 7");
  session.execute("CREATE INDEX t_k ON t (k)");
  CHECK(plan(session, fmt::format("SELECT id FROM t AS OF SCN {} WHERE k = 3", old_layout)).find("Seq Scan") !=
        std::string::npos);
  CHECK(query_rows(session, fmt::format("SELECT id FROM t AS OF SCN {} WHERE k = 3", old_layout)) == V{"3"});
  check_every_point(session, new_layout, current_scn(session), "t_k");
}

TEST_CASE("a unique index made later over past duplicates is not used before it", "[time-travel][index]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE t (id int PRIMARY KEY, k int)");
  session.execute("INSERT INTO t VALUES (1, 3), (2, 3)");
  const std::uint64_t duplicated = current_scn(session);
  session.execute("UPDATE t SET k = 4 WHERE id = 2");
  session.execute("CREATE UNIQUE INDEX t_k ON t (k)");
  const std::string sql = fmt::format("SELECT id FROM t AS OF SCN {} WHERE k = 3 ORDER BY id", duplicated);
  CHECK(plan(session, sql).find("Seq Scan") != std::string::npos);
  CHECK(query_rows(session, sql) == V{"1", "2"});
  // Values that were always unique: the past is given and used.
  session.execute("CREATE TABLE u (id int PRIMARY KEY, k int)");
  session.execute("INSERT INTO u VALUES (1, 3), (2, 4)");
  const std::uint64_t unique_then = current_scn(session);
  session.execute("UPDATE u SET k = 5 WHERE id = 1");
  session.execute("UPDATE u SET k = 3 WHERE id = 2");  // 3 again, on another row
  session.execute("CREATE UNIQUE INDEX u_k ON u (k)");
  const std::string then = fmt::format("SELECT id FROM u AS OF SCN {} WHERE k = 3", unique_then);
  CHECK(plan(session, then).find("Index Scan using u_k") != std::string::npos);
  CHECK(query_rows(session, then) == V{"1"});
  CHECK(query_rows(session, "SELECT id FROM u WHERE k = 3") == V{"2"});
}

TEST_CASE("a rolled-back index made later leaves no past behind", "[time-travel][index]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE t (id int PRIMARY KEY, k int)");
  session.execute("INSERT INTO t VALUES (1, 3)");
  const std::uint64_t then = current_scn(session);
  session.execute("UPDATE t SET k = 4");
  session.execute("BEGIN");
  session.execute("SAVEPOINT s");
  session.execute("CREATE INDEX t_k ON t (k)");
  session.execute("ROLLBACK TO SAVEPOINT s");
  session.execute("CREATE INDEX t_k2 ON t (k)");
  session.execute("COMMIT");
  const std::string sql = fmt::format("SELECT id FROM t AS OF SCN {} WHERE k = 3", then);
  CHECK(plan(session, sql).find("Index Scan using t_k2") != std::string::npos);
  CHECK(query_rows(session, sql) == V{"1"});
  CHECK(query_rows(session, "SELECT indexname FROM pg_indexes WHERE tablename = 't' ORDER BY 1") ==
        V{"t_k2", "t_pkey"});
}

TEST_CASE("an index made later in a transaction that then changes its rows", "[time-travel][index]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE t (id int PRIMARY KEY, k int)");
  session.execute("INSERT INTO t SELECT g, g % 7 FROM generate_series(1, 40) g");
  const std::uint64_t first = current_scn(session);
  session.execute("UPDATE t SET k = k + 50 WHERE id % 4 = 0");
  session.execute("BEGIN");
  session.execute("CREATE INDEX t_k ON t (k)");
  session.execute("UPDATE t SET k = 3 WHERE id % 5 = 0");  // entries deleted and added after the build
  session.execute("DELETE FROM t WHERE id % 6 = 0");
  session.execute("INSERT INTO t VALUES (100, 3)");
  session.execute("COMMIT");
  check_every_point(session, first, current_scn(session), "t_k");
}

TEST_CASE("an index made later on a branch serves that branch's past only", "[time-travel][index][branch]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE t (id int PRIMARY KEY, k int)");
  session.execute("INSERT INTO t VALUES (1, 3), (2, 5)");
  const std::uint64_t before_fork = current_scn(session);
  session.execute("CREATE DATABASE BRANCH b FROM main AS OF NOW");
  Session on_b(*store);
  on_b.execute("USE BRANCH b");
  on_b.execute("UPDATE t SET k = 6 WHERE id = 1");
  const std::uint64_t on_branch = current_scn(on_b);
  on_b.execute("UPDATE t SET k = 7 WHERE id = 1");
  on_b.execute("CREATE INDEX t_k ON t (k)");
  for (const std::uint64_t scn : {before_fork, on_branch}) {
    const std::string sql = fmt::format("SELECT id FROM t AS OF SCN {} WHERE k = {}", scn, scn == before_fork ? 3 : 6);
    CHECK(plan(on_b, sql).find("Index Scan using t_k") != std::string::npos);
    CHECK(query_rows(on_b, sql) == V{"1"});
  }
  // A branch of b has rows of its own that b's past does not know: it scans.
  on_b.execute("CREATE DATABASE BRANCH c FROM b AS OF NOW");
  Session on_c(*store);
  on_c.execute("USE BRANCH c");
  const std::string sql = fmt::format("SELECT id FROM t AS OF SCN {} WHERE k = 6", on_branch);
  CHECK(plan(on_c, sql).find("Seq Scan") != std::string::npos);
  CHECK(query_rows(on_c, sql) == V{"1"});
  // Merged into main, the index serves main's present, not its past.
  session.execute("MERGE DATABASE BRANCH b INTO main");
  const std::string main_past = fmt::format("SELECT id FROM t AS OF SCN {} WHERE k = 3", before_fork);
  CHECK(plan(session, main_past).find("Seq Scan") != std::string::npos);
  CHECK(query_rows(session, main_past) == V{"1"});
  CHECK(query_rows(session, "SELECT id FROM t WHERE k = 7") == V{"1"});
}

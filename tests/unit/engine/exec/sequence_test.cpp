// Sequences are not transactional: concurrent sessions never share a value,
// rollbacks leave gaps, and reservations are handed back on close.
#include "engine/exec/sequence_ops.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <thread>

#include "engine/common/db_error.hpp"
#include "engine/session/session.hpp"

using namespace heliosdb;
using namespace heliosdb::engine;

namespace {

std::int64_t scalar(Session& session, std::string_view sql) {
  auto results = session.execute(sql);
  REQUIRE(results.size() == 1);
  REQUIRE(results[0].rows.size() == 1);
  return results[0].rows[0][0].as_int();
}

}  // namespace

TEST_CASE("concurrent sessions draw distinct values from one sequence", "[sequence]") {
  auto store = storage::Store::open_in_memory();
  Session setup(*store);
  setup.execute("CREATE TABLE t (id SERIAL PRIMARY KEY, worker INT)");
  constexpr int kThreads = 4;
  constexpr int kRowsEach = 150;
  std::vector<std::thread> threads;
  for (int w = 0; w < kThreads; ++w) {
    threads.emplace_back([&, w] {
      Session session(*store);
      for (int i = 0; i < kRowsEach; ++i) {
        // Each insert in its own block, some rolled back: values are never reused.
        session.execute("BEGIN");
        session.execute("INSERT INTO t (worker) VALUES (" + std::to_string(w) + ")");
        session.execute(i % 10 == 0 ? "ROLLBACK" : "COMMIT");
      }
    });
  }
  for (auto& t : threads) t.join();
  auto rows = setup.execute("SELECT id FROM t")[0].rows;
  std::set<std::int64_t> ids;
  for (const auto& row : rows) ids.insert(row[0].as_int());
  CHECK(ids.size() == rows.size());
  CHECK(rows.size() == static_cast<std::size_t>(kThreads * kRowsEach * 9 / 10));
  // Every value was handed out once, committed or not: the next one follows them all.
  CHECK(scalar(setup, "SELECT nextval('t_id_seq')") == kThreads * kRowsEach + 1);
}

TEST_CASE("a sequence's unused reservation goes back when the store closes", "[sequence]") {
  auto store = storage::Store::open_in_memory();
  {
    Session session(*store);
    session.execute("CREATE SEQUENCE s");
    CHECK(scalar(session, "SELECT nextval('s')") == 1);
    CHECK(scalar(session, "SELECT nextval('s')") == 2);
  }
  release_sequence_reservations(*store);
  Session later(*store);
  CHECK(scalar(later, "SELECT nextval('s')") == 3);
}

TEST_CASE("a rolled-back CREATE SEQUENCE leaves nothing behind for the next one", "[sequence]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("BEGIN");
  session.execute("CREATE SEQUENCE a");
  CHECK(scalar(session, "SELECT nextval('a')") == 1);
  CHECK(scalar(session, "SELECT nextval('a')") == 2);
  session.execute("ROLLBACK");
  // The same object id is handed out again: the new sequence starts afresh.
  session.execute("CREATE SEQUENCE b START 7");
  CHECK(scalar(session, "SELECT nextval('b')") == 7);
  try {
    session.execute("SELECT nextval('a')");
    FAIL("expected an error");
  } catch (const DbError& e) {
    CHECK(e.state().code() == "42P01");
  }
}

TEST_CASE("currval and lastval belong to the session", "[sequence]") {
  auto store = storage::Store::open_in_memory();
  Session one(*store);
  Session two(*store);
  one.execute("CREATE SEQUENCE s");
  CHECK(scalar(one, "SELECT nextval('s')") == 1);
  CHECK(scalar(two, "SELECT nextval('s')") == 2);
  CHECK(scalar(one, "SELECT currval('s')") == 1);
  CHECK(scalar(two, "SELECT lastval()") == 2);
}

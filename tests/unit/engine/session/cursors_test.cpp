// SQL cursors' positions and lifetimes: FETCH and MOVE in every direction
// as PostgreSQL 15 moves a portal (the expected rows were checked against
// it), and which cursors COMMIT, ROLLBACK and ROLLBACK TO SAVEPOINT keep.
#include "engine/session/cursors.hpp"

#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "tests/unit/error_state.hpp"

using namespace heliosdb::engine;
using heliosdb::testing::state_of;
using Direction = ast::FetchStmt::Direction;

namespace {

constexpr std::int64_t kAll = ast::FetchStmt::kAll;

// A cursor over the rows 1..n of one int4 column.
Cursor numbers(std::string name, int n, CursorOptions options = {}) {
  std::vector<Row> rows;
  for (int i = 1; i <= n; ++i) rows.push_back({Value::integer(TypeId::kInt4, i)});
  return Cursor(std::move(name), "DECLARE", options, {{"n", SqlType{TypeId::kInt4, -1}, 0, 0}}, std::move(rows), 0);
}

// FETCH: the numbers it returns.
std::vector<std::int64_t> fetch(Cursor& cursor, Direction direction, std::int64_t count) {
  std::vector<Row> rows;
  const std::uint64_t n = cursor.fetch(direction, count, &rows);
  REQUIRE(n == rows.size());
  std::vector<std::int64_t> out;
  for (const Row& row : rows) out.push_back(row[0].as_int());
  return out;
}

std::uint64_t move(Cursor& cursor, Direction direction, std::int64_t count) {
  return cursor.fetch(direction, count, nullptr);
}

using V = std::vector<std::int64_t>;

}  // namespace

TEST_CASE("fetch forward runs out after the last row and backward before the first", "[cursors]") {
  Cursor c = numbers("c", 5);
  CHECK(fetch(c, Direction::kForward, 2) == V{1, 2});
  CHECK(fetch(c, Direction::kBackward, 1) == V{1});
  CHECK(move(c, Direction::kForward, kAll) == 4);
  CHECK(fetch(c, Direction::kRelative, 0).empty());  // after the last row: no current row
  CHECK(fetch(c, Direction::kRelative, -1) == V{5});
  CHECK(fetch(c, Direction::kAbsolute, -2) == V{4});
  CHECK(fetch(c, Direction::kBackward, kAll) == V{3, 2, 1});
  CHECK(fetch(c, Direction::kForward, 0).empty());
  CHECK(move(c, Direction::kForward, 0) == 0);
  CHECK(fetch(c, Direction::kForward, 1) == V{1});
  CHECK(fetch(c, Direction::kForward, 1) == V{2});
  CHECK(fetch(c, Direction::kAbsolute, 0).empty());
  CHECK(fetch(c, Direction::kAbsolute, 100).empty());
  CHECK(fetch(c, Direction::kBackward, 1) == V{5});
  CHECK(move(c, Direction::kAbsolute, 100) == 0);
  CHECK(move(c, Direction::kForward, kAll) == 0);
  CHECK(move(c, Direction::kBackward, 100) == 5);
  CHECK(move(c, Direction::kForward, 100) == 5);
  CHECK(fetch(c, Direction::kForward, -1) == V{5});
}

TEST_CASE("a fetch that stops on the last row leaves the cursor on it", "[cursors]") {
  Cursor c = numbers("c", 3);
  CHECK(fetch(c, Direction::kForward, 3) == V{1, 2, 3});
  CHECK(fetch(c, Direction::kRelative, 0) == V{3});  // FETCH 0 returns the current row again
  CHECK(move(c, Direction::kRelative, 0) == 1);
  CHECK(fetch(c, Direction::kForward, 1).empty());
  CHECK(fetch(c, Direction::kBackward, 1) == V{3});
}

TEST_CASE("absolute and relative positions count from either end", "[cursors]") {
  Cursor c = numbers("c", 5);
  CHECK(fetch(c, Direction::kAbsolute, 1) == V{1});   // FIRST
  CHECK(fetch(c, Direction::kAbsolute, -1) == V{5});  // LAST
  CHECK(fetch(c, Direction::kAbsolute, 3) == V{3});
  CHECK(fetch(c, Direction::kRelative, 2) == V{5});
  CHECK(fetch(c, Direction::kRelative, 1).empty());
  CHECK(fetch(c, Direction::kRelative, -2) == V{4});
  CHECK(fetch(c, Direction::kAbsolute, -6).empty());  // before the first row
  CHECK(fetch(c, Direction::kForward, 1) == V{1});
  CHECK(move(c, Direction::kBackward, kAll) == 0);
  CHECK(fetch(c, Direction::kForward, kAll) == V{1, 2, 3, 4, 5});
}

TEST_CASE("an empty cursor returns nothing in every direction", "[cursors]") {
  Cursor c = numbers("c", 0);
  CHECK(fetch(c, Direction::kForward, kAll).empty());
  CHECK(fetch(c, Direction::kBackward, kAll).empty());
  CHECK(fetch(c, Direction::kAbsolute, 1).empty());
  CHECK(fetch(c, Direction::kAbsolute, -1).empty());
  CHECK(move(c, Direction::kRelative, 0) == 0);
}

TEST_CASE("a NO SCROLL cursor refuses to go back with 55000", "[cursors]") {
  CursorOptions no_scroll;
  no_scroll.scroll = false;
  Cursor c = numbers("c", 5, no_scroll);
  CHECK(fetch(c, Direction::kAbsolute, 1) == V{1});  // FIRST from the start goes forward
  CHECK(fetch(c, Direction::kAbsolute, 3) == V{3});
  CHECK(state_of([&] { fetch(c, Direction::kAbsolute, 2); }) == "55000");
  CHECK(state_of([&] { fetch(c, Direction::kBackward, 1); }) == "55000");
  CHECK(state_of([&] { fetch(c, Direction::kRelative, 0); }) == "55000");  // refetching backs up a row
  CHECK(move(c, Direction::kRelative, 0) == 1);
  CHECK(fetch(c, Direction::kForward, kAll) == V{4, 5});
  CHECK(state_of([&] { fetch(c, Direction::kAbsolute, -1); }) == "55000");
  try {
    fetch(c, Direction::kForward, -1);
    FAIL("went back");
  } catch (const DbError& e) {
    CHECK(std::string(e.what()) == "cursor can only scan forward");
    CHECK(e.hint() == "Declare it with SCROLL option to enable backward scan.");
  }

  Cursor fresh = numbers("d", 1, no_scroll);
  CHECK(move(fresh, Direction::kBackward, kAll) == 0);  // nothing to go back over
  CHECK(fetch(fresh, Direction::kRelative, 0).empty());
  CHECK(state_of([&] { fetch(fresh, Direction::kBackward, 0); }) == "55000");
  CHECK(fetch(fresh, Direction::kAbsolute, 0).empty());  // already there
}

TEST_CASE("cursor names are unique and CLOSE of a missing one is 34000", "[cursors]") {
  CursorStore store;
  store.declare(numbers("a", 1));
  CHECK(state_of([&] { store.declare(numbers("a", 2)); }) == "42P03");
  CHECK(store.find_if("a") != nullptr);
  CHECK(state_of([&] { store.find("b"); }) == "34000");
  store.close("a");
  CHECK(state_of([&] { store.close("a"); }) == "34000");
  store.declare(numbers("a", 1));
  store.declare(numbers("b", 1));
  store.close_all();
  CHECK(store.all().empty());
}

TEST_CASE("COMMIT keeps only WITH HOLD cursors and ROLLBACK only those held before", "[cursors]") {
  CursorStore store;
  CursorOptions hold;
  hold.hold = true;
  store.declare(numbers("plain", 3));
  store.declare(numbers("held", 3, hold));
  store.commit();
  CHECK(store.find_if("plain") == nullptr);
  REQUIRE(store.find_if("held") != nullptr);
  CHECK(fetch(store.find("held"), Direction::kForward, 1) == V{1});

  store.declare(numbers("new_hold", 1, hold));
  store.declare(numbers("new_plain", 1));
  store.roll_back();  // the transaction that declared them
  CHECK(store.find_if("new_hold") == nullptr);
  CHECK(store.find_if("new_plain") == nullptr);
  REQUIRE(store.find_if("held") != nullptr);
  CHECK(fetch(store.find("held"), Direction::kForward, 1) == V{2});  // positions are not rolled back
}

TEST_CASE("ROLLBACK TO SAVEPOINT drops the cursors declared since", "[cursors]") {
  CursorStore store;
  store.declare(numbers("before", 3));
  const std::uint64_t savepoint = store.mark();
  store.declare(numbers("after", 3));
  CHECK(fetch(store.find("before"), Direction::kForward, 1) == V{1});
  store.roll_back_to(savepoint);
  CHECK(store.find_if("after") == nullptr);
  REQUIRE(store.find_if("before") != nullptr);
  CHECK(fetch(store.find("before"), Direction::kForward, 1) == V{2});
}

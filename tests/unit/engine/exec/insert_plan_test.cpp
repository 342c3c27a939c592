// A parsed INSERT run again and again through its plan: parameters of any
// type converted on each run, too few of them refused, and a plan made again
// once the catalog moves under it.
#include "engine/exec/insert_plan.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "engine/parser/parser.hpp"
#include "engine/session/session.hpp"
#include "tests/unit/error_state.hpp"

using namespace heliosdb;
using namespace heliosdb::engine;
using heliosdb::testing::state_of;

namespace {

// A session with `table` made, and `insert` parsed once to run again and again.
struct Planned {
  Planned(const std::string& table, const std::string& insert_sql) : insert(parser::parse(insert_sql)) {
    session.execute(table);
  }
  // Runs the INSERT with `params`, as a driver's Bind/Execute does.
  void run(const std::vector<Value>& params) {
    session.execute(insert, params, [](QueryResult&&) {});
  }

  std::unique_ptr<storage::Store> store = storage::Store::open_in_memory();
  Session session{*store};
  std::vector<ast::Statement> insert;
};

std::string text_of(Session& session, const std::string& sql) {
  std::string out;
  const std::vector<QueryResult> results = session.execute(sql);
  for (const Row& row : results.back().rows) {
    for (const Value& v : row) out += (v.is_null() ? "NULL" : format_value(v)) + "|";
    out += "\n";
  }
  return out;
}

Value int4(std::int64_t i) { return Value::integer(TypeId::kInt4, i); }
Value int8(std::int64_t i) { return Value::integer(TypeId::kInt8, i); }
// A string as the embedded API passes one: unknown-typed, read as its column's type.
Value text(std::string s) { return Value::string(TypeId::kUnknown, std::move(s)); }

}  // namespace

TEST_CASE("a planned INSERT converts each run's parameters as binding them would", "[insert_plan]") {
  Planned p("CREATE TABLE t (id int PRIMARY KEY, name varchar(4), n numeric(5,1))",
            "INSERT INTO t VALUES ($1, $2, $3)");
  p.run({int4(1), text("one"), int4(10)});
  p.run({text("2"), text("two"), text("2.25")});
  p.run({int8(3), text("3"), Value::floating(TypeId::kFloat8, 0.04)});
  CHECK(state_of([&] { p.run({text("x"), text("bad"), int4(1)}); }) == "22P02");
  CHECK(state_of([&] { p.run({int8(1LL << 40), text("big"), int4(1)}); }) == "22003");
  CHECK(state_of([&] { p.run({int4(4), text("toolong"), int4(1)}); }) == "22001");
  CHECK(state_of([&] { p.run({Value::boolean(true), text("b"), int4(1)}); }) == "42804");
  CHECK(state_of([&] { p.run({int4(5), text("few")}); }) == "42P02");
  CHECK(state_of([&] { p.run({int4(1), text("dup"), int4(1)}); }) == "23505");
  CHECK(text_of(p.session, "SELECT * FROM t ORDER BY id") == "1|one|10.0|\n2|two|2.3|\n3|3|0.0|\n");
}

TEST_CASE("a planned INSERT is planned again when the catalog changes under it", "[insert_plan]") {
  Planned p("CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t (id) VALUES ($1)");
  p.run({int4(1)});
  p.session.execute("ALTER TABLE t ADD COLUMN tag text DEFAULT 'new'");
  p.run({int4(2)});
  p.session.execute("CREATE ROLE reader; GRANT SELECT ON t TO reader; SET ROLE reader");
  CHECK(state_of([&] { p.run({int4(3)}); }) == "42501");
  p.session.execute("RESET ROLE; DROP TABLE t");
  CHECK(state_of([&] { p.run({int4(4)}); }) == "42P01");
  p.session.execute("CREATE TABLE t (id int PRIMARY KEY, tag text DEFAULT 'again')");
  p.run({int4(5)});
  CHECK(text_of(p.session, "SELECT * FROM t ORDER BY id") == "5|again|\n");
}

TEST_CASE("a literal read by the clock is converted on each run", "[insert_plan]") {
  Planned p("CREATE TABLE t (id int PRIMARY KEY, at timestamp)", "INSERT INTO t VALUES ($1, 'now')");
  p.run({int4(1)});
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  p.run({int4(2)});
  CHECK(text_of(p.session, "SELECT count(DISTINCT at) FROM t") == "2|\n");
}

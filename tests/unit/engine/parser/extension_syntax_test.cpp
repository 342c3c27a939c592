// HeliosDB's own syntax beside PostgreSQL's: AS OF, VERSIONS BETWEEN and the
// branch commands, lifted off the token stream.
#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "engine/parser/parser.hpp"
#include "tests/unit/engine/result_text.hpp"

using namespace heliosdb::engine;
using namespace heliosdb::engine::ast;

namespace {

std::vector<Statement> parse(std::string_view sql) { return parser::parse(sql); }

const RangeVar& from_table(const Statement& s, std::size_t i = 0) {
  const auto& select = std::get<SelectStmt>(s.node);
  return std::get<RangeVar>(select.from.at(i)->node);
}

const BranchStmt& branch(const Statement& s) { return std::get<BranchStmt>(s.node); }

DbError error_of(std::string_view sql) { return testing::parse_error_of(sql); }

}  // namespace

TEST_CASE("AS OF after a table name, with or without an alias") {
  auto s = parse("SELECT * FROM orders AS OF TIMESTAMP '2025-11-20 00:00:00' WHERE id = 1");
  const RangeVar& t = from_table(s.at(0));
  REQUIRE(t.temporal != nullptr);
  CHECK(t.temporal->kind == TemporalClause::Kind::kAsOf);
  CHECK(t.temporal->point.kind == TemporalPoint::Kind::kTimestamp);
  CHECK(t.alias.empty());
  CHECK(std::get<SelectStmt>(s.at(0).node).where != nullptr);

  s = parse("SELECT * FROM products current JOIN products AS OF TIMESTAMP '2025-11-20' historical ON true");
  const auto& join = std::get<JoinRef>(std::get<SelectStmt>(s.at(0).node).from.at(0)->node);
  const RangeVar& left = std::get<RangeVar>(join.left->node);
  const RangeVar& right = std::get<RangeVar>(join.right->node);
  CHECK(left.temporal == nullptr);
  REQUIRE(right.temporal != nullptr);
  CHECK(right.alias == "historical");
}

TEST_CASE("AS OF points: TRANSACTION, SCN, NOW, expressions, parameters") {
  CHECK(from_table(parse("SELECT * FROM t AS OF TRANSACTION 12345").at(0)).temporal->point.kind ==
        TemporalPoint::Kind::kTransaction);
  CHECK(from_table(parse("SELECT * FROM t AS OF SCN 987654321").at(0)).temporal->point.kind ==
        TemporalPoint::Kind::kScn);
  const auto now = parse("select * from s.t as of now x");
  CHECK(from_table(now.at(0)).temporal->point.kind == TemporalPoint::Kind::kNow);
  CHECK(from_table(now.at(0)).schema == "s");
  CHECK(from_table(now.at(0)).alias == "x");
  // A scalar subquery, arithmetic, casts and a parameter are one expression each.
  for (const char* sql : {"SELECT price FROM products AS OF TIMESTAMP (SELECT created_at FROM orders WHERE id = 5) "
                          "WHERE product_id = 42",
                          "SELECT * FROM t AS OF TIMESTAMP now() - INTERVAL '1 day' h WHERE h.x = 1",
                          "SELECT * FROM t AS OF TIMESTAMP '2025-01-01'::timestamptz AT TIME ZONE 'UTC' h",
                          "SELECT * FROM t AS OF TIMESTAMP $1"}) {
    INFO(sql);
    auto s = parse(sql);
    const RangeVar& t = from_table(s.at(0));
    REQUIRE(t.temporal != nullptr);
    CHECK(t.temporal->point.expr != nullptr);
  }
}

TEST_CASE("AS OF in subqueries, UNION ALL branches and INSERT ... SELECT") {
  auto s = parse(
      "SELECT '2025-11-14' AS date, SUM(stock) FROM products AS OF TIMESTAMP '2025-11-14 23:59:59' UNION ALL "
      "SELECT '2025-11-15', SUM(stock) FROM products AS OF TIMESTAMP '2025-11-15 23:59:59'");
  REQUIRE(s.size() == 1);
  s = parse("INSERT INTO customers SELECT * FROM customers AS OF TIMESTAMP '2025-11-20 23:00:00' WHERE id = 999");
  const auto& insert = std::get<InsertStmt>(s.at(0).node);
  CHECK(insert.table.temporal == nullptr);
  CHECK(std::get<RangeVar>(insert.source->from.at(0)->node).temporal != nullptr);
  // Positions after a lifted clause still point into the text as written.
  DbError e = error_of("SELECT * FROM t AS OF SCN 5 WHERE x = = 1");
  CHECK(e.state() == sqlstate::kSyntaxError);
  CHECK(e.position() == 39);
}

TEST_CASE("VERSIONS BETWEEN") {
  auto s = parse("SELECT * FROM t VERSIONS BETWEEN SCN 1 AND 10 v");
  const RangeVar& t = from_table(s.at(0));
  REQUIRE(t.temporal != nullptr);
  CHECK(t.temporal->kind == TemporalClause::Kind::kVersions);
  CHECK(t.temporal->point.kind == TemporalPoint::Kind::kScn);
  CHECK(t.temporal->upper.expr != nullptr);
  CHECK(t.alias == "v");
  CHECK(from_table(parse("SELECT * FROM t VERSIONS BETWEEN TIMESTAMP now() - interval '1 h' AND now()").at(0))
            .temporal->point.kind == TemporalPoint::Kind::kTimestamp);
}

TEST_CASE("AS OF where no table name stands, and writes through AS OF") {
  CHECK(error_of("SELECT * FROM generate_series(1, 3) AS OF SCN 2").state() == sqlstate::kSyntaxError);
  CHECK(error_of("SELECT * FROM (SELECT 1) AS OF SCN 2").state() == sqlstate::kSyntaxError);
  CHECK(error_of("UPDATE t AS OF SCN 2 SET x = 1").state() == sqlstate::kFeatureNotSupported);
  CHECK(error_of("DELETE FROM t AS OF NOW").state() == sqlstate::kFeatureNotSupported);
  CHECK(error_of("SELECT * FROM t AS OF TIMESTAMP").state() == sqlstate::kSyntaxError);
  CHECK(error_of("SELECT * FROM t VERSIONS BETWEEN SCN 1").state() == sqlstate::kSyntaxError);
}

TEST_CASE("the words alone are not our syntax") {
  // A column alias "of", OFFSET, FOR UPDATE OF, an identifier called branch.
  CHECK_NOTHROW(parse("SELECT 1 AS of"));
  CHECK_NOTHROW(parse("SELECT * FROM t OFFSET 1"));
  CHECK_NOTHROW(parse("SELECT * FROM t FOR UPDATE OF t"));
  CHECK_NOTHROW(parse("CREATE TABLE branch (versions int)"));
  CHECK(parse("SELECT 'AS OF SCN 1' AS of").size() == 1);
}

TEST_CASE("branch commands") {
  auto s = parse("CREATE DATABASE BRANCH staging FROM CURRENT AS OF NOW");
  CHECK(branch(s.at(0)).kind == BranchStmt::Kind::kCreate);
  CHECK(branch(s.at(0)).name == "staging");
  CHECK(branch(s.at(0)).parent.empty());

  s = parse("CREATE DATABASE BRANCH prod_copy FROM main AS OF NOW WITH (replication_factor = 3, region = 'us-west-2')");
  CHECK(branch(s.at(0)).parent == "main");
  REQUIRE(branch(s.at(0)).options.size() == 2);
  CHECK(branch(s.at(0)).options[1] == std::pair<std::string, std::string>{"region", "us-west-2"});

  s = parse("CREATE DATABASE BRANCH test FROM main AS OF TIMESTAMP '2025-11-20 00:00:00'");
  CHECK(branch(s.at(0)).as_of.kind == TemporalPoint::Kind::kTimestamp);
  s = parse("CREATE DATABASE BRANCH backup FROM CURRENT AS OF TRANSACTION 987654");
  CHECK(branch(s.at(0)).as_of.kind == TemporalPoint::Kind::kTransaction);

  s = parse("DROP DATABASE BRANCH IF EXISTS \"Test-1\"");
  CHECK(branch(s.at(0)).kind == BranchStmt::Kind::kDrop);
  CHECK(branch(s.at(0)).if_exists);
  CHECK(branch(s.at(0)).name == "Test-1");

  s = parse("ALTER DATABASE BRANCH main_new RENAME TO main");
  CHECK(branch(s.at(0)).kind == BranchStmt::Kind::kRename);
  CHECK(branch(s.at(0)).target == "main");

  s = parse(
      "MERGE DATABASE BRANCH staging INTO main WITH (conflict_resolution = 'branch_wins', delete_branch_after = "
      "true)");
  CHECK(branch(s.at(0)).kind == BranchStmt::Kind::kMerge);
  CHECK(branch(s.at(0)).options.at(1).second == "true");

  CHECK(branch(parse("USE BRANCH Dev").at(0)).name == "dev");
  CHECK(branch(parse("SHOW BRANCHES").at(0)).kind == BranchStmt::Kind::kShow);
}

TEST_CASE("branch commands among other statements keep their order") {
  auto s = parse("SELECT 1; CREATE DATABASE BRANCH b FROM main; SELECT * FROM t AS OF SCN 1; USE BRANCH b; SELECT 2");
  REQUIRE(s.size() == 5);
  CHECK(std::holds_alternative<SelectStmt>(s[0].node));
  CHECK(std::holds_alternative<BranchStmt>(s[1].node));
  CHECK(from_table(s[2]).temporal != nullptr);
  CHECK(std::holds_alternative<BranchStmt>(s[3].node));
  CHECK(std::holds_alternative<SelectStmt>(s[4].node));
  CHECK(s[1].location < s[2].location);
}

TEST_CASE("malformed branch commands are syntax errors with a position") {
  for (const char* sql :
       {"CREATE DATABASE BRANCH", "CREATE DATABASE BRANCH b", "CREATE DATABASE BRANCH b FROM main AS",
        "DROP DATABASE BRANCH IF b", "ALTER DATABASE BRANCH a RENAME b", "MERGE DATABASE BRANCH a main",
        "MERGE DATABASE BRANCH a INTO main WITH (x)", "USE BRANCH", "CREATE DATABASE BRANCH b FROM main junk"}) {
    INFO(sql);
    DbError e = error_of(sql);
    CHECK(e.state() == sqlstate::kSyntaxError);
    CHECK(e.position().has_value());
  }
}

// GRANT and REVOKE into ast::GrantStmt: privileges on relations, and on some
// of their columns.
#include <catch2/catch.hpp>

#include "engine/parser/parser.hpp"

using namespace heliosdb::engine;
using namespace heliosdb::engine::ast;
using Names = std::vector<std::string>;

namespace {

GrantStmt parse_grant(std::string_view sql) {
  auto statements = parser::parse(sql);
  REQUIRE(statements.size() == 1);
  REQUIRE(std::holds_alternative<GrantStmt>(statements[0].node));
  return std::get<GrantStmt>(std::move(statements[0].node));
}

}  // namespace

TEST_CASE("privileges on columns are kept apart from the table's", "[parser][grant]") {
  const GrantStmt s = parse_grant("GRANT SELECT (id, name), DELETE, UPDATE (name) ON t TO r");
  CHECK(s.privileges == Names{"delete"});
  REQUIRE(s.column_privileges.size() == 2);
  CHECK(s.column_privileges[0].privilege == "select");
  CHECK(s.column_privileges[0].columns == Names{"id", "name"});
  CHECK(s.column_privileges[1].privilege == "update");
  CHECK(s.column_privileges[1].columns == Names{"name"});
}

TEST_CASE("ALL on columns names no privilege", "[parser][grant]") {
  const GrantStmt s = parse_grant("REVOKE ALL (a) ON t FROM r");
  CHECK_FALSE(s.grant);
  CHECK(s.privileges.empty());
  REQUIRE(s.column_privileges.size() == 1);
  CHECK(s.column_privileges[0].privilege.empty());
  CHECK(s.column_privileges[0].columns == Names{"a"});
}

TEST_CASE("a table-wide GRANT has no column privileges", "[parser][grant]") {
  const GrantStmt s = parse_grant("GRANT ALL ON TABLE t TO PUBLIC");
  CHECK(s.privileges.empty());
  CHECK(s.column_privileges.empty());
}

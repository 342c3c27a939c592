// CREATE DOMAIN, ALTER DOMAIN and DROP DOMAIN into ast::DomainStmt.
#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "engine/parser/parser.hpp"

using namespace heliosdb::engine;
using namespace heliosdb::engine::ast;
using Names = std::vector<std::string>;

namespace {

DomainStmt parse_domain(std::string_view sql) {
  auto statements = parser::parse(sql);
  REQUIRE(statements.size() == 1);
  REQUIRE(std::holds_alternative<DomainStmt>(statements[0].node));
  return std::get<DomainStmt>(std::move(statements[0].node));
}

std::string state_of(std::string_view sql) {
  try {
    parser::parse(sql);
  } catch (const DbError& e) {
    return std::string(e.state().code());
  }
  return "none";
}

}  // namespace

TEST_CASE("CREATE DOMAIN keeps its base type and constraints in order", "[parser][domain]") {
  const DomainStmt s = parse_domain(
      "CREATE DOMAIN app.zip AS varchar(5) DEFAULT '00000' NOT NULL CONSTRAINT digits CHECK (VALUE ~ '^[0-9]+$')");
  CHECK(s.kind == DomainStmt::Kind::kCreate);
  CHECK(s.names == std::vector<Names>{{"app", "zip"}});
  CHECK(s.type.names.back() == "varchar");
  REQUIRE(s.constraints.size() == 3);
  CHECK(s.constraints[0].kind == Constraint::Kind::kDefault);
  CHECK(s.constraints[1].kind == Constraint::Kind::kNotNull);
  CHECK(s.constraints[2].kind == Constraint::Kind::kCheck);
  CHECK(s.constraints[2].name == "digits");
  CHECK_FALSE(s.collate);
  CHECK(parse_domain("CREATE DOMAIN d text COLLATE \"C\"").collate);
}

TEST_CASE("CREATE DOMAIN refuses constraints a domain cannot have", "[parser][domain]") {
  CHECK(state_of("CREATE DOMAIN d AS int UNIQUE") == "42601");
  CHECK(state_of("CREATE DOMAIN d AS int PRIMARY KEY") == "42601");
  CHECK(state_of("CREATE DOMAIN d AS int REFERENCES t(a)") == "42601");
}

TEST_CASE("ALTER DOMAIN's forms each become their kind", "[parser][domain]") {
  using K = DomainStmt::Kind;
  CHECK(parse_domain("ALTER DOMAIN d SET DEFAULT 1").kind == K::kSetDefault);
  CHECK(parse_domain("ALTER DOMAIN d DROP DEFAULT").kind == K::kDropDefault);
  CHECK(parse_domain("ALTER DOMAIN d SET NOT NULL").kind == K::kSetNotNull);
  CHECK(parse_domain("ALTER DOMAIN d DROP NOT NULL").kind == K::kDropNotNull);
  const DomainStmt add = parse_domain("ALTER DOMAIN d ADD CONSTRAINT c CHECK (VALUE > 0) NOT VALID");
  CHECK(add.kind == K::kAddConstraint);
  CHECK(add.not_valid);
  REQUIRE(add.constraints.size() == 1);
  CHECK(add.constraints[0].name == "c");
  const DomainStmt drop = parse_domain("ALTER DOMAIN d DROP CONSTRAINT IF EXISTS c CASCADE");
  CHECK(drop.kind == K::kDropConstraint);
  CHECK(drop.constraint == "c");
  CHECK(drop.if_exists);
  CHECK(parse_domain("ALTER DOMAIN d VALIDATE CONSTRAINT c").kind == K::kValidateConstraint);
  CHECK(parse_domain("ALTER DOMAIN d RENAME TO e").new_name == "e");
  const DomainStmt rename = parse_domain("ALTER DOMAIN s.d RENAME CONSTRAINT a TO b");
  CHECK(rename.kind == K::kRenameConstraint);
  CHECK(rename.names == std::vector<Names>{{"s", "d"}});
  CHECK(rename.constraint == "a");
  CHECK(rename.new_name == "b");
  CHECK(parse_domain("ALTER DOMAIN d OWNER TO bob").role->name == "bob");
}

TEST_CASE("DROP DOMAIN takes several names, IF EXISTS and CASCADE", "[parser][domain]") {
  const DomainStmt s = parse_domain("DROP DOMAIN IF EXISTS a, s.b CASCADE");
  CHECK(s.kind == DomainStmt::Kind::kDrop);
  CHECK(s.names == std::vector<Names>{{"a"}, {"s", "b"}});
  CHECK(s.if_exists);
  CHECK(s.cascade);
}

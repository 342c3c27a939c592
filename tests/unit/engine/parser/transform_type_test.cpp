// CREATE TYPE ... AS ENUM, DROP TYPE and ALTER TYPE into ast::TypeStmt.
#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "engine/parser/parser.hpp"
#include "tests/unit/engine/result_text.hpp"

using namespace heliosdb::engine;
using namespace heliosdb::engine::ast;
using Names = std::vector<std::string>;

namespace {

TypeStmt parse_type(std::string_view sql) {
  auto statements = parser::parse(sql);
  REQUIRE(statements.size() == 1);
  REQUIRE(std::holds_alternative<TypeStmt>(statements[0].node));
  return std::get<TypeStmt>(std::move(statements[0].node));
}

}  // namespace

TEST_CASE("CREATE TYPE AS ENUM keeps the qualified name and the labels in order", "[parser][enum]") {
  const TypeStmt s = parse_type("CREATE TYPE app.\"Mood\" AS ENUM ('sad', 'ok', '')");
  CHECK(s.kind == TypeStmt::Kind::kCreateEnum);
  REQUIRE(s.names.size() == 1);
  CHECK(s.names[0] == Names{"app", "Mood"});
  CHECK(s.labels == Names{"sad", "ok", ""});
  CHECK(parse_type("CREATE TYPE e AS ENUM ()").labels.empty());
}

TEST_CASE("DROP TYPE takes several names, IF EXISTS and CASCADE", "[parser][enum]") {
  const TypeStmt s = parse_type("DROP TYPE IF EXISTS a, s.b CASCADE");
  CHECK(s.kind == TypeStmt::Kind::kDrop);
  CHECK(s.names == std::vector<Names>{{"a"}, {"s", "b"}});
  CHECK(s.if_exists);
  CHECK(s.cascade);
  CHECK_FALSE(parse_type("DROP TYPE a").cascade);
}

TEST_CASE("ALTER TYPE ADD VALUE says where the label goes", "[parser][enum]") {
  TypeStmt s = parse_type("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' BEFORE 'ok'");
  CHECK(s.kind == TypeStmt::Kind::kAddValue);
  CHECK(s.labels == Names{"meh"});
  CHECK(s.neighbor == "ok");
  CHECK(s.before);
  CHECK(s.if_not_exists);
  s = parse_type("ALTER TYPE mood ADD VALUE 'meh' AFTER 'ok'");
  CHECK(s.neighbor == "ok");
  CHECK_FALSE(s.before);
  s = parse_type("ALTER TYPE mood ADD VALUE 'meh'");
  CHECK(s.neighbor.empty());
}

TEST_CASE("ALTER TYPE renames labels, the type, and gives it away", "[parser][enum]") {
  TypeStmt s = parse_type("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'");
  CHECK(s.kind == TypeStmt::Kind::kRenameValue);
  CHECK(s.neighbor == "sad");
  CHECK(s.new_name == "blue");
  s = parse_type("ALTER TYPE app.mood RENAME TO feeling");
  CHECK(s.kind == TypeStmt::Kind::kRename);
  CHECK(s.names[0] == Names{"app", "mood"});
  CHECK(s.new_name == "feeling");
  s = parse_type("ALTER TYPE mood OWNER TO alice");
  CHECK(s.kind == TypeStmt::Kind::kOwner);
  REQUIRE(s.role.has_value());
  CHECK(s.role->name == "alice");
}

TEST_CASE("other kinds of CREATE TYPE are not supported yet", "[parser][enum]") {
  for (const char* sql : {"CREATE TYPE pair AS (a int, b int)", "CREATE TYPE r AS RANGE (subtype = int4)"}) {
    CHECK(heliosdb::engine::testing::parse_error_of(sql).state() == sqlstate::kFeatureNotSupported);
  }
}

TEST_CASE("COMMENT ON TYPE names the type as SQL writes types", "[parser][enum]") {
  auto statements = parser::parse("COMMENT ON TYPE app.mood IS 'feelings'");
  REQUIRE(statements.size() == 1);
  const auto& c = std::get<CommentStmt>(statements[0].node);
  CHECK(c.object == CommentStmt::Object::kType);
  CHECK(c.name.schema == "app");
  CHECK(c.name.name == "mood");
  CHECK(c.comment == std::optional<std::string>("feelings"));
}

// CREATE FUNCTION, DROP FUNCTION and ALTER FUNCTION into ast::FunctionStmt.
#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "engine/parser/parser.hpp"

using namespace heliosdb::engine;
using namespace heliosdb::engine::ast;
using Names = std::vector<std::string>;

namespace {

FunctionStmt parse_function(std::string_view sql) {
  auto statements = parser::parse(sql);
  REQUIRE(statements.size() == 1);
  REQUIRE(std::holds_alternative<FunctionStmt>(statements[0].node));
  return std::get<FunctionStmt>(std::move(statements[0].node));
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

TEST_CASE("CREATE FUNCTION keeps its parameters, result, options and body", "[parser][function]") {
  const FunctionStmt s = parse_function(
      "CREATE OR REPLACE FUNCTION app.add(a integer, integer DEFAULT 2) RETURNS bigint LANGUAGE SQL IMMUTABLE "
      "STRICT PARALLEL SAFE COST 5 AS $$ SELECT a + $2 $$");
  CHECK(s.kind == FunctionStmt::Kind::kCreate);
  CHECK(s.or_replace);
  REQUIRE(s.functions.size() == 1);
  CHECK(s.functions[0].names == Names{"app", "add"});
  REQUIRE(s.parameters.size() == 2);
  CHECK(s.parameters[0].name == "a");
  CHECK(s.parameters[0].type.names.back() == "int4");
  CHECK(s.parameters[1].name.empty());
  CHECK(s.parameters[1].default_text == "2");
  REQUIRE(s.returns);
  CHECK(s.returns->names.back() == "int8");
  CHECK_FALSE(s.returns_set);
  CHECK(s.language == "sql");
  CHECK(s.volatility == 'i');
  CHECK(s.strict);
  CHECK(s.parallel == 's');
  CHECK(s.body_form == FunctionStmt::BodyForm::kString);
  CHECK(s.body == std::optional<std::string>(" SELECT a + $2 "));
  CHECK(s.refused.empty());
}

TEST_CASE("RETURNS SETOF and RETURNS TABLE are set-returning", "[parser][function]") {
  const FunctionStmt setof =
      parse_function("CREATE FUNCTION f() RETURNS SETOF text LANGUAGE sql AS 'SELECT name FROM t'");
  CHECK(setof.returns_set);
  CHECK_FALSE(setof.returns_table);
  const FunctionStmt table =
      parse_function("CREATE FUNCTION f(n int) RETURNS TABLE(id int, name text) LANGUAGE sql AS 'SELECT 1, ''x'''");
  CHECK(table.returns_set);
  CHECK(table.returns_table);
  CHECK_FALSE(table.returns);
  REQUIRE(table.parameters.size() == 3);
  CHECK(table.parameters[1].mode == FunctionParameter::Mode::kTable);
  CHECK(table.parameters[2].name == "name");
  // Only the input arguments make the signature.
  CHECK(table.functions[0].args.size() == 1);
}

TEST_CASE("the SQL-standard bodies become statements to run", "[parser][function]") {
  const FunctionStmt ret = parse_function("CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql RETURN a * 2");
  CHECK(ret.body_form == FunctionStmt::BodyForm::kReturn);
  CHECK(ret.body == std::optional<std::string>("SELECT a * 2"));
  CHECK(ret.sql_body == "RETURN a * 2");
  const FunctionStmt atomic =
      parse_function("CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT a; SELECT a + 1; END");
  CHECK(atomic.body_form == FunctionStmt::BodyForm::kAtomic);
  REQUIRE(atomic.body);
  CHECK(parser::parse(*atomic.body).size() == 2);
  CHECK(atomic.sql_body.rfind("BEGIN ATOMIC", 0) == 0);
}

TEST_CASE("options we do not support are named, not dropped", "[parser][function]") {
  CHECK(parse_function("CREATE FUNCTION f() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'").refused ==
        "SECURITY DEFINER");
  CHECK(parse_function("CREATE FUNCTION f() RETURNS int LANGUAGE sql SET search_path = x AS 'SELECT 1'").refused ==
        "SET clauses on functions");
  CHECK(parse_function("CREATE FUNCTION f() RETURNS int LANGUAGE sql SECURITY INVOKER AS 'SELECT 1'").refused.empty());
  CHECK(state_of("CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1'") == "0A000");
  CHECK(state_of("CALL p()") == "0A000");
  CHECK(state_of("ALTER FUNCTION f() IMMUTABLE") == "0A000");
  CHECK(state_of("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1' RETURN 1") == "42P13");
}

TEST_CASE("DROP and ALTER FUNCTION name functions with or without argument types", "[parser][function]") {
  const FunctionStmt drop = parse_function("DROP FUNCTION IF EXISTS f, s.g(int, text) CASCADE");
  CHECK(drop.kind == FunctionStmt::Kind::kDrop);
  CHECK(drop.if_exists);
  CHECK(drop.cascade);
  REQUIRE(drop.functions.size() == 2);
  CHECK_FALSE(drop.functions[0].args_given);
  CHECK(drop.functions[1].names == Names{"s", "g"});
  CHECK(drop.functions[1].args_given);
  CHECK(drop.functions[1].args.size() == 2);
  CHECK(parse_function("DROP FUNCTION f()").functions[0].args_given);
  const FunctionStmt rename = parse_function("ALTER FUNCTION f(int) RENAME TO g");
  CHECK(rename.kind == FunctionStmt::Kind::kRename);
  CHECK(rename.new_name == "g");
  const FunctionStmt owner = parse_function("ALTER FUNCTION f(int) OWNER TO alice");
  CHECK(owner.kind == FunctionStmt::Kind::kOwner);
  REQUIRE(owner.role);
  CHECK(owner.role->name == "alice");
  const FunctionStmt schema = parse_function("ALTER FUNCTION f(int) SET SCHEMA other");
  CHECK(schema.kind == FunctionStmt::Kind::kSetSchema);
  CHECK(schema.new_schema == "other");
}

TEST_CASE("COMMENT ON FUNCTION names the function with its argument types", "[parser][function]") {
  auto statements = parser::parse("COMMENT ON FUNCTION s.f(int) IS 'hi'");
  REQUIRE(statements.size() == 1);
  const auto& c = std::get<CommentStmt>(statements[0].node);
  CHECK(c.object == CommentStmt::Object::kFunction);
  CHECK(c.function.names == Names{"s", "f"});
  CHECK(c.function.args.size() == 1);
  CHECK(c.comment == std::optional<std::string>("hi"));
}

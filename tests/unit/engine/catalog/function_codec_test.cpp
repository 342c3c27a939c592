// A SQL function's stored definition: arguments, result, options and body.
#include <catch2/catch.hpp>

#include "engine/catalog/function_def.hpp"
#include "engine/common/db_error.hpp"

using namespace heliosdb::engine;

TEST_CASE("a function's definition survives its encoding", "[catalog][function]") {
  FunctionDef def;
  def.oid = 16600;
  def.schema = "app";
  def.name = "cheap";
  def.owner = 10;
  def.args = {{"max_price", SqlType{TypeId::kNumeric, -1}, 'i', "10"},
              {"", SqlType{TypeId::kInt4, -1, 0, 16590}, 'i', ""},
              {"item_id", SqlType{TypeId::kInt4, -1}, 't', ""},
              {"label", SqlType{TypeId::kEnum, -1, 16580}, 't', ""}};
  def.returns_set = true;
  def.returns_table = true;
  def.volatility = 's';
  def.strict = true;
  def.parallel = 'r';
  def.body_form = FunctionDef::BodyForm::kAtomic;
  def.body = "SELECT 1;\n";
  def.sql_body = "BEGIN ATOMIC\n SELECT 1;\nEND";
  def.comment = "the cheap ones";
  const FunctionDef back = decode_function_def(encode_function_def(def));
  CHECK(back.oid == 16600);
  CHECK(back.schema == "app");
  CHECK(back.name == "cheap");
  CHECK(back.owner == 10);
  REQUIRE(back.args.size() == 4);
  CHECK(back.args[0].name == "max_price");
  CHECK(back.args[0].default_text == "10");
  CHECK(back.args[1].type == def.args[1].type);
  CHECK(back.args[3].type.enum_oid == 16580);
  CHECK(back.args[3].mode == 't');
  CHECK(back.returns_set);
  CHECK(back.returns_table);
  CHECK_FALSE(back.returns_void);
  CHECK(back.strict);
  CHECK(back.volatility == 's');
  CHECK(back.parallel == 'r');
  CHECK(back.body_form == FunctionDef::BodyForm::kAtomic);
  CHECK(back.body == def.body);
  CHECK(back.sql_body == def.sql_body);
  CHECK(back.comment == "the cheap ones");
}

TEST_CASE("a function's inputs, table columns and defaults are told apart", "[catalog][function]") {
  FunctionDef def;
  def.args = {
      {"a", {TypeId::kInt4, -1}, 'i', ""}, {"b", {TypeId::kText, -1}, 'i', "'x'"}, {"c", {TypeId::kInt8, -1}, 't', ""}};
  REQUIRE(def.inputs().size() == 2);
  CHECK(def.inputs()[1]->name == "b");
  REQUIRE(def.table_columns().size() == 1);
  CHECK(def.table_columns()[0]->name == "c");
  CHECK(def.defaults() == 1);
}

TEST_CASE("bytes that are no function definition are refused", "[catalog][function]") {
  CHECK_THROWS_AS(decode_function_def(""), DbError);
  std::string raw = encode_function_def(FunctionDef{});
  raw[0] = '\x7F';
  CHECK_THROWS_AS(decode_function_def(raw), DbError);
  FunctionDef def;
  def.args = {{"a", {TypeId::kInt4, -1}, 'i', ""}};
  std::string truncated = encode_function_def(def);
  truncated.resize(truncated.size() - 3);
  CHECK_THROWS_AS(decode_function_def(truncated), DbError);
}

#include "engine/functions/json_set_functions.hpp"

#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"

using namespace heliosdb::engine;

namespace {

Value jsonb(std::string text) { return Value::string(TypeId::kJsonb, std::move(text)); }
Value json(std::string text) { return Value::string(TypeId::kJson, std::move(text)); }

}  // namespace

TEST_CASE("json set functions describe their columns as PostgreSQL names them") {
  const JsonSetFunction* each = find_json_set_function("jsonb_each");
  REQUIRE(each != nullptr);
  REQUIRE(each->columns.size() == 2);
  CHECK(each->columns[0].name == "key");
  CHECK(each->columns[1].type == TypeId::kJsonb);
  CHECK(find_json_set_function("jsonb_object_keys")->named_columns == false);
  CHECK(find_json_set_function("jsonb_path_query")->required == 2);
  CHECK(find_json_set_function("jsonb_build_object") == nullptr);
}

TEST_CASE("jsonb_each gives canonical values, json_each the text as written") {
  auto rows = find_json_set_function("jsonb_each")->rows({jsonb(R"({"b": 1.50, "a": [1,2]})")});
  REQUIRE(rows.size() == 2);
  CHECK(rows[0][0].as_string() == "a");
  CHECK(rows[0][1].as_string() == "[1, 2]");
  auto json_rows = find_json_set_function("json_each_text")->rows({json(R"({"b": 1.50, "b": "x", "n": null})")});
  REQUIRE(json_rows.size() == 3);
  CHECK(json_rows[0][1].as_string() == "1.50");
  CHECK(json_rows[1][1].as_string() == "x");
  CHECK(json_rows[2][1].is_null());
}

TEST_CASE("json set functions refuse documents of the wrong shape with 22023") {
  for (const char* name : {"jsonb_each", "jsonb_object_keys", "json_each_text"}) {
    CAPTURE(name);
    const JsonSetFunction* f = find_json_set_function(name);
    Value arg = f->args[0] == TypeId::kJson ? json("[1]") : jsonb("[1]");
    CHECK_THROWS_MATCHES(f->rows({arg}), DbError,
                         Catch::Predicate<DbError>([](const DbError& e) { return e.state().code() == "22023"; }));
  }
}

TEST_CASE("jsonb_path_query yields one row per item") {
  auto rows = find_json_set_function("jsonb_path_query")
                  ->rows({jsonb(R"({"a": [1, 2, 3]})"), Value::string(TypeId::kText, "$.a[*] ? (@ >= 2)")});
  REQUIRE(rows.size() == 2);
  CHECK(rows[1][0].as_string() == "3");
}

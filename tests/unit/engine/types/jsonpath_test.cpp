#include "engine/types/jsonpath.hpp"

#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"

using namespace heliosdb::engine;

namespace {

// The items a path yields over `doc`, as jsonb texts joined by " | ".
std::string query(std::string_view doc, std::string_view path, bool silent = false) {
  JsonValue d = JsonValue::parse(doc, true);
  auto items = jsonpath_query(d, parse_jsonpath(path), nullptr, silent);
  if (!items) return "<silenced>";
  std::string out;
  for (const JsonValue& item : *items) out += (out.empty() ? "" : " | ") + item.to_jsonb_text();
  return out;
}

std::string state_of(std::string_view doc, std::string_view path) {
  try {
    query(doc, path);
  } catch (const DbError& e) {
    return std::string(e.state().code());
  }
  return "none";
}

}  // namespace

TEST_CASE("jsonpath parses modes, accessors and predicates") {
  CHECK_FALSE(parse_jsonpath("$.a").strict);
  CHECK(parse_jsonpath("strict $.a").strict);
  CHECK_FALSE(parse_jsonpath("lax $").strict);
  CHECK(parse_jsonpath("$.a > 1").expr->is_predicate());
  CHECK_FALSE(parse_jsonpath("$.a ? (@ > 1 && !(@ == 3))").expr->is_predicate());
  CHECK(parse_jsonpath("$ ? (@.x == \"y\" || exists(@.z)).x").expr->kind == JsonPathNode::Kind::kKey);
}

TEST_CASE("jsonpath rejects text PostgreSQL rejects with 42601") {
  for (const char* bad : {"$.", "$ ? (@.a)", "@.a", "$[last", "$ == == 1", "1 +", "$.a ? (@ > 1"}) {
    CAPTURE(bad);
    CHECK_THROWS_MATCHES(parse_jsonpath(bad), DbError,
                         Catch::Predicate<DbError>([](const DbError& e) { return e.state().code() == "42601"; }));
  }
}

TEST_CASE("jsonpath constructs outside the subset are 0A000") {
  for (const char* unsupported : {"$.**", "$.a.datetime()", "$.keyvalue()", "$ ? (@ like_regex \"x\")"}) {
    CAPTURE(unsupported);
    CHECK_THROWS_MATCHES(parse_jsonpath(unsupported), DbError,
                         Catch::Predicate<DbError>([](const DbError& e) { return e.state().code() == "0A000"; }));
  }
}

TEST_CASE("lax mode unwraps arrays and skips what is missing") {
  CHECK(query(R"({"a": [{"b": 1}, {"b": 2}, 3]})", "$.a.b") == "1 | 2");
  CHECK(query(R"({"a": [1, 2, 3]})", "$.a ? (@ > 1)") == "2 | 3");
  CHECK(query(R"({"a": 1})", "$.b") == "");
  CHECK(query(R"({"a": 1})", "$.a[0]") == "1");
  CHECK(query(R"([1, 2, 3])", "$[1 to last]") == "2 | 3");
  CHECK(query(R"([1, 2, 3])", "$[5]") == "");
  CHECK(query(R"({"a": 1, "b": "x"})", "$.*") == "1 | \"x\"");
}

TEST_CASE("strict mode reports structural errors, silent suppresses them") {
  CHECK(state_of(R"({"a": 1})", "strict $.b") == "2203A");
  CHECK(state_of(R"([1])", "strict $[3]") == "22033");
  CHECK(state_of(R"(1)", "strict $[*]") == "22039");
  CHECK(query(R"({"a": 1})", "strict $.b", true) == "<silenced>");
}

TEST_CASE("jsonpath predicates are three-valued") {
  CHECK(query("1", "$ == 1") == "true");
  CHECK(query("1", "$ == \"1\"") == "null");
  CHECK(query("1", "($ == \"1\") is unknown") == "true");
  CHECK(query("null", "$ != 1") == "true");
  CHECK(query(R"("abc")", "$ starts with \"ab\"") == "true");
  CHECK(query(R"({"a": 1})", "exists($.b) || $.a == 1") == "true");
}

TEST_CASE("jsonpath arithmetic works on single numbers") {
  CHECK(query(R"({"a": 2})", "$.a * 3 + 1") == "7");
  CHECK(query("[1, 2]", "-$[*]") == "-1 | -2");
  CHECK(query("[1, [2, 3]]", "$[*].size()") == "1 | 2");
  CHECK(query("[-1.5]", "$.abs().type()") == "\"number\"");
  CHECK(state_of("[1, 2]", "$ + 1") == "22038");
  CHECK(state_of("0", "1 / $") == "22012");
}

TEST_CASE("jsonpath_match needs a single boolean") {
  JsonValue doc = JsonValue::parse(R"({"a": 2})", true);
  CHECK(jsonpath_match(doc, parse_jsonpath("$.a > 1"), nullptr, false) == std::optional<bool>(true));
  CHECK_FALSE(jsonpath_match(doc, parse_jsonpath("$.a"), nullptr, true).has_value());
  CHECK_THROWS_AS(jsonpath_match(doc, parse_jsonpath("$.a"), nullptr, false), DbError);
}

TEST_CASE("jsonpath variables come from vars") {
  JsonValue doc = JsonValue::parse("[1, 2, 3]", true);
  JsonValue vars = JsonValue::parse(R"({"min": 2})", true);
  auto items = jsonpath_query(doc, parse_jsonpath("$[*] ? (@ >= $min)"), &vars, false);
  REQUIRE(items);
  CHECK(items->size() == 2);
  CHECK_THROWS_AS(jsonpath_query(doc, parse_jsonpath("$x"), &vars, true), DbError);
}

TEST_CASE("deeply nested jsonpath is refused, not a stack overflow") {
  const std::string deep = std::string(5000, '(') + "1" + std::string(5000, ')');
  CHECK_THROWS_AS(parse_jsonpath(deep), DbError);
  std::string subscripts = "$";
  for (int i = 0; i < 5000; ++i) subscripts += "[$";
  CHECK_THROWS_AS(parse_jsonpath(subscripts), DbError);
  CHECK_THROWS_AS(parse_jsonpath(std::string(5000, '-') + "1"), DbError);
  CHECK(query("1", std::string(100, '(') + "$" + std::string(100, ')')) == "1");
}

#include "engine/types/json_path_edit.hpp"

#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"

using namespace heliosdb::engine;

namespace {

JsonPath path(std::initializer_list<const char*> steps) {
  JsonPath p;
  for (const char* s : steps) p.push_back(s == nullptr ? std::nullopt : std::optional<std::string>(s));
  return p;
}

std::string edit(std::string_view doc, const JsonPath& p, std::string_view value, JsonEdit how) {
  return json_edit_path(JsonValue::parse(doc, true), p, JsonValue::parse(value, true), how).to_jsonb_text();
}

std::string state_of(std::string_view doc, const JsonPath& p, JsonEdit how) {
  try {
    edit(doc, p, "1", how);
  } catch (const DbError& e) {
    return std::string(e.state().code());
  }
  return "none";
}

}  // namespace

TEST_CASE("json_find_path follows keys and array indexes") {
  JsonValue doc = JsonValue::parse(R"({"a": [1, {"b": 2}]})", true);
  REQUIRE(json_find_path(doc, path({"a", "1", "b"})) != nullptr);
  CHECK(json_find_path(doc, path({"a", "1", "b"}))->to_jsonb_text() == "2");
  CHECK(json_find_path(doc, path({"a", "-2"}))->to_jsonb_text() == "1");
  CHECK(json_find_path(doc, path({"a", "x"})) == nullptr);
  CHECK(json_find_path(doc, path({"a", nullptr})) == nullptr);
  CHECK(json_find_path(doc, path({}))->to_jsonb_text() == doc.to_jsonb_text());
}

TEST_CASE("jsonb_set replaces, and creates only the last step") {
  CHECK(edit(R"({"a": 1})", path({"a"}), "2", JsonEdit::kCreate) == R"({"a": 2})");
  CHECK(edit(R"({"a": 1})", path({"b"}), "2", JsonEdit::kCreate) == R"({"a": 1, "b": 2})");
  CHECK(edit(R"({"a": 1})", path({"b"}), "2", JsonEdit::kReplace) == R"({"a": 1})");
  CHECK(edit(R"({"a": 1})", path({"b", "c"}), "2", JsonEdit::kCreate) == R"({"a": 1})");
  CHECK(edit("[1, 2, 3]", path({"5"}), "9", JsonEdit::kCreate) == "[1, 2, 3, 9]");
  CHECK(edit("[1, 2, 3]", path({"-5"}), "9", JsonEdit::kCreate) == "[9, 1, 2, 3]");
  CHECK(edit("[1, 2, 3]", path({"-1"}), "9", JsonEdit::kReplace) == "[1, 2, 9]");
}

TEST_CASE("jsonb_insert puts values beside an element") {
  CHECK(edit(R"({"a": [1, 2]})", path({"a", "1"}), "9", JsonEdit::kInsertBefore) == R"({"a": [1, 9, 2]})");
  CHECK(edit(R"({"a": [1, 2]})", path({"a", "1"}), "9", JsonEdit::kInsertAfter) == R"({"a": [1, 2, 9]})");
  CHECK(state_of(R"({"a": 1})", path({"a"}), JsonEdit::kInsertBefore) == "22023");
}

TEST_CASE("#- deletes a path; bad paths raise PostgreSQL's errors") {
  CHECK(edit(R"({"a": {"b": 1, "c": 2}})", path({"a", "b"}), "null", JsonEdit::kDelete) == R"({"a": {"c": 2}})");
  CHECK(edit("[1, [2, 3]]", path({"1", "-1"}), "null", JsonEdit::kDelete) == "[1, [2]]");
  CHECK(state_of("1", path({"a"}), JsonEdit::kDelete) == "22023");
  CHECK(state_of("[1]", path({"x"}), JsonEdit::kDelete) == "22P02");
  CHECK(state_of(R"({"a": 1})", path({"a", nullptr}), JsonEdit::kCreate) == "22004");
}

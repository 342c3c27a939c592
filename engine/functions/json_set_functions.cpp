#include "engine/functions/json_set_functions.hpp"

#include <map>

#include "engine/common/db_error.hpp"
#include "engine/types/json_value.hpp"
#include "engine/types/jsonpath.hpp"

namespace heliosdb::engine {

namespace {

using T = TypeId;
using Kind = JsonValue::Kind;
using Rows = std::vector<std::vector<Value>>;

[[noreturn]] void wrong_shape(const std::string& message) { throw DbError(sqlstate::kInvalidParameterValue, message); }

// A member or element as the function's result type: json keeps the text it
// was given, jsonb prints its canonical form; `as_text` unquotes strings and
// makes null SQL NULL, as the *_text functions do.
Value item_value(const JsonValue& item, std::string_view input, bool jsonb, bool as_text) {
  if (as_text) {
    if (item.kind() == Kind::kNull) return Value::null(T::kText);
    if (item.kind() == Kind::kString) return Value::string(T::kText, item.text());
  }
  std::string text = jsonb ? item.to_jsonb_text() : std::string(item.source(input));
  return Value::string(as_text ? T::kText : jsonb ? T::kJsonb : T::kJson, std::move(text));
}

template <bool kJsonb, bool kAsText>
Rows each(const std::vector<Value>& a) {
  const std::string& input = a[0].as_string();
  JsonValue doc = JsonValue::parse(input, kJsonb);
  const char* name = kJsonb ? (kAsText ? "jsonb_each_text" : "jsonb_each") : (kAsText ? "json_each_text" : "json_each");
  if (doc.kind() != Kind::kObject) {
    if (kJsonb) wrong_shape(std::string("cannot call ") + name + " on a non-object");
    wrong_shape(doc.kind() == Kind::kArray ? "cannot deconstruct an array as an object"
                                           : "cannot deconstruct a scalar");
  }
  Rows rows;
  for (const auto& [key, item] : doc.members()) {
    rows.push_back({Value::string(T::kText, key), item_value(item, input, kJsonb, kAsText)});
  }
  return rows;
}

template <bool kJsonb, bool kAsText>
Rows array_elements(const std::vector<Value>& a) {
  const std::string& input = a[0].as_string();
  JsonValue doc = JsonValue::parse(input, kJsonb);
  if (doc.kind() != Kind::kArray) {
    const bool object = doc.kind() == Kind::kObject;
    if (kJsonb)
      wrong_shape(object ? "cannot extract elements from an object" : "cannot extract elements from a scalar");
    const char* name = kAsText ? "json_array_elements_text" : "json_array_elements";
    wrong_shape(std::string("cannot call ") + name + (object ? " on a non-array" : " on a scalar"));
  }
  Rows rows;
  for (const JsonValue& item : doc.items()) rows.push_back({item_value(item, input, kJsonb, kAsText)});
  return rows;
}

template <bool kJsonb>
Rows object_keys(const std::vector<Value>& a) {
  JsonValue doc = JsonValue::parse(a[0].as_string(), kJsonb);
  if (doc.kind() != Kind::kObject) {
    const char* name = kJsonb ? "jsonb_object_keys" : "json_object_keys";
    wrong_shape(std::string("cannot call ") + name + (doc.kind() == Kind::kArray ? " on an array" : " on a scalar"));
  }
  Rows rows;
  for (const auto& member : doc.members()) rows.push_back({Value::string(T::kText, member.first)});
  return rows;
}

// jsonb_path_query(target, path, vars => '{}', silent => false).
Rows path_query(const std::vector<Value>& a) {
  JsonValue doc = JsonValue::parse(a[0].as_string(), true);
  JsonPathProgram path = parse_jsonpath(a[1].as_string());
  std::optional<JsonValue> vars;
  if (a.size() > 2) vars = JsonValue::parse(a[2].as_string(), true);
  const bool silent = a.size() > 3 && a[3].as_bool();
  Rows rows;
  auto items = jsonpath_query(doc, path, vars ? &*vars : nullptr, silent);
  if (!items) return rows;
  for (const JsonValue& item : *items) rows.push_back({Value::string(T::kJsonb, item.to_jsonb_text())});
  return rows;
}

JsonSetFunction function(std::vector<TypeId> args, std::vector<SetFunctionColumn> columns, bool named,
                         Rows (*rows)(const std::vector<Value>&)) {
  JsonSetFunction f;
  f.required = args.size();
  f.args = std::move(args);
  f.columns = std::move(columns);
  f.named_columns = named;
  f.rows = rows;
  return f;
}

std::map<std::string, JsonSetFunction, std::less<>> make_functions() {
  std::map<std::string, JsonSetFunction, std::less<>> m;
  const SetFunctionColumn key{"key", T::kText};
  m["jsonb_each"] = function({T::kJsonb}, {key, {"value", T::kJsonb}}, true, each<true, false>);
  m["jsonb_each_text"] = function({T::kJsonb}, {key, {"value", T::kText}}, true, each<true, true>);
  m["json_each"] = function({T::kJson}, {key, {"value", T::kJson}}, true, each<false, false>);
  m["json_each_text"] = function({T::kJson}, {key, {"value", T::kText}}, true, each<false, true>);
  m["jsonb_array_elements"] = function({T::kJsonb}, {{"value", T::kJsonb}}, true, array_elements<true, false>);
  m["jsonb_array_elements_text"] = function({T::kJsonb}, {{"value", T::kText}}, true, array_elements<true, true>);
  m["json_array_elements"] = function({T::kJson}, {{"value", T::kJson}}, true, array_elements<false, false>);
  m["json_array_elements_text"] = function({T::kJson}, {{"value", T::kText}}, true, array_elements<false, true>);
  m["jsonb_object_keys"] = function({T::kJsonb}, {{"jsonb_object_keys", T::kText}}, false, object_keys<true>);
  m["json_object_keys"] = function({T::kJson}, {{"json_object_keys", T::kText}}, false, object_keys<false>);
  // The path is text: we have no jsonpath type, and a literal converts either way.
  JsonSetFunction query =
      function({T::kJsonb, T::kText, T::kJsonb, T::kBool}, {{"jsonb_path_query", T::kJsonb}}, false, path_query);
  query.required = 2;
  m["jsonb_path_query"] = std::move(query);
  return m;
}

}  // namespace

const JsonSetFunction* find_json_set_function(std::string_view name) {
  static const auto functions = make_functions();
  auto it = functions.find(name);
  return it == functions.end() ? nullptr : &it->second;
}

}  // namespace heliosdb::engine

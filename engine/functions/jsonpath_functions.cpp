// jsonb_path_exists, jsonb_path_match, jsonb_path_query_array and
// jsonb_path_query_first (PostgreSQL 15's "JSON Processing Functions");
// jsonb_path_query, which returns a set, is in json_set_functions.cpp.
#include "engine/functions/function_registry.hpp"
#include "engine/types/json_value.hpp"
#include "engine/types/jsonpath.hpp"

namespace heliosdb::engine {

namespace {

using T = TypeId;

// (target, path [, vars [, silent]]), as parsed once per call.
struct PathCall {
  JsonValue doc;
  JsonPathProgram path;
  std::optional<JsonValue> vars;
  bool silent = false;

  explicit PathCall(const std::vector<Value>& a)
      : doc(JsonValue::parse(a[0].as_string(), true)), path(parse_jsonpath(a[1].as_string())) {
    if (a.size() > 2) vars = JsonValue::parse(a[2].as_string(), true);
    silent = a.size() > 3 && a[3].as_bool();
  }
  const JsonValue* vars_or_null() const { return vars ? &*vars : nullptr; }
};

Value boolean_or_null(std::optional<bool> b) { return b ? Value::boolean(*b) : Value::null(T::kBool); }

Value exists_fn(const std::vector<Value>& a) {
  PathCall c(a);
  return boolean_or_null(jsonpath_exists(c.doc, c.path, c.vars_or_null(), c.silent));
}

Value match_fn(const std::vector<Value>& a) {
  PathCall c(a);
  return boolean_or_null(jsonpath_match(c.doc, c.path, c.vars_or_null(), c.silent));
}

Value query_array_fn(const std::vector<Value>& a) {
  PathCall c(a);
  auto items = jsonpath_query(c.doc, c.path, c.vars_or_null(), c.silent);
  if (!items) return Value::null(T::kJsonb);
  return Value::string(T::kJsonb, JsonValue::array(std::move(*items)).to_jsonb_text());
}

Value query_first_fn(const std::vector<Value>& a) {
  PathCall c(a);
  auto items = jsonpath_query(c.doc, c.path, c.vars_or_null(), c.silent);
  if (!items || items->empty()) return Value::null(T::kJsonb);
  return Value::string(T::kJsonb, items->front().to_jsonb_text());
}

}  // namespace

void register_jsonpath_functions(FunctionRegistry& r) {
  const SqlType jb{T::kJsonb, -1}, boolean{T::kBool, -1};
  // The path is text: we have no jsonpath type, and a literal converts either way.
  const std::vector<std::vector<T>> arities = {
      {T::kJsonb, T::kText}, {T::kJsonb, T::kText, T::kJsonb}, {T::kJsonb, T::kText, T::kJsonb, T::kBool}};
  for (const auto& args : arities) {
    r.add("jsonb_path_exists", {args, boolean, exists_fn});
    r.add("jsonb_path_match", {args, boolean, match_fn});
    r.add("jsonb_path_query_array", {args, jb, query_array_fn});
    r.add("jsonb_path_query_first", {args, jb, query_first_fn});
  }
}

}  // namespace heliosdb::engine

// jsonb_set, jsonb_set_lax, jsonb_insert and json(b)_object: building and
// editing documents (PostgreSQL 15's "JSON Processing Functions").
#include "engine/common/db_error.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/types/array.hpp"
#include "engine/types/json_path_edit.hpp"
#include "engine/types/json_value.hpp"

namespace heliosdb::engine {

namespace {

using T = TypeId;

JsonPath path_of(const Value& array) {
  JsonPath path;
  for (const Value& item : decode_array(array).items) {
    path.push_back(item.is_null() ? std::nullopt : std::optional<std::string>(item.as_string()));
  }
  return path;
}

JsonValue jsonb_arg(const Value& v) { return JsonValue::parse(v.as_string(), true); }

Value edited(const std::vector<Value>& a, const JsonValue& value, JsonEdit edit) {
  JsonValue out = json_edit_path(jsonb_arg(a[0]), path_of(a[1]), value, edit);
  return Value::string(T::kJsonb, out.to_jsonb_text());
}

Value set_fn(const std::vector<Value>& a) {
  const bool create = a.size() < 4 || a[3].as_bool();
  return edited(a, jsonb_arg(a[2]), create ? JsonEdit::kCreate : JsonEdit::kReplace);
}

Value insert_fn(const std::vector<Value>& a) {
  const bool after = a.size() == 4 && a[3].as_bool();
  return edited(a, jsonb_arg(a[2]), after ? JsonEdit::kInsertAfter : JsonEdit::kInsertBefore);
}

// jsonb_set_lax(target, path, new_value [, create_if_missing [, null_value_treatment]]):
// jsonb_set, except that an SQL NULL new_value does what the treatment says.
Value set_lax_fn(const std::vector<Value>& a) {
  if (a.size() == 5 && a[4].is_null()) {
    throw DbError(sqlstate::kInvalidParameterValue,
                  "null_value_treatment must be \"delete_key\", \"return_target\", \"use_json_null\", or "
                  "\"raise_exception\"");
  }
  if (a[0].is_null() || a[1].is_null() || (a.size() > 3 && a[3].is_null())) return Value::null(T::kJsonb);
  const bool create = a.size() < 4 || a[3].as_bool();
  const std::string treatment = a.size() == 5 ? a[4].as_string() : "use_json_null";
  if (treatment != "delete_key" && treatment != "return_target" && treatment != "use_json_null" &&
      treatment != "raise_exception") {
    throw DbError(sqlstate::kInvalidParameterValue,
                  "null_value_treatment must be \"delete_key\", \"return_target\", \"use_json_null\", or "
                  "\"raise_exception\"");
  }
  if (!a[2].is_null()) return edited(a, jsonb_arg(a[2]), create ? JsonEdit::kCreate : JsonEdit::kReplace);
  if (treatment == "raise_exception") {
    throw DbError(sqlstate::kNullValueNotAllowed, "JSON value must not be null")
        .with_detail("Exception was raised because null_value_treatment is \"raise_exception\".")
        .with_hint(
            "To avoid, either change the null_value_treatment argument or ensure that an SQL NULL is not "
            "passed.");
  }
  if (treatment == "return_target") return a[0];
  if (treatment == "delete_key") return edited(a, JsonValue::null(), JsonEdit::kDelete);
  return edited(a, JsonValue::null(), create ? JsonEdit::kCreate : JsonEdit::kReplace);
}

[[noreturn]] void array_error(const char* message) { throw DbError(sqlstate::kArraySubscriptError, message); }

// The key/value pairs of json_object's text[] forms: {k, v, ...}, {{k, v}, ...} or (keys, values).
std::vector<std::pair<std::string, JsonValue>> object_pairs(const std::vector<Value>& a) {
  std::vector<Value> keys, values;
  if (a.size() == 1) {
    ArrayData arr = decode_array(a[0]);
    if (arr.dims.size() == 1) {
      if (arr.items.size() % 2 != 0) array_error("array must have even number of elements");
    } else if (arr.dims.size() == 2) {
      if (arr.dims[1].length != 2) array_error("array must have two columns");
    } else if (!arr.dims.empty()) {
      array_error("wrong number of array subscripts");
    }
    for (std::size_t i = 0; i + 1 < arr.items.size(); i += 2) {
      keys.push_back(arr.items[i]);
      values.push_back(arr.items[i + 1]);
    }
  } else {
    ArrayData k = decode_array(a[0]);
    ArrayData v = decode_array(a[1]);
    if (k.dims.size() > 1 || v.dims.size() > 1) array_error("wrong number of array subscripts");
    if (k.items.size() != v.items.size()) array_error("mismatched array dimensions");
    keys = std::move(k.items);
    values = std::move(v.items);
  }
  std::vector<std::pair<std::string, JsonValue>> pairs;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].is_null()) throw DbError(sqlstate::kNullValueNotAllowed, "null value not allowed for object key");
    pairs.emplace_back(keys[i].as_string(),
                       values[i].is_null() ? JsonValue::null() : JsonValue::string(values[i].as_string()));
  }
  return pairs;
}

Value jsonb_object_fn(const std::vector<Value>& a) {
  return Value::string(T::kJsonb, JsonValue::object(object_pairs(a)).to_jsonb_text());
}

// json keeps the pairs as given, spelled as json_object_agg spells them.
Value json_object_fn(const std::vector<Value>& a) {
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : object_pairs(a)) {
    out += (first ? "" : ", ") + json_quote(k) + " : " + v.to_jsonb_text();
    first = false;
  }
  return Value::string(T::kJson, out + "}");
}

}  // namespace

void register_json_edit_functions(FunctionRegistry& r) {
  const SqlType jb{T::kJsonb, -1}, js{T::kJson, -1};
  constexpr T kTextArray = array_of(T::kText);
  r.add("jsonb_set", {{T::kJsonb, kTextArray, T::kJsonb}, jb, set_fn});
  r.add("jsonb_set", {{T::kJsonb, kTextArray, T::kJsonb, T::kBool}, jb, set_fn});
  r.add("jsonb_insert", {{T::kJsonb, kTextArray, T::kJsonb}, jb, insert_fn});
  r.add("jsonb_insert", {{T::kJsonb, kTextArray, T::kJsonb, T::kBool}, jb, insert_fn});
  r.add("jsonb_set_lax", {{T::kJsonb, kTextArray, T::kJsonb}, jb, set_lax_fn, false, false});
  r.add("jsonb_set_lax", {{T::kJsonb, kTextArray, T::kJsonb, T::kBool}, jb, set_lax_fn, false, false});
  r.add("jsonb_set_lax", {{T::kJsonb, kTextArray, T::kJsonb, T::kBool, T::kText}, jb, set_lax_fn, false, false});
  r.add("jsonb_object", {{kTextArray}, jb, jsonb_object_fn});
  r.add("jsonb_object", {{kTextArray, kTextArray}, jb, jsonb_object_fn});
  r.add("json_object", {{kTextArray}, js, json_object_fn});
  r.add("json_object", {{kTextArray, kTextArray}, js, json_object_fn});
}

}  // namespace heliosdb::engine

#include "engine/exec/json_ops.hpp"

#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/types/array.hpp"
#include "engine/types/decimal.hpp"
#include "engine/types/json_path_edit.hpp"
#include "engine/types/json_value.hpp"
#include "engine/types/jsonpath.hpp"

namespace heliosdb::engine {

namespace {

Value json_result(TypeId type, std::optional<std::string> text) {
  return text ? Value::string(type, std::move(*text)) : Value::null(type);
}

// jsonb || jsonb: objects merge (right wins), anything else concatenates as arrays.
JsonValue concatenate(const JsonValue& a, const JsonValue& b) {
  if (a.kind() == JsonValue::Kind::kObject && b.kind() == JsonValue::Kind::kObject) {
    std::vector<std::pair<std::string, JsonValue>> members = a.members();
    for (const auto& m : b.members()) members.push_back(m);
    return JsonValue::object(std::move(members));
  }
  auto as_items = [](const JsonValue& v) {
    return v.kind() == JsonValue::Kind::kArray ? v.items() : std::vector<JsonValue>{v};
  };
  std::vector<JsonValue> items = as_items(a);
  for (const auto& item : as_items(b)) items.push_back(item);
  return JsonValue::array(std::move(items));
}

JsonValue remove_key(const JsonValue& doc, const std::string& key) {
  if (doc.kind() == JsonValue::Kind::kObject) {
    std::vector<std::pair<std::string, JsonValue>> members;
    for (const auto& m : doc.members()) {
      if (m.first != key) members.push_back(m);
    }
    return JsonValue::object(std::move(members));
  }
  if (doc.kind() == JsonValue::Kind::kArray) {
    std::vector<JsonValue> items;
    for (const auto& item : doc.items()) {
      if (item.kind() != JsonValue::Kind::kString || item.text() != key) items.push_back(item);
    }
    return JsonValue::array(std::move(items));
  }
  throw DbError(sqlstate::kInvalidParameterValue, "cannot delete from scalar");
}

// jsonb - text[]: every key (and string element) named; NULLs name nothing.
JsonValue remove_keys(const JsonValue& doc, const JsonPath& keys) {
  if (doc.kind() != JsonValue::Kind::kObject && doc.kind() != JsonValue::Kind::kArray) {
    throw DbError(sqlstate::kInvalidParameterValue, "cannot delete from scalar");
  }
  JsonValue out = doc;
  for (const auto& key : keys) {
    if (key) out = remove_key(out, *key);
  }
  return out;
}

JsonValue remove_index(const JsonValue& doc, long long index) {
  if (doc.kind() == JsonValue::Kind::kObject) {
    throw DbError(sqlstate::kInvalidParameterValue, "cannot delete from object using integer index");
  }
  if (doc.kind() != JsonValue::Kind::kArray)
    throw DbError(sqlstate::kInvalidParameterValue, "cannot delete from scalar");
  auto n = static_cast<long long>(doc.items().size());
  if (index < 0) index += n;
  std::vector<JsonValue> items;
  for (long long i = 0; i < n; ++i) {
    if (i != index) items.push_back(doc.items()[static_cast<std::size_t>(i)]);
  }
  return JsonValue::array(std::move(items));
}

// A text[] operand's elements; multi-dimensional arrays read flat, as PostgreSQL's deconstruct_array does.
JsonPath path_of(const Value& array) {
  JsonPath path;
  for (const Value& item : decode_array(array).items) {
    path.push_back(item.is_null() ? std::nullopt : std::optional<std::string>(item.as_string()));
  }
  return path;
}

bool has_key(const JsonValue& doc, const std::string& key) {
  if (doc.kind() == JsonValue::Kind::kObject) return doc.member(key) != nullptr;
  if (doc.kind() == JsonValue::Kind::kArray) {
    return std::any_of(doc.items().begin(), doc.items().end(), [&](const JsonValue& item) {
      return item.kind() == JsonValue::Kind::kString && item.text() == key;
    });
  }
  return doc.kind() == JsonValue::Kind::kString && doc.text() == key;
}

// ?| and ?&: NULL keys in the array are skipped.
bool has_keys(const JsonValue& doc, const Value& keys, bool all) {
  for (const auto& key : path_of(keys)) {
    if (!key) continue;
    if (has_key(doc, *key) != all) return !all;
  }
  return all;
}

// #> and #>>: json keeps the text it was given, jsonb its canonical form.
Value get_path(const Value& a, const Value& b, bool as_text, TypeId result) {
  const bool jsonb = a.type() == TypeId::kJsonb;
  const std::string& input = a.as_string();
  JsonValue doc = JsonValue::parse(input, jsonb);
  const JsonValue* found = json_find_path(doc, path_of(b));
  if (found == nullptr) return Value::null(result);
  std::string text = jsonb ? found->to_jsonb_text() : std::string(found->source(input));
  if (!as_text) return Value::string(result, std::move(text));
  if (found->kind() == JsonValue::Kind::kNull) return Value::null(result);
  return Value::string(result, found->kind() == JsonValue::Kind::kString ? found->text() : std::move(text));
}

void append_equality_text(const JsonValue& v, std::string& out) {
  switch (v.kind()) {
    case JsonValue::Kind::kNumber: {
      Decimal d = Decimal::parse(v.text());
      out += d.trunc(0).compare(d) == 0 ? d.trunc(0).to_string() : d.to_string();
      // Trailing fractional zeros do not change a number.
      if (out.find('.') != std::string::npos) {
        while (out.back() == '0') out.pop_back();
      }
      return;
    }
    case JsonValue::Kind::kArray:
      out += "[";
      for (const auto& item : v.items()) {
        append_equality_text(item, out);
        out += ",";
      }
      out += "]";
      return;
    case JsonValue::Kind::kObject:
      out += "{";
      for (const auto& [k, item] : v.members()) {
        out += json_quote(k) + ":";
        append_equality_text(item, out);
        out += ",";
      }
      out += "}";
      return;
    default:
      out += v.to_jsonb_text();
  }
}

}  // namespace

Value json_operator(const std::string& op, const Value& a, const Value& b, TypeId result) {
  const bool jsonb = a.type() == TypeId::kJsonb;
  if (op == "#>" || op == "#>>") return get_path(a, b, op == "#>>", result);
  if (op == "->" || op == "->>") {
    std::optional<std::string> found = is_integer(b.type()) ? json_get(a.as_string(), jsonb, nullptr, b.as_int())
                                                            : json_get(a.as_string(), jsonb, &b.as_string(), 0);
    if (op == "->") return json_result(result, std::move(found));
    if (!found) return Value::null(TypeId::kText);
    return json_result(TypeId::kText, json_as_text(*found, jsonb));
  }
  JsonValue doc = JsonValue::parse(a.as_string(), true);
  if (op == "?") return Value::boolean(has_key(doc, b.as_string()));
  if (op == "?|" || op == "?&") return Value::boolean(has_keys(doc, b, op == "?&"));
  if (op == "#-") {
    return Value::string(TypeId::kJsonb,
                         json_edit_path(doc, path_of(b), JsonValue::null(), JsonEdit::kDelete).to_jsonb_text());
  }
  if (op == "@?" || op == "@@") {
    // The operators are jsonb_path_exists / jsonb_path_match with errors silenced.
    std::optional<bool> answer = op == "@?" ? jsonpath_exists(doc, parse_jsonpath(b.as_string()), nullptr, true)
                                            : jsonpath_match(doc, parse_jsonpath(b.as_string()), nullptr, true);
    return answer ? Value::boolean(*answer) : Value::null(TypeId::kBool);
  }
  if (op == "@>") return Value::boolean(doc.contains(JsonValue::parse(b.as_string(), true)));
  if (op == "<@") return Value::boolean(JsonValue::parse(b.as_string(), true).contains(doc));
  if (op == "||") {
    return Value::string(TypeId::kJsonb, concatenate(doc, JsonValue::parse(b.as_string(), true)).to_jsonb_text());
  }
  if (op == "-") {
    JsonValue out = is_integer(b.type()) ? remove_index(doc, b.as_int())
                    : is_array(b.type()) ? remove_keys(doc, path_of(b))
                                         : remove_key(doc, b.as_string());
    return Value::string(TypeId::kJsonb, out.to_jsonb_text());
  }
  throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: operator " + op);
}

std::string jsonb_equality_text(const std::string& jsonb) {
  std::string out;
  append_equality_text(JsonValue::parse(jsonb, true), out);
  return out;
}

}  // namespace heliosdb::engine

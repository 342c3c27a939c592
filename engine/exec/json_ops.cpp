#include "engine/exec/json_ops.hpp"

#include "engine/common/db_error.hpp"
#include "engine/types/decimal.hpp"
#include "engine/types/json_value.hpp"

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
  if (op == "->" || op == "->>") {
    std::optional<std::string> found = is_integer(b.type()) ? json_get(a.as_string(), jsonb, nullptr, b.as_int())
                                                            : json_get(a.as_string(), jsonb, &b.as_string(), 0);
    if (op == "->") return json_result(result, std::move(found));
    if (!found) return Value::null(TypeId::kText);
    return json_result(TypeId::kText, json_as_text(*found, jsonb));
  }
  JsonValue doc = JsonValue::parse(a.as_string(), true);
  if (op == "?") {
    if (doc.kind() == JsonValue::Kind::kObject) return Value::boolean(doc.member(b.as_string()) != nullptr);
    if (doc.kind() == JsonValue::Kind::kArray) {
      for (const auto& item : doc.items()) {
        if (item.kind() == JsonValue::Kind::kString && item.text() == b.as_string()) return Value::boolean(true);
      }
      return Value::boolean(false);
    }
    return Value::boolean(doc.kind() == JsonValue::Kind::kString && doc.text() == b.as_string());
  }
  if (op == "@>") return Value::boolean(doc.contains(JsonValue::parse(b.as_string(), true)));
  if (op == "<@") return Value::boolean(JsonValue::parse(b.as_string(), true).contains(doc));
  if (op == "||") {
    return Value::string(TypeId::kJsonb, concatenate(doc, JsonValue::parse(b.as_string(), true)).to_jsonb_text());
  }
  if (op == "-") {
    JsonValue out = is_integer(b.type()) ? remove_index(doc, b.as_int()) : remove_key(doc, b.as_string());
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

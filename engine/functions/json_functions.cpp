// JSON functions (PostgreSQL's "JSON Functions and Operators").
#include "engine/common/db_error.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/functions/to_json.hpp"
#include "engine/types/array.hpp"
#include "engine/types/json_value.hpp"
#include "engine/types/record.hpp"

namespace heliosdb::engine {

using T = TypeId;

namespace {

// An array's elements as nested JSON arrays, one level per dimension.
JsonValue array_json(const ArrayData& array, std::size_t dim, std::size_t& next) {
  std::vector<JsonValue> items;
  for (std::int32_t i = 0; i < array.dims[dim].length; ++i) {
    items.push_back(dim + 1 < array.dims.size() ? array_json(array, dim + 1, next)
                                                : to_json_value(array.items[next++]));
  }
  return JsonValue::array(std::move(items));
}

}  // namespace

JsonValue to_json_value(const Value& v) {
  if (v.is_null()) return JsonValue::null();
  if (is_array(v.type())) {
    ArrayData array = decode_array(v);
    std::size_t next = 0;
    return array.dims.empty() ? JsonValue::array({}) : array_json(array, 0, next);
  }
  switch (v.type()) {
    case T::kJson:
    case T::kJsonb:
      return JsonValue::parse(v.as_string(), true);
    case T::kRecord: {
      // A record is an object of its fields, when its type names them.
      const std::vector<RecordField> fields = record_fields(v.record_type());
      if (fields.empty()) return JsonValue::string(v.as_string());
      std::vector<std::pair<std::string, JsonValue>> members;
      for (std::size_t i = 0; i < fields.size(); ++i) {
        members.emplace_back(fields[i].name, to_json_value(record_field(v, i, fields[i].type)));
      }
      return JsonValue::object(std::move(members));
    }
    case T::kBool:
      return JsonValue::boolean(v.as_bool());
    case T::kInt2:
    case T::kInt4:
    case T::kInt8:
    case T::kNumeric:
      return JsonValue::number(format_value(v));
    case T::kFloat4:
    case T::kFloat8: {
      std::string text = format_value(v);
      bool finite = text != "NaN" && text != "Infinity" && text != "-Infinity";
      return finite ? JsonValue::number(text) : JsonValue::string(text);
    }
    case T::kTimestamp:
    case T::kTimestampTz: {
      // JSON spells timestamps the ISO way: a T between date and time.
      std::string text = format_value(v);
      if (auto space = text.find(' '); space != std::string::npos && text != "infinity") text[space] = 'T';
      if (v.type() == T::kTimestampTz && text.size() > 3 && text.ends_with("+00")) text += ":00";
      return JsonValue::string(text);
    }
    default:
      return JsonValue::string(format_value(v));
  }
}

namespace {

// array_to_json's spelling: no spaces between elements, at any depth.
std::string array_json_text(const ArrayData& array, std::size_t dim, std::size_t& next) {
  std::string out = "[";
  for (std::int32_t i = 0; i < array.dims[dim].length; ++i) {
    if (i > 0) out += ",";
    out += dim + 1 < array.dims.size() ? array_json_text(array, dim + 1, next) : to_json_text(array.items[next++]);
  }
  return out + "]";
}

}  // namespace

std::string to_json_text(const Value& v) {
  if (v.is_null()) return "null";
  if (v.type() == T::kJson) return v.as_string();
  if (v.type() == T::kRecord) {
    // As row_to_json spells a row: no spaces, fields in order.
    const std::vector<RecordField> fields = record_fields(v.record_type());
    if (fields.empty()) return to_json_value(v).to_jsonb_text();
    std::string out = "{";
    for (std::size_t i = 0; i < fields.size(); ++i) {
      out += (i > 0 ? "," : "") + json_quote(fields[i].name) + ":" + to_json_text(record_field(v, i, fields[i].type));
    }
    return out + "}";
  }
  if (is_array(v.type())) {
    ArrayData array = decode_array(v);
    std::size_t next = 0;
    return array.dims.empty() ? "[]" : array_json_text(array, 0, next);
  }
  return to_json_value(v).to_jsonb_text();
}

std::string json_key_text(const Value& v) {
  if (is_array(v.type()) || v.type() == T::kJson || v.type() == T::kJsonb) {
    throw DbError(sqlstate::kInvalidParameterValue, "key value must be scalar, not array, composite, or json");
  }
  JsonValue key = to_json_value(v);
  if (key.kind() == JsonValue::Kind::kBool) return key.as_bool() ? "true" : "false";
  return key.text();
}

namespace {

JsonValue parsed(const Value& v) { return JsonValue::parse(v.as_string(), v.type() == T::kJsonb); }

Value jsonb(const JsonValue& v) { return Value::string(T::kJsonb, v.to_jsonb_text()); }

Value typeof_fn(const std::vector<Value>& a) { return Value::string(T::kText, parsed(a[0]).type_name()); }

Value array_length_fn(const std::vector<Value>& a) {
  JsonValue v = parsed(a[0]);
  if (v.kind() != JsonValue::Kind::kArray) {
    throw DbError(sqlstate::kInvalidParameterValue, v.kind() == JsonValue::Kind::kObject || a[0].type() == T::kJsonb
                                                        ? "cannot get array length of a non-array"
                                                        : "cannot get array length of a scalar");
  }
  return Value::integer(T::kInt4, static_cast<std::int64_t>(v.items().size()));
}

std::vector<std::pair<std::string, JsonValue>> pairs_of(const std::vector<Value>& a) {
  if (a.size() % 2 != 0) {
    throw DbError(sqlstate::kInvalidParameterValue, "argument list must have even number of elements")
        .with_hint("The arguments of jsonb_build_object() must consist of alternating keys and values.");
  }
  std::vector<std::pair<std::string, JsonValue>> members;
  for (std::size_t i = 0; i < a.size(); i += 2) {
    if (a[i].is_null()) {
      throw DbError(sqlstate::kInvalidParameterValue, "argument " + std::to_string(i + 1) + ": key must not be null");
    }
    members.emplace_back(json_key_text(a[i]), to_json_value(a[i + 1]));
  }
  return members;
}

Value build_object_b(const std::vector<Value>& a) { return jsonb(JsonValue::object(pairs_of(a))); }
Value build_object_j(const std::vector<Value>& a) {
  // json keeps the keys in the order written, and json values as given.
  pairs_of(a);  // for its checks: an even count, no NULL or composite key
  std::string out = "{";
  for (std::size_t i = 0; i < a.size(); i += 2) {
    out += (i > 0 ? ", " : "") + json_quote(json_key_text(a[i])) + " : " + to_json_text(a[i + 1]);
  }
  return Value::string(T::kJson, out + "}");
}

// A row as row_to_json prints it: alternating column names and values, no spaces.
Value row_to_json_fn(const std::vector<Value>& a) {
  std::string out = "{";
  for (std::size_t i = 0; i + 1 < a.size(); i += 2) {
    out += (i > 0 ? "," : "") + json_quote(a[i].as_string()) + ":" + to_json_text(a[i + 1]);
  }
  return Value::string(T::kJson, out + "}");
}

std::vector<JsonValue> items_of(const std::vector<Value>& a) {
  std::vector<JsonValue> items;
  for (const Value& v : a) items.push_back(to_json_value(v));
  return items;
}
Value build_array_b(const std::vector<Value>& a) { return jsonb(JsonValue::array(items_of(a))); }
Value build_array_j(const std::vector<Value>& a) {
  std::string out = "[";
  for (std::size_t i = 0; i < a.size(); ++i) out += (i > 0 ? ", " : "") + to_json_text(a[i]);
  return Value::string(T::kJson, out + "]");
}
Value empty_array_b(const std::vector<Value>&) { return jsonb(JsonValue::array({})); }
Value empty_object_b(const std::vector<Value>&) { return jsonb(JsonValue::object({})); }

Value to_jsonb_fn(const std::vector<Value>& a) { return jsonb(to_json_value(a[0])); }
Value to_json_fn(const std::vector<Value>& a) { return Value::string(T::kJson, to_json_text(a[0])); }
Value pretty_fn(const std::vector<Value>& a) { return Value::string(T::kText, parsed(a[0]).to_pretty_text()); }

JsonValue strip_nulls(const JsonValue& v) {
  if (v.kind() == JsonValue::Kind::kObject) {
    std::vector<std::pair<std::string, JsonValue>> members;
    for (const auto& [k, item] : v.members()) {
      if (item.kind() != JsonValue::Kind::kNull) members.emplace_back(k, strip_nulls(item));
    }
    return JsonValue::object(std::move(members));
  }
  if (v.kind() == JsonValue::Kind::kArray) {
    std::vector<JsonValue> items;
    for (const auto& item : v.items()) items.push_back(strip_nulls(item));
    return JsonValue::array(std::move(items));
  }
  return v;
}
// json_strip_nulls keeps json's members in order, duplicates included, and
// prints the tokens back with no whitespace between them, as PostgreSQL does.
void append_stripped_json(const JsonValue& v, std::string& out) {
  switch (v.kind()) {
    case JsonValue::Kind::kObject: {
      out += "{";
      bool first = true;
      for (const auto& [k, item] : v.members()) {
        if (item.kind() == JsonValue::Kind::kNull) continue;
        out += (first ? "" : ",") + json_quote(k) + ":";
        append_stripped_json(item, out);
        first = false;
      }
      out += "}";
      return;
    }
    case JsonValue::Kind::kArray:
      out += "[";
      for (std::size_t i = 0; i < v.items().size(); ++i) {
        if (i > 0) out += ",";
        append_stripped_json(v.items()[i], out);
      }
      out += "]";
      return;
    case JsonValue::Kind::kNull:
    case JsonValue::Kind::kString:
    case JsonValue::Kind::kNumber:
    case JsonValue::Kind::kBool:
      out += v.to_jsonb_text();
      return;
  }
}

Value strip_nulls_fn(const std::vector<Value>& a) {
  if (a[0].type() == T::kJsonb) return jsonb(strip_nulls(parsed(a[0])));
  std::string out;
  append_stripped_json(parsed(a[0]), out);
  return Value::string(T::kJson, std::move(out));
}

// json_extract_path(doc, VARIADIC keys): object keys, or array indexes given as text.
const JsonValue* walk(const JsonValue& doc, const std::vector<Value>& a) {
  const JsonValue* at = &doc;
  for (std::size_t i = 1; i < a.size() && at != nullptr; ++i) {
    if (a[i].is_null()) return nullptr;
    const std::string& step = a[i].as_string();
    if (at->kind() == JsonValue::Kind::kArray) {
      char* end = nullptr;
      long long index = std::strtoll(step.c_str(), &end, 10);
      at = end != step.c_str() && *end == '\0' ? at->element(index) : nullptr;
    } else {
      at = at->member(step);
    }
  }
  return at;
}
Value extract_path_fn(const std::vector<Value>& a) {
  JsonValue doc = JsonValue::parse(a[0].as_string(), true);
  const JsonValue* found = walk(doc, a);
  return found ? Value::string(a[0].type(), found->to_jsonb_text()) : Value::null(a[0].type());
}
Value extract_path_text_fn(const std::vector<Value>& a) {
  JsonValue doc = JsonValue::parse(a[0].as_string(), true);
  const JsonValue* found = walk(doc, a);
  if (found == nullptr || found->kind() == JsonValue::Kind::kNull) return Value::null(T::kText);
  return Value::string(T::kText, found->kind() == JsonValue::Kind::kString ? found->text() : found->to_jsonb_text());
}

}  // namespace

// The other json families register from their own files, with the json functions.
void register_json_edit_functions(FunctionRegistry& registry);
void register_jsonpath_functions(FunctionRegistry& registry);

void register_json_functions(FunctionRegistry& r) {
  register_json_edit_functions(r);
  register_jsonpath_functions(r);
  const SqlType text{T::kText, -1}, jb{T::kJsonb, -1}, js{T::kJson, -1}, i4{T::kInt4, -1};
  constexpr T kAny = T::kUnknown;
  r.add("jsonb_typeof", {{T::kJsonb}, text, typeof_fn});
  r.add("json_typeof", {{T::kJson}, text, typeof_fn});
  r.add("jsonb_array_length", {{T::kJsonb}, i4, array_length_fn});
  r.add("json_array_length", {{T::kJson}, i4, array_length_fn});
  r.add("jsonb_build_object", {{kAny}, jb, build_object_b, true, false});
  r.add("jsonb_build_object", {{}, jb, empty_object_b});
  r.add("json_build_object", {{kAny}, js, build_object_j, true, false});
  r.add("jsonb_build_array", {{kAny}, jb, build_array_b, true, false});
  r.add("jsonb_build_array", {{}, jb, empty_array_b});
  r.add("json_build_array", {{kAny}, js, build_array_j, true, false});
  r.add("to_jsonb", {{kAny}, jb, to_jsonb_fn});
  r.add("to_json", {{kAny}, js, to_json_fn});
  r.add("array_to_json", {{kAnyArray}, js, to_json_fn});
  r.add("row_to_json", {{T::kRecord}, js, to_json_fn});
  // What row_to_json(t) and to_json(t) become (binder's whole_row_json).
  r.add("heliosdb_row_to_json", {{kAny}, js, row_to_json_fn, true, false});
  r.add("jsonb_pretty", {{T::kJsonb}, text, pretty_fn});
  r.add("jsonb_strip_nulls", {{T::kJsonb}, jb, strip_nulls_fn});
  r.add("json_strip_nulls", {{T::kJson}, js, strip_nulls_fn});
  r.add("jsonb_extract_path", {{T::kJsonb, T::kText}, jb, extract_path_fn, true});
  r.add("json_extract_path", {{T::kJson, T::kText}, js, extract_path_fn, true});
  r.add("jsonb_extract_path_text", {{T::kJsonb, T::kText}, text, extract_path_text_fn, true});
  r.add("json_extract_path_text", {{T::kJson, T::kText}, text, extract_path_text_fn, true});
}

}  // namespace heliosdb::engine

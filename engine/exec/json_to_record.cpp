#include "engine/exec/json_to_record.hpp"

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/domain_checks.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/types/array.hpp"
#include "engine/types/cast.hpp"
#include "engine/types/json_value.hpp"

namespace heliosdb::engine {

namespace {

using Kind = JsonValue::Kind;

struct Column {
  std::string name;
  SqlType type;  ///< a domain's base type, with domain_oid set
};

// A JSON member as a value of `type`: json and jsonb columns take it whole,
// an array column takes a JSON array element by element, any other column
// reads a string's contents or other JSON's text through the type's input.
Value field_value(const JsonValue& v, std::string_view input, bool jsonb, const SqlType& type, ExecContext& ctx) {
  if (v.kind() == Kind::kNull) return Value::null(type.id);
  Value out;
  if (type.id == TypeId::kJson) {
    out = Value::string(TypeId::kJson, jsonb ? v.to_jsonb_text() : std::string(v.source(input)));
  } else if (type.id == TypeId::kJsonb) {
    out = Value::string(TypeId::kJsonb, v.to_jsonb_text());
  } else if (is_array(type.id) && v.kind() == Kind::kArray) {
    const SqlType element{element_of(type.id), type.typmod, type.enum_oid};
    std::vector<Value> items;
    for (const JsonValue& item : v.items()) {
      if (item.kind() == Kind::kArray) {
        throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: multidimensional arrays from JSON");
      }
      items.push_back(field_value(item, input, jsonb, element, ctx));
    }
    out = encode_array(ArrayData::of(element.id, std::move(items)));
  } else {
    const std::string text = v.kind() == Kind::kString ? v.text()
                             : jsonb                   ? v.to_jsonb_text()
                                                       : std::string(v.source(input));
    // The type's input first, then its modifier as an assignment applies it (too long is an error).
    const Value read =
        cast_value(Value::string(TypeId::kText, text), {type.id, -1, type.enum_oid}, CastContext::kExplicit);
    out = cast_value(read, {type.id, type.typmod, type.enum_oid}, CastContext::kAssignment);
  }
  if (type.domain_oid != 0) DomainChecks::check(ctx, type.domain_oid, out);
  return out;
}

Row record_of(const JsonValue& object, std::string_view input, bool jsonb, const std::vector<Column>& columns,
              ExecContext& ctx) {
  Row row;
  for (const Column& c : columns) {
    const JsonValue* member = object.member(c.name);
    row.push_back(member == nullptr ? Value::null(c.type.id) : field_value(*member, input, jsonb, c.type, ctx));
  }
  return row;
}

}  // namespace

bool is_json_to_record(std::string_view name) {
  return name == "json_to_record" || name == "jsonb_to_record" || name == "json_to_recordset" ||
         name == "jsonb_to_recordset";
}

Relation json_to_record_relation(const ast::FunctionRef& ref, const std::string& qualifier, ExecContext& ctx) {
  if (ref.column_definitions.empty()) {
    throw DbError(sqlstate::kSyntaxError, "a column definition list is required for functions returning \"record\"")
        .at_position(ref.location + 1);
  }
  const bool jsonb = ref.name.rfind("jsonb", 0) == 0;
  const bool set = ref.name.ends_with("recordset");
  const auto& call = std::get<ast::FuncCall>(ref.call->node);
  const TypeId json_type = jsonb ? TypeId::kJsonb : TypeId::kJson;
  BoundExprPtr arg;
  if (call.args.size() == 1) {
    arg = Binder({}, "FROM", ctx).bind(*call.args[0]);
    if (arg->type.id == TypeId::kUnknown) arg = coerce(std::move(arg), {json_type, -1}, CastContext::kImplicit);
  }
  if (!arg || arg->type.id != json_type) {
    throw DbError(
        sqlstate::kUndefinedFunction,
        "function " + ref.name + "(" + (arg ? type_display_name(arg->type) : std::string()) + ") does not exist")
        .with_hint("No function matches the given name and argument types. You might need to add explicit type casts.")
        .at_position(ref.location + 1);
  }
  Relation r;
  std::vector<Column> columns;
  for (const auto& [name, type_name] : ref.column_definitions) {
    const SqlType type = resolve_type_name(type_name);
    columns.push_back({name, type});
    r.scope.push_back({qualifier, name, SqlType{type.id, type.typmod, type.enum_oid}});
  }
  const Value value = evaluate(*arg, {});
  if (value.is_null()) {
    // The set form has no rows; the single record is all NULL, as PostgreSQL's.
    if (!set) r.rows.emplace_back(columns.size(), Value());
    for (std::size_t i = 0; !set && i < columns.size(); ++i) r.rows[0][i] = Value::null(columns[i].type.id);
    return r;
  }
  const std::string& input = value.as_string();
  const JsonValue doc = JsonValue::parse(input, jsonb);
  if (!set) {
    if (doc.kind() != Kind::kObject) {
      throw DbError(sqlstate::kInvalidParameterValue,
                    "cannot call " + ref.name + " on " + (doc.kind() == Kind::kArray ? "an array" : "a scalar"));
    }
    r.rows.push_back(record_of(doc, input, jsonb, columns, ctx));
    return r;
  }
  if (doc.kind() != Kind::kArray) {
    throw DbError(sqlstate::kInvalidParameterValue, "cannot call " + ref.name + " on a non-array");
  }
  for (const JsonValue& item : doc.items()) {
    if (item.kind() != Kind::kObject) {
      throw DbError(sqlstate::kInvalidParameterValue, "argument of " + ref.name + " must be an array of objects");
    }
    r.rows.push_back(record_of(item, input, jsonb, columns, ctx));
  }
  return r;
}

}  // namespace heliosdb::engine

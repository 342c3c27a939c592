// Functions over the catalog's names: format_type(type oid, typmod) as psql's
// \d and the ORMs' reflection queries print types, current_schemas,
// to_regclass and to_regtype.
#include "engine/common/db_error.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/types/array.hpp"
#include "engine/types/object_names.hpp"

namespace heliosdb::engine {

namespace {

Value format_type(const std::vector<Value>& a) {
  if (a[0].is_null()) return Value::null(TypeId::kText);
  const std::optional<TypeId> type = type_from_oid(static_cast<std::uint32_t>(a[0].as_int()));
  if (a[0].as_int() == 0) return Value::string(TypeId::kText, "-");
  if (!type) return Value::string(TypeId::kText, "???");
  // A NULL modifier prints the bare name, as an unknown one does.
  const std::int32_t typmod = a[1].is_null() ? -1 : static_cast<std::int32_t>(a[1].as_int());
  return Value::string(TypeId::kText, type_display_name({*type, typmod}));
}

// current_schemas(include_implicit): the search path, pg_catalog first when implicit ones count.
Value current_schemas(const std::vector<Value>& a) {
  std::vector<Value> names;
  if (a[0].as_bool()) names.push_back(Value::string(TypeId::kText, "pg_catalog"));
  names.push_back(Value::string(TypeId::kText, "public"));
  return encode_array(ArrayData::of(TypeId::kText, std::move(names)));
}

// to_regclass / to_regtype: the name's object, or NULL where the cast would fail for want of one.
Value to_regclass(const std::vector<Value>& a) {
  try {
    return regclass_in(a[0].as_string());
  } catch (const DbError& e) {
    if (e.state() == sqlstate::kUndefinedTable) return Value::null(TypeId::kRegclass);
    throw;
  }
}

Value to_regtype(const std::vector<Value>& a) {
  try {
    return regtype_in(a[0].as_string());
  } catch (const DbError& e) {
    if (e.state() == sqlstate::kUndefinedObject) return Value::null(TypeId::kRegtype);
    throw;
  }
}

}  // namespace

void register_catalog_functions(FunctionRegistry& r) {
  r.add("format_type", {{TypeId::kOid, TypeId::kInt4}, {TypeId::kText, -1}, format_type, false, false});
  r.add("current_schemas", {{TypeId::kBool}, {array_of(TypeId::kText), -1}, current_schemas});
  r.add("to_regclass", {{TypeId::kText}, {TypeId::kRegclass, -1}, to_regclass});
  r.add("to_regtype", {{TypeId::kText}, {TypeId::kRegtype, -1}, to_regtype});
}

}  // namespace heliosdb::engine

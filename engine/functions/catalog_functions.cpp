// format_type(type oid, typmod): a type's name as psql's \d and the ORMs'
// reflection queries print it.
#include "engine/functions/function_registry.hpp"

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

}  // namespace

void register_catalog_functions(FunctionRegistry& r) {
  r.add("format_type", {{TypeId::kOid, TypeId::kInt4}, {TypeId::kText, -1}, format_type, false, false});
}

}  // namespace heliosdb::engine

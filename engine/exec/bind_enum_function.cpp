// enum_first(anyenum), enum_last(anyenum), enum_range(anyenum [, anyenum]):
// what they return depends on the argument's type more than on its value
// (enum_first(NULL::mood)), so they are answered while binding, from the
// labels the type has as the statement runs. PostgreSQL 15 docs, section 9.10.
#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/types/array.hpp"
#include "engine/types/enum_type.hpp"

namespace heliosdb::engine {

BoundExprPtr Binder::bind_enum_function(const std::string& name, std::vector<BoundExprPtr> args, int location) {
  if (args.size() == 2 && args[0]->type.id == TypeId::kEnum && args[1]->type.id == TypeId::kUnknown) {
    args[1] = coerce(std::move(args[1]), args[0]->type, CastContext::kImplicit);
  } else if (args.size() == 2 && args[1]->type.id == TypeId::kEnum && args[0]->type.id == TypeId::kUnknown) {
    args[0] = coerce(std::move(args[0]), args[1]->type, CastContext::kImplicit);
  }
  std::vector<SqlType> types;
  for (const BoundExprPtr& a : args) types.push_back(a->type);
  const bool fits = (args.size() == 1 || (args.size() == 2 && name == "enum_range")) &&
                    types.front().id == TypeId::kEnum && (types.size() == 1 || types[1] == types[0]);
  if (!fits) throw at(no_such_function(name, types), location);
  const SqlType type = types.front();
  std::vector<Value> labels = enum_values(type.enum_oid);
  if (name != "enum_range") {
    if (labels.empty()) {
      throw at(
          DbError(sqlstate::kObjectNotInPrerequisiteState, "enum " + type_display_name(type) + " contains no values"),
          location);
    }
    const Value& end = name == "enum_first" ? labels.front() : labels.back();
    require_committed(end);
    return make_constant(end);
  }
  if (args.size() == 2) {
    // enum_range(a, b): the labels from a to b (NULL: from the first, to the last).
    for (const BoundExprPtr& a : args) {
      if (a->kind != BoundExpr::Kind::kConstant) {
        throw at(DbError(sqlstate::kFeatureNotSupported, "not supported yet: enum_range of values not constant"),
                 location);
      }
    }
    const Value& low = args[0]->constant;
    const Value& high = args[1]->constant;
    std::vector<Value> within;
    for (Value& v : labels) {
      if ((low.is_null() || compare_values(v, low) >= 0) && (high.is_null() || compare_values(v, high) <= 0)) {
        within.push_back(std::move(v));
      }
    }
    labels = std::move(within);
  }
  for (const Value& v : labels) require_committed(v);
  BoundExprPtr e = make_constant(encode_array(ArrayData::of(TypeId::kEnum, std::move(labels))));
  e->type = {array_of(TypeId::kEnum), -1, type.enum_oid};
  return e;
}

}  // namespace heliosdb::engine

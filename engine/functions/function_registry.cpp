#include "engine/functions/function_registry.hpp"

#include <optional>

#include "engine/common/db_error.hpp"
#include "engine/functions/candidate_choice.hpp"
#include "engine/types/cast.hpp"

namespace heliosdb::engine {

namespace {

const FunctionRegistry& registry() {
  static const FunctionRegistry instance = [] {
    FunctionRegistry r;
    register_string_functions(r);
    register_math_functions(r);
    register_trig_functions(r);
    register_datetime_functions(r);
    register_json_functions(r);
    register_regex_functions(r);
    register_vector_functions(r);
    register_array_functions(r);
    register_uuid_functions(r);
    register_uuid_ossp_functions(r);
    register_catalog_functions(r);
    register_encoding_functions(r);
    register_format_functions(r);
    register_numeric_functions(r);
    register_time_zone_functions(r);
    register_formatting_functions(r);
    return r;
  }();
  return instance;
}

TypeId declared_arg(const FunctionSignature& f, std::size_t i) { return i < f.args.size() ? f.args[i] : f.args.back(); }

bool arity_fits(const FunctionSignature& f, std::size_t n) {
  return f.variadic ? n >= f.args.size() : n == f.args.size();
}

std::string signature_text(const std::string& name, const std::vector<SqlType>& types) {
  std::string out = name + "(";
  for (std::size_t i = 0; i < types.size(); ++i) out += (i > 0 ? ", " : "") + type_display_name({types[i].id, -1});
  return out + ")";
}

}  // namespace

DbError no_such_function(const std::string& name, const std::vector<SqlType>& arg_types) {
  return DbError(sqlstate::kUndefinedFunction, "function " + signature_text(name, arg_types) + " does not exist")
      .with_hint("No function matches the given name and argument types. You might need to add explicit type casts.");
}

const FunctionSignature& resolve_function(const std::string& name, const std::vector<SqlType>& arg_types) {
  const std::vector<FunctionSignature>* overloads = registry().find(name);
  std::vector<const FunctionSignature*> fits;
  if (overloads != nullptr) {
    for (const FunctionSignature& f : *overloads) {
      if (!arity_fits(f, arg_types.size())) continue;
      bool ok = true;
      for (std::size_t i = 0; i < arg_types.size() && ok; ++i) {
        TypeId from = arg_types[i].id;
        TypeId to = declared_arg(f, i);
        if (to == kAnyArray) {
          ok = from == TypeId::kUnknown || is_array(from);
        } else if (to == kAnyElement) {
          ok = true;
        } else {
          ok = from == TypeId::kUnknown || to == TypeId::kUnknown || from == to ||
               can_cast(from, to, CastContext::kImplicit);
        }
      }
      if (ok) fits.push_back(&f);
    }
  }
  if (fits.empty()) throw no_such_function(name, arg_types);
  const FunctionSignature* best =
      best_candidate(fits, arg_types, [](const FunctionSignature& f, std::size_t i) { return declared_arg(f, i); });
  if (best == nullptr) {
    throw DbError(sqlstate::kAmbiguousFunction, "function " + signature_text(name, arg_types) + " is not unique")
        .with_hint("Could not choose a best candidate function. You might need to add explicit type casts.");
  }
  return *best;
}

SqlType resolve_polymorphic(const FunctionSignature& f, const std::string& name,
                            const std::vector<SqlType>& arg_types) {
  const bool polymorphic_result = f.result.id == kAnyElement || f.result.id == kAnyArray;
  // An array argument decides the element type; elements alone find their common type.
  std::optional<SqlType> from_array;
  std::vector<SqlType> elements;
  bool any = polymorphic_result;
  for (std::size_t i = 0; i < arg_types.size(); ++i) {
    const TypeId declared = declared_arg(f, i);
    if (declared != kAnyArray && declared != kAnyElement) continue;
    any = true;
    const SqlType t = arg_types[i];
    if (t.id == TypeId::kUnknown) continue;
    if (declared == kAnyArray) {
      const SqlType element{element_of(t.id), t.typmod, t.enum_oid};
      if (from_array && from_array->id != element.id) {
        throw DbError(sqlstate::kDatatypeMismatch,
                      "function " + signature_text(name, arg_types) + " requires arguments of the same array type");
      }
      from_array = element;
    } else {
      elements.push_back(t);
    }
  }
  if (!any) return {TypeId::kUnknown, -1};
  if (from_array) {
    for (const SqlType& t : elements) {
      if (t.id != from_array->id && !can_cast(t.id, from_array->id, CastContext::kImplicit)) {
        throw no_such_function(name, arg_types);
      }
    }
    return *from_array;
  }
  if (elements.empty()) {
    throw DbError(sqlstate::kDatatypeMismatch, "could not determine polymorphic type because input has type unknown");
  }
  SqlType common = elements[0];
  for (const SqlType& t : elements) {
    if (t.id == common.id) continue;
    if (can_cast(common.id, t.id, CastContext::kImplicit)) {
      common = {t.id, -1};
    } else if (!can_cast(t.id, common.id, CastContext::kImplicit)) {
      throw no_such_function(name, arg_types);
    }
  }
  return common;
}

}  // namespace heliosdb::engine

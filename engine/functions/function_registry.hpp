#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/db_error.hpp"
#include "engine/types/value.hpp"

namespace heliosdb::engine {

/// PostgreSQL's polymorphic pseudo-types, in signatures only: anyelement
/// matches any type, anyarray any array type, and in one call they agree
/// (anyarray is anyelement[]); a result of either type is resolved from the
/// arguments (resolve_polymorphic).
inline constexpr TypeId kAnyElement = static_cast<TypeId>(0x7F);
inline constexpr TypeId kAnyArray = array_of(kAnyElement);

/// A built-in function's code. Arguments arrive converted to the declared
/// types; a strict function is never called with a NULL argument.
using FunctionImpl = Value (*)(const std::vector<Value>& args);

/// One overload of a built-in function, as a pg_proc row: argument types,
/// result type and code.
struct FunctionSignature {
  std::vector<TypeId> args;  ///< kUnknown: any type, passed as it is (PostgreSQL's "any")
  SqlType result;
  FunctionImpl impl = nullptr;
  bool variadic = false;  ///< the last argument type repeats (concat)
  bool strict = true;     ///< NULL in any argument gives NULL without calling impl
};

/// Every built-in function by name; built once, then read-only (thread-safe).
class FunctionRegistry {
 public:
  void add(const std::string& name, FunctionSignature signature) { functions_[name].push_back(std::move(signature)); }
  const std::vector<FunctionSignature>* find(std::string_view name) const {
    auto it = functions_.find(name);
    return it == functions_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::string, std::vector<FunctionSignature>, std::less<>> functions_;
};

// Each family of functions registers itself from its own file.
void register_string_functions(FunctionRegistry& registry);
void register_math_functions(FunctionRegistry& registry);
void register_trig_functions(FunctionRegistry& registry);
void register_datetime_functions(FunctionRegistry& registry);
void register_json_functions(FunctionRegistry& registry);
void register_regex_functions(FunctionRegistry& registry);
void register_vector_functions(FunctionRegistry& registry);
void register_array_functions(FunctionRegistry& registry);
void register_uuid_functions(FunctionRegistry& registry);
void register_uuid_ossp_functions(FunctionRegistry& registry);
void register_catalog_functions(FunctionRegistry& registry);
void register_encoding_functions(FunctionRegistry& registry);
void register_format_functions(FunctionRegistry& registry);
void register_numeric_functions(FunctionRegistry& registry);
void register_time_zone_functions(FunctionRegistry& registry);
void register_formatting_functions(FunctionRegistry& registry);

/// Picks the overload of `name` PostgreSQL would call for these argument
/// types (kUnknown: an untyped literal): an exact match, else among those
/// every argument converts to implicitly, the one with the most exact
/// matches, then the one taking text where a literal is unknown. Throws
/// DbError 42883 when none fits, 42725 when several fit equally.
/// PostgreSQL's 42883 for a call of `name` with these argument types.
DbError no_such_function(const std::string& name, const std::vector<SqlType>& arg_types);

const FunctionSignature& resolve_function(const std::string& name, const std::vector<SqlType>& arg_types);

/// The element type anyelement stands for in this call of `f` (anyarray's
/// element), or kUnknown if `f` is not polymorphic. Throws 42804 when the
/// arguments leave it undetermined (all unknown) or disagree.
SqlType resolve_polymorphic(const FunctionSignature& f, const std::string& name, const std::vector<SqlType>& arg_types);

}  // namespace heliosdb::engine

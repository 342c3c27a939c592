#pragma once

// The json functions that return sets (json(b)_each, json(b)_each_text,
// json(b)_array_elements(_text), json(b)_object_keys, jsonb_path_query), as
// pure functions from argument values to rows, so that any caller (a
// function in FROM, a set-returning function in a select list) can run
// them. PostgreSQL 15's "JSON Processing Functions".

#include <string>
#include <string_view>
#include <vector>

#include "engine/types/value.hpp"

namespace heliosdb::engine {

/// A result column of a set-returning function.
struct SetFunctionColumn {
  std::string name;
  TypeId type = TypeId::kText;
};

/// One json set-returning function, as its pg_proc row describes it.
struct JsonSetFunction {
  std::vector<TypeId> args;  ///< declared argument types
  std::size_t required = 0;  ///< how many a call must give; the rest have defaults
  /// The result columns. A function of one unnamed column (setof text,
  /// setof jsonb) names it after itself, and an alias renames it, as PostgreSQL does.
  std::vector<SetFunctionColumn> columns;
  bool named_columns = true;  ///< false for setof a scalar type (the column takes the function's name or alias)
  /// The rows for `required` to all of `args`, converted to their declared
  /// types; the ones left out take their defaults. Strict: a NULL argument
  /// gives no rows without a call. Throws DbError 22023 for
  /// a document of the wrong shape, 22P02 for invalid json, and the jsonpath
  /// errors jsonpath_query documents.
  std::vector<std::vector<Value>> (*rows)(const std::vector<Value>& args) = nullptr;
};

/// The json set-returning function called `name`, or null. The table is
/// static and read-only (thread-safe).
const JsonSetFunction* find_json_set_function(std::string_view name);

}  // namespace heliosdb::engine

#pragma once

// Reading and editing a jsonb document at a text[] path, as the #> #>> #-
// operators and jsonb_set/jsonb_insert do (PostgreSQL 15's "JSON Functions
// and Operators"). A path step names an object key, or an array index
// written as an integer (negative counts from the end).

#include <optional>
#include <string>
#include <vector>

#include "engine/types/json_value.hpp"

namespace heliosdb::engine {

/// A text[] path; nullopt stands for a NULL element.
using JsonPath = std::vector<std::optional<std::string>>;

/// What #> finds at `path` in `doc`, or null when a step is missing, NULL,
/// not an integer where an array is, or leads into a scalar. The result
/// points into `doc`.
const JsonValue* json_find_path(const JsonValue& doc, const JsonPath& path);

/// How json_edit_path changes the value a path leads to.
enum class JsonEdit : std::uint8_t {
  kDelete,        ///< #-
  kReplace,       ///< jsonb_set(..., create_missing => false)
  kCreate,        ///< jsonb_set(..., create_missing => true): also adds a missing last step
  kInsertBefore,  ///< jsonb_insert(...)
  kInsertAfter,   ///< jsonb_insert(..., insert_after => true)
};

/// `doc` with the value at `path` deleted, replaced or inserted (`value` is
/// ignored for kDelete). Only the last step is ever created; a path that
/// leaves the document earlier changes nothing. Throws DbError 22023 for a
/// scalar document ("cannot set path in scalar" / "cannot delete path in
/// scalar") and for jsonb_insert over an existing key, 22004 for a NULL step
/// the walk reaches, 22P02 for a step into an array that is not an integer.
JsonValue json_edit_path(const JsonValue& doc, const JsonPath& path, const JsonValue& value, JsonEdit edit);

}  // namespace heliosdb::engine

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog/extension_def.hpp"
#include "engine/exec/exec_context.hpp"

namespace heliosdb::engine {

/// An extension this server can create: its objects are compiled in.
struct AvailableExtension {
  std::string_view name;
  std::string_view version;
  std::string_view comment;
  /// Built in and always there, as plpgsql is in every PostgreSQL database
  /// (an oid below 16384, so pg_dump writes no CREATE EXTENSION): its oid
  /// and schema. 0 for one that CREATE EXTENSION installs.
  std::int64_t builtin_oid = 0;
  std::string_view builtin_schema;
  /// The functions it brings, which resolve only once it is created.
  std::vector<std::string_view> functions;
};

/// Every extension this server has, ordered by name (pg_available_extensions).
const std::vector<AvailableExtension>& available_extensions();

/// The created extension that brings function `name` (nullptr for none).
const AvailableExtension* extension_of_function(std::string_view name);

/// Whether `ext`'s functions are there to call: it was created, in
/// `schema` if the call names one, else in a schema on the search path.
bool extension_functions_visible(ExecContext& ctx, const AvailableExtension& ext, const std::string* schema);

/// `sql` (a stored default) with its calls of created extensions' functions
/// named as PostgreSQL's deparser names them under the session's
/// search_path: schema-qualified where the schema is not on it (as pg_dump,
/// with an empty search_path, needs them).
std::string show_extension_calls(std::string sql, ExecContext& ctx);

/// The comment of extension `oid` (its control file's), if it is installed.
std::optional<std::string> extension_comment(ExecContext& ctx, std::int64_t oid);

/// pg_extension's rows: the built-in extensions, then those created.
std::vector<ExtensionDef> installed_extensions(ExecContext& ctx);

}  // namespace heliosdb::engine

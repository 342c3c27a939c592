#pragma once

#include <string_view>
#include <vector>

namespace heliosdb::server {

/// One of HeliosDB's own system views, as \dS lists them. The engine answers
/// them (engine/exec/table_functions.cpp, system_views.cpp); this is what
/// the REPL says of them.
struct SystemView {
  std::string_view name;         ///< as \dS NAME finds it
  std::string_view signature;    ///< as a user writes it: pg_database_branches()
  std::string_view kind;         ///< "function" (a table function) or "view"
  std::string_view description;  ///< one line
  /// A call that returns no rows, for \dS NAME to learn the columns from.
  std::string_view probe;
};

/// Every system view, by name. pg_mv_staleness() joins them with
/// materialized views.
const std::vector<SystemView>& system_views();

/// The view \dS NAME means: NAME with or without its "()", any case.
const SystemView* find_system_view(std::string_view name);

}  // namespace heliosdb::server

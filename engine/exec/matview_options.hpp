#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/catalog/table_def.hpp"

namespace heliosdb::engine {

/// A materialized view's WITH (name = value, ...), in either place it may be
/// written: HeliosDB's refresh options (auto_refresh, max_cpu_percent,
/// threshold_table_size, threshold_dml_rate, lazy_update,
/// lazy_catchup_window) over their defaults, and PostgreSQL's fillfactor,
/// accepted and ignored as CREATE TABLE does. Throws DbError 22023 for an
/// unknown name or a value out of range, as PostgreSQL does for storage
/// parameters.
MatViewRefreshOptions parse_matview_options(const std::vector<std::pair<std::string, std::string>>& options);
/// The same over `options` as they are (ALTER MATERIALIZED VIEW ... SET (...)).
void apply_matview_options(MatViewRefreshOptions& options,
                           const std::vector<std::pair<std::string, std::string>>& changes);
/// ALTER MATERIALIZED VIEW ... RESET (names): those options back to their defaults.
void reset_matview_options(MatViewRefreshOptions& options, const std::vector<std::string>& names);

/// A size as pg_size_bytes reads it: a number and an optional unit (bytes,
/// B, kB, MB, GB, TB, PB; case-insensitive). Throws DbError 22023.
std::int64_t parse_size_bytes(const std::string& text);

}  // namespace heliosdb::engine

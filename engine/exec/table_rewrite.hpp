#pragma once

#include <vector>

#include "engine/catalog/table_def.hpp"
#include "engine/exec/bound_expr.hpp"
#include "engine/exec/exec_context.hpp"

namespace heliosdb::engine {

/// Where a column of a rewritten table gets its value from a stored row.
struct ColumnSource {
  int old_column = -1;   ///< its place in the old layout; -1 for a column the ALTER adds
  BoundExprPtr compute;  ///< computed over the old row instead (USING, a per-row DEFAULT); null: copied,
                         ///< or for an added column its missing value
};

/// Stores every row of `old` again in `table`'s layout, for the ALTER TABLE
/// actions that change what a row holds or how it is keyed (DROP COLUMN,
/// ALTER COLUMN TYPE, a per-row DEFAULT, ADD or DROP PRIMARY KEY). Each row
/// goes under its new key with NOT NULL, the primary key and every CHECK
/// checked, as PostgreSQL checks them when it rewrites a table, and every
/// index of `table` is built again.
void rewrite_rows(ExecContext& ctx, const TableDef& old, const TableDef& table,
                  const std::vector<ColumnSource>& sources);

/// Throws 23502 if a stored row has NULL in one of `columns` (SET NOT NULL,
/// ADD COLUMN ... NOT NULL without a rewrite).
void check_no_nulls(ExecContext& ctx, const TableDef& table, const std::vector<int>& columns);

}  // namespace heliosdb::engine

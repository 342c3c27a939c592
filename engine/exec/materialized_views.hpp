#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/catalog/table_def.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

/// CREATE MATERIALIZED VIEW: a table filled by its query (run_create_table_as
/// hands it over), which keeps the query to run again on REFRESH.
QueryResult run_create_materialized_view(const ast::CreateTableAsStmt& create, ExecContext& ctx);

/// REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA].
QueryResult run_refresh_materialized_view(const ast::RefreshMatViewStmt& refresh, ExecContext& ctx);

/// Runs the view's query again (as its owner, with the names it was made
/// with) and makes its rows the result. `by_difference`: deletes the rows
/// that went and inserts those that came, leaving the rest as they were
/// (CONCURRENTLY, and the background refresher); else replaces them all.
void refresh_rows(ExecContext& ctx, const TableDef& view, bool by_difference);

/// The view's query, parsed again from the statement that made it.
std::unique_ptr<ast::SelectStmt> matview_query(const TableDef& view);

/// Refuses a write to a materialized view: 42809 "cannot change materialized view".
void refuse_matview_change(const TableDef& table);

/// A materialized view that reads `oid` (by name, so until what it reads is
/// kept by oid, such a relation keeps its name); none if none does.
std::optional<TableDef> matview_reading(ExecContext& ctx, std::uint32_t oid);

/// The materialized views that read column `column` of `table` (the stored
/// definition): in any clause, or through `*` (see readers_using_column).
std::vector<TableDef> matviews_using_column(ExecContext& ctx, const TableDef& table, int column);

}  // namespace heliosdb::engine

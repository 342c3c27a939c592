#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/catalog/view_def.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

/// CREATE [OR REPLACE] VIEW: the query is planned (not run) to learn its
/// columns, and the catalog keeps the statement's text.
QueryResult run_create_view(const ast::CreateViewStmt& create, ExecContext& ctx);
/// DROP VIEW [IF EXISTS] name, ... [CASCADE].
QueryResult run_drop_view(const ast::DropStmt& drop, ExecContext& ctx);
/// The views that read any of the objects `dropping` (oid and what it is:
/// "table t") and the views reading those: with `cascade` they are dropped
/// and named in `cascaded` ("view v"), else the DROP fails with 2BP01.
void drop_dependent_views(ExecContext& ctx, std::vector<std::pair<std::uint32_t, std::string>> dropping, bool cascade,
                          std::vector<std::string>& cascaded);
/// The views that read column `column` of `table` (which must be the stored
/// definition): in any clause, or through `*`.
std::vector<ViewDef> views_using_column(ExecContext& ctx, const TableDef& table, int column);
/// Plans a query kept as text (a view's, a materialized view's) to the names
/// of its output columns; throws DbError when it no longer plans.
using OutputNames = std::function<std::vector<std::string>()>;
/// Which of `readers` read column `column` of `table` (the stored
/// definition), by index: planned again while the column is hidden, a
/// reader that fails or names other columns uses it.
std::vector<std::size_t> readers_using_column(ExecContext& ctx, const TableDef& table, int column,
                                              const std::vector<OutputNames>& readers);
/// The tables, views and materialized views a query names in FROM, at any
/// depth of joins, subqueries in FROM, WITH queries and set operations, by
/// oid. (Subqueries in expressions are not followed: such a view is not
/// protected from a DROP of what they read.)
std::vector<std::uint32_t> relations_read(const ast::SelectStmt& select, ExecContext& ctx);
/// How wide the tables among `reads` are now: what a view made now keeps `*` to.
std::vector<TableWidth> table_widths(const std::vector<std::uint32_t>& reads, ExecContext& ctx);
/// The view's query, parsed again from the statement that made it.
std::unique_ptr<ast::SelectStmt> view_query(const ViewDef& view);

}  // namespace heliosdb::engine

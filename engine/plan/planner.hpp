#pragma once

#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

/// Plans a FROM clause: tables (and system views), JOIN ... ON of every
/// kind, and comma lists (cross joins). An empty FROM is one row with no
/// columns. Throws 42P01 for a missing table, 42712 for a name used twice.
PlanNodePtr plan_from(const std::vector<ast::TableRefPtr>& from, ExecContext& ctx);
PlanNodePtr plan_from(const std::vector<const ast::TableRef*>& from, ExecContext& ctx);

/// plan_from, then the WHERE condition bound over its row and pushed down:
/// the plan of a query's FROM and WHERE.
PlanNodePtr plan_from_where(const std::vector<ast::TableRefPtr>& from, const ast::Expr* where, ExecContext& ctx);
PlanNodePtr plan_from_where(const std::vector<const ast::TableRef*>& from, const ast::Expr* where, ExecContext& ctx);

/// Moves each AND-ed term of a WHERE condition (bound over the root's row)
/// to the lowest node that has all its columns, never below the side of an
/// outer join that may be NULL-extended; then picks each table's access
/// path from the conditions it received.
void push_down_conditions(PlanNode& root, BoundExprPtr where);

/// Marks on each table scan under `root` the columns the query reads: those
/// of `uses` (expressions over root's row) and of the plan's own conditions,
/// so the scans decode nothing else. Leaves every column read when an
/// expression holds a subquery (a correlated one reads the row by position).
void prune_columns(PlanNode& root, const std::vector<const BoundExpr*>& uses);

/// Picks the access path of every table scan under `node` from its filters.
void choose_access_paths(PlanNode& node);

/// Appends the plan as EXPLAIN prints it, PostgreSQL's text format without
/// costs. `indent` is the parent's detail indentation; `child` adds "->  ".
void explain_node(const PlanNode& node, const std::string& indent, bool child, std::vector<std::string>& lines);

}  // namespace heliosdb::engine

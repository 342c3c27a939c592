#pragma once

#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/catalog/table_def.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

/// A bound SELECT or RETURNING list: output columns and how to compute them.
struct Projection {
  std::vector<ResultColumn> columns;
  std::vector<BoundExprPtr> exprs;

  Row evaluate(const Row& input) const;
};

/// The scope of one table's columns, qualified by its alias or name.
std::vector<ScopeColumn> table_scope(const TableDef& table, const std::string& qualifier);

/// Binds a target list: expands `*` and `t.*` over the binder's scope, names
/// columns as PostgreSQL does (alias, column name, function name, or
/// ?column?), and resolves unknown-typed outputs to text. Plain columns of
/// an ungrouped query report their source table and column.
Projection bind_projection(const std::vector<ast::ResultTarget>& targets, Binder& binder, bool grouped);

/// PostgreSQL's name for an output column without an alias (FigureColname).
std::string output_column_name(const ast::Expr& expr);

}  // namespace heliosdb::engine

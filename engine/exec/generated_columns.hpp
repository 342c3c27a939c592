#pragma once

// Generated columns, GENERATED ALWAYS AS (expr) STORED (PostgreSQL 15 docs,
// section 5.3 "Generated Columns"): the expression is checked when the column
// is defined and computed from the rest of the row whenever a row is written.

#include <cstddef>
#include <utility>
#include <vector>

#include "engine/ast/expr.hpp"
#include "engine/catalog/table_def.hpp"
#include "engine/exec/bound_expr.hpp"
#include "engine/exec/row_codec.hpp"

namespace heliosdb::engine {

/// Checks `expr`, the generation expression of column `column` of `table`
/// (whose columns are all defined), as CREATE TABLE and ADD COLUMN do:
/// 42P10 for a system column, 42803/42P20/0A000 for an aggregate, window
/// function, subquery or set-returning function, 42P17 for another generated
/// column (or itself) or for a function that is not immutable, 42804 when the
/// value cannot be assigned to the column. Returns nothing; throws DbError.
void check_generation_expression(const TableDef& table, std::size_t column, const ast::Expr& expr);

/// The generated columns of `table` whose expressions read column `column`
/// (by its place in `table`), in column order.
std::vector<int> generated_columns_reading(const TableDef& table, int column);

/// The generation expression of `column` (a column of `table`) as
/// PostgreSQL's pg_get_expr prints it: without `pretty`
/// (information_schema.columns.generation_expression) an operator expression
/// in parentheses; `pretty` (psql's \d) only when the value is converted to
/// the column's type. Empty for a column not generated.
std::string generation_expression_text(const TableDef& table, const ColumnDef& column, bool pretty);

/// 428C9 for an INSERT that gives generated column `column` a value other than DEFAULT.
[[noreturn]] void refuse_generated_insert(const ColumnDef& column);
/// 428C9 for an UPDATE SET of generated column `column` to anything but DEFAULT.
[[noreturn]] void refuse_generated_update(const ColumnDef& column);

/// The generation expressions of one table, bound once over its row layout.
/// Holds no reference to the table; not thread-safe (one per statement).
class GeneratedColumns {
 public:
  explicit GeneratedColumns(const TableDef& table);

  /// Whether the table has no generated column (then compute does nothing).
  bool empty() const { return exprs_.empty(); }
  /// Fills each generated column of `row` (a row of the table's layout) from
  /// the other columns, as PostgreSQL does after SET and defaults. Throws
  /// what evaluating the expression throws (22012 for a division by zero...).
  void compute(Row& row) const;

 private:
  std::vector<std::pair<std::size_t, BoundExprPtr>> exprs_;
};

}  // namespace heliosdb::engine

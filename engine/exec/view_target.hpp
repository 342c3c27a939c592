#pragma once
// A view an INSERT, UPDATE or DELETE names as its target. PostgreSQL changes
// an automatically updatable view (one table or view in FROM; no DISTINCT,
// GROUP BY, aggregates, LIMIT, set operations ...) by changing the table
// under it; so do we: the statement writes that table's rows, and reads,
// filters and returns them as the view shows them.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/catalog/table_def.hpp"
#include "engine/catalog/view_def.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/projection.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

class ViewTarget {
 public:
  enum class Action : std::uint8_t { kInsert, kUpdate, kDelete };

  /// The view `range` names, followed down to its table; null when it names
  /// none. 0A000 with PostgreSQL's detail when a view on the way is not
  /// automatically updatable.
  static std::unique_ptr<ViewTarget> find(const ast::RangeVar& range, Action action, ExecContext& ctx);

  /// Why `query` makes a view that is not automatically updatable (PostgreSQL's
  /// detail text), or nullopt when it is updatable as far as its shape tells.
  static std::optional<std::string> not_updatable_reason(const ast::SelectStmt& query);

  /// What can change through a view (pg_relation_is_updatable and
  /// information_schema): DELETE, INSERT and UPDATE when any column can be
  /// assigned, and which columns can.
  struct Updatability {
    bool deletable = false;
    bool insertable = false;  ///< and updatable: both need an assignable column
    std::vector<bool> columns;
  };
  static Updatability updatability(const ViewDef& view, ExecContext& ctx);

  ViewTarget(const ViewTarget&) = delete;
  ViewTarget& operator=(const ViewTarget&) = delete;
  ~ViewTarget();

  const TableDef& table() const { return *table_; }
  std::shared_ptr<const TableDef> table_ptr() const { return table_; }
  /// The view's columns dressed as a table's, for what checks a column list
  /// or a SET list against a table (its messages then name the view).
  const TableDef& as_table() const { return as_table_; }
  /// The innermost view's FROM item, naming the table, and its WHERE (may be
  /// null): what scans the table for the rows the view can show.
  const ast::RangeVar& table_range() const;
  const ast::Expr* table_where() const;
  /// The search path the innermost view's names are looked up in.
  const std::vector<std::string>& table_search_path() const;
  /// The view's columns as the statement names them (its alias, else the view's name).
  const std::vector<ScopeColumn>& scope() const { return scope_; }
  const std::string& name() const;

  /// The table column that view column `column` shows, through every view
  /// between; 0A000 for one that is computed (`verb`: "insert into", "update").
  int table_column(std::size_t column, const char* verb) const;
  /// The view's row for a row of the table.
  Row view_row(const Row& table_row) const;
  /// Whether the views show the table row (every view's WHERE holds).
  bool shows(const Row& table_row) const;
  /// `view_where` (a condition over the view's row) as one over the table's
  /// row, for the table's scan to use an index: only when it and the view
  /// columns it reads are plain columns, constants and operators, so that
  /// evaluating it once more changes nothing. Null otherwise.
  BoundExprPtr table_condition(const BoundExpr& view_where) const;
  /// The scan of the table for the rows an UPDATE or DELETE through the view
  /// may change: filtered by the innermost view's WHERE and, where
  /// table_condition can give it, the statement's `view_where` (may be
  /// null), with an index for either. What passes is checked again (shows).
  PlanNodePtr plan_scan(const BoundExpr* view_where, ExecContext& ctx) const;
  /// WITH CHECK OPTION: 44000 when a view that checks (its own option, or a
  /// CASCADED one above it) would not show the new table row.
  void check_new_row(const Row& table_row) const;

 private:
  struct Layer;
  explicit ViewTarget(std::vector<std::unique_ptr<Layer>> layers, std::shared_ptr<const TableDef> table,
                      std::vector<ScopeColumn> scope);

  std::vector<std::unique_ptr<Layer>> layers_;  ///< the named view first, the one on the table last
  std::shared_ptr<const TableDef> table_;
  std::vector<ScopeColumn> scope_;
  TableDef as_table_;
};

}  // namespace heliosdb::engine

// EXPLAIN: the plan of a statement, without running it.
#include "engine/ast/expr_walk.hpp"
#include "engine/common/db_error.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/view_target.hpp"
#include "engine/exec/with_queries.hpp"
#include "engine/plan/planner.hpp"
#include "engine/plan/scan_order.hpp"

namespace heliosdb::engine {

namespace {

bool has_aggregate_call(const ast::SelectStmt& s);

// ORDER BY ... LIMIT over a scan already in that order, or in its reverse
// (scan_order.hpp), which the SELECT stops after LIMIT rows, unsorted: only
// plain column references (by name or select-list position) are recognised
// here. A scan that goes backwards is marked so.
bool limited_scan_in_order(const ast::SelectStmt& s, const std::vector<std::string>& above, PlanNode& plan,
                           ExecContext& ctx) {
  if (above != std::vector<std::string>{"Limit", "Sort"} || !s.limit) return false;
  std::vector<OrderColumn> order;
  Binder binder(plan.scope, "ORDER BY", ctx);
  for (const ast::SortItem& item : s.order_by) {
    const ast::Expr* e = item.expr.get();
    if (const auto* lit = std::get_if<ast::Literal>(&e->node); lit && lit->kind == ast::Literal::Kind::kInteger) {
      // SELECT * ORDER BY n: the scan's column n.
      const auto* star = std::get_if<ast::ColumnRef>(&s.targets[0].expr->node);
      if (s.targets.size() == 1 && star != nullptr && star->star && star->names.empty()) {
        if (lit->integer < 1 || lit->integer > static_cast<std::int64_t>(plan.scope.size())) return false;
        order.push_back(
            {static_cast<int>(lit->integer - 1), item.descending, item.nulls_first.value_or(item.descending)});
        continue;
      }
      if (lit->integer < 1 || lit->integer > static_cast<std::int64_t>(s.targets.size())) return false;
      e = s.targets[static_cast<std::size_t>(lit->integer - 1)].expr.get();
    }
    const auto* ref = std::get_if<ast::ColumnRef>(&e->node);
    if (ref == nullptr || ref->star) return false;
    for (const ast::ResultTarget& t : s.targets) {
      if (ref->names.size() == 1 && t.alias == ref->names[0]) return false;  // an alias: not followed here
    }
    BoundExprPtr bound = binder.bind(*e);
    if (bound->kind != BoundExpr::Kind::kColumn) return false;
    order.push_back({bound->column, item.descending, item.nulls_first.value_or(item.descending)});
  }
  scan_index_for_order(plan, order);
  const ScanDirection direction = scan_direction(plan, order);
  plan.access.backward = direction == ScanDirection::kBackward;
  return direction != ScanDirection::kNone;
}

// The nodes PostgreSQL puts above a SELECT's scan and join plan.
void explain_select(const ast::SelectStmt& s, ExecContext& ctx, std::vector<std::string>& lines) {
  if (s.with) {
    for (const ast::CommonTableExpr& q : s.with->queries) {
      if (!std::holds_alternative<ast::SelectStmt>(q.query->node)) {
        throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: EXPLAIN of a data-modifying WITH query");
      }
    }
  }
  // Planning reads a WITH query's rows, as it does a subquery's in FROM.
  WithScope with(s.with, ctx);
  if (s.set_op != ast::SelectStmt::SetOp::kNone) {
    throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: UNION, INTERSECT and EXCEPT");
  }
  if (!s.values.empty()) {
    lines.push_back("Values Scan on \"*VALUES*\"");
    return;
  }
  std::vector<std::string> above;
  if (s.limit || s.offset) above.push_back("Limit");
  if (!s.order_by.empty()) above.push_back("Sort");
  if (s.distinct) above.push_back("HashAggregate");
  if (!s.group_by.empty()) {
    above.push_back("HashAggregate");
  } else if (s.having || has_aggregate_call(s)) {
    above.push_back("Aggregate");
  }
  PlanNodePtr plan = plan_from_where(s.from, s.where.get(), ctx);
  plan_vector_order(*plan, s, ctx);
  if (plan->access.kind == AccessPath::Kind::kVectorIndex || limited_scan_in_order(s, above, *plan, ctx)) {
    std::erase(above, std::string("Sort"));
  }
  std::string indent;
  bool child = false;
  for (const std::string& node : above) {
    lines.push_back(indent + (child ? "->  " : "") + node);
    indent += child ? "      " : "  ";
    child = true;
  }
  explain_node(*plan, indent, child, lines);
}

bool has_aggregate_call(const ast::SelectStmt& s) {
  for (const auto& t : s.targets) {
    if (ast::contains_aggregate(t.expr.get())) return true;
  }
  return false;
}

// UPDATE and DELETE: the node that writes, above the scan that finds the rows.
void explain_write(const char* what, const ast::RangeVar& table, const ast::Expr* where, ExecContext& ctx,
                   std::vector<std::string>& lines) {
  const auto action = what[0] == 'U' ? ViewTarget::Action::kUpdate : ViewTarget::Action::kDelete;
  if (auto view = ViewTarget::find(table, action, ctx)) {
    // Through a view: the write and the scan are the table's.
    lines.push_back(std::string(what) + " on " + view->table().name);
    BoundExprPtr view_where = where ? Binder(view->scope(), "WHERE", ctx).bind_condition(*where) : nullptr;
    explain_node(*view->plan_scan(view_where.get(), ctx), "  ", true, lines);
    return;
  }
  ctx.require_table(table.schema, table.name, table.location);
  lines.push_back(std::string(what) + " on " + table.name + (table.alias.empty() ? "" : " " + table.alias));
  std::vector<ast::TableRefPtr> from;
  from.push_back(std::make_unique<ast::TableRef>(ast::TableRef{table}));
  explain_node(*plan_from_where(from, where, ctx), "  ", true, lines);
}

}  // namespace

QueryResult run_explain(const ast::ExplainStmt& explain, ExecContext& ctx) {
  if (explain.analyze) throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: EXPLAIN ANALYZE");
  std::vector<std::string> lines;
  const auto& node = explain.statement->node;
  if (const auto* select = std::get_if<ast::SelectStmt>(&node)) {
    explain_select(*select, ctx, lines);
  } else if (const auto* update = std::get_if<ast::UpdateStmt>(&node)) {
    explain_write("Update", update->table, update->where.get(), ctx, lines);
  } else if (const auto* del = std::get_if<ast::DeleteStmt>(&node)) {
    explain_write("Delete", del->table, del->where.get(), ctx, lines);
  } else if (const auto* insert = std::get_if<ast::InsertStmt>(&node)) {
    auto view = ViewTarget::find(insert->table, ViewTarget::Action::kInsert, ctx);
    if (!view) ctx.require_table(insert->table.schema, insert->table.name, insert->table.location);
    lines.push_back("Insert on " + (view ? view->table().name : insert->table.name));
    lines.push_back(insert->source && !insert->source->values.empty() ? "  ->  Values Scan on \"*VALUES*\""
                                                                      : "  ->  Result");
  } else {
    throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: EXPLAIN of this statement");
  }
  QueryResult result;
  result.returns_rows = true;
  result.columns.push_back({"QUERY PLAN", {TypeId::kText, -1}});
  for (std::string& line : lines) result.rows.push_back({Value::string(TypeId::kText, std::move(line))});
  result.command_tag = "EXPLAIN";
  return result;
}

}  // namespace heliosdb::engine

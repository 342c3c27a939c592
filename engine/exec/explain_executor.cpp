// EXPLAIN: the plan of a statement, without running it.
#include "engine/ast/expr_walk.hpp"
#include "engine/common/db_error.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/view_target.hpp"
#include "engine/exec/with_queries.hpp"
#include "engine/plan/planner.hpp"

namespace heliosdb::engine {

namespace {

bool has_aggregate_call(const ast::SelectStmt& s);

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
  if (plan->access.kind == AccessPath::Kind::kVectorIndex) std::erase(above, std::string("Sort"));
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

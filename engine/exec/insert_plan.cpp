#include "engine/exec/insert_plan.hpp"

#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/exec/assignment.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/column_defaults.hpp"
#include "engine/exec/column_privileges.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/generated_columns.hpp"
#include "engine/exec/materialized_views.hpp"
#include "engine/exec/returning.hpp"
#include "engine/exec/row_security.hpp"
#include "engine/exec/row_writer.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/session/settings.hpp"

namespace heliosdb::engine {

/// What an INSERT's plan settled, and what it was settled under.
struct InsertPlan {
  // Under these it holds.
  std::uint64_t catalog_epoch = 0;
  std::uint64_t settings_generation = 0;
  std::string user;
  std::string temp_schema;

  std::shared_ptr<const TableDef> table;
  /// Where each value goes, and what it is: a constant converted once, or
  /// a parameter or literal converted on each run.
  struct Source {
    std::size_t column = 0;
    std::size_t index = 0;  ///< in the VALUES list
    int param = 0;          ///< $param; 0: a literal
    std::optional<Value> constant;
    int location = -1;
  };
  std::vector<Source> values;
  int params = 0;           ///< the highest parameter number a value is
  std::vector<bool> given;  ///< by column: a value is given (else its default goes in)
  bool defaults = false;    ///< some column takes its default
  GeneratedColumns generated;

  explicit InsertPlan(const TableDef& t) : generated(t) {}
};

const InsertPlan* InsertPlans::find(std::uint64_t id) const {
  auto it = plans_.find(id);
  return it == plans_.end() ? nullptr : it->second.get();
}

const InsertPlan* InsertPlans::keep(std::uint64_t id, std::shared_ptr<const InsertPlan> plan) {
  auto [it, added] = plans_.insert_or_assign(id, std::move(plan));
  if (added) {
    order_.push_back(id);
    if (order_.size() > kKept) {
      plans_.erase(order_.front());
      order_.pop_front();
    }
  }
  return it->second.get();
}

namespace {

// The shape a plan covers: INSERT INTO table [(columns)] VALUES (one row)
// [RETURNING ...], each value a parameter, a literal or DEFAULT, run as a
// statement of its own (not a SQL function's body, a WITH query or a
// described statement, which bind parameters otherwise).
bool plannable(const ast::InsertStmt& insert, const ExecContext& ctx) {
  if (insert.id == 0 || ctx.describe_only || ctx.sql_function != nullptr || !ctx.with_queries.empty()) return false;
  if (ctx.settings == nullptr) return false;
  if (insert.with || insert.on_conflict || insert.table.temporal ||
      insert.overriding != ast::InsertStmt::Overriding::kNone) {
    return false;
  }
  const ast::SelectStmt* source = insert.source.get();
  if (source == nullptr || source->values.size() != 1 || !source->order_by.empty() || source->limit || source->offset ||
      source->with) {
    return false;
  }
  return std::all_of(source->values[0].begin(), source->values[0].end(), [](const ast::ExprPtr& e) {
    return std::holds_alternative<ast::ParamRef>(e->node) || std::holds_alternative<ast::Literal>(e->node) ||
           std::holds_alternative<ast::DefaultMarker>(e->node);
  });
}

// Whether converting `literal` to `column`'s type gives the same value on
// every run. A string literal is read by its column's type, which may read
// the clock ('now', 'today') or the session's settings: only text is kept.
bool converts_once(const ast::Literal& literal, const ColumnDef& column) {
  if (literal.kind != ast::Literal::Kind::kString) return true;
  const TypeId type = column.type.id;
  return column.domain_oid == 0 && (type == TypeId::kText || type == TypeId::kVarchar || type == TypeId::kBpchar);
}

bool holds(const InsertPlan& plan, ExecContext& ctx) {
  const CatalogMemo* memo = ctx.catalog.memo();
  return memo != nullptr && memo->epoch == plan.catalog_epoch &&
         ctx.settings->generation() == plan.settings_generation && ctx.user_name == plan.user &&
         ctx.temp_schema == plan.temp_schema;
}

// The plan of `insert`, checked as run_insert checks the statement; null
// where the general path must run it: a view, a table with row security, a
// generated or GENERATED ALWAYS column given a value, a mismatch it reports.
std::shared_ptr<const InsertPlan> make_plan(const ast::InsertStmt& insert, ExecContext& ctx) {
  const CatalogMemo* memo = ctx.catalog.memo();
  if (memo == nullptr) return nullptr;
  const std::uint64_t epoch = memo->epoch;
  const ast::RangeVar& range = insert.table;
  std::shared_ptr<const TableDef> table = ctx.catalog.table(relation_schema(ctx, range.schema, range.name), range.name);
  if (!table) return nullptr;
  require_column_privileges(ctx, *table, privilege::kInsert, {});
  refuse_matview_change(*table);
  if (row_security_applies(ctx, *table)) return nullptr;

  const ast::ExprList& list = insert.source->values[0];
  std::vector<int> targets = target_columns(*table, insert.columns);
  if (insert.columns.empty() && list.size() < targets.size()) targets.resize(list.size());
  if (list.size() != targets.size()) return nullptr;
  require_column_privileges(ctx, *table, privilege::kInsert, targets);

  auto plan = std::make_shared<InsertPlan>(*table);
  plan->given.assign(table->columns.size(), false);
  Binder binder({}, "VALUES", ctx);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const ast::Expr& value = *list[i];
    if (std::holds_alternative<ast::DefaultMarker>(value.node)) continue;
    const auto column = static_cast<std::size_t>(targets[i]);
    const ColumnDef& def = table->columns[column];
    if (def.is_generated() || def.identity == 'a') return nullptr;
    InsertPlan::Source v;
    v.column = column;
    v.index = i;
    v.location = value.location;
    if (const auto* param = std::get_if<ast::ParamRef>(&value.node)) {
      v.param = param->number;
      plan->params = std::max(plan->params, param->number);
    } else if (converts_once(std::get<ast::Literal>(value.node), def)) {
      v.constant = evaluate(*assign_to(binder.bind(value), def, value.location), {});
    } else {
      assign_to(binder.bind(value), def, value.location);  // what would fail on every run fails the plan
    }
    plan->values.push_back(std::move(v));
    plan->given[column] = true;
  }
  plan->defaults = std::find(plan->given.begin(), plan->given.end(), false) != plan->given.end();
  plan->catalog_epoch = epoch;
  plan->settings_generation = ctx.settings->generation();
  plan->user = ctx.user_name;
  plan->temp_schema = ctx.temp_schema;
  plan->table = std::move(table);
  return plan;
}

// The plan of `insert` that holds now, made if need be; null where there is none.
const InsertPlan* plan_of(const ast::InsertStmt& insert, ExecContext& ctx) {
  if (ctx.insert_plans == nullptr || !plannable(insert, ctx)) return nullptr;
  const InsertPlan* plan = ctx.insert_plans->find(insert.id);
  if (plan != nullptr && holds(*plan, ctx)) return plan;
  try {
    std::shared_ptr<const InsertPlan> made = make_plan(insert, ctx);
    return made ? ctx.insert_plans->keep(insert.id, std::move(made)) : nullptr;
  } catch (const DbError&) {
    return nullptr;  // the general path reports it, in its order
  }
}

}  // namespace

std::optional<QueryResult> run_planned_insert(const ast::InsertStmt& insert, ExecContext& ctx) {
  const InsertPlan* plan = plan_of(insert, ctx);
  if (plan == nullptr) return std::nullopt;
  // Too few parameters: binding reports which (42P02).
  if (plan->params > 0 && (ctx.params == nullptr || static_cast<std::size_t>(plan->params) > ctx.params->size())) {
    return std::nullopt;
  }
  const TableDef& table = *plan->table;

  // In run_insert's order: RETURNING is bound, defaults drawn, then the values converted.
  const std::string& qualifier = insert.table.alias.empty() ? insert.table.name : insert.table.alias;
  auto returning =
      insert.returning.empty() ? nullptr : bind_returning(insert.returning, readable_scope(ctx, table, qualifier), ctx);
  QueryResult result = returning_result(returning.get());
  RowWriter writer(ctx);
  Row row(table.columns.size());
  if (plan->defaults) {
    ColumnDefaults defaults(table, ctx);
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (!plan->given[c]) row[c] = defaults(c);
    }
  }
  std::optional<Binder> binder;  // for the literals converted on each run
  for (const InsertPlan::Source& v : plan->values) {
    const ColumnDef& column = table.columns[v.column];
    if (v.constant) {
      row[v.column] = *v.constant;
    } else if (v.param != 0) {
      const Value& given = (*ctx.params)[static_cast<std::size_t>(v.param - 1)];
      row[v.column] = assign_value(given, column, v.location);
    } else {
      if (!binder) binder.emplace(std::vector<ScopeColumn>{}, "VALUES", ctx);
      row[v.column] = evaluate(*assign_to(binder->bind(*insert.source->values[0][v.index]), column, v.location), {});
    }
  }
  plan->generated.compute(row);
  writer.insert(table, row);
  if (returning) result.rows.push_back(returning->evaluate(row));
  result.rows_affected = 1;
  writer.finish();
  result.command_tag = "INSERT 0 1";
  return result;
}

}  // namespace heliosdb::engine

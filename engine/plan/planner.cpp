#include "engine/plan/planner.hpp"

#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/exec/column_privileges.hpp"
#include "engine/exec/history_point.hpp"
#include "engine/exec/index_history.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/row_security.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/subquery.hpp"
#include "engine/exec/system_views.hpp"
#include "engine/exec/table_functions.hpp"
#include "engine/exec/view_ddl.hpp"
#include "engine/exec/with_queries.hpp"
#include "engine/plan/versions_relation.hpp"

namespace heliosdb::engine {

namespace {

using K = BoundExpr::Kind;

void collect_columns(const BoundExpr& e, int& lo, int& hi) {
  if (e.kind == K::kColumn) {
    lo = std::min(lo, e.column);
    hi = std::max(hi, e.column);
  }
  for (const auto& arg : e.args) collect_columns(*arg, lo, hi);
}

void shift_columns(BoundExpr& e, int delta) {
  if (e.kind == K::kColumn) e.column += delta;
  for (auto& arg : e.args) shift_columns(*arg, delta);
}

void split_conjuncts(BoundExprPtr e, std::vector<BoundExprPtr>& out) {
  if (e->kind == K::kAnd) {
    for (auto& arg : e->args) split_conjuncts(std::move(arg), out);
    return;
  }
  out.push_back(std::move(e));
}

BoundExprPtr and_of(BoundExprPtr a, BoundExprPtr b) {
  if (!a) return b;
  auto e = std::make_unique<BoundExpr>();
  e->kind = K::kAnd;
  e->type = {TypeId::kBool, -1};
  e->args.push_back(std::move(a));
  e->args.push_back(std::move(b));
  return e;
}

// Equality conditions `left_col = right_col` among the AND-ed terms of a
// join condition: the hash join's keys.
void find_hash_keys(const BoundExpr& e, std::size_t left_width, std::vector<std::pair<int, int>>& keys) {
  if (e.kind == K::kAnd) {
    for (const auto& arg : e.args) find_hash_keys(*arg, left_width, keys);
    return;
  }
  if (e.kind != K::kCompare || e.op != "=") return;
  const BoundExpr& a = *e.args[0];
  const BoundExpr& b = *e.args[1];
  if (a.kind != K::kColumn || b.kind != K::kColumn) return;
  auto l = static_cast<std::size_t>(a.column);
  auto r = static_cast<std::size_t>(b.column);
  if (l < left_width && r >= left_width) keys.emplace_back(a.column, b.column - static_cast<int>(left_width));
  if (r < left_width && l >= left_width) keys.emplace_back(b.column, a.column - static_cast<int>(left_width));
}

// FROM t AS x (a, b): the aliases rename the leading columns.
void apply_column_aliases(std::vector<ScopeColumn>& scope, const std::vector<std::string>& aliases,
                          const std::string& name) {
  if (aliases.size() > scope.size()) {
    throw DbError(sqlstate::kInvalidColumnReference, "table \"" + name + "\" has " + std::to_string(scope.size()) +
                                                         " columns available but " + std::to_string(aliases.size()) +
                                                         " columns specified");
  }
  for (std::size_t i = 0; i < aliases.size(); ++i) scope[i].name = aliases[i];
}

// A subquery in FROM runs once; its rows are the node's.
PlanNodePtr plan_subquery(const ast::SubqueryRef& sub, ExecContext& ctx) {
  if (sub.alias.empty()) throw DbError(sqlstate::kSyntaxError, "subquery in FROM must have an alias");
  QueryResult result = run_select(*sub.select, ctx);
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kRows;
  node->rows_name = sub.alias;
  for (const ResultColumn& c : result.columns) node->scope.push_back({sub.alias, c.name, c.type, 0, 0});
  apply_column_aliases(node->scope, sub.column_aliases, sub.alias);
  node->rows = std::move(result.rows);
  return node;
}

// FROM t AS OF ...: the table as it was then, with the definition it had.
PlanNodePtr plan_table_as_of(const ast::RangeVar& range, storage::Scn scn, ExecContext& ctx) {
  const std::string qualifier = range.alias.empty() ? range.name : range.alias;
  auto table = with_indexes_made_later(table_at(range, scn, ctx), scn, ctx);
  const TableDef guarded = with_present_access(ctx, *table);
  auto node = std::make_unique<PlanNode>();
  node->scope = table_scope(*table, qualifier);
  guard_reads(ctx, guarded, node->scope, true);
  node->filters = row_security_filters(ctx, guarded, 'r', true);
  node->table = std::move(table);
  node->alias = range.alias;
  node->as_of = scn;
  apply_column_aliases(node->scope, range.column_aliases, qualifier);
  return node;
}

PlanNodePtr plan_table(const ast::RangeVar& range, ExecContext& ctx) {
  if (range.temporal != nullptr) {
    if (range.temporal->kind == ast::TemporalClause::Kind::kVersions) return plan_versions(range, ctx);
    if (auto scn = resolve_history_point(range.temporal->point, ctx)) return plan_table_as_of(range, *scn, ctx);
  }
  auto node = std::make_unique<PlanNode>();
  std::string qualifier = range.alias.empty() ? range.name : range.alias;
  // An unqualified name is first a WITH query's.
  if (range.schema.empty() && !range.table_only && !ctx.with_queries.empty()) {
    if (auto relation = with_query_relation(range.name, qualifier, range.location, ctx)) {
      node->kind = PlanNode::Kind::kRows;
      node->rows_name = range.name;
      node->alias = range.alias;
      node->scope = std::move(relation->scope);
      node->rows = std::move(relation->rows);
      apply_column_aliases(node->scope, range.column_aliases, qualifier);
      return node;
    }
  }
  // A table, looked up first as the common case; then the relations computed from the catalog.
  const std::string schema = relation_schema(ctx, range.schema, range.name);
  if (auto table =
          schema == "information_schema" || schema == "pg_catalog" ? nullptr : ctx.catalog.table(schema, range.name)) {
    check_not_changed_by_with(*table, ctx);
    node->scope = table_scope(*table, qualifier);
    mark_columns_after_view(node->scope, table->oid, ctx.table_widths);
    // A statement's target needs SELECT only on the columns it names.
    guard_reads(ctx, *table, node->scope, !range.privileges_checked);
    // The policies' conditions come first: no condition of the query sees a row they hide.
    node->filters = row_security_filters(ctx, *table, range.policy_command, range.policy_reads);
    node->table = std::move(table);
    node->alias = range.alias;
    apply_column_aliases(node->scope, range.column_aliases, qualifier);
    if (range.with_row_key) {
      // Unnamed and hidden: no name, * or t.* reaches it.
      node->emit_key = true;
      ScopeColumn key{"", "\x01row key", {TypeId::kBytea, -1}};
      key.using_role = ScopeColumn::Using::kHidden;
      node->scope.push_back(std::move(key));
    }
    return node;
  }
  if (auto view = schema == "information_schema" || schema == "pg_catalog"
                      ? std::nullopt
                      : ctx.catalog.find_view(schema, range.name)) {
    // A view reads as its query would in FROM, under the view's column names,
    // with its owner's privileges.
    std::vector<ScopeColumn> guards(view->columns.size());
    guard_reads(ctx, *view, guards, true);
    PlanNodePtr planned;
    {
      ActAs as_owner(ctx, owner_oid(view->owner));
      ast::SubqueryRef sub;
      sub.select = view_query(*view);
      sub.alias = qualifier;
      sub.column_aliases = view->columns;
      for (std::size_t i = 0; i < range.column_aliases.size() && i < sub.column_aliases.size(); ++i) {
        sub.column_aliases[i] = range.column_aliases[i];
      }
      if (range.column_aliases.size() > sub.column_aliases.size()) sub.column_aliases = range.column_aliases;
      ViewNamesAsMade names_as_made(ctx, view->search_path, &view->table_widths);
      planned = plan_subquery(sub, ctx);
    }
    for (std::size_t i = 0; i < guards.size() && i < planned->scope.size(); ++i) {
      planned->scope[i].unreadable = std::move(guards[i].unreadable);
    }
    return planned;
  }
  auto view = system_view(range.schema, range.name, qualifier, ctx);
  if (!view) view = sequence_relation(range.schema, range.name, qualifier, ctx);
  if (!view) ctx.require_table(range.schema, range.name, range.location);  // throws 42P01
  node->kind = PlanNode::Kind::kRows;
  node->rows_name = range.name;
  node->scope = std::move(view->scope);
  node->rows = std::move(view->rows);
  apply_column_aliases(node->scope, range.column_aliases, qualifier);
  return node;
}

PlanNodePtr make_join(PlanNodePtr left, PlanNodePtr right, ast::JoinRef::Kind kind, const ast::Expr* on,
                      ExecContext& ctx) {
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kJoin;
  node->join_kind = kind;
  node->scope = left->scope;
  node->scope.insert(node->scope.end(), right->scope.begin(), right->scope.end());
  if (on != nullptr) {
    Binder binder(node->scope, "JOIN/ON", ctx);
    node->condition = binder.bind_condition(*on);
    find_hash_keys(*node->condition, left->scope.size(), node->hash_keys);
  }
  node->left = std::move(left);
  node->right = std::move(right);
  return node;
}

// A function in FROM: its rows, computed once.
PlanNodePtr plan_function(const ast::FunctionRef& ref, ExecContext& ctx) {
  Relation relation = table_function(ref, ctx);
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kRows;
  node->rows_name = ref.alias.empty() ? ref.name : ref.alias;
  node->scope = std::move(relation.scope);
  node->rows = std::move(relation.rows);
  return node;
}

PlanNodePtr plan_item(const ast::TableRef& ref, ExecContext& ctx);

// The right side of a join, and whether it is LATERAL: a function (always
// LATERAL in PostgreSQL) or a LATERAL subquery may read the left side's
// columns. It is first planned with that row all NULL, which gives its
// columns and tells whether it reads the row at all.
std::pair<PlanNodePtr, bool> plan_right(const ast::TableRef& item, const std::vector<ScopeColumn>& left_scope,
                                        ExecContext& ctx) {
  const auto* sub = std::get_if<ast::SubqueryRef>(&item.node);
  if (!std::holds_alternative<ast::FunctionRef>(item.node) && (sub == nullptr || !sub->lateral)) {
    return {plan_item(item, ctx), false};
  }
  Row nulls;
  for (const ScopeColumn& c : left_scope) nulls.push_back(Value::null(c.type.id));
  ctx.outer_rows.push_back({&left_scope, &nulls, false, false, {}});
  struct Pop {
    ExecContext& ctx;
    ~Pop() { ctx.outer_rows.pop_back(); }
  } pop{ctx};
  PlanNodePtr node = plan_item(item, ctx);
  return {std::move(node), ctx.outer_rows.back().used};
}

// Makes `join` plan and run its right side, `item`, again for each left row.
void make_lateral(PlanNode& join, const ast::TableRef& item) {
  using JK = ast::JoinRef::Kind;
  if (join.join_kind == JK::kRight || join.join_kind == JK::kFull) {
    const std::string table = join.left->scope.empty() ? "" : join.left->scope.front().qualifier;
    throw DbError(sqlstate::kInvalidColumnReference,
                  "invalid reference to FROM-clause entry for table \"" + table + "\"")
        .with_detail("The combining JOIN type must be INNER or LEFT for a LATERAL reference.");
  }
  join.hash_keys.clear();
  join.lateral = [&item](ExecContext& ctx) { return plan_item(item, ctx); };
}

// `left` joined with the plan of `item`, LATERAL when item reads left's row.
PlanNodePtr join_item(PlanNodePtr left, const ast::TableRef& item, ast::JoinRef::Kind kind, const ast::Expr* on,
                      ExecContext& ctx) {
  auto [right, lateral] = plan_right(item, left->scope, ctx);
  PlanNodePtr node = make_join(std::move(left), std::move(right), kind, on, ctx);
  if (lateral) make_lateral(*node, item);
  return node;
}

// The one column called `name` that `*` shows on one side of a join.
std::size_t using_column(const std::vector<ScopeColumn>& scope, const std::string& name, const char* side) {
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < scope.size(); ++i) {
    if (scope[i].name != name || scope[i].using_role == ScopeColumn::Using::kHidden) continue;
    if (found) {
      throw DbError(sqlstate::kAmbiguousColumn,
                    "common column name \"" + name + "\" appears more than once in " + side + " table");
    }
    found = i;
  }
  if (!found) {
    throw DbError(sqlstate::kUndefinedColumn,
                  "column \"" + name + "\" specified in USING clause does not exist in " + side + " table");
  }
  return *found;
}

// JOIN ... USING (a, b) and NATURAL JOIN: ON left.a = right.a AND ...,
// with each pair shown once, as PostgreSQL does.
PlanNodePtr plan_using_join(const ast::JoinRef& j, ExecContext& ctx) {
  PlanNodePtr left = plan_item(*j.left, ctx);
  auto [right, lateral] = plan_right(*j.right, left->scope, ctx);
  std::vector<std::string> names = j.using_columns;
  if (j.natural) {
    for (const ScopeColumn& c : left->scope) {
      if (c.using_role == ScopeColumn::Using::kHidden || std::find(names.begin(), names.end(), c.name) != names.end()) {
        continue;
      }
      bool on_right = std::any_of(right->scope.begin(), right->scope.end(), [&](const ScopeColumn& r) {
        return r.name == c.name && r.using_role != ScopeColumn::Using::kHidden;
      });
      if (on_right) names.push_back(c.name);
    }
  }
  const std::size_t width = left->scope.size();
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (const std::string& name : names) {
    if (std::count(names.begin(), names.end(), name) > 1) {
      throw DbError(sqlstate::kDuplicateColumn, "column name \"" + name + "\" appears more than once in USING clause");
    }
    const std::size_t l = using_column(left->scope, name, "left");  // left first, for PostgreSQL's error
    pairs.emplace_back(l, width + using_column(right->scope, name, "right"));
  }
  // NATURAL JOIN with no common column is a cross join.
  const ast::JoinRef::Kind kind =
      pairs.empty() && j.kind == ast::JoinRef::Kind::kInner ? ast::JoinRef::Kind::kCross : j.kind;
  PlanNodePtr node = make_join(std::move(left), std::move(right), kind, nullptr, ctx);
  if (!pairs.empty()) {
    // Bound over the join's row with each pair's qualifiers made unique.
    std::vector<ScopeColumn> scope = node->scope;
    auto equalities = std::make_unique<ast::Expr>(ast::Expr{ast::BoolExpr{ast::BoolExpr::Op::kAnd, {}}, -1});
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      const std::string l = "\x01l" + std::to_string(k);
      const std::string r = "\x01r" + std::to_string(k);
      scope[pairs[k].first].qualifier = l;
      scope[pairs[k].second].qualifier = r;
      ast::OperatorExpr eq{"=", ast::make_expr(ast::ColumnRef{{l, names[k]}, false}),
                           ast::make_expr(ast::ColumnRef{{r, names[k]}, false})};
      std::get<ast::BoolExpr>(equalities->node).args.push_back(ast::make_expr(std::move(eq)));
    }
    Binder binder(scope, "JOIN/USING", ctx);
    node->condition = binder.bind_condition(*equalities);
    find_hash_keys(*node->condition, width, node->hash_keys);
  }
  using Using = ScopeColumn::Using;
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    ScopeColumn& l = node->scope[pairs[k].first];
    ScopeColumn& r = node->scope[pairs[k].second];
    l.using_position = r.using_position = static_cast<std::int16_t>(k);
    switch (kind) {
      case ast::JoinRef::Kind::kFull:
        l.using_role = r.using_role = Using::kFull;
        break;
      case ast::JoinRef::Kind::kRight:
        l.using_role = Using::kHidden;
        r.using_role = Using::kMerged;
        break;
      default:
        l.using_role = Using::kMerged;
        r.using_role = Using::kHidden;
    }
  }
  if (lateral) make_lateral(*node, *j.right);
  return node;
}

PlanNodePtr plan_item(const ast::TableRef& ref, ExecContext& ctx) {
  if (const auto* range = std::get_if<ast::RangeVar>(&ref.node)) return plan_table(*range, ctx);
  if (const auto* function = std::get_if<ast::FunctionRef>(&ref.node)) return plan_function(*function, ctx);
  if (const auto* j = std::get_if<ast::JoinRef>(&ref.node)) {
    if (!j->alias.empty()) throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: aliases on joins");
    if (!j->using_columns.empty() || j->natural) return plan_using_join(*j, ctx);
    return join_item(plan_item(*j->left, ctx), *j->right, j->kind, j->on.get(), ctx);
  }
  return plan_subquery(std::get<ast::SubqueryRef>(ref.node), ctx);
}

// Pushes one condition (over `node`'s row) as far down as it may go.
void push_one(PlanNode& node, BoundExprPtr e) {
  if (contains_subquery(*e)) {
    node.filters.push_back(std::move(e));  // a subquery sees the row it was bound for
    return;
  }
  int lo = INT32_MAX, hi = -1;
  collect_columns(*e, lo, hi);
  if (node.kind == PlanNode::Kind::kJoin && hi >= 0) {
    using JK = ast::JoinRef::Kind;
    auto left_width = static_cast<int>(node.left->scope.size());
    bool inner = node.join_kind == JK::kInner || node.join_kind == JK::kCross;
    // The NULL-extended side of an outer join must see its rows unfiltered.
    bool to_left = inner || node.join_kind == JK::kLeft;
    // A LATERAL right side is planned anew for each row: nothing pushed there would stay.
    bool to_right = (inner || node.join_kind == JK::kRight) && !node.lateral;
    if (hi < left_width && to_left) {
      push_one(*node.left, std::move(e));
      return;
    }
    if (lo >= left_width && to_right) {
      shift_columns(*e, -left_width);
      push_one(*node.right, std::move(e));
      return;
    }
    if (inner) {
      // A condition across both sides is a join condition: FROM a, b WHERE a.x = b.y hash-joins.
      node.join_kind = JK::kInner;
      node.condition = and_of(std::move(node.condition), std::move(e));
      node.hash_keys.clear();
      if (!node.lateral) find_hash_keys(*node.condition, node.left->scope.size(), node.hash_keys);
      return;
    }
  }
  node.filters.push_back(std::move(e));
}

}  // namespace

namespace {

std::vector<const ast::TableRef*> items_of(const std::vector<ast::TableRefPtr>& from) {
  std::vector<const ast::TableRef*> out;
  for (const ast::TableRefPtr& item : from) out.push_back(item.get());
  return out;
}

}  // namespace

PlanNodePtr plan_from(const std::vector<ast::TableRefPtr>& from, ExecContext& ctx) {
  return plan_from(items_of(from), ctx);
}

PlanNodePtr plan_from(const std::vector<const ast::TableRef*>& from, ExecContext& ctx) {
  PlanNodePtr result;
  for (const ast::TableRef* item : from) {
    result =
        result ? join_item(std::move(result), *item, ast::JoinRef::Kind::kCross, nullptr, ctx) : plan_item(*item, ctx);
  }
  if (!result) {
    result = std::make_unique<PlanNode>();
    result->kind = PlanNode::Kind::kRows;
    result->rows.emplace_back();
    return result;
  }
  // PostgreSQL refuses the same name twice in one FROM list.
  const auto& scope = result->scope;
  for (std::size_t i = 0; i < scope.size(); ++i) {
    for (std::size_t j = i + 1; j < scope.size(); ++j) {
      if (scope[i].qualifier == scope[j].qualifier && !scope[i].qualifier.empty() && scope[i].table_oid != 0 &&
          scope[i].column_number == scope[j].column_number && scope[i].name == scope[j].name) {
        throw DbError(sqlstate::kDuplicateAlias, "table name \"" + scope[i].qualifier + "\" specified more than once");
      }
    }
  }
  return result;
}

PlanNodePtr plan_from_where(const std::vector<ast::TableRefPtr>& from, const ast::Expr* where, ExecContext& ctx) {
  return plan_from_where(items_of(from), where, ctx);
}

PlanNodePtr plan_from_where(const std::vector<const ast::TableRef*>& from, const ast::Expr* where, ExecContext& ctx) {
  PlanNodePtr plan = plan_from(from, ctx);
  BoundExprPtr condition;
  if (where != nullptr) {
    Binder binder(plan->scope, "WHERE", ctx);
    condition = binder.bind_condition(*where);
  }
  push_down_conditions(*plan, std::move(condition));
  return plan;
}

void push_down_conditions(PlanNode& root, BoundExprPtr where) {
  if (where) {
    std::vector<BoundExprPtr> conjuncts;
    split_conjuncts(std::move(where), conjuncts);
    for (auto& c : conjuncts) push_one(root, std::move(c));
  }
  choose_access_paths(root);
}

}  // namespace heliosdb::engine

// SELECT: scan, filter, group and aggregate, project, distinct, sort, limit.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "engine/ast/expr_walk.hpp"
#include "engine/common/db_error.hpp"
#include "engine/exec/column_privileges.hpp"
#include "engine/exec/equality_key.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/plan_executor.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/row_locks.hpp"
#include "engine/exec/row_security.hpp"
#include "engine/exec/set_functions.hpp"
#include "engine/exec/set_operation.hpp"
#include "engine/exec/sort_compare.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/with_queries.hpp"
#include "engine/plan/planner.hpp"
#include "engine/plan/scan_order.hpp"
#include "engine/types/decimal.hpp"
#include "engine/types/temporal.hpp"
#include "engine/types/vector.hpp"
#include "engine/vector/vector_plan.hpp"

namespace heliosdb::engine {

namespace {

bool has_aggregate(const ast::Expr* e) { return ast::contains_aggregate(e); }

struct SortKey {
  int output = -1;    // index into the output row, or
  BoundExprPtr expr;  // an expression over the source row
  bool descending = false;
  bool nulls_first = false;
};

struct ResultRow {
  Row output;
  std::vector<Value> keys;
  std::string distinct_on;  ///< the DISTINCT ON values' equality key
  std::size_t seq = 0;      ///< arrival order: ties keep it (a stable sort)
  std::string storage_key;  ///< the row's key in its table, with FOR UPDATE/SHARE
};

// The grouping sets of a grouped query, as which GROUP BY positions each
// keeps; a plain GROUP BY (or none) is the one set of all of them.
class GroupingSets {
 public:
  GroupingSets(const std::vector<std::vector<std::size_t>>& sets, std::size_t width) {
    if (sets.empty()) {
      members_.emplace_back(width, true);
      return;
    }
    for (const auto& set : sets) {
      std::vector<bool> m(width, false);
      for (std::size_t i : set) m[i] = true;
      members_.push_back(std::move(m));
    }
  }
  std::size_t count() const { return members_.size(); }
  bool has(std::size_t set, std::size_t position) const { return members_[set][position]; }
  bool empty_set(std::size_t set) const {
    return std::none_of(members_[set].begin(), members_[set].end(), [](bool b) { return b; });
  }
  /// GROUPING(...) for a group of `set`: bit set for each argument left out, the first argument highest.
  Value grouping(std::size_t set, const std::vector<int>& positions) const {
    std::int64_t bits = 0;
    for (int p : positions) bits = (bits << 1) | (has(set, static_cast<std::size_t>(p)) ? 0 : 1);
    return Value::integer(TypeId::kInt4, bits);
  }

 private:
  std::vector<std::vector<bool>> members_;
};

std::int64_t limit_value(const ast::Expr* e, const char* what, const SqlState& negative_state, ExecContext& ctx) {
  if (e == nullptr) return -1;
  Binder binder({}, what, ctx);
  BoundExprPtr b = binder.bind(*e);
  b = coerce(std::move(b), {TypeId::kInt8, -1}, CastContext::kAssignment);
  Value v = evaluate(*b, {});
  if (v.is_null()) return -1;
  if (v.as_int() < 0) throw DbError(negative_state, std::string(what) + " must not be negative");
  return v.as_int();
}

// OFFSET + LIMIT when both are known, -1 otherwise: how many sorted rows
// a query can return.
std::int64_t top_n_limit(const ast::SelectStmt& s, ExecContext& ctx) {
  std::int64_t limit = limit_value(s.limit.get(), "LIMIT", sqlstate::kInvalidRowCountInLimitClause, ctx);
  if (limit < 0) return -1;
  std::int64_t offset = limit_value(s.offset.get(), "OFFSET", sqlstate::kInvalidRowCountInResultOffsetClause, ctx);
  offset = std::max<std::int64_t>(offset, 0);
  return limit > INT64_MAX - offset ? -1 : offset + limit;
}

// SELECT ... FOR UPDATE/SHARE: locks the result rows in order until OFFSET +
// LIMIT of them are kept, as PostgreSQL's LockRows below Limit does; a row
// gone or skipped does not count, and one changed meanwhile (READ COMMITTED)
// is rechecked and shown in its newest version.
std::vector<ResultRow> lock_result_rows(std::vector<ResultRow> rows, const RowLocking& locking, std::int64_t wanted,
                                        const Projection& projection, WhereRecheck recheck, const TableDef& table,
                                        ExecContext& ctx) {
  std::vector<ResultRow> kept;
  Row newer;
  for (ResultRow& r : rows) {
    if (wanted >= 0 && kept.size() >= static_cast<std::size_t>(wanted)) break;
    switch (lock_picked_row(ctx, table, r.storage_key, locking.mode, locking.policy, recheck, newer)) {
      case Picked::kNewer:
        r.output = projection.evaluate(newer);
        [[fallthrough]];
      case Picked::kAsRead:
        kept.push_back(std::move(r));
        break;
      case Picked::kDrop:
        break;
    }
  }
  return kept;
}

QueryResult run_values(const ast::SelectStmt& s, ExecContext& ctx) {
  QueryResult result;
  result.returns_rows = true;
  Binder binder({}, "VALUES", ctx);
  std::vector<std::vector<BoundExprPtr>> rows;
  std::size_t width = s.values[0].size();
  for (const auto& list : s.values) {
    if (list.size() != width) {
      throw DbError(sqlstate::kSyntaxError, "VALUES lists must all be the same length");
    }
    std::vector<BoundExprPtr> row;
    for (const auto& e : list) row.push_back(binder.bind(*e));
    rows.push_back(std::move(row));
  }
  for (std::size_t c = 0; c < width; ++c) {
    std::vector<SqlType> types;
    for (const auto& row : rows) types.push_back(row[c]->type);
    SqlType type = common_type(types, "VALUES");
    result.columns.push_back({"column" + std::to_string(c + 1), type});
    for (auto& row : rows) row[c] = coerce(std::move(row[c]), type, CastContext::kImplicit);
  }
  for (const auto& row : rows) {
    Row out;
    for (const auto& e : row) out.push_back(evaluate(*e, {}));
    result.rows.push_back(std::move(out));
  }
  return result;
}

}  // namespace

void plan_vector_order(PlanNode& plan, const ast::SelectStmt& s, ExecContext& ctx) {
  if (s.order_by.empty() || s.distinct || !s.group_by.empty() || s.having || !s.locking.empty() ||
      plan.kind != PlanNode::Kind::kTableScan) {
    return;
  }
  for (const auto& t : s.targets) {
    if (has_aggregate(t.expr.get())) return;
  }
  // The first ORDER BY item, resolved as run_select resolves it: a select
  // list position or name, else an expression.
  const ast::SortItem& item = s.order_by.front();
  const ast::Expr* order = item.expr.get();
  const auto* lit = std::get_if<ast::Literal>(&order->node);
  const auto* ref = std::get_if<ast::ColumnRef>(&order->node);
  if (lit != nullptr && lit->kind == ast::Literal::Kind::kInteger) {
    if (lit->integer < 1 || lit->integer > static_cast<std::int64_t>(s.targets.size())) return;
    order = s.targets[static_cast<std::size_t>(lit->integer - 1)].expr.get();
  } else if (ref != nullptr && ref->names.size() == 1 && !ref->star) {
    for (const auto& t : s.targets) {
      if (t.alias == ref->names[0]) order = t.expr.get();
    }
  }
  // Only an operator or a function call can be a distance; anything else
  // (a column, `*` through a position) is left to ORDER BY's own binding.
  if (order == nullptr ||
      !(std::holds_alternative<ast::OperatorExpr>(order->node) || std::holds_alternative<ast::FuncCall>(order->node)) ||
      ast::contains_aggregate(order) || ast::contains_window_function(order)) {
    return;
  }
  Binder binder(plan.scope, "ORDER BY", ctx);
  BoundExprPtr bound = binder.bind(*order);
  choose_vector_access(plan, *bound, item.descending, top_n_limit(s, ctx), ctx);
}

QueryResult run_select(const ast::SelectStmt& s, ExecContext& ctx) {
  WithScope with(s.with, ctx);
  QueryResult result;
  if (s.set_op != ast::SelectStmt::SetOp::kNone || !s.values.empty()) row_locking_of(s, false);  // refuses FOR UPDATE
  if (s.set_op != ast::SelectStmt::SetOp::kNone) {
    result = run_set_operation(s, ctx);
  } else if (!s.values.empty()) {
    result = run_values(s, ctx);
  } else {
    PlanNodePtr plan = plan_from_where(s.from, s.where.get(), ctx);
    const std::vector<ScopeColumn>& scope = plan->scope;

    bool grouped = !s.group_by.empty() || !s.grouping_sets.empty() || has_aggregate(s.having.get());
    for (const auto& t : s.targets) grouped = grouped || has_aggregate(t.expr.get());
    for (const auto& o : s.order_by) grouped = grouped || has_aggregate(o.expr.get());

    const std::optional<RowLocking> locking = row_locking_of(s, grouped);
    if (locking && plan->kind != PlanNode::Kind::kTableScan) {
      throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: locking the rows of a view or system view");
    }
    if (locking && plan->table && plan->table->materialized) {
      throw DbError(sqlstate::kWrongObjectType, "cannot lock rows in materialized view \"" + plan->table->name + "\"");
    }
    if (locking && plan->table) {
      // Locking a row wants UPDATE on the table or one of its columns, as in PostgreSQL.
      require_column_privileges(ctx, *plan->table, privilege::kUpdate, {});
      // FOR UPDATE / SHARE takes only rows the role may update: UPDATE's policies hold as well.
      std::vector<BoundExprPtr> updatable = row_security_filters(ctx, *plan->table, 'w', false);
      plan->filters.insert(plan->filters.begin(), std::make_move_iterator(updatable.begin()),
                           std::make_move_iterator(updatable.end()));
    }

    std::vector<BoundExprPtr> group_exprs;
    std::vector<AggregateSpec> aggregates;
    Binder binder(scope, "SELECT", ctx);
    std::vector<WindowCall> windows;
    binder.set_windows(&windows, &s.windows);
    std::vector<SetFunctionCall> set_functions;  // in the select list and ORDER BY
    binder.set_set_functions(&set_functions);
    if (grouped) {
      Binder group_binder(scope, "GROUP BY", ctx);
      for (const auto& g : s.group_by) {
        // GROUP BY 1 names a select-list entry.
        if (const auto* lit = std::get_if<ast::Literal>(&g->node); lit && lit->kind == ast::Literal::Kind::kInteger) {
          if (lit->integer < 1 || lit->integer > static_cast<std::int64_t>(s.targets.size())) {
            throw at(DbError(sqlstate::kInvalidColumnReference,
                             "GROUP BY position " + std::to_string(lit->integer) + " is not in select list"),
                     g->location);
          }
          group_exprs.push_back(group_binder.bind(*s.targets[static_cast<std::size_t>(lit->integer - 1)].expr));
        } else {
          group_exprs.push_back(group_binder.bind(*g));
        }
        require_equality(group_exprs.back()->type, g->location);
      }
      binder.set_grouping(&group_exprs, &aggregates);
    } else if (s.having) {
      grouped = true;
      binder.set_grouping(&group_exprs, &aggregates);
    }

    Projection projection = bind_projection(s.targets, binder, grouped);
    if (s.distinct && s.distinct_on.empty()) {
      for (const BoundExprPtr& e : projection.exprs) require_equality(e->type, -1);
    }
    BoundExprPtr having;
    if (s.having) {
      Binder having_binder(scope, "HAVING", ctx);
      having_binder.set_grouping(&group_exprs, &aggregates);
      having = having_binder.bind_condition(*s.having);
    }

    // ORDER BY and DISTINCT ON: an output column by name or position, else an expression.
    auto resolve_key = [&](const ast::Expr& e, const char* clause, SortKey& key) {
      const auto* lit = std::get_if<ast::Literal>(&e.node);
      const auto* ref = std::get_if<ast::ColumnRef>(&e.node);
      if (lit != nullptr && lit->kind == ast::Literal::Kind::kInteger) {
        if (lit->integer < 1 || lit->integer > static_cast<std::int64_t>(projection.columns.size())) {
          throw at(
              DbError(sqlstate::kInvalidColumnReference,
                      std::string(clause) + " position " + std::to_string(lit->integer) + " is not in select list"),
              e.location);
        }
        key.output = static_cast<int>(lit->integer - 1);
      } else if (lit != nullptr) {
        throw at(DbError(sqlstate::kSyntaxError, std::string("non-integer constant in ") + clause), e.location);
      } else if (ref != nullptr && ref->names.size() == 1 && !ref->star) {
        for (std::size_t i = 0; i < projection.columns.size(); ++i) {
          if (projection.columns[i].name == ref->names[0]) {
            key.output = static_cast<int>(i);
            break;
          }
        }
      }
      if (key.output < 0) {
        if (grouped) binder.set_grouping(&group_exprs, &aggregates);
        key.expr = binder.bind(e);
      }
      const SqlType& type =
          key.output >= 0 ? projection.exprs[static_cast<std::size_t>(key.output)]->type : key.expr->type;
      if (std::string_view(clause) == "ORDER BY") {
        require_ordering(type, e.location);
      } else {
        require_equality(type, e.location);
      }
    };
    auto key_fingerprint = [&](const SortKey& key) {
      return fingerprint(key.output >= 0 ? *projection.exprs[static_cast<std::size_t>(key.output)] : *key.expr);
    };
    std::vector<SortKey> distinct_on;
    for (const auto& e : s.distinct_on) resolve_key(*e, "DISTINCT ON", distinct_on.emplace_back());

    std::vector<SortKey> sort_keys;
    for (const ast::SortItem& item : s.order_by) {
      SortKey key;
      key.descending = item.descending;
      key.nulls_first = item.nulls_first.value_or(item.descending);
      resolve_key(*item.expr, "ORDER BY", key);
      if (key.output < 0) {
        if (s.distinct && distinct_on.empty()) {
          std::string fp = fingerprint(*key.expr);
          for (std::size_t i = 0; i < projection.exprs.size() && key.output < 0; ++i) {
            if (fingerprint(*projection.exprs[i]) == fp) key.output = static_cast<int>(i);
          }
          if (key.output < 0) {
            throw at(DbError(sqlstate::kInvalidColumnReference,
                             "for SELECT DISTINCT, ORDER BY expressions must appear in select list"),
                     item.expr->location);
          }
          key.expr.reset();
        }
      }
      sort_keys.push_back(std::move(key));
    }
    // DISTINCT ON keeps the first row of each group in ORDER BY's order, so
    // ORDER BY must begin with those expressions (in any order among them).
    if (!distinct_on.empty()) {
      std::set<std::string> on;
      for (const SortKey& key : distinct_on) on.insert(key_fingerprint(key));
      std::set<std::string> covered;
      for (std::size_t i = 0; i < sort_keys.size() && covered.size() < on.size(); ++i) {
        const std::string fp = key_fingerprint(sort_keys[i]);
        if (on.count(fp) == 0) {
          throw at(DbError(sqlstate::kInvalidColumnReference,
                           "SELECT DISTINCT ON expressions must match initial ORDER BY expressions"),
                   s.distinct_on.front()->location);
        }
        covered.insert(fp);
      }
    }

    // Window results follow the row they are computed over (a group's, when grouped).
    const bool windowed = !windows.empty();
    if (windowed) {
      if (locking) {
        throw DbError(sqlstate::kFeatureNotSupported, "FOR UPDATE is not allowed with window functions");
      }
      const auto width = static_cast<int>(grouped ? group_exprs.size() + aggregates.size() : scope.size());
      for (auto& e : projection.exprs) resolve_window_refs(*e, width);
      for (auto* keys : {&sort_keys, &distinct_on}) {
        for (SortKey& key : *keys) {
          if (key.expr) resolve_window_refs(*key.expr, width);
        }
      }
    }

    // The scans decode only what these read: below a grouping, the GROUP BY
    // values and aggregate arguments; otherwise the select list and ORDER BY.
    std::vector<const BoundExpr*> uses;
    if (grouped) {
      for (const auto& g : group_exprs) uses.push_back(g.get());
      for (const AggregateSpec& a : aggregates) {
        for (const auto& arg : a.args) uses.push_back(arg.get());
        for (const auto& o : a.order) uses.push_back(o.expr.get());
        uses.push_back(a.filter.get());
      }
    } else {
      for (const auto& e : projection.exprs) uses.push_back(e.get());
      for (const SetFunctionCall& call : set_functions) {
        for (const auto& arg : call.args) uses.push_back(arg.get());
      }
      for (const SortKey& key : sort_keys) uses.push_back(key.expr.get());
      for (const SortKey& key : distinct_on) uses.push_back(key.expr.get());
      for (const WindowCall& w : windows) {
        for (const auto& e : w.args) uses.push_back(e.get());
        for (const auto& e : w.aggregate.args) uses.push_back(e.get());
        for (const auto& e : w.partition) uses.push_back(e.get());
        for (const auto& o : w.order) uses.push_back(o.expr.get());
        uses.push_back(w.aggregate.filter.get());
        uses.push_back(w.start.offset.get());
        uses.push_back(w.end.offset.get());
      }
    }
    if (!grouped && !locking && !windowed) plan_vector_order(*plan, s, ctx);
    prune_columns(*plan, uses);
    if (!set_functions.empty()) {
      // Each row grows by the set-returning calls' values, after the window results.
      if (locking) {
        throw DbError(sqlstate::kFeatureNotSupported,
                      "FOR UPDATE is not allowed with set-returning functions in the target list");
      }
      const auto width = static_cast<int>(grouped ? group_exprs.size() + aggregates.size() : scope.size());
      const int first = width + static_cast<int>(windows.size());
      for (auto& e : projection.exprs) resolve_set_function_refs(*e, first);
      for (auto* keys : {&sort_keys, &distinct_on}) {
        for (SortKey& key : *keys) {
          if (key.expr) resolve_set_function_refs(*key.expr, first);
        }
      }
      for (SetFunctionCall& call : set_functions) {
        for (auto& arg : call.args) {
          if (windowed) resolve_window_refs(*arg, width);
          resolve_set_function_refs(*arg, first);
        }
      }
    }
    if (ctx.describe_only) {
      limit_value(s.offset.get(), "OFFSET", sqlstate::kInvalidRowCountInResultOffsetClause, ctx);
      limit_value(s.limit.get(), "LIMIT", sqlstate::kInvalidRowCountInLimitClause, ctx);
      result.columns = projection.columns;
      result.returns_rows = true;
      return result;
    }

    // Rows stream from the plan into the groups, or straight into results.
    std::vector<ResultRow> rows;
    std::vector<Row> window_input;  // with window functions: every row first, then their values
    std::size_t arrived = 0;
    bool scanned_in_order = false;  // rows came from the scan in ORDER BY's order (scan_order.hpp)
    auto add_one = [&](const Row& source) {
      ResultRow r;
      r.output = projection.evaluate(source);
      for (const SortKey& key : sort_keys) {
        r.keys.push_back(key.output >= 0 ? r.output[static_cast<std::size_t>(key.output)]
                                         : evaluate(*key.expr, source));
      }
      for (const SortKey& key : distinct_on) {
        append_equality_key(r.distinct_on, key.output >= 0 ? r.output[static_cast<std::size_t>(key.output)]
                                                           : evaluate(*key.expr, source));
      }
      r.seq = arrived++;
      rows.push_back(std::move(r));
    };
    auto add_result = [&](const Row& source) {
      if (set_functions.empty()) {
        add_one(source);
      } else {
        expand_set_functions(source, set_functions, ctx, add_one);
      }
    };
    // Whether row a sorts before row b by the ORDER BY keys, then arrival.
    auto before_row = [&](const ResultRow& a, const ResultRow& b) {
      const int c = compare_sort_keys(a.keys, b.keys, sort_keys);
      return c != 0 ? c < 0 : a.seq < b.seq;
    };
    if (grouped) {
      // One row per group of GROUP BY values (per grouping set: the values of
      // the expressions it leaves out are NULL), then the aggregates.
      const GroupingSets sets(s.grouping_sets, group_exprs.size());
      std::unordered_map<std::string, std::size_t> index;
      struct Group {
        Row values;
        std::vector<Accumulator> accs;
        std::size_t set = 0;
      };
      std::vector<Group> groups;
      std::vector<bool> set_has_group(sets.count(), false);
      std::vector<std::string> set_keys;  // each set's key prefix
      for (std::size_t set = 0; set < sets.count(); ++set) set_keys.push_back(std::to_string(set) + ":");
      // Without GROUP BY expressions each set has one group: found once, not per row.
      std::vector<std::optional<std::size_t>> only_group(sets.count());
      Row all_values, values;
      std::string key;
      stream_plan(*plan, ctx, [&](RowBatch& batch) {
        for (const Row& row : batch) {
          all_values.clear();
          for (const auto& g : group_exprs) all_values.push_back(evaluate(*g, row));
          for (std::size_t set = 0; set < sets.count(); ++set) {
            std::size_t group = 0;
            if (group_exprs.empty() && only_group[set]) {
              group = *only_group[set];
            } else {
              values.clear();
              key.assign(set_keys[set]);
              for (std::size_t i = 0; i < all_values.size(); ++i) {
                values.push_back(sets.has(set, i) ? all_values[i] : Value::null(all_values[i].type()));
                append_equality_key(key, values.back());
              }
              // Looked up before inserting: emplace would allocate a node per row.
              auto it = index.find(key);
              if (it == index.end()) {
                it = index.emplace(key, groups.size()).first;
                groups.push_back({values, std::vector<Accumulator>(aggregates.size()), set});
              }
              group = it->second;
              if (group_exprs.empty()) only_group[set] = group;
            }
            set_has_group[set] = true;
            auto& accs = groups[group].accs;
            for (std::size_t a = 0; a < aggregates.size(); ++a) accs[a].add(aggregates[a], row);
          }
        }
        return true;
      });
      // A grouping by nothing (no GROUP BY, or a grand-total set) has its one group even over no rows.
      for (std::size_t set = 0; set < sets.count(); ++set) {
        if (!sets.empty_set(set) || set_has_group[set]) continue;
        Row nulls;
        for (const auto& g : group_exprs) nulls.push_back(Value::null(g->type.id));
        groups.push_back({std::move(nulls), std::vector<Accumulator>(aggregates.size()), set});
      }
      for (auto& [group_values, accs, set] : groups) {
        Row group_row = std::move(group_values);
        for (std::size_t a = 0; a < aggregates.size(); ++a) {
          group_row.push_back(aggregates[a].grouping_of.empty() ? accs[a].result(aggregates[a])
                                                                : sets.grouping(set, aggregates[a].grouping_of));
        }
        if (having != nullptr && !evaluate_condition(*having, group_row)) continue;
        if (windowed) {
          window_input.push_back(std::move(group_row));
        } else {
          add_result(group_row);
        }
      }
    } else if (windowed) {
      stream_plan(*plan, ctx, [&](RowBatch& batch) {
        for (Row& row : batch) window_input.push_back(std::move(row));
        return true;
      });
    } else if (locking) {
      // Rows are locked after sorting, below OFFSET/LIMIT (see lock_result_rows).
      for (KeyedRow& picked : scan_with_keys(*plan, ctx)) {
        add_result(picked.second);
        rows.back().storage_key = std::move(picked.first);
      }
    } else if (!sort_keys.empty() && !s.distinct && set_functions.empty() && top_n_limit(s, ctx) >= 0) {
      // ORDER BY ... LIMIT n: only the best n rows are kept (a heap whose top
      // is the worst of them), and only they are projected: a nearest-
      // neighbour search over wide vectors computes each distance once and
      // copies no row that loses.
      const auto wanted = static_cast<std::size_t>(top_n_limit(s, ctx));
      // Rows that come in the ORDER BY's order: the first n are the answer.
      std::vector<OrderColumn> order;
      for (const SortKey& key : sort_keys) {
        const BoundExpr& e = key.output >= 0 ? *projection.exprs[static_cast<std::size_t>(key.output)] : *key.expr;
        order.push_back({e.kind == BoundExpr::Kind::kColumn ? e.column : -1, key.descending, key.nulls_first});
      }
      scan_index_for_order(*plan, order);
      const ScanDirection direction = scan_direction(*plan, order);
      const bool in_order = direction != ScanDirection::kNone;
      plan->access.backward = direction == ScanDirection::kBackward;
      if (in_order) plan->row_limit = wanted;
      // Rows in order need no heap nor sort keys, and the OFFSET rows ahead
      // of the answer not even projecting: they are dropped unseen below.
      scanned_in_order = in_order && distinct_on.empty();
      const std::int64_t skip = std::max<std::int64_t>(
          limit_value(s.offset.get(), "OFFSET", sqlstate::kInvalidRowCountInResultOffsetClause, ctx), 0);
      ResultRow candidate;
      stream_plan(*plan, ctx, [&](RowBatch& batch) {
        for (const Row& row : batch) {
          if (in_order && rows.size() == wanted) return false;
          if (scanned_in_order) {
            ResultRow& r = rows.emplace_back();
            r.seq = arrived++;
            if (rows.size() > static_cast<std::size_t>(skip)) r.output = projection.evaluate(row);
            continue;
          }
          candidate.keys.clear();
          for (const SortKey& key : sort_keys) {
            candidate.keys.push_back(
                evaluate(key.output >= 0 ? *projection.exprs[static_cast<std::size_t>(key.output)] : *key.expr, row));
          }
          candidate.seq = arrived++;
          if (rows.size() == wanted && (wanted == 0 || !before_row(candidate, rows.front()))) continue;
          candidate.output = projection.evaluate(row);
          rows.push_back(std::move(candidate));
          std::push_heap(rows.begin(), rows.end(), before_row);
          if (rows.size() > wanted) {
            std::pop_heap(rows.begin(), rows.end(), before_row);
            rows.pop_back();
          }
          candidate = ResultRow();
        }
        return !(in_order && rows.size() == wanted);  // the scan stops as soon as it has given enough
      });
    } else {
      // Without ORDER BY or DISTINCT, LIMIT stops the scans early.
      std::int64_t wanted = sort_keys.empty() && !s.distinct ? top_n_limit(s, ctx) : -1;
      if (wanted >= 0) plan->row_limit = static_cast<std::size_t>(wanted);
      stream_plan(*plan, ctx, [&](RowBatch& batch) {
        for (const Row& row : batch) {
          if (wanted >= 0 && rows.size() >= static_cast<std::size_t>(wanted)) return false;
          add_result(row);
        }
        return wanted < 0 || rows.size() < static_cast<std::size_t>(wanted);
      });
    }
    if (windowed) {
      compute_windows(window_input, windows, ctx);
      for (const Row& row : window_input) add_result(row);
    }
    if (s.distinct && distinct_on.empty()) {
      std::set<std::string> seen;
      std::erase_if(rows, [&](const ResultRow& r) { return !seen.insert(equality_key(r.output)).second; });
    }
    if (!sort_keys.empty() && !scanned_in_order) {
      // Ties keep their input order (a stable sort); with LIMIT only the
      // rows that can be returned are sorted (top-N).
      std::vector<std::size_t> order(rows.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      auto before = [&](std::size_t ia, std::size_t ib) { return before_row(rows[ia], rows[ib]); };
      // Locking may drop rows, so it must see them all.
      std::int64_t wanted = locking || !distinct_on.empty() ? -1 : top_n_limit(s, ctx);
      if (wanted >= 0 && static_cast<std::size_t>(wanted) < order.size()) {
        std::partial_sort(order.begin(), order.begin() + wanted, order.end(), before);
        order.resize(static_cast<std::size_t>(wanted));
      } else {
        std::sort(order.begin(), order.end(), before);
      }
      std::vector<ResultRow> sorted;
      sorted.reserve(order.size());
      for (std::size_t i : order) sorted.push_back(std::move(rows[i]));
      rows = std::move(sorted);
    }
    if (!distinct_on.empty()) {
      std::set<std::string> seen;
      std::erase_if(rows, [&](const ResultRow& r) { return !seen.insert(r.distinct_on).second; });
    }
    if (locking) {
      const TableDef& table = *plan->table;
      WhereRecheck recheck(table, plan->alias.empty() ? table.name : plan->alias, s.where.get(), ctx);
      recheck.require_policies('w', true);  // as the scan took them: SELECT's and UPDATE's
      rows =
          lock_result_rows(std::move(rows), *locking, top_n_limit(s, ctx), projection, std::move(recheck), table, ctx);
    }
    result.columns = projection.columns;
    result.returns_rows = true;
    result.rows.reserve(rows.size());
    for (ResultRow& r : rows) result.rows.push_back(std::move(r.output));
  }

  std::int64_t offset = limit_value(s.offset.get(), "OFFSET", sqlstate::kInvalidRowCountInResultOffsetClause, ctx);
  std::int64_t limit = limit_value(s.limit.get(), "LIMIT", sqlstate::kInvalidRowCountInLimitClause, ctx);
  if (offset > 0) {
    auto n = std::min<std::size_t>(static_cast<std::size_t>(offset), result.rows.size());
    result.rows.erase(result.rows.begin(), result.rows.begin() + static_cast<std::ptrdiff_t>(n));
  }
  if (limit >= 0 && static_cast<std::size_t>(limit) < result.rows.size()) {
    result.rows.resize(static_cast<std::size_t>(limit));
  }
  result.rows_affected = result.rows.size();
  result.command_tag = "SELECT " + std::to_string(result.rows.size());
  return result;
}

}  // namespace heliosdb::engine

// SELECT: scan, filter, group and aggregate, project, distinct, sort, limit.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "engine/common/db_error.hpp"
#include "engine/exec/equality_key.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/plan_executor.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/row_locks.hpp"
#include "engine/exec/set_operation.hpp"
#include "engine/exec/sort_compare.hpp"
#include "engine/exec/statements.hpp"
#include "engine/plan/planner.hpp"
#include "engine/types/decimal.hpp"
#include "engine/types/temporal.hpp"
#include "engine/types/vector.hpp"
#include "engine/vector/vector_plan.hpp"

namespace heliosdb::engine {

namespace {

bool is_aggregate_name(const std::vector<std::string>& name) {
  const std::string& n = name.back();
  return name.size() == 1 && (n == "count" || n == "sum" || n == "avg" || n == "min" || n == "max");
}

// Whether an expression calls an aggregate (not looking into subqueries).
bool has_aggregate(const ast::Expr* e) {
  if (e == nullptr) return false;
  return std::visit(
      [](const auto& n) -> bool {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, ast::FuncCall>) {
          if (is_aggregate_name(n.name)) return true;
          return std::any_of(n.args.begin(), n.args.end(), [](const auto& a) { return has_aggregate(a.get()); });
        } else if constexpr (std::is_same_v<T, ast::OperatorExpr> || std::is_same_v<T, ast::DistinctFrom>) {
          return has_aggregate(n.left.get()) || has_aggregate(n.right.get());
        } else if constexpr (std::is_same_v<T, ast::BoolExpr>) {
          return std::any_of(n.args.begin(), n.args.end(), [](const auto& a) { return has_aggregate(a.get()); });
        } else if constexpr (std::is_same_v<T, ast::NullTest> || std::is_same_v<T, ast::BooleanTest> ||
                             std::is_same_v<T, ast::Cast>) {
          return has_aggregate(n.arg.get());
        } else if constexpr (std::is_same_v<T, ast::CaseExpr>) {
          if (has_aggregate(n.arg.get()) || has_aggregate(n.otherwise.get())) return true;
          return std::any_of(n.whens.begin(), n.whens.end(), [](const auto& w) {
            return has_aggregate(w.first.get()) || has_aggregate(w.second.get());
          });
        } else if constexpr (std::is_same_v<T, ast::InList>) {
          return has_aggregate(n.arg.get()) ||
                 std::any_of(n.items.begin(), n.items.end(), [](const auto& a) { return has_aggregate(a.get()); });
        } else if constexpr (std::is_same_v<T, ast::Between>) {
          return has_aggregate(n.arg.get()) || has_aggregate(n.low.get()) || has_aggregate(n.high.get());
        } else if constexpr (std::is_same_v<T, ast::Like>) {
          return has_aggregate(n.arg.get()) || has_aggregate(n.pattern.get());
        } else {
          return false;
        }
      },
      e->node);
}

// One aggregate's running state for one group.
struct Accumulator {
  std::int64_t count = 0;
  bool has_value = false;
  Value best;       // min / max
  Int128 isum = 0;  // wide enough for any count of int8 values PostgreSQL's numeric sum allows here
  double fsum = 0;
  Decimal nsum = Decimal::from_int(0);
  temporal::Interval ivsum;
  std::vector<double> vsum;    // vector sums, in double as pgvector's accumulator
  std::set<std::string> seen;  // DISTINCT

  void add(const AggregateSpec& spec, const Row& row) {
    if (spec.filter && !evaluate_condition(*spec.filter, row)) return;
    if (!spec.arg) {
      ++count;
      return;
    }
    Value scratch;
    const Value& v = evaluate_ref(*spec.arg, row, scratch);
    if (v.is_null()) return;
    if (spec.distinct && !seen.insert(equality_key({v})).second) return;
    ++count;
    // By first letter: count, min/max, sum/avg are all there are, and this runs per row.
    const char kind = spec.name[0];
    if (kind == 'm') {
      int c = has_value ? compare_values(v, best) : 0;
      if (!has_value || (spec.name[1] == 'i' ? c < 0 : c > 0)) best = v;
    } else if (kind == 's' || kind == 'a') {
      if (is_integer(v.type())) {
        isum += v.as_int();
      } else if (v.type() == TypeId::kNumeric) {
        nsum = nsum.add(Decimal::parse(v.as_string()));
      } else if (v.type() == TypeId::kInterval) {
        ivsum = temporal::interval_add(ivsum, as_interval(v));
      } else if (v.type() == TypeId::kVector) {
        add_vector(v);
      } else {
        fsum += v.as_float();
      }
    }
    has_value = true;
  }

  Value result(const AggregateSpec& spec) const {
    if (spec.name == "count") return Value::integer(TypeId::kInt8, count);
    if (!has_value) return Value::null(spec.type.id);
    if (spec.name == "min" || spec.name == "max") return best;
    const TypeId input = spec.arg->type.id;
    if (input == TypeId::kVector) return vector_result(spec.name == "avg");
    if (input == TypeId::kInterval) {
      return interval_value(spec.name == "avg" ? temporal::interval_div(ivsum, static_cast<double>(count)) : ivsum);
    }
    if (spec.name == "avg") {
      if (is_float(input)) return Value::floating(TypeId::kFloat8, fsum / static_cast<double>(count));
      Decimal total = is_integer(input) ? Decimal::from_int(isum) : nsum;
      return Value::string(TypeId::kNumeric, total.div(Decimal::from_int(count)).to_string());
    }
    if (is_integer(spec.type.id)) {
      if (isum > INT64_MAX || isum < INT64_MIN) throw DbError(sqlstate::kNumericValueOutOfRange, "bigint out of range");
      return Value::integer(spec.type.id, static_cast<std::int64_t>(isum));
    }
    if (spec.type.id == TypeId::kNumeric) {
      return Value::string(TypeId::kNumeric, (is_integer(input) ? Decimal::from_int(isum) : nsum).to_string());
    }
    double s = spec.type.id == TypeId::kFloat4 ? static_cast<double>(static_cast<float>(fsum)) : fsum;
    return Value::floating(spec.type.id, s);
  }

  void add_vector(const Value& v);
  Value vector_result(bool average) const;
};

void Accumulator::add_vector(const Value& v) {
  auto elements = vector_elements(v);
  if (vsum.empty()) vsum.resize(elements.size());
  if (vsum.size() != elements.size()) {
    throw DbError(sqlstate::kDataException,
                  "expected " + std::to_string(vsum.size()) + " dimensions, not " + std::to_string(elements.size()));
  }
  for (std::size_t i = 0; i < elements.size(); ++i) vsum[i] += elements[i];
}

Value Accumulator::vector_result(bool average) const {
  std::vector<float> out(vsum.size());
  for (std::size_t i = 0; i < vsum.size(); ++i) {
    const double x = average ? vsum[i] / static_cast<double>(count) : vsum[i];
    out[i] = static_cast<float>(x);
    if (std::isinf(out[i])) throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  }
  return make_vector(out);
}

struct SortKey {
  int output = -1;    // index into the output row, or
  BoundExprPtr expr;  // an expression over the source row
  bool descending = false;
  bool nulls_first = false;
};

struct ResultRow {
  Row output;
  std::vector<Value> keys;
  std::size_t seq = 0;      ///< arrival order: ties keep it (a stable sort)
  std::string storage_key;  ///< the row's key in its table, with FOR UPDATE/SHARE
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
      plan.kind != PlanNode::Kind::kTableScan || plan.table->vector_indexes.empty()) {
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
  if (order == nullptr) return;
  Binder binder(plan.scope, "ORDER BY", ctx);
  BoundExprPtr bound = binder.bind(*order);
  choose_vector_access(plan, *bound, item.descending, top_n_limit(s, ctx), ctx);
}

QueryResult run_select(const ast::SelectStmt& s, ExecContext& ctx) {
  QueryResult result;
  if (s.set_op != ast::SelectStmt::SetOp::kNone || !s.values.empty()) row_locking_of(s, false);  // refuses FOR UPDATE
  if (s.set_op != ast::SelectStmt::SetOp::kNone) {
    result = run_set_operation(s, ctx);
  } else if (!s.values.empty()) {
    result = run_values(s, ctx);
  } else {
    if (!s.distinct_on.empty()) throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: DISTINCT ON");
    PlanNodePtr plan = plan_from_where(s.from, s.where.get(), ctx);
    const std::vector<ScopeColumn>& scope = plan->scope;

    bool grouped = !s.group_by.empty() || has_aggregate(s.having.get());
    for (const auto& t : s.targets) grouped = grouped || has_aggregate(t.expr.get());
    for (const auto& o : s.order_by) grouped = grouped || has_aggregate(o.expr.get());

    const std::optional<RowLocking> locking = row_locking_of(s, grouped);
    if (locking && plan->kind != PlanNode::Kind::kTableScan) {
      throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: locking the rows of a view or system view");
    }

    std::vector<BoundExprPtr> group_exprs;
    std::vector<AggregateSpec> aggregates;
    Binder binder(scope, "SELECT", ctx);
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
      }
      binder.set_grouping(&group_exprs, &aggregates);
    } else if (s.having) {
      grouped = true;
      binder.set_grouping(&group_exprs, &aggregates);
    }

    Projection projection = bind_projection(s.targets, binder, grouped);
    BoundExprPtr having;
    if (s.having) {
      Binder having_binder(scope, "HAVING", ctx);
      having_binder.set_grouping(&group_exprs, &aggregates);
      having = having_binder.bind_condition(*s.having);
    }

    // ORDER BY: an output column by name or position, else an expression.
    std::vector<SortKey> sort_keys;
    for (const ast::SortItem& item : s.order_by) {
      SortKey key;
      key.descending = item.descending;
      key.nulls_first = item.nulls_first.value_or(item.descending);
      const auto* lit = std::get_if<ast::Literal>(&item.expr->node);
      const auto* ref = std::get_if<ast::ColumnRef>(&item.expr->node);
      if (lit != nullptr && lit->kind == ast::Literal::Kind::kInteger) {
        if (lit->integer < 1 || lit->integer > static_cast<std::int64_t>(projection.columns.size())) {
          throw at(DbError(sqlstate::kInvalidColumnReference,
                           "ORDER BY position " + std::to_string(lit->integer) + " is not in select list"),
                   item.expr->location);
        }
        key.output = static_cast<int>(lit->integer - 1);
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
        key.expr = binder.bind(*item.expr);
        if (s.distinct) {
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

    // The scans decode only what these read: below a grouping, the GROUP BY
    // values and aggregate arguments; otherwise the select list and ORDER BY.
    std::vector<const BoundExpr*> uses;
    if (grouped) {
      for (const auto& g : group_exprs) uses.push_back(g.get());
      for (const AggregateSpec& a : aggregates) {
        uses.push_back(a.arg.get());
        uses.push_back(a.filter.get());
      }
    } else {
      for (const auto& e : projection.exprs) uses.push_back(e.get());
      for (const SortKey& key : sort_keys) uses.push_back(key.expr.get());
    }
    if (!grouped && !locking) plan_vector_order(*plan, s, ctx);
    prune_columns(*plan, uses);
    if (ctx.describe_only) {
      limit_value(s.offset.get(), "OFFSET", sqlstate::kInvalidRowCountInResultOffsetClause, ctx);
      limit_value(s.limit.get(), "LIMIT", sqlstate::kInvalidRowCountInLimitClause, ctx);
      result.columns = projection.columns;
      result.returns_rows = true;
      return result;
    }

    // Rows stream from the plan into the groups, or straight into results.
    std::vector<ResultRow> rows;
    std::size_t arrived = 0;
    auto add_result = [&](const Row& source) {
      ResultRow r;
      r.output = projection.evaluate(source);
      for (const SortKey& key : sort_keys) {
        r.keys.push_back(key.output >= 0 ? r.output[static_cast<std::size_t>(key.output)]
                                         : evaluate(*key.expr, source));
      }
      r.seq = arrived++;
      rows.push_back(std::move(r));
    };
    // Whether row a sorts before row b by the ORDER BY keys, then arrival.
    auto before_row = [&](const ResultRow& a, const ResultRow& b) {
      const int c = compare_sort_keys(a.keys, b.keys, sort_keys);
      return c != 0 ? c < 0 : a.seq < b.seq;
    };
    if (grouped) {
      // One row per group of GROUP BY values, then the aggregates.
      std::unordered_map<std::string, std::size_t> index;
      std::vector<std::pair<Row, std::vector<Accumulator>>> groups;
      Row values;
      std::string key;
      stream_plan(*plan, ctx, [&](RowBatch& batch) {
        for (const Row& row : batch) {
          std::size_t group = 0;
          if (group_exprs.empty()) {
            if (groups.empty()) groups.emplace_back(Row{}, std::vector<Accumulator>(aggregates.size()));
          } else {
            values.clear();
            key.clear();
            for (const auto& g : group_exprs) {
              values.push_back(evaluate(*g, row));
              append_equality_key(key, values.back());
            }
            auto [it, inserted] = index.emplace(key, groups.size());
            if (inserted) groups.emplace_back(values, std::vector<Accumulator>(aggregates.size()));
            group = it->second;
          }
          auto& accs = groups[group].second;
          for (std::size_t a = 0; a < aggregates.size(); ++a) accs[a].add(aggregates[a], row);
        }
        return true;
      });
      // Without GROUP BY there is exactly one group, even over no rows.
      if (groups.empty() && group_exprs.empty())
        groups.emplace_back(Row{}, std::vector<Accumulator>(aggregates.size()));
      for (auto& [group_values, accs] : groups) {
        Row group_row = std::move(group_values);
        for (std::size_t a = 0; a < aggregates.size(); ++a) group_row.push_back(accs[a].result(aggregates[a]));
        if (having == nullptr || evaluate_condition(*having, group_row)) add_result(group_row);
      }
    } else if (locking) {
      // Rows are locked after sorting, below OFFSET/LIMIT (see lock_result_rows).
      for (KeyedRow& picked : scan_with_keys(*plan, ctx)) {
        add_result(picked.second);
        rows.back().storage_key = std::move(picked.first);
      }
    } else if (!sort_keys.empty() && !s.distinct && top_n_limit(s, ctx) >= 0) {
      // ORDER BY ... LIMIT n: only the best n rows are kept (a heap whose top
      // is the worst of them), and only they are projected: a nearest-
      // neighbour search over wide vectors computes each distance once and
      // copies no row that loses.
      const auto wanted = static_cast<std::size_t>(top_n_limit(s, ctx));
      ResultRow candidate;
      stream_plan(*plan, ctx, [&](RowBatch& batch) {
        for (const Row& row : batch) {
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
        return true;
      });
    } else {
      // Without ORDER BY or DISTINCT, LIMIT stops the scans early.
      std::int64_t wanted = sort_keys.empty() && !s.distinct ? top_n_limit(s, ctx) : -1;
      stream_plan(*plan, ctx, [&](RowBatch& batch) {
        for (const Row& row : batch) {
          if (wanted >= 0 && rows.size() >= static_cast<std::size_t>(wanted)) return false;
          add_result(row);
        }
        return wanted < 0 || rows.size() < static_cast<std::size_t>(wanted);
      });
    }
    if (s.distinct) {
      std::set<std::string> seen;
      std::erase_if(rows, [&](const ResultRow& r) { return !seen.insert(equality_key(r.output)).second; });
    }
    if (!sort_keys.empty()) {
      // Ties keep their input order (a stable sort); with LIMIT only the
      // rows that can be returned are sorted (top-N).
      std::vector<std::size_t> order(rows.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      auto before = [&](std::size_t ia, std::size_t ib) { return before_row(rows[ia], rows[ib]); };
      // Locking may drop rows, so it must see them all.
      std::int64_t wanted = locking ? -1 : top_n_limit(s, ctx);
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
    if (locking) {
      const TableDef& table = *plan->table;
      rows = lock_result_rows(std::move(rows), *locking, top_n_limit(s, ctx), projection,
                              WhereRecheck(table, plan->alias.empty() ? table.name : plan->alias, s.where.get(), ctx),
                              table, ctx);
    }
    result.columns = projection.columns;
    result.returns_rows = true;
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

#include "engine/exec/set_operation.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/equality_key.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/sort_compare.hpp"
#include "engine/exec/statements.hpp"

namespace heliosdb::engine {

namespace {

using SetOp = ast::SelectStmt::SetOp;

const char* op_name(SetOp op) {
  switch (op) {
    case SetOp::kUnion:
      return "UNION";
    case SetOp::kIntersect:
      return "INTERSECT";
    case SetOp::kExcept:
      return "EXCEPT";
    case SetOp::kNone:
      break;
  }
  return "";
}

bool untyped_literal(const ast::Expr& e) {
  const auto* literal = std::get_if<ast::Literal>(&e.node);
  return literal != nullptr &&
         (literal->kind == ast::Literal::Kind::kString || literal->kind == ast::Literal::Kind::kNull);
}

// The output columns of one side that are literals of no type yet ('2',
// NULL): as in PostgreSQL they take the type the other side gives them. A
// side that is itself a set operation has settled its types.
std::vector<bool> untyped_columns(const ast::SelectStmt& side, std::size_t width) {
  std::vector<bool> out(width, false);
  if (side.set_op != SetOp::kNone) return out;
  if (!side.values.empty()) {
    for (std::size_t c = 0; c < width; ++c) {
      out[c] = std::all_of(side.values.begin(), side.values.end(),
                           [&](const ast::ExprList& row) { return c < row.size() && untyped_literal(*row[c]); });
    }
    return out;
  }
  for (const ast::ResultTarget& target : side.targets) {
    const auto* ref = std::get_if<ast::ColumnRef>(&target.expr->node);
    if (ref != nullptr && ref->star) return std::vector<bool>(width, false);  // positions unknown
  }
  for (std::size_t c = 0; c < width && c < side.targets.size(); ++c) out[c] = untyped_literal(*side.targets[c].expr);
  return out;
}

// An untyped literal's text is read as the type's input, which no implicit cast from text would allow.
void convert_rows(std::vector<Row>& rows, const std::vector<SqlType>& types, const std::vector<bool>& untyped) {
  for (Row& row : rows) {
    for (std::size_t c = 0; c < types.size(); ++c) {
      if (row[c].type() != types[c].id) {
        row[c] = cast_value(row[c], types[c], untyped[c] ? CastContext::kExplicit : CastContext::kImplicit);
      }
    }
  }
}

std::vector<Row> combine(SetOp op, bool all, std::vector<Row> left, std::vector<Row> right) {
  std::vector<Row> out;
  if (op == SetOp::kUnion) {
    if (all) {
      out = std::move(left);
      for (Row& r : right) out.push_back(std::move(r));
      return out;
    }
    std::unordered_set<std::string> seen;
    for (auto* side : {&left, &right}) {
      for (Row& r : *side) {
        if (seen.insert(equality_key(r)).second) out.push_back(std::move(r));
      }
    }
    return out;
  }
  // INTERSECT and EXCEPT count the right side's rows; ALL keeps multiplicities.
  std::unordered_map<std::string, std::int64_t> right_count;
  for (const Row& r : right) ++right_count[equality_key(r)];
  std::unordered_set<std::string> emitted;
  for (Row& r : left) {
    std::string key = equality_key(r);
    auto it = right_count.find(key);
    bool in_right = it != right_count.end() && it->second > 0;
    if (all) {
      if (op == SetOp::kIntersect && in_right) {
        --it->second;
        out.push_back(std::move(r));
      } else if (op == SetOp::kExcept) {
        if (in_right) {
          --it->second;
        } else {
          out.push_back(std::move(r));
        }
      }
    } else if ((op == SetOp::kIntersect) == in_right && emitted.insert(key).second) {
      out.push_back(std::move(r));
    }
  }
  return out;
}

void sort_rows(const ast::SelectStmt& s, QueryResult& result, ExecContext& ctx) {
  if (s.order_by.empty()) return;
  // ORDER BY after a set operation sees only the output columns.
  std::vector<ScopeColumn> scope;
  for (const ResultColumn& c : result.columns) scope.push_back({"", c.name, c.type, 0, 0});
  Binder binder(scope, "ORDER BY", ctx);
  struct Key {
    BoundExprPtr expr;
    bool descending;
    bool nulls_first;
  };
  std::vector<Key> keys;
  for (const ast::SortItem& item : s.order_by) {
    BoundExprPtr e;
    const auto* lit = std::get_if<ast::Literal>(&item.expr->node);
    if (lit != nullptr && lit->kind == ast::Literal::Kind::kInteger) {
      if (lit->integer < 1 || lit->integer > static_cast<std::int64_t>(scope.size())) {
        throw at(DbError(sqlstate::kInvalidColumnReference,
                         "ORDER BY position " + std::to_string(lit->integer) + " is not in select list"),
                 item.expr->location);
      }
      auto c = static_cast<std::size_t>(lit->integer - 1);
      e = make_column(static_cast<int>(c), scope[c].type);
    } else {
      e = binder.bind(*item.expr);
    }
    require_ordering(e->type, item.expr->location);
    keys.push_back({std::move(e), item.descending, item.nulls_first.value_or(item.descending)});
  }
  std::vector<std::pair<std::vector<Value>, std::size_t>> decorated;
  for (std::size_t i = 0; i < result.rows.size(); ++i) {
    std::vector<Value> values;
    for (const Key& k : keys) values.push_back(evaluate(*k.expr, result.rows[i]));
    decorated.emplace_back(std::move(values), i);
  }
  std::sort(decorated.begin(), decorated.end(), [&](const auto& a, const auto& b) {
    const int c = compare_sort_keys(a.first, b.first, keys);
    return c != 0 ? c < 0 : a.second < b.second;
  });
  std::vector<Row> sorted;
  for (auto& [values, i] : decorated) sorted.push_back(std::move(result.rows[i]));
  result.rows = std::move(sorted);
}

}  // namespace

QueryResult run_set_operation(const ast::SelectStmt& s, ExecContext& ctx) {
  QueryResult left = run_select(*s.left, ctx);
  QueryResult right = run_select(*s.right, ctx);
  if (left.columns.size() != right.columns.size()) {
    throw DbError(sqlstate::kSyntaxError,
                  std::string("each ") + op_name(s.set_op) + " query must have the same number of columns");
  }
  const std::size_t width = left.columns.size();
  const std::vector<bool> left_untyped = untyped_columns(*s.left, width);
  const std::vector<bool> right_untyped = untyped_columns(*s.right, width);
  std::vector<SqlType> types;
  for (std::size_t c = 0; c < width; ++c) {
    const SqlType unknown{TypeId::kUnknown, -1};
    types.push_back(common_type(
        {left_untyped[c] ? unknown : left.columns[c].type, right_untyped[c] ? unknown : right.columns[c].type},
        op_name(s.set_op)));
  }
  // Without ALL, rows are told apart by equality (UNION ALL just appends).
  const bool compares = !s.set_all || s.set_op != ast::SelectStmt::SetOp::kUnion;
  for (const SqlType& type : types) {
    if (compares) require_equality(type, -1);
  }
  convert_rows(left.rows, types, left_untyped);
  convert_rows(right.rows, types, right_untyped);
  QueryResult result;
  result.returns_rows = true;
  for (std::size_t c = 0; c < types.size(); ++c) result.columns.push_back({left.columns[c].name, types[c]});
  result.rows = combine(s.set_op, s.set_all, std::move(left.rows), std::move(right.rows));
  sort_rows(s, result, ctx);
  return result;
}

}  // namespace heliosdb::engine

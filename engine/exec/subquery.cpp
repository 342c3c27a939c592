#include "engine/exec/subquery.hpp"

#include <span>

#include "engine/common/db_error.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/statements.hpp"
#include "engine/types/array.hpp"

namespace heliosdb::engine {

namespace {

QueryResult run_for_row(Subquery& s, const std::vector<Value>& row) {
  s.ctx->outer_rows.push_back({&s.outer_scope, &row, false, false, {}});
  try {
    QueryResult result = run_select(*s.select, *s.ctx);
    s.ctx->outer_rows.pop_back();
    return result;
  } catch (...) {
    s.ctx->outer_rows.pop_back();
    throw;
  }
}

// x op ANY/ALL (rows): SQL's three-valued fold over the comparisons.
// `pair` holds the test values, followed by room for a subquery row's.
Value quantified(const Subquery& s, Row& pair, std::size_t width, const QueryResult& result) {
  bool any = s.kind == ast::SubLink::Kind::kAny;
  bool saw_null = false;
  for (const Row& sub : result.rows) {
    std::copy_n(sub.begin(), width, pair.begin() + static_cast<std::ptrdiff_t>(width));
    Value r = evaluate(*s.compare, pair);
    if (r.is_null()) {
      saw_null = true;
    } else if (r.as_bool() == any) {
      return Value::boolean(any);
    }
  }
  return saw_null ? Value::null(TypeId::kBool) : Value::boolean(!any);
}

}  // namespace

Value evaluate_subquery(const BoundExpr& e, const std::vector<Value>& row) {
  Subquery& s = *e.subquery;
  if (s.hash) {
    const bool exists = s.kind == ast::SubLink::Kind::kExists;
    const std::vector<BoundExprPtr>& probe = exists ? s.hash->probe : e.args;
    if (probe.size() == 1) {  // x IN (subquery): no vector per row
      const Value key = evaluate(*probe[0], row);
      return probe_hash(*s.hash, exists, std::span(&key, 1));
    }
    std::vector<Value> key;
    for (const BoundExprPtr& p : probe) key.push_back(evaluate(*p, row));
    return probe_hash(*s.hash, exists, key);
  }
  std::optional<QueryResult> fresh;
  if (s.correlated) fresh = run_for_row(s, row);
  const QueryResult& result = s.correlated ? *fresh : *s.result;
  switch (s.kind) {
    case ast::SubLink::Kind::kExists:
      return Value::boolean(!result.rows.empty());
    case ast::SubLink::Kind::kScalar:
    case ast::SubLink::Kind::kRowCompare:
      if (result.rows.size() > 1) {
        throw DbError(sqlstate::kCardinalityViolation,
                      "more than one row returned by a subquery used as an expression");
      }
      if (result.rows.empty()) return Value::null(e.type.id);
      if (s.kind == ast::SubLink::Kind::kScalar) return result.rows[0][static_cast<std::size_t>(s.column)];
      [[fallthrough]];
    case ast::SubLink::Kind::kAny:
    case ast::SubLink::Kind::kAll: {
      const std::size_t width = e.args.size();
      Row pair(2 * width);
      for (std::size_t i = 0; i < width; ++i) pair[i] = evaluate(*e.args[i], row);
      if (s.kind != ast::SubLink::Kind::kRowCompare) return quantified(s, pair, width, result);
      std::copy_n(result.rows[0].begin(), width, pair.begin() + static_cast<std::ptrdiff_t>(width));
      return evaluate(*s.compare, pair);
    }
    case ast::SubLink::Kind::kArray: {
      std::vector<Value> items;
      items.reserve(result.rows.size());
      for (const Row& r : result.rows) items.push_back(r[0]);
      return encode_array(ArrayData::of(element_of(e.type.id), std::move(items)));
    }
  }
  return Value::null(e.type.id);
}

bool contains_subquery(const BoundExpr& e) {
  if (e.kind == BoundExpr::Kind::kSubquery) return true;
  for (const auto& arg : e.args) {
    if (contains_subquery(*arg)) return true;
  }
  return false;
}

}  // namespace heliosdb::engine

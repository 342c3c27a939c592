#include "engine/exec/subquery_hash.hpp"

#include <set>

#include "engine/ast/expr_walk.hpp"
#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/plan_executor.hpp"
#include "engine/exec/row_codec.hpp"
#include "engine/exec/subquery.hpp"
#include "engine/plan/planner.hpp"
#include "storage/key_encoding.hpp"

namespace heliosdb::engine {

std::optional<std::string> hash_key(std::span<const Value> values) {
  std::string key;
  storage::KeyEncoder encoder(key);
  for (const Value& v : values) {
    if (v.is_null()) return std::nullopt;
    encode_key_value(encoder, v, {});
  }
  return key;
}

bool hashable_pair(const SqlType& a, const SqlType& b) {
  // Key encodings agree across integer widths and between text and varchar.
  if (is_integer(a.id) && is_integer(b.id)) return true;
  auto texty = [](TypeId t) { return t == TypeId::kText || t == TypeId::kVarchar; };
  if (texty(a.id) && texty(b.id)) return true;
  if (a.id != b.id || a.enum_oid != b.enum_oid) return false;
  switch (a.id) {
    case TypeId::kBool:
    case TypeId::kNumeric:  // by value: 1.0 and 1.00 are one key
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kInterval:  // by span, as = compares them
    case TypeId::kUuid:
    case TypeId::kEnum:
    case TypeId::kXid8:
    case TypeId::kOid:
      return true;
    default:
      return false;
  }
}

void SubqueryHash::add(std::span<const Value> values) {
  empty = false;
  if (integer_keys) {
    if (values[0].is_null()) {
      has_null = true;
    } else {
      ints.insert(values[0].as_int());
    }
    return;
  }
  if (std::optional<std::string> key = hash_key(values)) {
    keys.insert(std::move(*key));
  } else {
    has_null = true;
  }
}

std::optional<bool> SubqueryHash::find(std::span<const Value> values) const {
  if (integer_keys) {
    if (values[0].is_null()) return std::nullopt;
    return ints.count(values[0].as_int()) > 0;
  }
  const std::optional<std::string> key = hash_key(values);
  if (!key) return std::nullopt;
  return keys.count(*key) > 0;
}

std::shared_ptr<SubqueryHash> hash_rows(const std::vector<std::vector<Value>>& rows, const SqlType& type) {
  auto hash = std::make_shared<SubqueryHash>(is_integer(type.id));
  for (const std::vector<Value>& row : rows) hash->add(std::span(row.data(), 1));
  return hash;
}

Value probe_hash(const SubqueryHash& hash, bool exists, std::span<const Value> values) {
  const std::optional<bool> found = hash.find(values);
  if (exists) return Value::boolean(found.value_or(false));
  // x = ANY (rows): NULL rather than false when x or some row's value is NULL.
  if (found.value_or(false) || hash.empty) return Value::boolean(found.value_or(false));
  return !found || hash.has_null ? Value::null(TypeId::kBool) : Value::boolean(false);
}

namespace {

void collect_refs(const ast::Expr& e, std::vector<const ast::ColumnRef*>& out) {
  if (const auto* ref = std::get_if<ast::ColumnRef>(&e.node)) out.push_back(ref);
  ast::for_each_child(e, [&](const ast::Expr& child) { collect_refs(child, out); });
}

void split_and(const ast::Expr* e, std::vector<const ast::Expr*>& out) {
  if (e == nullptr) return;
  const auto* b = std::get_if<ast::BoolExpr>(&e->node);
  if (b != nullptr && b->op == ast::BoolExpr::Op::kAnd) {
    for (const auto& arg : b->args) split_and(arg.get(), out);
    return;
  }
  out.push_back(e);
}

// A select list EXISTS may ignore: no aggregate, window or function call
// (a set-returning one could make a row into none).
bool ignorable_targets(const ast::SelectStmt& s) {
  for (const ast::ResultTarget& t : s.targets) {
    if (!std::holds_alternative<ast::Literal>(t.expr->node) && !std::holds_alternative<ast::ColumnRef>(t.expr->node)) {
      return false;
    }
  }
  return true;
}

// A LIMIT that keeps EXISTS's answer: none, or a positive constant.
bool harmless_limit(const ast::SelectStmt& s) {
  if (!s.limit) return true;
  const auto* lit = std::get_if<ast::Literal>(&s.limit->node);
  return lit != nullptr && lit->kind == ast::Literal::Kind::kInteger && lit->integer > 0;
}

}  // namespace

std::shared_ptr<SubqueryHash> Binder::hash_correlated_exists(const ast::SelectStmt& s,
                                                             const std::vector<const ast::ColumnRef*>& outer_refs) {
  if (ctx_ == nullptr || ctx_->describe_only || aggregates_ != nullptr || outer_refs.empty()) return nullptr;
  if (s.set_op != ast::SelectStmt::SetOp::kNone || !s.values.empty() || s.with || !s.group_by.empty() ||
      !s.grouping_sets.empty() || s.having || !s.windows.empty() || !s.locking.empty() || s.offset ||
      !ignorable_targets(s) || !harmless_limit(s)) {
    return nullptr;
  }
  const std::set<const ast::ColumnRef*> outer(outer_refs.begin(), outer_refs.end());
  auto count_outer = [&](const ast::Expr& e, std::size_t& refs) {
    std::vector<const ast::ColumnRef*> found;
    collect_refs(e, found);
    refs = found.size();
    std::size_t n = 0;
    for (const ast::ColumnRef* r : found) n += outer.count(r);
    return n;
  };
  // Each AND-ed term of WHERE is the subquery's own, or inner = outer.
  std::vector<const ast::Expr*> terms;
  split_and(s.where.get(), terms);
  std::vector<const ast::Expr*> inner_terms;
  std::vector<std::pair<const ast::Expr*, const ast::Expr*>> pairs;  // (inner side, outer side)
  std::set<const ast::ColumnRef*> matched;
  for (const ast::Expr* term : terms) {
    std::size_t refs = 0;
    if (count_outer(*term, refs) == 0) {
      inner_terms.push_back(term);
      continue;
    }
    const auto* op = std::get_if<ast::OperatorExpr>(&term->node);
    if (op == nullptr || op->op != "=" || !op->left || !op->right) return nullptr;
    std::size_t left_refs = 0, right_refs = 0;
    const std::size_t left_outer = count_outer(*op->left, left_refs);
    const std::size_t right_outer = count_outer(*op->right, right_refs);
    const bool left_is_outer = left_outer > 0 && left_outer == left_refs && right_outer == 0;
    const bool right_is_outer = right_outer > 0 && right_outer == right_refs && left_outer == 0;
    if (!left_is_outer && !right_is_outer) return nullptr;
    const ast::Expr& outer_side = left_is_outer ? *op->left : *op->right;
    const ast::Expr& inner_side = left_is_outer ? *op->right : *op->left;
    std::vector<const ast::ColumnRef*> found;
    collect_refs(outer_side, found);
    matched.insert(found.begin(), found.end());
    pairs.emplace_back(&inner_side, &outer_side);
  }
  // Every use of the enclosing row must be one of those equalities.
  if (matched != outer) return nullptr;

  std::shared_ptr<SubqueryHash> hash;
  try {
    PlanNodePtr plan = plan_from(s.from, *ctx_);
    Binder inner_binder(plan->scope, "WHERE", *ctx_);
    BoundExprPtr condition;
    if (!inner_terms.empty()) {
      auto all = make_node(BoundExpr::Kind::kAnd, {TypeId::kBool, -1});
      for (const ast::Expr* term : inner_terms) all->args.push_back(inner_binder.bind_condition(*term));
      condition = std::move(all);
    }
    std::vector<BoundExprPtr> keys;
    std::vector<BoundExprPtr> probe;
    for (const auto& [inner_side, outer_side] : pairs) {
      BoundExprPtr equal = make_comparison("=", inner_binder.bind(*inner_side), bind(*outer_side), -1);
      if (equal->kind != BoundExpr::Kind::kCompare || !hashable_pair(equal->args[0]->type, equal->args[1]->type)) {
        return nullptr;
      }
      keys.push_back(std::move(equal->args[0]));
      probe.push_back(std::move(equal->args[1]));
    }
    for (const BoundExprPtr& key : keys) {
      if (contains_subquery(*key)) return nullptr;
    }
    push_down_conditions(*plan, std::move(condition));
    // hashable_pair: one side an integer, the other is too.
    hash = std::make_shared<SubqueryHash>(keys.size() == 1 && is_integer(keys[0]->type.id));
    for (BoundExprPtr& p : probe) hash->probe.push_back(std::move(p));
    std::vector<Value> values(keys.size());
    stream_plan(*plan, *ctx_, [&](RowBatch& batch) {
      for (const Row& row : batch) {
        for (std::size_t i = 0; i < keys.size(); ++i) values[i] = evaluate(*keys[i], row);
        hash->add(values);
      }
      return true;
    });
  } catch (const DbError&) {
    return nullptr;  // a shape this does not cover: the subquery runs per row as before
  }
  return hash;
}

}  // namespace heliosdb::engine

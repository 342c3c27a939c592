#include "engine/ast/expr_walk.hpp"

#include "engine/ast/statement.hpp"
#include "engine/exec/aggregates.hpp"

namespace heliosdb::engine::ast {

namespace {

void window_children(const WindowDef& w, const std::function<void(const Expr&)>& fn) {
  for (const auto& p : w.partition_by) fn(*p);
  for (const auto& o : w.order_by) fn(*o.expr);
  if (w.start.offset) fn(*w.start.offset);
  if (w.end.offset) fn(*w.end.offset);
}

}  // namespace

void for_each_child(const Expr& e, const std::function<void(const Expr&)>& fn) {
  auto maybe = [&](const ExprPtr& p) {
    if (p) fn(*p);
  };
  auto all = [&](const ExprList& list) {
    for (const auto& p : list) maybe(p);
  };
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, OperatorExpr> || std::is_same_v<T, DistinctFrom>) {
          maybe(n.left);
          maybe(n.right);
        } else if constexpr (std::is_same_v<T, BoolExpr>) {
          all(n.args);
        } else if constexpr (std::is_same_v<T, NullTest> || std::is_same_v<T, BooleanTest> || std::is_same_v<T, Cast>) {
          maybe(n.arg);
        } else if constexpr (std::is_same_v<T, FuncCall>) {
          all(n.args);
          maybe(n.filter);
          for (const auto& o : n.order) maybe(o.expr);
          if (n.over) window_children(*n.over, fn);
        } else if constexpr (std::is_same_v<T, CaseExpr>) {
          maybe(n.arg);
          for (const auto& [when, then] : n.whens) {
            maybe(when);
            maybe(then);
          }
          maybe(n.otherwise);
        } else if constexpr (std::is_same_v<T, InList>) {
          maybe(n.arg);
          all(n.items);
        } else if constexpr (std::is_same_v<T, Between>) {
          maybe(n.arg);
          maybe(n.low);
          maybe(n.high);
        } else if constexpr (std::is_same_v<T, Like>) {
          maybe(n.arg);
          maybe(n.pattern);
          maybe(n.escape);
        } else if constexpr (std::is_same_v<T, SubLink>) {
          maybe(n.test);
        } else if constexpr (std::is_same_v<T, ArrayExpr>) {
          all(n.elements);
        } else if constexpr (std::is_same_v<T, RowExpr>) {
          all(n.fields);
        } else if constexpr (std::is_same_v<T, Subscript>) {
          maybe(n.arg);
          for (const auto& index : n.indices) {
            maybe(index.lower);
            maybe(index.upper);
          }
        } else if constexpr (std::is_same_v<T, ArrayCompare>) {
          maybe(n.left);
          maybe(n.right);
        }
      },
      e.node);
}

bool contains_aggregate(const Expr* e) {
  if (e == nullptr) return false;
  if (const auto* call = std::get_if<FuncCall>(&e->node)) {
    if (call->name.size() == 1 && is_aggregate_function(call->name[0]) && !call->over) return true;
  }
  bool found = false;
  for_each_child(*e, [&](const Expr& child) { found = found || contains_aggregate(&child); });
  return found;
}

bool contains_window_function(const Expr* e) {
  if (e == nullptr) return false;
  if (const auto* call = std::get_if<FuncCall>(&e->node); call != nullptr && call->over) return true;
  bool found = false;
  for_each_child(*e, [&](const Expr& child) { found = found || contains_window_function(&child); });
  return found;
}

}  // namespace heliosdb::engine::ast

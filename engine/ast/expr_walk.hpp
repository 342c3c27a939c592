#pragma once

// Walking parser expressions without knowing every node kind.

#include <functional>

#include "engine/ast/expr.hpp"

namespace heliosdb::engine::ast {

/// Calls `fn` on each direct sub-expression of `e` (arguments, operands,
/// CASE arms, FILTER, ORDER BY in a call, a window's expressions, the left
/// operand of ANY/ALL), but not inside a subquery's SELECT.
void for_each_child(const Expr& e, const std::function<void(const Expr&)>& fn);

/// Whether `e` calls an aggregate outside a window (OVER) and outside subqueries.
bool contains_aggregate(const Expr* e);

/// Whether `e` calls a window function (OVER), outside subqueries.
bool contains_window_function(const Expr* e);

}  // namespace heliosdb::engine::ast

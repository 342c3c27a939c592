#pragma once

#include "engine/exec/bound_expr.hpp"
#include "engine/exec/row_codec.hpp"

namespace heliosdb::engine {

/// Evaluates `expr` against `row` with SQL's NULL semantics. Throws DbError
/// for run-time errors (22012 division by zero, 22003 overflow, ...).
Value evaluate(const BoundExpr& expr, const Row& row);

/// True only for a non-NULL true result: what WHERE and HAVING keep.
bool evaluate_condition(const BoundExpr& expr, const Row& row);
/// evaluate() without copying a column or constant: returns a reference to
/// it, or to `scratch` holding the computed value.
const Value& evaluate_ref(const BoundExpr& expr, const Row& row, Value& scratch);

}  // namespace heliosdb::engine

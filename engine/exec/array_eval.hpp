#pragma once

#include "engine/exec/bound_expr.hpp"
#include "engine/exec/row_codec.hpp"

namespace heliosdb::engine {

/// BoundExpr::Kind::kArray: ARRAY[...] (22P02-free: its elements are already typed).
Value evaluate_array_build(const BoundExpr& e, const Row& row);
/// kSubscript: an element (NULL when out of bounds) or a slice.
Value evaluate_subscript(const BoundExpr& e, const Row& row);
/// kArrayCompare: `x op ANY|ALL (array)`, SQL's three-valued fold over the elements.
Value evaluate_array_compare(const BoundExpr& e, const Row& row);

}  // namespace heliosdb::engine

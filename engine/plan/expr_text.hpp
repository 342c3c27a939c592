#pragma once

#include <string>
#include <vector>

#include "engine/exec/binder.hpp"

namespace heliosdb::engine {

/// A bound expression as EXPLAIN shows it, close to PostgreSQL's
/// ruleutils: `(price > 10)`, `((a = 1) AND (b IS NULL))`, `'x'::text`.
/// Columns are named from `scope`, qualified when `qualify` is set.
std::string expr_text(const BoundExpr& e, const std::vector<ScopeColumn>& scope, bool qualify);

}  // namespace heliosdb::engine

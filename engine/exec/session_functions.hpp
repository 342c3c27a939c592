#pragma once

#include <string>
#include <vector>

#include "engine/exec/bound_expr.hpp"

namespace heliosdb::engine {

/// set_config(name, value, is_local) and current_setting(name [, missing_ok])
/// on the session's settings: SET and SHOW as functions, run per row.
Value evaluate_session_function(const BoundExpr& e, const std::vector<Value>& row);

/// pg_advisory_lock, pg_try_advisory_xact_lock_shared, pg_advisory_unlock_all, ...
bool is_advisory_lock_function(const std::string& name);

}  // namespace heliosdb::engine

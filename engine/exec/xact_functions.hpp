#pragma once
// Functions of transaction ids and commit points: pg_current_xact_id (xid8,
// the id AS OF TRANSACTION names), its _if_assigned form, pg_xact_status,
// their txid_* predecessors (bigint) and heliosdb_current_scn.
#include <string>
#include <vector>

#include "engine/exec/bound_expr.hpp"
#include "engine/exec/exec_context.hpp"

namespace heliosdb::engine {

/// Whether `name` is one of these functions.
bool is_xact_function(const std::string& name);

/// A call of one of them with its bound arguments. Throws 42883 when the
/// arguments fit none of its forms, and when there is no transaction (`ctx`
/// null). `ctx` must outlive the expression.
BoundExprPtr bind_xact_function(const std::string& name, std::vector<BoundExprPtr> args, ExecContext* ctx,
                                int location);

/// pg_xact_status / txid_status for an evaluated argument; the others are
/// constants of the statement and never get here.
Value evaluate_xact_function(const BoundExpr& e, const std::vector<Value>& args);

}  // namespace heliosdb::engine

#pragma once
// Functions that print catalog objects as SQL, reading the statement's
// catalog and settings: pg_get_indexdef, pg_get_constraintdef,
// pg_get_triggerdef, acldefault and current_schemas, as pg_dump and psql's
// \d call them.
#include <string>
#include <vector>

#include "engine/exec/bound_expr.hpp"
#include "engine/exec/exec_context.hpp"

namespace heliosdb::engine {

/// Whether `name` is one of these functions.
bool is_catalog_definition_function(const std::string& name);

/// A call of one of them with its bound arguments. Throws 42883 when the
/// arguments fit none of its forms. `ctx` must outlive the expression.
BoundExprPtr bind_catalog_definition(const std::string& name, std::vector<BoundExprPtr> args, ExecContext* ctx,
                                     int location);

/// The call's value for its evaluated arguments: NULL for an oid that names
/// no such object, as PostgreSQL answers.
Value evaluate_catalog_definition(const BoundExpr& e, const std::vector<Value>& args);

}  // namespace heliosdb::engine

#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/catalog/function_def.hpp"
#include "engine/exec/bound_expr.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

/// pg_catalog.pg_proc: a row for each user SQL function, with PostgreSQL
/// 15's columns (pg_catalog_empty.cpp's note says how their types are kept).
Relation pg_proc_relation(const std::string& qualifier, ExecContext& ctx);

/// pg_catalog.pg_language: the languages initdb makes (internal, c, sql).
Relation pg_language_relation(const std::string& qualifier);

/// Whether `name` is one of the functions that print a user function as
/// SQL: pg_get_functiondef, pg_get_function_arguments,
/// pg_get_function_identity_arguments, pg_get_function_result,
/// pg_get_function_sqlbody, pg_function_is_visible.
bool is_function_definition_function(const std::string& name);

/// A call of one of them on its bound argument (an oid); 42883 for other
/// arguments. `ctx` must outlive the expression.
BoundExprPtr bind_function_definition(const std::string& name, std::vector<BoundExprPtr> args, ExecContext* ctx,
                                      int location);

/// The value of such a call: NULL for an oid that names no user function,
/// as PostgreSQL answers for an oid that names no function.
Value evaluate_function_definition(const BoundExpr& e, const std::vector<Value>& args);

/// pg_get_functiondef's text for `def` (PostgreSQL 15's layout).
std::string function_definition_text(const FunctionDef& def, ExecContext& ctx);

}  // namespace heliosdb::engine

#pragma once

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

/// CREATE [OR REPLACE] FUNCTION ... LANGUAGE sql, DROP FUNCTION, ALTER
/// FUNCTION ... RENAME TO / OWNER TO / SET SCHEMA (function_ddl.cpp), with
/// PostgreSQL 15's errors. Other languages, procedures, SECURITY DEFINER and
/// SET clauses are 0A000.
QueryResult run_function(const ast::FunctionStmt& statement, ExecContext& ctx);

/// The function COMMENT ON FUNCTION names (42883 / 42725 as PostgreSQL).
FunctionDef function_named(const ast::RoutineName& name, ExecContext& ctx);

}  // namespace heliosdb::engine

#pragma once

#include <optional>
#include <string>

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

/// CREATE [OR REPLACE] FUNCTION ... LANGUAGE sql, DROP FUNCTION, ALTER
/// FUNCTION ... RENAME TO / OWNER TO / SET SCHEMA (function_ddl.cpp), with
/// PostgreSQL 15's errors. Other languages, procedures, SECURITY DEFINER and
/// SET clauses are 0A000.
QueryResult run_function(const ast::FunctionStmt& statement, ExecContext& ctx);

/// Whether an argument, RETURNS TABLE column or the result of `def` is of
/// the enum or domain `type_oid` (or an array of it): DROP TYPE and DROP
/// DOMAIN drop such a function with CASCADE and are refused (2BP01) without.
bool function_uses_type(const FunctionDef& def, std::uint32_t type_oid);

/// The function COMMENT ON FUNCTION names (42883 / 42725 as PostgreSQL).
FunctionDef function_named(const ast::RoutineName& name, ExecContext& ctx);

/// 'name(argtypes)' as regprocedure reads it, with DROP FUNCTION's grammar:
/// the function it names (42883 / 42725), or nullopt when the text is no
/// such signature (the caller's 22P02).
std::optional<FunctionDef> function_by_signature(const std::string& text, ExecContext& ctx);

}  // namespace heliosdb::engine

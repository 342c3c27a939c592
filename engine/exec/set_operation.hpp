#pragma once

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

/// UNION, INTERSECT and EXCEPT [ALL] of two queries, then the ORDER BY
/// written after them (LIMIT and OFFSET are the caller's). Column types
/// resolve as PostgreSQL's UNION does; 42601 if the widths differ.
QueryResult run_set_operation(const ast::SelectStmt& s, ExecContext& ctx);

}  // namespace heliosdb::engine

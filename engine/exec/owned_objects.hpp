#pragma once

#include "engine/ast/statement.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

struct ExecContext;

/// DROP OWNED BY roles [CASCADE]: drops what the roles own, their default
/// privileges, and revokes what was granted to them; REASSIGN OWNED BY
/// roles TO role: gives what they own to the other role. As PostgreSQL 15
/// does them, within the current database (here: branch).
QueryResult run_owned(const ast::OwnedStmt& statement, ExecContext& ctx);

}  // namespace heliosdb::engine

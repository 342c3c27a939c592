#pragma once

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

/// CREATE DOMAIN, DROP DOMAIN [IF EXISTS] ... [CASCADE] (which drops the
/// columns of that domain) and ALTER DOMAIN, with PostgreSQL 15's errors:
/// 42710 for a name taken, 42704 for a domain or constraint there is not,
/// 2BP01 for a domain columns still use, 23502/23514 when ALTER DOMAIN's new
/// NOT NULL or CHECK fails on a stored value. Runs in `ctx`'s transaction.
QueryResult run_domain(const ast::DomainStmt& statement, ExecContext& ctx);

}  // namespace heliosdb::engine

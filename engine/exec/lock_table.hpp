#pragma once

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

/// LOCK TABLE name, ... IN mode MODE [NOWAIT] inside a transaction block
/// (the caller refuses it outside one, 25P01). Checks that each relation
/// exists (42P01) and is a table or view (42809). There are no table-level
/// locks to take: the transaction's snapshot already keeps what it reads of
/// each table (pg_dump's reason for ACCESS SHARE), but a concurrent ALTER or
/// DROP does not wait for the transaction as it would in PostgreSQL.
QueryResult lock_tables(const ast::LockStmt& statement, ExecContext& ctx);

}  // namespace heliosdb::engine

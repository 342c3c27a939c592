#pragma once

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

/// CREATE SCHEMA (with its own CREATE TABLE, VIEW, INDEX and SEQUENCE
/// statements, which make their objects in it), DROP SCHEMA [CASCADE],
/// ALTER SCHEMA ... RENAME TO (of a schema that holds nothing yet) and
/// OWNER TO. The built-in schemas cannot be dropped, renamed or given away.
QueryResult run_schema(const ast::SchemaStmt& statement, ExecContext& ctx);

/// Drops the session's temporary schema and all in it, if it has one: when
/// the session ends, and for DISCARD TEMP.
void drop_temp_schema(ExecContext& ctx);

}  // namespace heliosdb::engine

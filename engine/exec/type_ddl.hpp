#pragma once

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

/// CREATE TYPE ... AS ENUM, DROP TYPE [IF EXISTS] ... [CASCADE] (which drops
/// the columns of that type), and ALTER TYPE ... ADD VALUE, RENAME VALUE,
/// RENAME TO and OWNER TO, with PostgreSQL 15's errors: 42710 for a name or
/// label taken, 42704 for a type there is not, 22023 for a label too long or
/// not there, 2BP01 for a type columns still use. Other kinds of CREATE TYPE
/// are refused by the parser (0A000).
QueryResult run_type(const ast::TypeStmt& statement, ExecContext& ctx);

}  // namespace heliosdb::engine

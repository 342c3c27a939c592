#pragma once

#include <cstdint>
#include <string>

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/query_result.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

// Comments live in the definitions of what they describe (TableDef, its
// columns and indexes, ViewDef, SequenceDef), so they follow renames, go
// with drops and branch with the catalog.

/// COMMENT ON TABLE | VIEW | SEQUENCE | INDEX | COLUMN | TYPE (an enum) ... IS 'text' | NULL.
QueryResult run_comment(const ast::CommentStmt& comment, ExecContext& ctx);

/// obj_description(oid [, catalog]): the comment of the relation `oid`, or NULL.
Value object_description(ExecContext& ctx, std::int64_t oid);
/// col_description(table oid, column number): the comment of that column, or NULL.
Value column_description(ExecContext& ctx, std::int64_t oid, std::int64_t column);
/// obj_description(oid, 'pg_type'): an enum type's comment, NULL for none or another oid.
Value type_description(ExecContext& ctx, std::int64_t oid);
/// obj_description(oid, 'pg_proc'): a user function's comment, NULL for none or another oid.
Value function_description(ExecContext& ctx, std::int64_t oid);

/// obj_description(oid, 'pg_namespace'): initdb's comment on the public
/// schema (COMMENT ON SCHEMA is not kept yet); NULL for any other.
Value schema_description(std::int64_t oid);

/// pg_catalog.pg_description: a row for every comment on a relation or column.
Relation pg_description_relation(const std::string& qualifier, ExecContext& ctx);

}  // namespace heliosdb::engine

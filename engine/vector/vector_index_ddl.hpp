#pragma once

#include "engine/ast/statement.hpp"
#include "engine/catalog/table_def.hpp"
#include "engine/exec/exec_context.hpp"

namespace heliosdb::engine {

/// Whether CREATE INDEX ... USING `method` makes a vector index.
bool is_vector_index_method(const std::string& method);

/// The vector index CREATE INDEX asks for on `table`, checked as pgvector
/// checks it: operator class (42704), column type, WITH options (22023:
/// unknown or out of range; pq_subquantizers must divide the dimension),
/// one column, not UNIQUE (0A000). `name` and `oid` are the caller's.
VectorIndexDef make_vector_index_def(const ast::CreateIndexStmt& create, const TableDef& table);

/// Builds the index over the table's rows, so the statement pays for it
/// rather than the first search.
void build_vector_index(ExecContext& ctx, const TableDef& table, const VectorIndexDef& def);

}  // namespace heliosdb::engine

#pragma once

#include "engine/ast/statement.hpp"
#include "engine/catalog/table_def.hpp"
#include "engine/exec/exec_context.hpp"

namespace heliosdb::engine {

/// Whether CREATE INDEX ... USING `method` makes a vector index.
bool is_vector_index_method(const std::string& method);

/// pg_am rows of the vector index methods. pgvector's come with its
/// extension; ours are built in, in PostgreSQL's development OID range, as
/// the vector type's (sql_type.hpp).
inline constexpr std::pair<std::uint32_t, const char*> kVectorAccessMethods[] = {
    {8102, "hnsw"}, {8103, "ivfflat"}, {8104, "ivfpq"}};
std::uint32_t vector_access_method_oid(const std::string& method);

/// The vector index CREATE INDEX asks for on `table`, checked as pgvector
/// checks it: operator class (42704), column type, WITH options (22023:
/// unknown or out of range; pq_subquantizers must divide the dimension),
/// one column, not UNIQUE (0A000). `name` and `oid` are the caller's.
VectorIndexDef make_vector_index_def(const ast::CreateIndexStmt& create, const TableDef& table);

/// Builds the index over the table's rows, so the statement pays for it
/// rather than the first search.
void build_vector_index(ExecContext& ctx, const TableDef& table, const VectorIndexDef& def);

}  // namespace heliosdb::engine

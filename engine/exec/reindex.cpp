// REINDEX. A btree index's entries are deleted and made again from the
// table's rows (a unique index over rows that no longer fit it fails as
// CREATE UNIQUE INDEX would); a vector index is built again from the rows,
// which drops its superseded entries and retrains a quantizer on the data
// as it is now. A primary key is the table's own row order here: nothing
// to rebuild. CONCURRENTLY builds the same way, without a second copy:
// writers wait for the statement as they do for any other holding the rows.
#include <chrono>
#include <cstdio>

#include "engine/common/db_error.hpp"
#include "engine/exec/constraint_builder.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/statements.hpp"
#include "engine/vector/vector_index_ddl.hpp"

namespace heliosdb::engine {

namespace {

class Reindexer {
 public:
  Reindexer(const ast::ReindexStmt& stmt, ExecContext& ctx, QueryResult& result)
      : stmt_(stmt), ctx_(ctx), result_(result) {}

  void table(const TableDef& table) {
    if (!table.primary_key.empty()) done(table.primary_key_name);
    for (const IndexDef& index : table.indexes) btree(table, index);
    for (const VectorIndexDef& index : table.vector_indexes) vector(table, index);
  }

  void btree(const TableDef& table, const IndexDef& index) {
    if (ctx_.describe_only) return;
    ctx_.catalog.delete_index_entries(index.oid);
    build_index(ctx_, table, index);
    done(index.name);
  }

  void vector(const TableDef& table, const VectorIndexDef& index) {
    if (ctx_.describe_only) return;
    build_vector_index(ctx_, table, index);
    done(index.name);
  }

  // VERBOSE: one INFO per index, as PostgreSQL's reindex_index reports it.
  void done(const std::string& name) {
    if (!stmt_.verbose) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    char detail[96];
    std::snprintf(detail, sizeof detail, "CPU: user: 0.00 s, system: 0.00 s, elapsed: %.2f s", elapsed);
    result_.notices.push_back({"INFO", "00000", "index \"" + name + "\" was reindexed", detail});
    started_ = std::chrono::steady_clock::now();
  }

 private:
  const ast::ReindexStmt& stmt_;
  ExecContext& ctx_;
  QueryResult& result_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

[[noreturn]] void no_relation(const ast::RangeVar& name) {
  throw DbError(
      sqlstate::kUndefinedTable,
      "relation \"" + (name.schema.empty() ? name.name : name.schema + "." + name.name) + "\" does not exist");
}

void reindex_index(const ast::RangeVar& name, ExecContext& ctx, Reindexer& reindexer) {
  const std::string schema = relation_schema(ctx, name.schema, name.name, true);
  if (auto found = ctx.catalog.find_vector_index(schema, name.name)) {
    reindexer.vector(found->first, found->first.vector_indexes[found->second]);
    return;
  }
  if (auto found = ctx.catalog.find_index(schema, name.name)) {
    reindexer.btree(found->first, found->first.indexes[found->second]);
    return;
  }
  for (const TableDef& table : ctx.catalog.tables()) {
    if (table.schema == schema && !table.primary_key.empty() && table.primary_key_name == name.name) {
      reindexer.done(name.name);
      return;
    }
  }
  if (ctx.catalog.find_table(schema, name.name) || ctx.catalog.find_view(schema, name.name) ||
      ctx.catalog.find_sequence(schema, name.name)) {
    throw DbError(sqlstate::kWrongObjectType, "\"" + name.name + "\" is not an index");
  }
  no_relation(name);
}

void reindex_table(const ast::RangeVar& name, ExecContext& ctx, Reindexer& reindexer) {
  const std::string schema = relation_schema(ctx, name.schema, name.name, true);
  if (auto table = ctx.catalog.find_table(schema, name.name)) {
    reindexer.table(*table);
    return;
  }
  if (ctx.catalog.find_view(schema, name.name) || ctx.catalog.find_sequence(schema, name.name) ||
      ctx.catalog.find_index(schema, name.name) || ctx.catalog.find_vector_index(schema, name.name)) {
    throw DbError(sqlstate::kWrongObjectType, "\"" + name.name + "\" is not a table or materialized view");
  }
  no_relation(name);
}

}  // namespace

QueryResult run_reindex(const ast::ReindexStmt& reindex, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "REINDEX";
  Reindexer reindexer(reindex, ctx, result);
  using Kind = ast::ReindexStmt::Kind;
  switch (reindex.kind) {
    case Kind::kIndex:
      reindex_index(reindex.relation, ctx, reindexer);
      break;
    case Kind::kTable:
      reindex_table(reindex.relation, ctx, reindexer);
      break;
    case Kind::kSchema:
      if (!is_builtin_schema(reindex.name) && !ctx.catalog.find_schema(reindex.name)) {
        throw DbError(sqlstate::kInvalidSchemaName, "schema \"" + reindex.name + "\" does not exist");
      }
      for (const TableDef& table : ctx.catalog.tables()) {
        if (table.schema == reindex.name) reindexer.table(table);
      }
      break;
    case Kind::kDatabase:
    case Kind::kSystem:
      // PostgreSQL 15 wants the name, and only of the database it is in.
      if (!reindex.name.empty() && reindex.name != ctx.database_name) {
        throw DbError(sqlstate::kFeatureNotSupported, "can only reindex the currently open database");
      }
      // The system catalogs are built from the catalog's records whenever
      // they are read: SYSTEM has no index of its own to rebuild.
      if (reindex.kind == Kind::kDatabase) {
        for (const TableDef& table : ctx.catalog.tables()) {
          // Other sessions' temporary tables are theirs alone.
          if (table.schema.starts_with("pg_temp_") && table.schema != ctx.temp_schema) continue;
          reindexer.table(table);
        }
      }
      break;
  }
  return result;
}

}  // namespace heliosdb::engine

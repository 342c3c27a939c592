// CREATE TABLE ... AS and SELECT ... INTO: a new table with the query's
// columns (and nothing else: no constraints, defaults or NOT NULL, as in
// PostgreSQL), filled with its rows.
#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/exec/default_privileges.hpp"
#include "engine/exec/materialized_views.hpp"
#include "engine/exec/row_writer.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/statements.hpp"

namespace heliosdb::engine {

std::vector<ColumnDef> columns_of_query(const std::vector<std::string>& names,
                                        const std::vector<ResultColumn>& columns) {
  if (names.size() > columns.size()) throw DbError(sqlstate::kSyntaxError, "too many column names were specified");
  std::vector<ColumnDef> out;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    ColumnDef column;
    column.name = i < names.size() ? names[i] : columns[i].name;
    for (const ColumnDef& before : out) {
      if (before.name == column.name) {
        throw DbError(sqlstate::kDuplicateColumn, "column \"" + column.name + "\" specified more than once");
      }
    }
    // A column of unknown type ('x' AS c) is text, as PostgreSQL 10+ makes it.
    column.type = columns[i].type.id == TypeId::kUnknown ? SqlType{TypeId::kText, -1} : columns[i].type;
    out.push_back(std::move(column));
  }
  return out;
}

void store_unknown_as_text(Row& row) {
  for (Value& v : row) {
    if (v.type() == TypeId::kUnknown) {
      v = v.is_null() ? Value::null(TypeId::kText) : Value::string(TypeId::kText, v.as_string());
    }
  }
}

void create_filled_table(ExecContext& ctx, TableDef def, std::vector<Row>& rows, bool with_data, QueryResult& result) {
  const TableDef table = ctx.catalog.create_table(std::move(def));
  if (!with_data) return;
  RowWriter writer(ctx);
  for (Row& row : rows) {
    store_unknown_as_text(row);
    writer.insert(table, row);
  }
  writer.finish();
  result.rows_affected = rows.size();
  result.command_tag = "SELECT " + std::to_string(result.rows_affected);
}

QueryResult run_create_table_as(const ast::CreateTableAsStmt& create, ExecContext& ctx) {
  if (create.materialized) return run_create_materialized_view(create, ctx);
  QueryResult result;
  result.command_tag = "CREATE TABLE AS";
  TableDef def;
  def.schema = create.temporary ? temp_schema_to_create_in(ctx, create.table) : schema_to_create_in(ctx, create.table);
  def.name = create.table.name;
  if (ctx.catalog.relation_exists(def.schema, def.name)) {
    std::string message = "relation \"" + def.name + "\" already exists";
    if (!create.if_not_exists) throw at(DbError(sqlstate::kDuplicateTable, message), create.table.location);
    result.notices.push_back({"NOTICE", "42P07", message + ", skipping", {}});
    return result;
  }
  QueryResult query = run_select(*create.query, ctx);
  def.columns = columns_of_query(create.columns, query.columns);
  def.primary_key_name = def.name + "_pkey";
  def.owner = actor(ctx).oid;
  def.acl = initial_acl(ctx, AclObject::kTable, def.owner, def.schema);
  create_filled_table(ctx, std::move(def), query.rows, create.with_data, result);
  return result;
}

}  // namespace heliosdb::engine

#include "engine/exec/relation_rename.hpp"

#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/sequence_ddl.hpp"

namespace heliosdb::engine {

namespace {

// A view keeps its query as text, naming relations and columns: until it
// keeps them by oid and place, what another view reads keeps its name.
void refuse_if_read_by_view(ExecContext& ctx, std::uint32_t oid, const std::string& what) {
  for (const ViewDef& view : ctx.catalog.views()) {
    if (std::find(view.reads.begin(), view.reads.end(), oid) != view.reads.end()) {
      throw DbError(sqlstate::kFeatureNotSupported,
                    "not supported yet: renaming " + what + ", which view \"" + view.name + "\" reads");
    }
  }
}

void check_name_free(ExecContext& ctx, const std::string& schema, const std::string& name) {
  if (ctx.catalog.relation_exists(schema, name)) {
    throw DbError(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists");
  }
}

QueryResult tagged(const char* tag) {
  QueryResult result;
  result.command_tag = tag;
  return result;
}

QueryResult rename_view(const ast::RenameStmt& rename, const ViewDef& view, const std::string& schema,
                        ExecContext& ctx) {
  QueryResult result = tagged(rename.object == ast::RenameStmt::Object::kTable ? "ALTER TABLE" : "ALTER VIEW");
  if (!rename.column.empty()) {
    auto at = std::find(view.columns.begin(), view.columns.end(), rename.column);
    if (at == view.columns.end()) {
      throw DbError(sqlstate::kUndefinedColumn, "column \"" + rename.column + "\" does not exist");
    }
    if (std::find(view.columns.begin(), view.columns.end(), rename.new_name) != view.columns.end()) {
      throw DbError(sqlstate::kDuplicateColumn,
                    "column \"" + rename.new_name + "\" of relation \"" + view.name + "\" already exists");
    }
    refuse_if_read_by_view(ctx, view.oid, "a column of view \"" + view.name + "\"");
    ViewDef renamed = view;
    renamed.columns[static_cast<std::size_t>(at - view.columns.begin())] = rename.new_name;
    ctx.catalog.update_view(renamed);
    return result;
  }
  check_name_free(ctx, schema, rename.new_name);
  refuse_if_read_by_view(ctx, view.oid, "view \"" + view.name + "\"");
  ctx.catalog.rename_view(view, rename.new_name);
  return result;
}

// Column defaults name their sequence (nextval('s'::regclass)): the ones
// that draw from it are written again with the new name.
QueryResult rename_sequence(const ast::RenameStmt& rename, const SequenceDef& seq, const std::string& schema,
                            ExecContext& ctx) {
  QueryResult result = tagged(rename.object == ast::RenameStmt::Object::kTable ? "ALTER TABLE" : "ALTER SEQUENCE");
  if (!rename.column.empty()) {
    throw DbError(sqlstate::kWrongObjectType, "\"" + seq.name + "\" is not a table, view, or composite type");
  }
  check_name_free(ctx, schema, rename.new_name);
  SequenceDef renamed = seq;
  renamed.name = rename.new_name;
  for (const TableDef& table : ctx.catalog.tables()) {
    TableDef updated = table;
    bool changed = false;
    for (ColumnDef& column : updated.columns) {
      std::optional<SequenceDef> draws = default_sequence_of(ctx, column);
      if (draws && draws->oid == seq.oid) {
        column.default_expr = nextval_call(renamed);
        changed = true;
      } else if (column.default_expr.find(seq.name) != std::string::npos) {
        throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: renaming sequence \"" + seq.name +
                                                          "\", which the default of column \"" + column.name +
                                                          "\" of table \"" + table.name + "\" names");
      }
    }
    if (changed) ctx.catalog.update_table(table, updated);
  }
  ctx.catalog.rename_sequence(seq, rename.new_name);
  return result;
}

}  // namespace

std::optional<QueryResult> rename_view_or_sequence(const ast::RenameStmt& rename, ExecContext& ctx) {
  using Object = ast::RenameStmt::Object;
  const std::string schema = relation_schema(ctx, rename.table.schema, rename.table.name);
  if (auto view = ctx.catalog.find_view(schema, rename.table.name)) {
    if (rename.object == Object::kSequence || rename.object == Object::kMaterializedView) {
      throw DbError(
          sqlstate::kWrongObjectType,
          "\"" + view->name + "\" is not a " + (rename.object == Object::kSequence ? "sequence" : "materialized view"));
    }
    require_owner(ctx, view->owner, "view", view->name);
    return rename_view(rename, *view, schema, ctx);
  }
  if (auto seq = ctx.catalog.find_sequence(schema, rename.table.name)) {
    if (rename.object == Object::kView || rename.object == Object::kMaterializedView) {
      throw DbError(sqlstate::kWrongObjectType, "\"" + seq->name + "\" is not a " +
                                                    (rename.object == Object::kView ? "view" : "materialized view"));
    }
    require_owner(ctx, seq->owner, "sequence", seq->name);
    return rename_sequence(rename, *seq, schema, ctx);
  }
  if (rename.object == Object::kTable || rename.object == Object::kMaterializedView) return std::nullopt;
  if (ctx.catalog.find_table(schema, rename.table.name)) {
    throw DbError(sqlstate::kWrongObjectType,
                  "\"" + rename.table.name + "\" is not a " + (rename.object == Object::kView ? "view" : "sequence"));
  }
  const std::string message = "relation \"" + rename.table.name + "\" does not exist";
  if (!rename.if_exists) throw DbError(sqlstate::kUndefinedTable, message).at_position(rename.table.location + 1);
  QueryResult result = tagged(rename.object == Object::kView ? "ALTER VIEW" : "ALTER SEQUENCE");
  result.notices.push_back({"NOTICE", "00000", message + ", skipping", {}});
  return result;
}

}  // namespace heliosdb::engine

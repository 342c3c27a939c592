#include "engine/exec/view_definition.hpp"

#include "engine/common/db_error.hpp"
#include "engine/exec/search_path.hpp"

namespace heliosdb::engine {

std::optional<std::string> view_definition(ExecContext& ctx, std::uint32_t oid,
                                           const parser::ViewPrintOptions& options) {
  // A view, or a materialized view: its query, columns and names as made.
  std::string sql;
  std::vector<std::string> columns;
  std::vector<std::string> search_path;
  std::vector<TableWidth> widths;
  if (std::optional<ViewDef> view = ctx.catalog.find_view(oid)) {
    sql = std::move(view->sql);
    columns = std::move(view->columns);
    search_path = std::move(view->search_path);
    widths = std::move(view->table_widths);
  } else if (std::optional<TableDef> table = ctx.catalog.find_table(oid); table && table->materialized) {
    sql = std::move(table->materialized->sql);
    for (ColumnDef& c : table->columns) columns.push_back(std::move(c.name));
    search_path = std::move(table->materialized->search_path);
    widths = std::move(table->materialized->table_widths);
  } else {
    return std::nullopt;
  }
  auto lookup = [&](const std::string& schema, const std::string& name) -> std::optional<parser::ViewRelation> {
    std::string found;
    {
      SearchPathOverride names_as_made(ctx, search_path);
      found = relation_schema(ctx, schema, name);
    }
    parser::ViewRelation relation;
    if (std::optional<TableDef> table = ctx.catalog.find_table(found, name)) {
      // `*` spelt out as it was when the view was made.
      const std::int32_t width = width_of(widths, table->oid);
      for (const ColumnDef& c : table->columns) {
        if (width >= 0 && relation.columns.size() >= static_cast<std::size_t>(width)) break;
        relation.columns.push_back(c.name);
      }
    } else if (std::optional<ViewDef> read = ctx.catalog.find_view(found, name)) {
      relation.columns = read->columns;
    } else {
      return std::nullopt;
    }
    if (!relation_visible(ctx, found, name)) relation.schema_to_print = found;
    return relation;
  };
  return parser::view_definition_text(sql, columns, lookup, options);
}

Value view_definition_or_null(ExecContext& ctx, std::uint32_t oid) {
  try {
    if (std::optional<std::string> text = view_definition(ctx, oid, {})) return Value::string(TypeId::kText, *text);
  } catch (const DbError&) {
    // one it cannot print yet (0A000) is left out rather than failing the whole catalog
  }
  return Value::null(TypeId::kText);
}

}  // namespace heliosdb::engine

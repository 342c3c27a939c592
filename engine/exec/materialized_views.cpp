// Materialized views: tables whose rows only their query writes, run again
// by REFRESH (and by the background refresher, engine/session/matview_refresher).
#include "engine/exec/materialized_views.hpp"

#include <chrono>
#include <unordered_map>

#include "engine/common/db_error.hpp"
#include "engine/exec/default_privileges.hpp"
#include "engine/exec/matview_options.hpp"
#include "engine/exec/privileges.hpp"
#include "engine/exec/row_codec.hpp"
#include "engine/exec/row_writer.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/view_ddl.hpp"
#include "engine/parser/parser.hpp"
#include "engine/vector/index_registry.hpp"

namespace heliosdb::engine {

namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The view's query with its rows, run with its owner's privileges and the
// names it was made with.
QueryResult run_view_query(ExecContext& ctx, const TableDef& view) {
  ActAs as_owner(ctx, owner_oid(view.owner));
  ViewNamesAsMade names_as_made(ctx, view.materialized->search_path, &view.materialized->table_widths);
  return run_select(*matview_query(view), ctx);
}

void mark_refreshed(ExecContext& ctx, const TableDef& view, bool populated) {
  TableDef updated = view;
  updated.materialized->populated = populated;
  updated.materialized->refreshed_scn = ctx.txn.snapshot_scn();
  updated.materialized->refreshed_at = unix_now();
  ctx.catalog.update_table(view, updated);
}

}  // namespace

std::unique_ptr<ast::SelectStmt> matview_query(const TableDef& view) {
  std::vector<ast::Statement> parsed = parser::parse(view.materialized->sql);
  auto* create = parsed.size() == 1 ? std::get_if<ast::CreateTableAsStmt>(&parsed[0].node) : nullptr;
  if (create == nullptr || !create->query) {
    throw DbError(sqlstate::kDataCorrupted, "materialized view \"" + view.name + "\" has an unreadable definition");
  }
  return std::make_unique<ast::SelectStmt>(std::move(*create->query));
}

void refuse_matview_change(const TableDef& table) {
  if (table.materialized) {
    throw DbError(sqlstate::kWrongObjectType, "cannot change materialized view \"" + table.name + "\"");
  }
}

std::optional<TableDef> matview_reading(ExecContext& ctx, std::uint32_t oid) {
  for (TableDef& table : ctx.catalog.tables()) {
    if (!table.materialized) continue;
    const std::vector<std::uint32_t>& reads = table.materialized->reads;
    if (std::find(reads.begin(), reads.end(), oid) != reads.end()) return std::move(table);
  }
  return std::nullopt;
}

std::vector<TableDef> matviews_using_column(ExecContext& ctx, const TableDef& table, int column) {
  std::vector<TableDef> views;
  for (TableDef& t : ctx.catalog.tables()) {
    if (!t.materialized) continue;
    const std::vector<std::uint32_t>& reads = t.materialized->reads;
    if (std::find(reads.begin(), reads.end(), table.oid) != reads.end()) views.push_back(std::move(t));
  }
  std::vector<OutputNames> readers;
  for (const TableDef& view : views) {
    readers.emplace_back([&ctx, &view] {
      // Planned as a refresh runs it, to no rows.
      ActAs as_owner(ctx, owner_oid(view.owner));
      ViewNamesAsMade names_as_made(ctx, view.materialized->search_path, &view.materialized->table_widths);
      std::unique_ptr<ast::SelectStmt> query = matview_query(view);
      query->limit = ast::make_expr(ast::Literal{ast::Literal::Kind::kInteger, "0", 0, false});
      query->offset = nullptr;
      std::vector<std::string> names;
      for (const ResultColumn& c : run_select(*query, ctx).columns) names.push_back(c.name);
      return names;
    });
  }
  std::vector<TableDef> out;
  for (std::size_t i : readers_using_column(ctx, table, column, readers)) out.push_back(views[i]);
  return out;
}

QueryResult run_create_materialized_view(const ast::CreateTableAsStmt& create, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "CREATE MATERIALIZED VIEW";
  MaterializedViewDef mv;
  mv.options = parse_matview_options(create.options);
  TableDef def;
  def.schema = schema_to_create_in(ctx, create.table);
  def.name = create.table.name;
  if (ctx.catalog.relation_exists(def.schema, def.name)) {
    std::string message = "relation \"" + def.name + "\" already exists";
    if (!create.if_not_exists) throw DbError(sqlstate::kDuplicateTable, message);
    result.notices.push_back({"NOTICE", "42P07", message + ", skipping", {}});
    return result;
  }
  mv.sql = create.sql;
  mv.search_path = search_path_schemas(ctx);
  mv.reads = relations_read(*create.query, ctx);
  mv.table_widths = table_widths(mv.reads, ctx);
  for (std::uint32_t oid : mv.reads) {
    auto table = ctx.catalog.find_table(oid);
    if (table && table->schema.starts_with("pg_temp")) {
      throw DbError(sqlstate::kFeatureNotSupported, "materialized views must not use temporary tables or views");
    }
  }
  mv.populated = create.with_data;
  // WITH NO DATA plans the query (its columns, its errors) without running
  // it: what it reads may be a materialized view not populated either.
  QueryResult query;
  {
    const bool describing = ctx.describe_only;
    ctx.describe_only = describing || !create.with_data;
    try {
      query = run_select(*create.query, ctx);
    } catch (...) {
      ctx.describe_only = describing;
      throw;
    }
    ctx.describe_only = describing;
  }
  def.columns = columns_of_query(create.columns, query.columns);
  def.primary_key_name = def.name + "_pkey";
  def.owner = actor(ctx).oid;
  def.acl = initial_acl(ctx, AclObject::kTable, def.owner, def.schema);
  mv.refreshed_scn = ctx.txn.snapshot_scn();
  mv.refreshed_at = create.with_data ? unix_now() : 0;
  def.materialized = std::move(mv);
  create_filled_table(ctx, std::move(def), query.rows, create.with_data, result);
  return result;
}

void refresh_rows(ExecContext& ctx, const TableDef& view, bool by_difference) {
  QueryResult query = run_view_query(ctx, view);
  if (query.columns.size() != view.columns.size()) {
    throw DbError(
        sqlstate::kDataCorrupted,
        "materialized view \"" + view.name + "\" no longer has the columns it was made with; drop and create it again");
  }
  for (Row& row : query.rows) store_unknown_as_text(row);
  RowWriter writer(ctx);
  if (!by_difference) {
    ctx.catalog.delete_rows(view);
    VectorIndexRegistry::of(ctx).forget_table(ctx.txn.branch(), view);
    for (const Row& row : query.rows) writer.insert(view, row);
  } else {
    // Rows match by their stored form: what is in both stays as it is.
    std::unordered_map<std::string, std::size_t> coming;
    std::vector<std::string> encoded;
    encoded.reserve(query.rows.size());
    for (const Row& row : query.rows) {
      encoded.push_back(encode_row(view, row));
      ++coming[encoded.back()];
    }
    std::vector<std::pair<std::string, std::string>> going;  // key, stored row
    {
      storage::Scanner rows = ctx.catalog.scan_rows(view);
      while (rows.next()) {
        auto it = coming.find(std::string(rows.value()));
        if (it != coming.end() && it->second > 0) {
          --it->second;
          continue;
        }
        going.emplace_back(rows.key(), rows.value());
      }
    }
    for (const auto& [key, raw] : going) writer.remove(view, key, decode_row(view, raw));
    for (std::size_t i = 0; i < query.rows.size(); ++i) {
      auto it = coming.find(encoded[i]);
      if (it->second == 0) continue;
      --it->second;
      writer.insert(view, query.rows[i]);
    }
  }
  writer.finish();
  mark_refreshed(ctx, *ctx.catalog.find_table(view.oid), true);
}

QueryResult run_refresh_materialized_view(const ast::RefreshMatViewStmt& refresh, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "REFRESH MATERIALIZED VIEW";
  const ast::RangeVar& name = refresh.name;
  const std::string schema = relation_schema(ctx, name.schema, name.name);
  std::shared_ptr<const TableDef> view = ctx.catalog.table(schema, name.name);
  if (!view && !ctx.catalog.relation_exists(schema, name.name)) {
    throw DbError(sqlstate::kUndefinedTable,
                  "relation \"" + (name.schema.empty() ? "" : name.schema + ".") + name.name + "\" does not exist");
  }
  if (!view || !view->materialized) {
    throw DbError(sqlstate::kFeatureNotSupported, "\"" + name.name + "\" is not a materialized view");
  }
  require_owner(ctx, view->owner, "materialized view", view->name);
  if (refresh.concurrently) {
    if (!view->materialized->populated) {
      throw DbError(sqlstate::kFeatureNotSupported,
                    "CONCURRENTLY cannot be used when the materialized view is not populated");
    }
  }
  if (!refresh.with_data) {
    ctx.catalog.delete_rows(*view);
    VectorIndexRegistry::of(ctx).forget_table(ctx.txn.branch(), *view);
    mark_refreshed(ctx, *view, false);
    return result;
  }
  refresh_rows(ctx, *view, refresh.concurrently || refresh.background);
  return result;
}

}  // namespace heliosdb::engine

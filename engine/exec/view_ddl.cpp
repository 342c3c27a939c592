#include "engine/exec/view_ddl.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "engine/common/db_error.hpp"
#include "engine/exec/default_privileges.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/view_target.hpp"
#include "engine/parser/parser.hpp"

namespace heliosdb::engine {

namespace {

// The schema a statement's existing relation is in.
std::string schema_of(const ast::RangeVar& name, ExecContext& ctx) {
  return relation_schema(ctx, name.schema, name.name, true);
}

// The view's query planned over no rows: its output columns.
QueryResult plan_view_query(const ViewDef& def, ExecContext& ctx) {
  ViewNamesAsMade names_as_made(ctx, def.search_path, &def.table_widths);
  std::unique_ptr<ast::SelectStmt> query = view_query(def);
  query->limit = ast::make_expr(ast::Literal{ast::Literal::Kind::kInteger, "0", 0, false});
  query->offset = nullptr;
  return run_select(*query, ctx);
}

// The output columns of the view's query (names and types).
void set_columns(ViewDef& def, const std::vector<std::string>& aliases, ExecContext& ctx) {
  QueryResult result = plan_view_query(def, ctx);
  if (aliases.size() > result.columns.size()) {
    throw DbError(sqlstate::kSyntaxError, "CREATE VIEW specifies more column names than columns");
  }
  std::vector<std::string>& names = def.columns;
  for (std::size_t i = 0; i < result.columns.size(); ++i) {
    names.push_back(i < aliases.size() ? aliases[i] : result.columns[i].name);
    if (std::count(names.begin(), names.end(), names.back()) > 1) {
      throw DbError(sqlstate::kDuplicateColumn, "column \"" + names.back() + "\" specified more than once");
    }
    // A column of unknown type ('x' AS c) is text, as PostgreSQL 10+ makes it.
    const SqlType type = result.columns[i].type;
    def.types.push_back(type.id == TypeId::kUnknown ? SqlType{TypeId::kText, -1} : type);
  }
}

// The relations of `select`'s FROM into `out` (relations_read).
// `ctes`: the WITH queries in scope, which a plain name means before any table.
void collect_reads(const ast::SelectStmt& select, ExecContext& ctx, std::set<std::uint32_t>& out,
                   std::vector<std::string> ctes) {
  if (select.with) {
    for (const ast::CommonTableExpr& cte : select.with->queries) {
      // A WITH query reads the ones before it (a RECURSIVE one, itself too).
      if (select.with->recursive) ctes.push_back(cte.name);
      if (const auto* body = std::get_if<ast::SelectStmt>(&cte.query->node)) collect_reads(*body, ctx, out, ctes);
      if (!select.with->recursive) ctes.push_back(cte.name);
    }
  }
  if (select.left) collect_reads(*select.left, ctx, out, ctes);
  if (select.right) collect_reads(*select.right, ctx, out, ctes);
  std::function<void(const ast::TableRef&)> visit = [&](const ast::TableRef& ref) {
    if (const auto* range = std::get_if<ast::RangeVar>(&ref.node)) {
      if (range->schema.empty() && std::find(ctes.begin(), ctes.end(), range->name) != ctes.end()) return;
      const std::string schema = schema_of(*range, ctx);
      if (auto table = ctx.catalog.table(schema, range->name)) {
        out.insert(table->oid);
      } else if (auto view = ctx.catalog.find_view(schema, range->name)) {
        out.insert(view->oid);
      }
    } else if (const auto* join = std::get_if<ast::JoinRef>(&ref.node)) {
      visit(*join->left);
      visit(*join->right);
    } else if (const auto* sub = std::get_if<ast::SubqueryRef>(&ref.node)) {
      collect_reads(*sub->select, ctx, out, ctes);
    }
  };
  for (const auto& item : select.from) visit(*item);
}

}  // namespace

std::vector<std::uint32_t> relations_read(const ast::SelectStmt& select, ExecContext& ctx) {
  std::set<std::uint32_t> reads;
  collect_reads(select, ctx, reads, {});
  return {reads.begin(), reads.end()};
}

std::unique_ptr<ast::SelectStmt> view_query(const ViewDef& view) {
  std::vector<ast::Statement> parsed = parser::parse(view.sql);
  auto* create = parsed.size() == 1 ? std::get_if<ast::CreateViewStmt>(&parsed[0].node) : nullptr;
  if (create == nullptr || !create->query) {
    throw DbError(sqlstate::kDataCorrupted, "view \"" + view.name + "\" has an unreadable definition");
  }
  auto query = std::make_unique<ast::SelectStmt>(std::move(*create->query));
  return query;
}

std::vector<TableWidth> table_widths(const std::vector<std::uint32_t>& reads, ExecContext& ctx) {
  std::vector<TableWidth> widths;
  for (std::uint32_t oid : reads) {
    if (auto table = ctx.catalog.find_table(oid))
      widths.push_back({oid, static_cast<std::int32_t>(table->columns.size())});
  }
  return widths;
}

std::vector<std::size_t> readers_using_column(ExecContext& ctx, const TableDef& table, int column,
                                              const std::vector<OutputNames>& readers) {
  // A view is kept as its SQL text, so which columns it reads is learnt by
  // planning it while the column goes by a name no query can write: a view
  // that reads it fails to plan, or (through *) shows another column name.
  std::vector<std::pair<std::size_t, std::vector<std::string>>> readable;
  for (std::size_t i = 0; i < readers.size(); ++i) {
    try {
      readable.emplace_back(i, readers[i]());
    } catch (const DbError&) {
      continue;  // already unreadable: it cannot tell what it reads
    }
  }
  if (readable.empty()) return {};
  TableDef probe = table;
  std::string& name = probe.columns[static_cast<std::size_t>(column)].name;
  name = "\x01hidden " + name;
  ctx.catalog.update_table(table, probe);
  std::vector<std::size_t> out;
  for (const auto& [i, names] : readable) {
    bool uses = false;
    try {
      uses = readers[i]() != names;
    } catch (const DbError&) {
      uses = true;
    }
    if (uses) out.push_back(i);
  }
  ctx.catalog.update_table(probe, table);
  return out;
}

std::vector<ViewDef> views_using_column(ExecContext& ctx, const TableDef& table, int column) {
  std::vector<ViewDef> views;
  std::vector<OutputNames> readers;
  for (ViewDef& view : ctx.catalog.views()) {
    if (std::find(view.reads.begin(), view.reads.end(), table.oid) == view.reads.end()) continue;
    views.push_back(std::move(view));
  }
  for (const ViewDef& view : views) {
    readers.emplace_back([&ctx, &view] {
      std::vector<std::string> names;
      for (const ResultColumn& c : plan_view_query(view, ctx).columns) names.push_back(c.name);
      return names;
    });
  }
  std::vector<ViewDef> out;
  for (std::size_t i : readers_using_column(ctx, table, column, readers)) out.push_back(views[i]);
  return out;
}

QueryResult run_create_view(const ast::CreateViewStmt& create, ExecContext& ctx) {
  ViewDef def;
  def.schema = schema_to_create_in(ctx, create.name);
  def.name = create.name.name;
  def.sql = create.sql;
  def.search_path = search_path_schemas(ctx);
  def.check_option = create.check_option;
  def.owner = actor(ctx).oid;
  def.acl = initial_acl(ctx, AclObject::kTable, def.owner, def.schema);
  if (def.check_option != 0) {
    if (auto reason = ViewTarget::not_updatable_reason(*create.query)) {
      throw DbError(sqlstate::kFeatureNotSupported,
                    "WITH CHECK OPTION is supported only on automatically updatable views")
          .with_hint(*reason);
    }
  }
  std::optional<ViewDef> existing = ctx.catalog.find_view(def.schema, def.name);
  if (!existing && ctx.catalog.relation_exists(def.schema, def.name)) {
    if (create.or_replace) {
      throw DbError(sqlstate::kWrongObjectType, "\"" + def.name + "\" is not a view");
    }
    throw DbError(sqlstate::kDuplicateTable, "relation \"" + def.name + "\" already exists");
  }
  if (existing && !create.or_replace) {
    throw DbError(sqlstate::kDuplicateTable, "relation \"" + def.name + "\" already exists");
  }
  if (existing) require_owner(ctx, existing->owner, "view", existing->name);
  {
    // Making a view reads nothing: who may read through it is checked when it is read.
    ActAs as_bootstrap(ctx, static_cast<std::uint32_t>(kBootstrapSuperuser));
    set_columns(def, create.columns, ctx);
    def.reads = relations_read(*create.query, ctx);
    def.table_widths = table_widths(def.reads, ctx);
  }
  QueryResult result;
  result.command_tag = "CREATE VIEW";
  if (!existing) {
    ctx.catalog.create_view(std::move(def));
    return result;
  }
  // OR REPLACE keeps the columns there were, by name and place, as PostgreSQL does.
  if (def.columns.size() < existing->columns.size()) {
    throw DbError(sqlstate::kInvalidTableDefinition, "cannot drop columns from view");
  }
  for (std::size_t i = 0; i < existing->columns.size(); ++i) {
    if (def.columns[i] != existing->columns[i]) {
      throw DbError(sqlstate::kInvalidTableDefinition,
                    "cannot change name of view column \"" + existing->columns[i] + "\" to \"" + def.columns[i] + "\"")
          .with_hint("Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.");
    }
  }
  def.oid = existing->oid;
  def.owner = existing->owner;
  def.acl = existing->acl;
  def.column_acls = existing->column_acls;  // the columns kept are the same, in place; new ones have none
  ctx.catalog.update_view(def);
  return result;
}

void drop_dependent_views(ExecContext& ctx, std::vector<std::pair<std::uint32_t, std::string>> dropping, bool cascade,
                          std::vector<std::string>& cascaded) {
  // What reads relations: views and materialized views, oldest first (as
  // PostgreSQL's dependency scan meets them).
  struct Reader {
    std::uint32_t oid;
    std::string what;
    const std::vector<std::uint32_t>* reads;
    const ViewDef* view;
    const TableDef* matview;
  };
  const std::vector<ViewDef> views = ctx.catalog.views();
  const std::vector<TableDef> tables = ctx.catalog.tables();
  std::vector<Reader> readers;
  for (const ViewDef& view : views) readers.push_back({view.oid, "view " + view.name, &view.reads, &view, nullptr});
  for (const TableDef& table : tables) {
    if (!table.materialized) continue;
    readers.push_back({table.oid, "materialized view " + table.name, &table.materialized->reads, nullptr, &table});
  }
  std::sort(readers.begin(), readers.end(), [](const Reader& a, const Reader& b) { return a.oid < b.oid; });
  std::set<std::uint32_t> gone;
  for (const auto& [oid, what] : dropping) gone.insert(oid);
  std::vector<const Reader*> dependents;
  std::string detail;
  std::string blocked;  // the first named object something depends on
  // Depth first, as PostgreSQL lists them: a dependent, then what depends on it.
  std::function<void(std::uint32_t, const std::string&)> visit = [&](std::uint32_t oid, const std::string& what) {
    for (const Reader& reader : readers) {
      if (gone.count(reader.oid) > 0) continue;
      if (std::find(reader.reads->begin(), reader.reads->end(), oid) == reader.reads->end()) continue;
      gone.insert(reader.oid);
      detail += (detail.empty() ? "" : "\n") + (reader.what + " depends on " + what);
      dependents.push_back(&reader);
      visit(reader.oid, reader.what);
    }
  };
  for (const auto& [oid, what] : dropping) {
    const std::size_t before = dependents.size();
    visit(oid, what);
    if (blocked.empty() && dependents.size() > before) blocked = what;
  }
  if (dependents.empty()) return;
  if (!cascade) {
    throw DbError(sqlstate::kDependentObjectsStillExist,
                  "cannot drop " + blocked + " because other objects depend on it")
        .with_detail(detail)
        .with_hint("Use DROP ... CASCADE to drop the dependent objects too.");
  }
  for (const Reader* reader : dependents) {
    cascaded.push_back(reader->what);
    if (reader->view != nullptr) {
      ctx.catalog.drop_view(*reader->view);
    } else {
      ctx.catalog.drop_table(*reader->matview);
    }
  }
}

QueryResult run_drop_view(const ast::DropStmt& drop, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "DROP VIEW";
  std::vector<ViewDef> found;
  for (const ast::RangeVar& name : drop.names) {
    const std::string schema = schema_of(name, ctx);
    if (auto view = ctx.catalog.find_view(schema, name.name)) {
      require_owner(ctx, view->owner, "view", view->name);
      found.push_back(*view);
    } else if (ctx.catalog.relation_exists(schema, name.name)) {
      DbError error(sqlstate::kWrongObjectType, "\"" + name.name + "\" is not a view");
      if (auto table = ctx.catalog.find_table(schema, name.name)) {
        error.with_hint(table->materialized ? "Use DROP MATERIALIZED VIEW to remove a materialized view."
                                            : "Use DROP TABLE to remove a table.");
      }
      throw error;
    } else if (drop.if_exists) {
      result.notices.push_back({"NOTICE", "00000", "view \"" + name.name + "\" does not exist, skipping", {}});
    } else {
      throw DbError(sqlstate::kUndefinedTable, "view \"" + name.name + "\" does not exist");
    }
  }
  // All named ones first: one that reads another named one is not a dependent left behind.
  std::vector<std::pair<std::uint32_t, std::string>> dropping;
  for (const ViewDef& view : found) {
    ctx.catalog.drop_view(view);
    dropping.emplace_back(view.oid, "view " + view.name);
  }
  std::vector<std::string> cascaded;
  drop_dependent_views(ctx, std::move(dropping), drop.cascade, cascaded);
  add_drop_cascade_notice(result, cascaded);
  return result;
}

}  // namespace heliosdb::engine

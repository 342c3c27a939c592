// CREATE / DROP EXTENSION over the extensions compiled in: plpgsql and
// pgvector's vector are always there; uuid-ossp is created per database (or
// branch), and its functions resolve only after that, in its schema, as in
// PostgreSQL, so a schema that uses them dumps and restores into PostgreSQL
// with its CREATE EXTENSION.
#include "engine/exec/extensions.hpp"

#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/common/identifier.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/statements.hpp"

namespace heliosdb::engine {

namespace {

// plpgsql's oid in PostgreSQL 15's initdb.
constexpr std::int64_t kPlpgsqlExtension = 13559;
constexpr std::int64_t kPgCatalogNamespace = 11;

const AvailableExtension* find_available(std::string_view name) {
  for (const AvailableExtension& ext : available_extensions()) {
    if (ext.name == name) return &ext;
  }
  return nullptr;
}

std::int64_t acting_role_oid(ExecContext& ctx) {
  if (std::optional<RoleDef> me = ctx.catalog.find_role(ctx.user_name)) return me->oid;
  return kBootstrapSuperuser;
}

// The schema CREATE EXTENSION puts it in: SCHEMA's, else the first that
// exists on the search path (3F000 for neither).
std::string schema_to_create_in(const ast::ExtensionStmt& s, ExecContext& ctx) {
  if (!s.schema.empty()) {
    if (!namespace_oid(ctx.catalog, s.schema)) {
      throw DbError(sqlstate::kUndefinedSchema, "schema \"" + s.schema + "\" does not exist");
    }
    return s.schema;
  }
  for (const std::string& schema : search_path_schemas(ctx)) {
    if (schema != "pg_catalog" && !schema.starts_with("pg_temp")) return schema;
  }
  throw DbError(sqlstate::kInvalidSchemaName, "no schema has been selected to create in");
}

QueryResult create_extension(const ast::ExtensionStmt& s, ExecContext& ctx) {
  QueryResult result;
  const std::string& name = s.names.at(0);
  const AvailableExtension* ext = find_available(name);
  if (ext == nullptr) {
    std::string names;
    for (const AvailableExtension& a : available_extensions())
      names += (names.empty() ? "" : ", ") + std::string(a.name);
    throw DbError(sqlstate::kFeatureNotSupported, "extension \"" + name + "\" is not available")
        .with_hint("The extensions built into HeliosDB-Lite are " + names + ".");
  }
  if (!s.version.empty() && s.version != ext->version) {
    throw DbError(
        sqlstate::kInvalidParameterValue,
        "extension \"" + name + "\" has no installation script nor update path for version \"" + s.version + "\"");
  }
  result.command_tag = "CREATE EXTENSION";
  const bool exists = ext->builtin_oid != 0 || ctx.catalog.find_extension(name).has_value();
  if (exists && s.if_not_exists) {
    result.notices.push_back({"NOTICE", std::string(sqlstate::kDuplicateObject.code()),
                              "extension \"" + name + "\" already exists, skipping", ""});
    return result;
  }
  // pgvector's guides all begin with CREATE EXTENSION vector: here its type
  // and operators are always there, so that succeeds (once or again).
  if (ext->name == "vector") return result;
  if (exists) throw DbError(sqlstate::kDuplicateObject, "extension \"" + name + "\" already exists");
  ExtensionDef def;
  def.name = name;
  def.schema = schema_to_create_in(s, ctx);
  def.version = std::string(ext->version);
  def.owner = acting_role_oid(ctx);
  ctx.catalog.create_extension(std::move(def));
  return result;
}

// Where `sql` calls `function`: the call's start (at its schema, if
// qualified) and the name's. A word of its own followed by "(", outside
// string literals.
struct CallSite {
  std::size_t start = 0;
  std::size_t name = 0;
};

std::vector<CallSite> calls_of(std::string_view sql, std::string_view function) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$'; };
  std::vector<CallSite> out;
  bool quoted = false;
  for (std::size_t at = 0; at < sql.size(); ++at) {
    if (sql[at] == '\'') quoted = !quoted;
    if (quoted || sql.compare(at, function.size(), function) != 0) continue;
    if (at > 0 && word(sql[at - 1])) continue;
    std::size_t next = at + function.size();
    while (next < sql.size() && sql[next] == ' ') ++next;
    if (next >= sql.size() || sql[next] != '(') continue;
    CallSite call{at, at};
    if (at > 1 && sql[at - 1] == '.') {
      std::size_t schema = at - 1;
      if (sql[schema - 1] == '"') {
        const std::size_t open = sql.rfind('"', schema - 2);
        if (open != std::string_view::npos) call.start = open;
      } else {
        while (schema > 0 && word(sql[schema - 1])) --schema;
        call.start = schema;
      }
    }
    out.push_back(call);
  }
  return out;
}

// The column defaults that call the extension's functions, as PostgreSQL's
// DETAIL names them.
std::vector<std::string> dependents(const AvailableExtension& ext, ExecContext& ctx) {
  std::vector<std::string> out;
  for (const TableDef& table : ctx.catalog.tables()) {
    for (const ColumnDef& column : table.columns) {
      for (std::string_view function : ext.functions) {
        if (calls_of(column.default_expr, function).empty()) continue;
        out.push_back("default value for column " + column.name + " of table " + table.name + " depends on function " +
                      std::string(function) + "()");
        break;
      }
    }
  }
  return out;
}

QueryResult drop_extensions(const ast::ExtensionStmt& s, ExecContext& ctx) {
  QueryResult result;
  std::vector<std::pair<const AvailableExtension*, ExtensionDef>> dropping;
  for (const std::string& name : s.names) {
    const AvailableExtension* ext = find_available(name);
    if (ext != nullptr && ext->builtin_oid != 0) {
      throw DbError(sqlstate::kFeatureNotSupported, "extension \"" + name + "\" is built in and cannot be dropped");
    }
    std::optional<ExtensionDef> def = ctx.catalog.find_extension(name);
    if (!def) {
      if (!s.if_exists) throw DbError(sqlstate::kUndefinedObject, "extension \"" + name + "\" does not exist");
      result.notices.push_back({"NOTICE", "00000", "extension \"" + name + "\" does not exist, skipping", ""});
      continue;
    }
    dropping.emplace_back(ext, std::move(*def));
  }
  for (const auto& [ext, def] : dropping) {
    const std::vector<std::string> uses = ext != nullptr ? dependents(*ext, ctx) : std::vector<std::string>{};
    if (!uses.empty() && s.cascade) {
      throw DbError(sqlstate::kFeatureNotSupported,
                    "not supported yet: DROP EXTENSION ... CASCADE of column defaults that use it")
          .with_detail(uses.front());
    }
    if (!uses.empty()) {
      std::string detail;
      for (const std::string& use : uses) detail += (detail.empty() ? "" : "\n") + use;
      throw DbError(sqlstate::kDependentObjectsStillExist,
                    "cannot drop extension " + def.name + " because other objects depend on it")
          .with_detail(detail)
          .with_hint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    ctx.catalog.drop_extension(def);
  }
  result.command_tag = "DROP EXTENSION";
  return result;
}

}  // namespace

const std::vector<AvailableExtension>& available_extensions() {
  static const std::vector<AvailableExtension> kAll = {
      {"plpgsql", "1.0", "PL/pgSQL procedural language", kPlpgsqlExtension, "pg_catalog", {}},
      {"uuid-ossp",
       "1.1",
       "generate universally unique identifiers (UUIDs)",
       0,
       "",
       {"uuid_nil", "uuid_ns_dns", "uuid_ns_url", "uuid_ns_oid", "uuid_ns_x500", "uuid_generate_v1",
        "uuid_generate_v1mc", "uuid_generate_v3", "uuid_generate_v4", "uuid_generate_v5"}},
      // 0.5.0: the first pgvector release with hnsw, whose interface ours follows.
      {"vector", "0.5.0", "vector data type and ivfflat and hnsw access methods", kVectorExtension, "public", {}},
  };
  return kAll;
}

const AvailableExtension* extension_of_function(std::string_view name) {
  for (const AvailableExtension& ext : available_extensions()) {
    if (std::find(ext.functions.begin(), ext.functions.end(), name) != ext.functions.end()) return &ext;
  }
  return nullptr;
}

bool extension_functions_visible(ExecContext& ctx, const AvailableExtension& ext, const std::string* schema) {
  const std::optional<ExtensionDef> def = ctx.catalog.find_extension(ext.name);
  if (!def) return false;
  if (schema != nullptr) return *schema == def->schema;
  const std::vector<std::string> path = search_path_schemas(ctx);
  return std::find(path.begin(), path.end(), def->schema) != path.end();
}

std::vector<ExtensionDef> installed_extensions(ExecContext& ctx) {
  std::vector<ExtensionDef> out;
  for (const AvailableExtension& ext : available_extensions()) {
    if (ext.builtin_oid == 0) continue;
    out.push_back({static_cast<std::uint32_t>(ext.builtin_oid), std::string(ext.name), std::string(ext.builtin_schema),
                   std::string(ext.version), kBootstrapSuperuser});
  }
  for (ExtensionDef& def : ctx.catalog.extensions()) out.push_back(std::move(def));
  return out;
}

std::string show_extension_calls(std::string sql, ExecContext& ctx) {
  if (sql.find('(') == std::string::npos) return sql;
  const std::vector<ExtensionDef> created = ctx.catalog.extensions();
  if (created.empty()) return sql;
  const std::vector<std::string> path = search_path_schemas(ctx);
  for (const ExtensionDef& def : created) {
    const AvailableExtension* ext = find_available(def.name);
    if (ext == nullptr) continue;
    const bool visible = std::find(path.begin(), path.end(), def.schema) != path.end();
    const std::string prefix = visible ? "" : quote_identifier(def.schema) + ".";
    for (std::string_view function : ext->functions) {
      const std::vector<CallSite> calls = calls_of(sql, function);
      for (auto call = calls.rbegin(); call != calls.rend(); ++call) {
        sql.replace(call->start, call->name - call->start, prefix);
      }
    }
  }
  return sql;
}

std::optional<std::string> extension_comment(ExecContext& ctx, std::int64_t oid) {
  for (const ExtensionDef& def : installed_extensions(ctx)) {
    if (def.oid != oid) continue;
    if (const AvailableExtension* ext = find_available(def.name)) return std::string(ext->comment);
  }
  return std::nullopt;
}

QueryResult run_extension(const ast::ExtensionStmt& s, ExecContext& ctx) {
  return s.kind == ast::ExtensionStmt::Kind::kCreate ? create_extension(s, ctx) : drop_extensions(s, ctx);
}

}  // namespace heliosdb::engine

#include "engine/exec/search_path.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "engine/common/db_error.hpp"
#include "engine/common/identifier.hpp"
#include "engine/exec/catalog_object_names.hpp"
#include "engine/exec/catalog_row_oids.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/session/settings.hpp"

namespace heliosdb::engine {

namespace {

struct BuiltinSchema {
  std::int64_t oid;
  const char* name;
};

// In pg_namespace's order, as initdb leaves it.
constexpr BuiltinSchema kBuiltinSchemas[] = {{kPgToastNamespace, "pg_toast"},
                                             {kPgCatalogNamespace, "pg_catalog"},
                                             {kPublicNamespace, "public"},
                                             {kInformationSchemaNamespace, "information_schema"}};

bool is_system_schema(std::string_view name) { return name == "pg_catalog" || name == "information_schema"; }

bool schema_exists(Catalog& catalog, std::string_view name) {
  return is_builtin_schema(name) || catalog.find_schema(name).has_value();
}

// Whether `schema` has a table, view or sequence (or index) called `name`:
// the three keyed lookups first, as they answer nearly every statement.
bool has_relation(Catalog& catalog, const std::string& schema, const std::string& name, bool indexes) {
  if (catalog.table(schema, name) || catalog.find_view(schema, name) || catalog.find_sequence(schema, name)) {
    return true;
  }
  return indexes && catalog.relation_exists(schema, name);
}

}  // namespace

std::vector<std::pair<std::int64_t, std::string>> namespace_list() {
  std::vector<std::pair<std::int64_t, std::string>> out;
  for (const BuiltinSchema& s : kBuiltinSchemas) out.emplace_back(s.oid, s.name);
  return out;
}

std::vector<std::pair<std::int64_t, std::string>> namespace_list(Catalog& catalog) {
  std::vector<std::pair<std::int64_t, std::string>> out = namespace_list();
  for (const SchemaDef& s : catalog.schemas()) out.emplace_back(s.oid, s.name);
  return out;
}

std::optional<std::int64_t> namespace_oid(Catalog& catalog, std::string_view name) {
  for (const BuiltinSchema& s : kBuiltinSchemas) {
    if (name == s.name) return s.oid;
  }
  if (auto def = catalog.find_schema(name)) return def->oid;
  return std::nullopt;
}

bool is_builtin_schema(std::string_view name) {
  return std::any_of(std::begin(kBuiltinSchemas), std::end(kBuiltinSchemas),
                     [&](const BuiltinSchema& s) { return name == s.name; });
}

std::vector<std::string> split_search_path(std::string_view value) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && (std::isspace(static_cast<unsigned char>(value[i])) != 0 || value[i] == ',')) ++i;
    if (i >= value.size()) break;
    std::string entry;
    if (value[i] == '"') {
      // "a""b" is a"b, as in any quoted identifier.
      for (++i; i < value.size(); ++i) {
        if (value[i] == '"') {
          if (i + 1 < value.size() && value[i + 1] == '"') {
            entry += '"';
            ++i;
            continue;
          }
          ++i;
          break;
        }
        entry += value[i];
      }
    } else {
      for (; i < value.size() && value[i] != ',' && std::isspace(static_cast<unsigned char>(value[i])) == 0; ++i) {
        entry += static_cast<char>(std::tolower(static_cast<unsigned char>(value[i])));
      }
    }
    out.push_back(std::move(entry));
    while (i < value.size() && value[i] != ',') ++i;
  }
  return out;
}

namespace {

// Read for every statement: no copy.
std::string_view search_path_setting(ExecContext& ctx) {
  return ctx.settings != nullptr ? ctx.settings->current("search_path") : "\"$user\", public";
}

bool temp_schema_exists(ExecContext& ctx) {
  return !ctx.temp_schema.empty() && ctx.catalog.find_schema(ctx.temp_schema).has_value();
}

// The search path as the statement reads it, worked out once per setting
// (and kept by the session's memo while the catalog stays the same).
const ExecContext::SearchPath& cached_path(ExecContext& ctx) {
  const std::string_view value = search_path_setting(ctx);
  if (ctx.search_path && ctx.search_path->setting == value) return *ctx.search_path;
  CatalogMemo* memo = ctx.catalog.memo();
  if (memo != nullptr && memo->search_path && memo->search_path->setting == value &&
      memo->search_path_user == ctx.user_name && memo->search_path_temp_schema == ctx.temp_schema) {
    ctx.search_path = memo->search_path;
    return *ctx.search_path;
  }
  ExecContext::SearchPath path{std::string(value), {}, temp_schema_exists(ctx)};
  for (std::string entry : split_search_path(value)) {
    if (entry == "$user") entry = ctx.user_name;
    // pg_temp is searched first wherever it is written (we do not place it).
    if (entry == "pg_temp") continue;
    if (schema_exists(ctx.catalog, entry) &&
        std::find(path.schemas.begin(), path.schemas.end(), entry) == path.schemas.end()) {
      path.schemas.push_back(std::move(entry));
    }
  }
  ctx.search_path = std::make_shared<const ExecContext::SearchPath>(std::move(path));
  if (memo != nullptr) {
    memo->search_path = ctx.search_path;
    memo->search_path_user = ctx.user_name;
    memo->search_path_temp_schema = ctx.temp_schema;
  }
  return *ctx.search_path;
}

// Where a name without a schema is looked for: the session's temporary
// schema first, if it has one, then the search path.
std::vector<std::string> lookup_schemas(ExecContext& ctx) {
  const ExecContext::SearchPath& path = cached_path(ctx);
  std::vector<std::string> out;
  if (path.temp_exists) out.push_back(ctx.temp_schema);
  out.insert(out.end(), path.schemas.begin(), path.schemas.end());
  return out;
}

}  // namespace

SearchPathOverride::SearchPathOverride(ExecContext& ctx, const std::vector<std::string>& schemas)
    : ctx_(ctx), active_(!schemas.empty()) {
  if (!active_) return;
  saved_ = std::exchange(ctx.search_path, nullptr);
  // Cached under the session's setting, so every lookup finds these schemas.
  ctx.search_path = std::make_shared<const ExecContext::SearchPath>(
      ExecContext::SearchPath{std::string(search_path_setting(ctx)), schemas, temp_schema_exists(ctx)});
}

SearchPathOverride::~SearchPathOverride() {
  if (active_) ctx_.search_path = std::move(saved_);
}

std::vector<std::string> search_path_schemas(ExecContext& ctx) { return cached_path(ctx).schemas; }

bool has_temp_schema(ExecContext& ctx) { return cached_path(ctx).temp_exists; }

std::string temp_schema_to_create_in(ExecContext& ctx, const ast::RangeVar& name) {
  if (!name.schema.empty() && name.schema != "pg_temp" && name.schema != ctx.temp_schema) {
    throw at(DbError(sqlstate::kInvalidTableDefinition, "cannot create temporary relation in non-temporary schema"),
             name.location);
  }
  if (ctx.temp_schema.empty()) {
    throw at(DbError(sqlstate::kFeatureNotSupported, "not supported yet: temporary tables outside a session"),
             name.location);
  }
  if (!ctx.catalog.find_schema(ctx.temp_schema)) {
    ctx.catalog.create_schema({0, ctx.temp_schema, kBootstrapSuperuser, std::nullopt});
    ctx.search_path.reset();
  }
  if (ctx.temp_schema_used != nullptr) *ctx.temp_schema_used = true;
  return ctx.temp_schema;
}

std::string schema_to_create_in(ExecContext& ctx, const ast::RangeVar& name) {
  if (name.schema == "pg_temp") return temp_schema_to_create_in(ctx, name);
  const int location = name.location;
  std::string target = name.schema;
  if (target.empty()) {
    const std::vector<std::string> path = search_path_schemas(ctx);
    if (path.empty()) {
      throw at(DbError(sqlstate::kUndefinedSchema, "no schema has been selected to create in"), location);
    }
    target = path.front();
  } else if (!schema_exists(ctx.catalog, target)) {
    throw at(DbError(sqlstate::kUndefinedSchema, "schema \"" + target + "\" does not exist"), location);
  }
  if (target == "pg_catalog") {
    throw DbError(sqlstate::kInsufficientPrivilege, "permission denied to create \"pg_catalog." + name.name + "\"")
        .with_detail("System catalog modifications are currently disallowed.");
  }
  if (is_system_schema(target)) {
    throw at(DbError(sqlstate::kFeatureNotSupported, "not supported yet: objects made in schema " + target), location);
  }
  require_schema_privileges(ctx, target, privilege::kCreate);
  return target;
}

ast::RangeVar object_to_create(ExecContext& ctx, const std::vector<std::string>& names, std::string_view kind) {
  if (names.size() > 2) {
    throw DbError(sqlstate::kFeatureNotSupported,
                  "cross-database references are not implemented: " + written_name(names));
  }
  ast::RangeVar place;
  place.schema = names.size() > 1 ? names[0] : "";
  place.name = names.back();
  if (place.schema == "pg_temp") {
    throw DbError(sqlstate::kFeatureNotSupported,
                  "not supported yet: " + std::string(kind) + " in the temporary schema");
  }
  place.schema = schema_to_create_in(ctx, place);
  return place;
}

namespace {

bool held_schema_usage(ExecContext& ctx, const std::string& schema) {
  const SchemaAccess access = schema_access(ctx, schema);
  return held_privileges(ctx, AclObject::kSchema, access.acl, access.owner, privilege::kUsage) != 0;
}

}  // namespace

std::string relation_schema(ExecContext& ctx, const std::string& schema, const std::string& name, bool indexes) {
  if (schema == "pg_temp" && !ctx.temp_schema.empty()) return ctx.temp_schema;
  if (!schema.empty()) {
    // A schema named outright must be usable (LookupExplicitNamespace).
    if (!actor(ctx).superuser && schema_exists(ctx.catalog, schema)) {
      require_schema_privileges(ctx, schema, privilege::kUsage);
    }
    return schema;
  }
  // lookup_schemas() without its copy: this runs for every table a statement names.
  const ExecContext::SearchPath& path = cached_path(ctx);
  const std::size_t count = path.schemas.size() + (path.temp_exists ? 1 : 0);
  auto nth = [&](std::size_t i) -> const std::string& {
    if (path.temp_exists) return i == 0 ? ctx.temp_schema : path.schemas[i - 1];
    return path.schemas[i];
  };
  if (count == 1) return nth(0);
  for (std::size_t i = 0; i < count; ++i) {
    const std::string& s = nth(i);
    // The search path leaves out the schemas the role may not use.
    if (!is_system_schema(s) && has_relation(ctx.catalog, s, name, indexes) &&
        (actor(ctx).superuser || held_schema_usage(ctx, s))) {
      return s;
    }
  }
  // No schema has it: the first one, where the caller's lookup fails in turn.
  return count == 0 ? std::string() : nth(0);
}

bool relation_visible(ExecContext& ctx, const std::string& schema, const std::string& name) {
  if (schema == "pg_catalog") return true;
  const std::vector<std::string> path = lookup_schemas(ctx);
  return std::find(path.begin(), path.end(), schema) != path.end() && relation_schema(ctx, "", name, true) == schema;
}

std::optional<bool> relation_oid_visible(ExecContext& ctx, std::uint32_t oid) {
  Catalog& catalog = ctx.catalog;
  if (auto t = catalog.find_table(oid)) return relation_visible(ctx, t->schema, t->name);
  if (auto v = catalog.find_view(oid)) return relation_visible(ctx, v->schema, v->name);
  if (auto s = catalog.find_sequence(oid)) return relation_visible(ctx, s->schema, s->name);
  for (const TableDef& t : catalog.tables()) {
    for (const IndexDef& i : t.indexes) {
      if (i.oid == oid) return relation_visible(ctx, t.schema, i.name);
    }
    for (const VectorIndexDef& i : t.vector_indexes) {
      if (i.oid == oid) return relation_visible(ctx, t.schema, i.name);
    }
    if (!t.primary_key.empty() && primary_key_index_oid(t) == oid) {
      return relation_visible(ctx, t.schema, t.primary_key_name);
    }
  }
  return std::nullopt;
}

std::string visible_relation_name(ExecContext& ctx, const std::string& schema, const std::string& name) {
  return relation_visible(ctx, schema, name) ? quote_identifier(name)
                                             : quote_identifier(schema) + "." + quote_identifier(name);
}

}  // namespace heliosdb::engine

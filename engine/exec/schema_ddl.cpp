#include "engine/exec/schema_ddl.hpp"

#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/exec/default_privileges.hpp"
#include "engine/exec/domain_checks.hpp"
#include "engine/exec/domain_ddl.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/role_membership.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/sql_function_call.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/type_ddl.hpp"
#include "engine/exec/view_ddl.hpp"

namespace heliosdb::engine {

namespace {

using Kind = ast::SchemaStmt::Kind;

SchemaDef existing_schema(const std::string& name, ExecContext& ctx) {
  if (auto def = ctx.catalog.find_schema(name)) return *def;
  throw DbError(sqlstate::kUndefinedSchema, "schema \"" + name + "\" does not exist");
}

[[noreturn]] void builtin_refused(const std::string& name, const std::string& what) {
  if (name == "public") throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: " + what + " schema public");
  throw DbError(sqlstate::kDependentObjectsStillExist,
                "cannot " + what + " schema " + name + " because it is required by the database system");
}

void check_new_name(const std::string& name) {
  if (name.starts_with("pg_")) {
    throw DbError(sqlstate::kReservedName, "unacceptable schema name \"" + name + "\"")
        .with_detail("The prefix \"pg_\" is reserved for system schemas.");
  }
}

// The name an element of CREATE SCHEMA makes its object under: the new
// schema's, which it may also spell out (42P15 for another).
void place_in(ast::RangeVar& name, const std::string& schema) {
  if (!name.schema.empty() && name.schema != schema) {
    throw DbError(sqlstate::kInvalidSchemaDefinition, "CREATE specifies a schema (" + name.schema +
                                                          ") different from the one being created (" + schema + ")");
  }
  name.schema = schema;
}

void run_element(ast::Statement& element, const std::string& schema, ExecContext& ctx) {
  std::visit(
      [&](auto& node) {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, ast::CreateTableStmt>) {
          place_in(node.table, schema);
          run_create_table(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::CreateViewStmt>) {
          place_in(node.name, schema);
          run_create_view(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::CreateIndexStmt>) {
          place_in(node.table, schema);
          run_create_index(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::SequenceStmt>) {
          place_in(node.name, schema);
          run_sequence(node, ctx);
        } else {
          throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: this statement in CREATE SCHEMA");
        }
      },
      element.node);
}

QueryResult create_schema(const ast::SchemaStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "CREATE SCHEMA";
  SchemaDef def;
  require_database_privileges(ctx, privilege::kCreate);
  def.owner = role_oid(statement.role, ctx);
  if (!actor(ctx).superuser && !reaches_role(ctx.catalog, actor(ctx).oid, owner_oid(def.owner), false)) {
    throw DbError(sqlstate::kInsufficientPrivilege, "must be member of role \"" + role_name(ctx, def.owner) + "\"");
  }
  // CREATE SCHEMA AUTHORIZATION joe is schema joe.
  def.name = !statement.names.empty() ? statement.names.front() : role_name(ctx, def.owner);
  check_new_name(def.name);
  if (is_builtin_schema(def.name) || ctx.catalog.find_schema(def.name)) {
    std::string message = "schema \"" + def.name + "\" already exists";
    if (!statement.if_not_exists) throw DbError(sqlstate::kDuplicateSchema, message);
    result.notices.push_back({"NOTICE", "42P06", message + ", skipping", {}});
    return result;
  }
  def.acl = initial_acl(ctx, AclObject::kSchema, owner_oid(def.owner), "");
  ctx.catalog.create_schema(def);
  if (statement.elements.empty()) return result;
  // The elements see the new schema alone, as in PostgreSQL: their names
  // (a view's too) are looked up and made there.
  SearchPathOverride only_new_schema(ctx, {def.name});
  for (const auto& element : statement.elements) run_element(*element, def.name, ctx);
  return result;
}

// What DROP SCHEMA takes along, in the order they were made: its tables
// (with their indexes and their own sequences), views, other sequences and
// enum types, each named as the search path would find it.
struct SchemaContents {
  std::vector<TableDef> tables;
  std::vector<ViewDef> views;
  std::vector<SequenceDef> sequences;
  std::vector<EnumDef> types;
  std::vector<DomainDef> domains;
  std::vector<FunctionDef> functions;
  std::vector<ExtensionDef> extensions;
  std::vector<std::pair<std::uint32_t, std::string>> described;  ///< (oid, "table s.t")
};

SchemaContents contents_of(const std::string& schema, ExecContext& ctx) {
  SchemaContents out;
  std::vector<std::uint32_t> owners;
  for (TableDef& t : ctx.catalog.tables()) {
    if (t.schema != schema) continue;
    owners.push_back(t.oid);
    out.described.emplace_back(t.oid, std::string(t.kind_name()) + " " + visible_relation_name(ctx, schema, t.name));
    out.tables.push_back(std::move(t));
  }
  for (ViewDef& v : ctx.catalog.views()) {
    if (v.schema != schema) continue;
    out.described.emplace_back(v.oid, "view " + visible_relation_name(ctx, schema, v.name));
    out.views.push_back(std::move(v));
  }
  for (SequenceDef& s : ctx.catalog.sequences()) {
    if (s.schema != schema) continue;
    // A serial's sequence goes with its table, unnamed.
    if (std::find(owners.begin(), owners.end(), s.owner_table) != owners.end()) continue;
    out.described.emplace_back(s.oid, "sequence " + visible_relation_name(ctx, schema, s.name));
    out.sequences.push_back(std::move(s));
  }
  for (EnumDef& e : ctx.catalog.enums()) {
    if (e.schema != schema) continue;
    out.described.emplace_back(e.oid, "type " + type_display_name({TypeId::kEnum, -1, e.oid}));
    out.types.push_back(std::move(e));
  }
  for (DomainDef& d : ctx.catalog.domains()) {
    if (d.schema != schema) continue;
    out.described.emplace_back(d.oid, "type " + domain_display_name(d));
    out.domains.push_back(std::move(d));
  }
  for (FunctionDef& f : ctx.catalog.functions()) {
    if (f.schema != schema) continue;
    out.described.emplace_back(f.oid, "function " + function_signature_text(schema + "." + f.name, [&] {
                                        std::vector<SqlType> types;
                                        for (const FunctionDef::Arg* a : f.inputs()) types.push_back(a->type);
                                        return types;
                                      }()));
    out.functions.push_back(std::move(f));
  }
  for (ExtensionDef& x : ctx.catalog.extensions()) {
    if (x.schema != schema) continue;
    out.described.emplace_back(x.oid, "extension " + x.name);
    out.extensions.push_back(std::move(x));
  }
  std::sort(out.described.begin(), out.described.end());
  return out;
}

ast::DropStmt drop_of(ast::DropStmt::Object object, const std::string& schema, std::vector<std::string> names) {
  ast::DropStmt drop;
  drop.object = object;
  drop.cascade = true;
  for (std::string& name : names) {
    ast::RangeVar range;
    range.schema = schema;
    range.name = std::move(name);
    drop.names.push_back(std::move(range));
  }
  return drop;
}

void drop_contents(const std::string& schema, SchemaContents& contents, QueryResult& result, ExecContext& ctx) {
  std::vector<std::string> cascaded;
  for (const auto& [oid, what] : contents.described) cascaded.push_back(what);
  add_drop_cascade_notice(result, cascaded);
  // What reaches outside the schema (views reading its tables, foreign keys
  // into them) is dropped by each kind's own DROP ... CASCADE, which names it.
  auto keep_notices = [&](const QueryResult& r) {
    result.notices.insert(result.notices.end(), r.notices.begin(), r.notices.end());
  };
  // Whoever owns them: the schema's owner drops what is in it (as PostgreSQL's dependencies do).
  ActAs as_bootstrap(ctx, static_cast<std::uint32_t>(kBootstrapSuperuser));
  auto names = [](const auto& defs) {
    std::vector<std::string> out;
    for (const auto& d : defs) out.push_back(d.name);
    return out;
  };
  // Functions first: nothing of ours records what their bodies name.
  for (const FunctionDef& f : contents.functions) ctx.catalog.drop_function(f);
  if (!contents.views.empty()) {
    keep_notices(run_drop_view(drop_of(ast::DropStmt::Object::kView, schema, names(contents.views)), ctx));
  }
  // Materialized views before the tables they read.
  for (const bool materialized : {true, false}) {
    std::vector<TableDef> tables;
    for (const TableDef& t : contents.tables) {
      if (t.is_materialized_view() == materialized) tables.push_back(t);
    }
    if (tables.empty()) continue;
    const auto object = materialized ? ast::DropStmt::Object::kMaterializedView : ast::DropStmt::Object::kTable;
    keep_notices(run_drop(drop_of(object, schema, names(tables)), ctx));
  }
  if (!contents.extensions.empty()) {
    // After the schema's tables, whose defaults may call its functions; one
    // called from elsewhere still refuses (2BP01).
    ast::ExtensionStmt drop;
    drop.kind = ast::ExtensionStmt::Kind::kDrop;
    drop.names = names(contents.extensions);
    keep_notices(run_extension(drop, ctx));
  }
  if (!contents.sequences.empty()) {
    keep_notices(run_drop_sequence(drop_of(ast::DropStmt::Object::kSequence, schema, names(contents.sequences)), ctx));
  }
  if (!contents.domains.empty()) {
    // Before the enums a domain may be over; columns elsewhere of these domains go with them.
    ast::DomainStmt drop;
    drop.kind = ast::DomainStmt::Kind::kDrop;
    drop.cascade = true;
    drop.if_exists = true;  // a domain over another here went with that one
    for (const DomainDef& d : contents.domains) drop.names.push_back({schema, d.name});
    keep_notices(run_domain(drop, ctx));
  }
  if (!contents.types.empty()) {
    // Last: columns elsewhere of these types go with them (their tables here are gone already).
    ast::TypeStmt drop;
    drop.kind = ast::TypeStmt::Kind::kDrop;
    drop.cascade = true;
    for (const EnumDef& e : contents.types) drop.names.push_back({schema, e.name});
    keep_notices(run_type(drop, ctx));
  }
}

QueryResult drop_schemas(const ast::SchemaStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "DROP SCHEMA";
  std::vector<SchemaDef> found;
  for (const std::string& name : statement.names) {
    if (is_builtin_schema(name)) builtin_refused(name, "drop");
    if (auto def = ctx.catalog.find_schema(name)) {
      require_owner(ctx, def->owner, "schema", def->name);
      found.push_back(*def);
    } else if (statement.if_exists) {
      result.notices.push_back({"NOTICE", "00000", "schema \"" + name + "\" does not exist, skipping", {}});
    } else {
      throw DbError(sqlstate::kUndefinedSchema, "schema \"" + name + "\" does not exist");
    }
  }
  for (const SchemaDef& def : found) {
    SchemaContents contents = contents_of(def.name, ctx);
    if (contents.described.empty()) continue;
    if (!statement.cascade) {
      std::string detail;
      for (const auto& [oid, what] : contents.described) {
        detail += (detail.empty() ? "" : "\n") + what + " depends on schema " + def.name;
      }
      throw DbError(sqlstate::kDependentObjectsStillExist,
                    "cannot drop schema " + def.name + " because other objects depend on it")
          .with_detail(detail)
          .with_hint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    drop_contents(def.name, contents, result, ctx);
  }
  for (const SchemaDef& def : found) {
    // Its default privileges go with it, as pg_default_acl's rows depend on it.
    for (const DefaultAcl& entry : ctx.catalog.default_acls()) {
      if (entry.schema == def.oid) ctx.catalog.drop_default_acl(entry);
    }
    ctx.catalog.drop_schema(def);
  }
  ctx.search_path.reset();
  return result;
}

QueryResult rename_schema(const ast::SchemaStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "ALTER SCHEMA";
  const std::string& name = statement.names.front();
  if (is_builtin_schema(name)) builtin_refused(name, "rename");
  SchemaDef def = existing_schema(name, ctx);
  require_owner(ctx, def.owner, "schema", def.name);
  require_database_privileges(ctx, privilege::kCreate);
  if (is_builtin_schema(statement.new_name) || ctx.catalog.find_schema(statement.new_name)) {
    throw DbError(sqlstate::kDuplicateSchema, "schema \"" + statement.new_name + "\" already exists");
  }
  check_new_name(statement.new_name);
  // Views and defaults name what they read as text, schema included: until
  // they keep oids, a schema with objects keeps its name.
  if (!contents_of(name, ctx).described.empty()) {
    throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: renaming a schema that holds objects");
  }
  ctx.catalog.drop_schema(def);
  def.name = statement.new_name;
  ctx.catalog.create_schema(def);
  ctx.search_path.reset();
  return result;
}

QueryResult change_owner(const ast::SchemaStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "ALTER SCHEMA";
  const std::string& name = statement.names.front();
  const std::int64_t owner = role_oid(statement.role, ctx);
  if (is_builtin_schema(name)) {
    const std::int64_t current = name == "public" ? kDatabaseOwnerRole : kBootstrapSuperuser;
    if (owner != current) builtin_refused(name, "change the owner of");
    return result;
  }
  SchemaDef def = existing_schema(name, ctx);
  if (owner_oid(def.owner) == owner) return result;
  check_owner_change(ctx, def.owner, static_cast<std::uint32_t>(owner), "schema", def.name, "");
  require_database_privileges(ctx, privilege::kCreate);
  if (def.acl) acl_change_owner(*def.acl, owner_oid(def.owner), static_cast<std::uint32_t>(owner));
  def.owner = owner;
  ctx.catalog.update_schema(def);
  return result;
}

}  // namespace

void drop_temp_schema(ExecContext& ctx) {
  if (ctx.temp_schema.empty()) return;
  auto def = ctx.catalog.find_schema(ctx.temp_schema);
  if (!def) return;
  SchemaContents contents = contents_of(def->name, ctx);
  QueryResult ignored;  // PostgreSQL drops them without a word
  drop_contents(def->name, contents, ignored, ctx);
  ctx.catalog.drop_schema(*def);
  ctx.search_path.reset();
}

QueryResult run_schema(const ast::SchemaStmt& statement, ExecContext& ctx) {
  switch (statement.kind) {
    case Kind::kCreate: {
      QueryResult result = create_schema(statement, ctx);
      ctx.search_path.reset();
      return result;
    }
    case Kind::kDrop:
      return drop_schemas(statement, ctx);
    case Kind::kRename:
      return rename_schema(statement, ctx);
    case Kind::kOwner:
      return change_owner(statement, ctx);
  }
  return {};
}

}  // namespace heliosdb::engine

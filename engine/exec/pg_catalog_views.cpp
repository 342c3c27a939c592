// pg_catalog relations computed from our catalog, as clients read them:
// pg_namespace, pg_class and pg_am so far (psql's \dt, \ds, \dn), and the
// roles (pg_roles, pg_user, pg_authid).
//
// Types: name and "char" columns are text until the engine has PostgreSQL's
// name and "char" types; values are PostgreSQL's. Catalog tables have the
// tableoid system column; the other catalogs are in pg_index_view.cpp,
// pg_constraint_view.cpp, pg_depend_view.cpp and pg_catalog_empty.cpp.
#include "engine/exec/pg_catalog_views.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "engine/common/db_error.hpp"
#include "engine/common/identifier.hpp"
#include "engine/exec/acl_text.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/catalog_row_oids.hpp"
#include "engine/exec/comments.hpp"
#include "engine/exec/pg_proc_view.hpp"
#include "engine/exec/role_membership.hpp"
#include "engine/exec/system_views.hpp"
#include "engine/session/backend_directory.hpp"
#include "engine/session/settings.hpp"
#include "engine/types/array.hpp"
#include "engine/vector/index_registry.hpp"
#include "engine/vector/vector_index_ddl.hpp"
#include "heliosdb/pg_relation_oids.hpp"

namespace heliosdb::engine {

namespace {

constexpr std::int16_t kTableOidAttnum = -6;  // TableOidAttributeNumber, a system column's attnum

Value text(std::string s) { return Value::string(TypeId::kText, std::move(s)); }
Value oid(std::int64_t v) { return Value::oid(TypeId::kOid, v, {}); }
Value int2(std::int64_t v) { return Value::integer(TypeId::kInt2, v); }
Value int4(std::int64_t v) { return Value::integer(TypeId::kInt4, v); }
Value boolean(bool b) { return Value::boolean(b); }
Value null_text() { return Value::null(TypeId::kText); }
// aclitem[]: its text form is text[]'s, and psql's \dp, \dn+ and \df+ take
// array_to_string of it. NULL: the object's default privileges.
constexpr TypeId kAcl = array_of(TypeId::kText);
Value null_acl() { return Value::null(kAcl); }

Relation pg_namespace(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation(
      {{"oid", TypeId::kOid}, {"nspname", TypeId::kText}, {"nspowner", TypeId::kOid}, {"nspacl", kAcl}}, qualifier);
  for (const auto& [id, name] : namespace_list(ctx.catalog)) {
    if (name == "public") {
      // PostgreSQL 15's public schema: its owner may create in it, everyone may use it.
      r.rows.push_back({oid(id), text(name), oid(kDatabaseOwnerRole), acl_value(ctx, schema_access(ctx, name).acl)});
    } else if (is_builtin_schema(name)) {
      r.rows.push_back({oid(id), text(name), oid(kBootstrapSuperuser), null_acl()});
    }
  }
  for (const SchemaDef& s : ctx.catalog.schemas()) {
    r.rows.push_back({oid(s.oid), text(s.name), oid(owner_oid(s.owner)), acl_value(ctx, s.acl)});
  }
  return r;
}

Relation pg_am(const std::string& qualifier) {
  Relation r = make_relation(
      {{"oid", TypeId::kOid}, {"amname", TypeId::kText}, {"amhandler", TypeId::kText}, {"amtype", TypeId::kText}},
      qualifier);
  const std::tuple<std::int64_t, const char*, const char*, const char*> methods[] = {
      {kHeapAm, "heap", "heap_tableam_handler", "t"},
      {kBtreeAm, "btree", "bthandler", "i"},
      {405, "hash", "hashhandler", "i"},
      {783, "gist", "gisthandler", "i"},
      {2742, "gin", "ginhandler", "i"},
      {4000, "spgist", "spghandler", "i"},
      {3580, "brin", "brinhandler", "i"}};
  for (const auto& [id, name, handler, type] : methods)
    r.rows.push_back({oid(id), text(name), text(handler), text(type)});
  for (const auto& [id, name] : kVectorAccessMethods) {
    r.rows.push_back({oid(id), text(name), text(std::string(name) + "handler"), text("i")});
  }
  return r;
}

Relation pg_class(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"oid", TypeId::kOid},
                              {"relname", TypeId::kText},
                              {"relnamespace", TypeId::kOid},
                              {"reltype", TypeId::kOid},
                              {"reloftype", TypeId::kOid},
                              {"relowner", TypeId::kOid},
                              {"relam", TypeId::kOid},
                              {"relfilenode", TypeId::kOid},
                              {"reltablespace", TypeId::kOid},
                              {"relpages", TypeId::kInt4},
                              {"reltuples", TypeId::kFloat4},
                              {"relallvisible", TypeId::kInt4},
                              {"reltoastrelid", TypeId::kOid},
                              {"relhasindex", TypeId::kBool},
                              {"relisshared", TypeId::kBool},
                              {"relpersistence", TypeId::kText},
                              {"relkind", TypeId::kText},
                              {"relnatts", TypeId::kInt2},
                              {"relchecks", TypeId::kInt2},
                              {"relhasrules", TypeId::kBool},
                              {"relhastriggers", TypeId::kBool},
                              {"relhassubclass", TypeId::kBool},
                              {"relrowsecurity", TypeId::kBool},
                              {"relforcerowsecurity", TypeId::kBool},
                              {"relispopulated", TypeId::kBool},
                              {"relreplident", TypeId::kText},
                              {"relispartition", TypeId::kBool},
                              {"relrewrite", TypeId::kOid},
                              {"relfrozenxid", TypeId::kInt8},
                              {"relminmxid", TypeId::kInt8},
                              {"relacl", kAcl},
                              {"reloptions", array_of(TypeId::kText)},
                              {"relpartbound", TypeId::kText}},
                             qualifier);
  // reltuples -1: never counted (PostgreSQL 14+), as no ANALYZE statistics are kept.
  std::map<std::string, std::int64_t> namespaces;
  for (const auto& [id, name] : namespace_list(ctx.catalog)) namespaces.emplace(name, id);
  auto row = [&](const std::string& schema, std::int64_t id, const std::string& name, const char* kind, std::int64_t am,
                 int natts, int checks, bool has_index, std::uint32_t owner, const Acl& acl, bool has_triggers = false,
                 char check_option = 0, bool populated = true, bool row_security = false,
                 bool force_row_security = false) {
    // A view's check option is one of its options, as pg_dump reads it.
    Value options = Value::null(array_of(TypeId::kText));
    if (check_option != 0) {
      options = encode_array(
          ArrayData::of(TypeId::kText, {text(check_option == 'l' ? "check_option=local" : "check_option=cascaded")}));
    }
    r.rows.push_back({oid(id),
                      text(name),
                      oid(namespaces[schema]),
                      oid(0),
                      oid(0),
                      oid(owner_oid(owner)),
                      oid(am),
                      oid(id),
                      oid(0),
                      int4(0),
                      Value::floating(TypeId::kFloat4, -1),
                      int4(0),
                      oid(0),
                      boolean(has_index),
                      boolean(false),
                      text("p"),
                      text(kind),
                      int2(natts),
                      int2(checks),
                      boolean(false),
                      boolean(has_triggers),
                      boolean(false),
                      boolean(row_security),
                      boolean(force_row_security),
                      boolean(populated),
                      text(*kind == 'i' || *kind == 'S' || *kind == 'v' ? "n" : "d"),
                      boolean(false),
                      oid(0),
                      oid(0),
                      oid(0),
                      acl_value(ctx, acl),
                      options,
                      null_text()});
  };
  const std::vector<TableDef> tables = ctx.catalog.tables();
  const std::set<std::uint32_t> triggered = tables_with_triggers(tables);
  for (const TableDef& t : tables) {
    const bool indexed = !t.primary_key.empty() || !t.indexes.empty() || !t.vector_indexes.empty();
    row(t.schema, t.oid, t.name, t.materialized ? "m" : "r", kHeapAm, static_cast<int>(t.columns.size()),
        static_cast<int>(t.checks.size()), indexed, t.owner, t.acl, triggered.count(t.oid) > 0, 0,
        !t.materialized || t.materialized->populated, t.row_security, t.force_row_security);
    if (!t.primary_key.empty()) {
      row(t.schema, primary_key_index_oid(t), t.primary_key_name, "i", kBtreeAm, static_cast<int>(t.primary_key.size()),
          0, false, t.owner, std::nullopt);
    }
    for (const IndexDef& index : t.indexes) {
      row(t.schema, index.oid, index.name, "i", kBtreeAm, static_cast<int>(index.columns.size()), 0, false, t.owner,
          std::nullopt);
    }
    for (const VectorIndexDef& index : t.vector_indexes) {
      row(t.schema, index.oid, index.name, "i", vector_access_method_oid(index.method), 1, 0, false, t.owner,
          std::nullopt);
    }
  }
  for (const SequenceDef& s : ctx.catalog.sequences())
    row(s.schema, s.oid, s.name, "S", 0, 3, 0, false, s.owner, s.acl);
  for (const ViewDef& v : ctx.catalog.views()) {
    row(v.schema, v.oid, v.name, "v", 0, static_cast<int>(v.columns.size()), 0, false, v.owner, v.acl, false,
        v.check_option);
  }
  return r;
}

// pg_authid's columns, which pg_roles shows too (with the password masked).
std::vector<Value> role_row(const RoleDef& role, bool show_password) {
  // pg_roles and pg_user mask the column whether or not there is a password, as PostgreSQL does.
  Value password = !show_password ? text("********") : !role.password ? null_text() : text(*role.password);
  Value valid_until =
      role.valid_until ? Value::integer(TypeId::kTimestampTz, *role.valid_until) : Value::null(TypeId::kTimestampTz);
  return {oid(role.oid),
          text(role.name),
          boolean(role.superuser),
          boolean(role.inherit),
          boolean(role.create_role),
          boolean(role.create_db),
          boolean(role.login),
          boolean(role.replication),
          boolean(role.bypass_rls),
          int4(role.connection_limit),
          password,
          valid_until};
}

// pg_auth_members: GRANT role TO role's memberships and the predefined roles'.
Relation pg_auth_members(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation(
      {{"roleid", TypeId::kOid}, {"member", TypeId::kOid}, {"grantor", TypeId::kOid}, {"admin_option", TypeId::kBool}},
      qualifier);
  for (const RoleMembership& m : all_role_memberships(ctx.catalog)) {
    r.rows.push_back({oid(m.role), oid(m.member), oid(m.grantor), boolean(m.admin_option)});
  }
  return r;
}

// pg_authid (superusers only, as in PostgreSQL: it holds the verifiers) and
// pg_roles; rolconfig (per-role settings) is not there until ALTER ROLE SET is.
Relation pg_roles(const std::string& qualifier, ExecContext& ctx, bool authid) {
  if (authid) {
    std::optional<RoleDef> me = ctx.catalog.find_role(ctx.user_name);
    if (me && !me->superuser) {
      throw DbError(sqlstate::kInsufficientPrivilege, "permission denied for table pg_authid");
    }
  }
  Relation r = make_relation({{"oid", TypeId::kOid},
                              {"rolname", TypeId::kText},
                              {"rolsuper", TypeId::kBool},
                              {"rolinherit", TypeId::kBool},
                              {"rolcreaterole", TypeId::kBool},
                              {"rolcreatedb", TypeId::kBool},
                              {"rolcanlogin", TypeId::kBool},
                              {"rolreplication", TypeId::kBool},
                              {"rolbypassrls", TypeId::kBool},
                              {"rolconnlimit", TypeId::kInt4},
                              {"rolpassword", TypeId::kText},
                              {"rolvaliduntil", TypeId::kTimestampTz}},
                             qualifier);
  for (const RoleDef& role : all_roles(ctx)) r.rows.push_back(role_row(role, authid));
  return r;
}

// pg_user: the roles that can log in, with PostgreSQL's older column names.
Relation pg_user(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"usename", TypeId::kText},
                              {"usesysid", TypeId::kInt8},
                              {"usecreatedb", TypeId::kBool},
                              {"usesuper", TypeId::kBool},
                              {"userepl", TypeId::kBool},
                              {"usebypassrls", TypeId::kBool},
                              {"passwd", TypeId::kText},
                              {"valuntil", TypeId::kTimestampTz}},
                             qualifier);
  for (const RoleDef& role : all_roles(ctx)) {
    if (!role.login) continue;
    std::vector<Value> row = role_row(role, false);
    r.rows.push_back({row[1], row[0], row[5], row[2], row[7], row[8], row[10], row[11]});
  }
  return r;
}

// pg_stat_activity: the server's connections (none for an embedded database).
Relation pg_stat_activity(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"datid", TypeId::kInt8},
                              {"datname", TypeId::kText},
                              {"pid", TypeId::kInt4},
                              {"leader_pid", TypeId::kInt4},
                              {"usesysid", TypeId::kInt8},
                              {"usename", TypeId::kText},
                              {"application_name", TypeId::kText},
                              {"client_addr", TypeId::kText},
                              {"client_hostname", TypeId::kText},
                              {"client_port", TypeId::kInt4},
                              {"backend_start", TypeId::kTimestampTz},
                              {"xact_start", TypeId::kTimestampTz},
                              {"query_start", TypeId::kTimestampTz},
                              {"state_change", TypeId::kTimestampTz},
                              {"wait_event_type", TypeId::kText},
                              {"wait_event", TypeId::kText},
                              {"state", TypeId::kText},
                              {"backend_xid", TypeId::kInt8},
                              {"backend_xmin", TypeId::kInt8},
                              {"query_id", TypeId::kInt8},
                              {"query", TypeId::kText},
                              {"backend_type", TypeId::kText}},
                             qualifier);
  if (ctx.backends == nullptr) return r;
  auto time = [](const std::optional<std::int64_t>& t) {
    return t ? Value::integer(TypeId::kTimestampTz, *t) : Value::null(TypeId::kTimestampTz);
  };
  const Value null_oid = Value::null(TypeId::kInt8);
  for (const BackendActivity& b : ctx.backends->activity()) {
    std::optional<RoleDef> role = ctx.catalog.find_role(b.user);
    r.rows.push_back({null_oid,
                      text(b.database),
                      int4(b.pid),
                      Value::null(TypeId::kInt4),
                      role ? oid(role->oid) : null_oid,
                      text(b.user),
                      text(b.application_name),
                      b.client_addr ? text(*b.client_addr) : null_text(),
                      null_text(),
                      int4(b.client_port),
                      time(b.backend_start),
                      time(b.xact_start),
                      time(b.query_start),
                      time(b.state_change),
                      b.state == "idle" ? text("Client") : null_text(),
                      b.state == "idle" ? text("ClientRead") : null_text(),
                      text(b.state),
                      null_oid,
                      null_oid,
                      Value::null(TypeId::kInt8),
                      text(b.query),
                      text("client backend")});
  }
  return r;
}

// CREATE INDEX builds running now (vector indexes: a btree build is one
// short scan), with PostgreSQL 15's columns.
Relation pg_stat_progress_create_index(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"pid", TypeId::kInt4},
                              {"datid", TypeId::kInt8},
                              {"datname", TypeId::kText},
                              {"relid", TypeId::kInt8},
                              {"index_relid", TypeId::kInt8},
                              {"command", TypeId::kText},
                              {"phase", TypeId::kText},
                              {"lockers_total", TypeId::kInt8},
                              {"lockers_done", TypeId::kInt8},
                              {"current_locker_pid", TypeId::kInt8},
                              {"blocks_total", TypeId::kInt8},
                              {"blocks_done", TypeId::kInt8},
                              {"tuples_total", TypeId::kInt8},
                              {"tuples_done", TypeId::kInt8},
                              {"partitions_total", TypeId::kInt8},
                              {"partitions_done", TypeId::kInt8}},
                             qualifier);
  auto int8 = [](std::uint64_t v) { return Value::integer(TypeId::kInt8, static_cast<std::int64_t>(v)); };
  for (const BuildProgress& b : VectorIndexRegistry::of(ctx).builds()) {
    r.rows.push_back({int4(b.pid), Value::null(TypeId::kInt8), text(ctx.database_name), oid(b.relid),
                      oid(b.index_relid), text("CREATE INDEX"), text(b.phase), int8(0), int8(0), int8(0), int8(0),
                      int8(0), int8(b.tuples_total), int8(b.tuples_done), int8(0), int8(0)});
  }
  return r;
}

// pg_range: there are no range types here, but drivers join it while
// introspecting types (asyncpg, psycopg, Sequelize's connect query).
Relation pg_range(const std::string& qualifier) {
  return make_relation({{"rngtypid", TypeId::kOid},
                        {"rngsubtype", TypeId::kOid},
                        {"rngmultitypid", TypeId::kOid},
                        {"rngcollation", TypeId::kOid},
                        {"rngsubopc", TypeId::kOid},
                        {"rngcanonical", TypeId::kText},
                        {"rngsubdiff", TypeId::kText}},
                       qualifier);
}

// ALTER DEFAULT PRIVILEGES' entries.
Relation pg_default_acl(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"oid", TypeId::kOid},
                              {"defaclrole", TypeId::kOid},
                              {"defaclnamespace", TypeId::kOid},
                              {"defaclobjtype", TypeId::kText},
                              {"defaclacl", kAcl}},
                             qualifier);
  for (const DefaultAcl& entry : ctx.catalog.default_acls()) {
    r.rows.push_back({oid(entry.oid), oid(entry.role), oid(entry.schema), text(std::string(1, entry.object_type)),
                      acl_array(ctx, entry.acl)});
  }
  return r;
}

// The relation `name` of pg_catalog, without its system columns.
std::optional<Relation> catalog_rows(const std::string& name, const std::string& qualifier, ExecContext& ctx) {
  if (name == "pg_namespace") return pg_namespace(qualifier, ctx);
  if (name == "pg_am") return pg_am(qualifier);
  if (name == "pg_description") return pg_description_relation(qualifier, ctx);
  if (name == "pg_type") return pg_type_relation(qualifier, ctx);
  if (name == "pg_enum") return pg_enum_relation(qualifier, ctx);
  if (name == "pg_stat_progress_create_index") return pg_stat_progress_create_index(qualifier, ctx);
  if (name == "pg_class") return pg_class(qualifier, ctx);
  if (name == "pg_roles" || name == "pg_authid") return pg_roles(qualifier, ctx, name == "pg_authid");
  if (name == "pg_user") return pg_user(qualifier, ctx);
  if (name == "pg_auth_members") return pg_auth_members(qualifier, ctx);
  if (name == "pg_stat_activity") return pg_stat_activity(qualifier, ctx);
  if (name == "pg_range") return pg_range(qualifier);
  if (name == "pg_attribute") return pg_attribute_relation(qualifier, ctx);
  if (name == "pg_index") return pg_index_relation(qualifier, ctx);
  if (name == "pg_constraint") return pg_constraint_relation(qualifier, ctx);
  if (name == "pg_attrdef") return pg_attrdef_relation(qualifier, ctx);
  if (name == "pg_depend") return pg_depend_relation(qualifier, ctx);
  if (name == "pg_sequence") return pg_sequence_relation(qualifier, ctx);
  if (name == "pg_tables") return pg_tables_relation(qualifier, ctx);
  if (name == "pg_views") return pg_views_relation(qualifier, ctx);
  if (name == "pg_matviews") return pg_matviews_relation(qualifier, ctx);
  if (name == "pg_policy") return pg_policy_relation(qualifier, ctx);
  if (name == "pg_policies") return pg_policies_relation(qualifier, ctx);
  if (name == "pg_indexes") return pg_indexes_relation(qualifier, ctx);
  if (name == "pg_sequences") return pg_sequences_relation(qualifier, ctx);
  if (name == "pg_database") return pg_database_relation(qualifier, ctx);
  if (name == "pg_extension") return pg_extension_relation(qualifier, ctx);
  if (name == "pg_available_extensions") return pg_available_extensions_relation(qualifier, ctx);
  if (name == "pg_tablespace") return pg_tablespace_relation(qualifier);
  if (name == "pg_settings") return pg_settings_relation(qualifier, ctx);
  if (name == "pg_cursors") return pg_cursors_relation(qualifier, ctx);
  if (name == "pg_proc") return pg_proc_relation(qualifier, ctx);
  if (name == "pg_language") return pg_language_relation(qualifier);
  if (name == "pg_default_acl") return pg_default_acl(qualifier, ctx);
  return empty_catalog(name, qualifier);
}

}  // namespace

// The catalog's roles, the bootstrap superuser every relation names as its
// owner (relowner) when no stored role has its oid, and the predefined roles
// (pg_database_owner owns public). pg_dump looks owners up here.
std::vector<RoleDef> all_roles(ExecContext& ctx) {
  std::vector<RoleDef> roles = ctx.catalog.roles();
  auto has = [&](std::int64_t oid) {
    return std::any_of(roles.begin(), roles.end(), [&](const RoleDef& r) { return r.oid == oid; });
  };
  if (!has(kBootstrapSuperuser)) {
    RoleDef superuser;
    superuser.oid = kBootstrapSuperuser;
    superuser.name = role_name(ctx, kBootstrapSuperuser);
    superuser.superuser = superuser.create_role = superuser.create_db = superuser.login = true;
    superuser.replication = superuser.bypass_rls = true;
    roles.push_back(std::move(superuser));
  }
  for (const PredefinedRole& predefined : kPredefinedRoles) {
    if (has(predefined.oid)) continue;
    RoleDef role;
    role.oid = static_cast<std::uint32_t>(predefined.oid);
    role.name = std::string(predefined.name);
    roles.push_back(std::move(role));
  }
  std::sort(roles.begin(), roles.end(), [](const RoleDef& a, const RoleDef& b) { return a.oid < b.oid; });
  return roles;
}

std::optional<Relation> pg_catalog_view(const std::string& name, const std::string& qualifier, ExecContext& ctx) {
  std::optional<Relation> r = catalog_rows(name, qualifier, ctx);
  if (!r) return r;
  // A catalog table (not a view such as pg_roles) has the system column
  // tableoid, its own oid, which pg_dump selects from every catalog.
  for (const catalog_relation::CatalogRelation& c : catalog_relation::kCatalogRelations) {
    if (c.name != name) continue;
    ScopeColumn column{qualifier, "tableoid", {TypeId::kOid, -1}};
    column.column_number = kTableOidAttnum;
    r->scope.push_back(std::move(column));
    for (Row& row : r->rows) row.push_back(oid(c.oid));
  }
  return r;
}

std::set<std::uint32_t> tables_with_triggers(const std::vector<TableDef>& tables) {
  std::set<std::uint32_t> out;
  for (const TableDef& t : tables) {
    for (const ForeignKeyDef& fk : t.foreign_keys) {
      out.insert(t.oid);
      out.insert(fk.ref_table);
    }
  }
  return out;
}

const PredefinedRole* find_predefined_role(std::string_view name) {
  for (const PredefinedRole& role : kPredefinedRoles) {
    if (role.name == name) return &role;
  }
  return nullptr;
}

const PredefinedRole* find_predefined_role(std::int64_t oid) {
  for (const PredefinedRole& role : kPredefinedRoles) {
    if (role.oid == oid) return &role;
  }
  return nullptr;
}

std::string role_name(ExecContext& ctx, std::int64_t role) {
  if (role > 0 && role <= UINT32_MAX) {
    if (auto found = ctx.catalog.find_role(static_cast<std::uint32_t>(role))) return found->name;
  }
  if (role == kBootstrapSuperuser) return "postgres";
  if (const PredefinedRole* predefined = find_predefined_role(role)) return std::string(predefined->name);
  return "unknown (OID=" + std::to_string(role) + ")";
}

std::int64_t role_oid(const std::optional<ast::RoleName>& role, ExecContext& ctx) {
  const std::string name = !role || role->current ? ctx.user_name : role->name;
  if (auto found = ctx.catalog.find_role(name)) return found->oid;
  if (const PredefinedRole* predefined = find_predefined_role(std::string_view(name))) return predefined->oid;
  if (name == role_name(ctx, kBootstrapSuperuser) || !role || role->current) return kBootstrapSuperuser;
  throw DbError(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
}

}  // namespace heliosdb::engine

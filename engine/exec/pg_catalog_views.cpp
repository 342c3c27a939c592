// pg_catalog relations computed from our catalog, as clients read them:
// pg_namespace, pg_class and pg_am so far (psql's \dt, \ds, \dn), and the
// roles (pg_roles, pg_user, pg_authid).
//
// Types: oid columns are bigint and name/"char" columns text until the
// engine has PostgreSQL's oid, name and "char" types; values are PostgreSQL's.
#include "engine/exec/pg_catalog_views.hpp"

#include "engine/common/db_error.hpp"
#include "engine/exec/comments.hpp"
#include "engine/exec/system_views.hpp"
#include "engine/session/backend_directory.hpp"
#include "engine/vector/index_registry.hpp"
#include "engine/vector/vector_index_ddl.hpp"

namespace heliosdb::engine {

namespace {

Value text(std::string s) { return Value::string(TypeId::kText, std::move(s)); }
Value oid(std::int64_t v) { return Value::integer(TypeId::kInt8, v); }
Value int2(std::int64_t v) { return Value::integer(TypeId::kInt2, v); }
Value int4(std::int64_t v) { return Value::integer(TypeId::kInt4, v); }
Value boolean(bool b) { return Value::boolean(b); }
Value null_text() { return Value::null(TypeId::kText); }

Relation pg_namespace(const std::string& qualifier) {
  Relation r = make_relation(
      {{"oid", TypeId::kInt8}, {"nspname", TypeId::kText}, {"nspowner", TypeId::kInt8}, {"nspacl", TypeId::kText}},
      qualifier);
  r.rows.push_back({oid(kPgToastNamespace), text("pg_toast"), oid(kBootstrapSuperuser), null_text()});
  r.rows.push_back({oid(kPgCatalogNamespace), text("pg_catalog"), oid(kBootstrapSuperuser), null_text()});
  r.rows.push_back({oid(kPublicNamespace), text("public"), oid(kDatabaseOwnerRole), null_text()});
  r.rows.push_back(
      {oid(kInformationSchemaNamespace), text("information_schema"), oid(kBootstrapSuperuser), null_text()});
  return r;
}

Relation pg_am(const std::string& qualifier) {
  Relation r = make_relation(
      {{"oid", TypeId::kInt8}, {"amname", TypeId::kText}, {"amhandler", TypeId::kText}, {"amtype", TypeId::kText}},
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
  Relation r = make_relation({{"oid", TypeId::kInt8},
                              {"relname", TypeId::kText},
                              {"relnamespace", TypeId::kInt8},
                              {"reltype", TypeId::kInt8},
                              {"reloftype", TypeId::kInt8},
                              {"relowner", TypeId::kInt8},
                              {"relam", TypeId::kInt8},
                              {"relfilenode", TypeId::kInt8},
                              {"reltablespace", TypeId::kInt8},
                              {"relpages", TypeId::kInt4},
                              {"reltuples", TypeId::kFloat4},
                              {"relallvisible", TypeId::kInt4},
                              {"reltoastrelid", TypeId::kInt8},
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
                              {"relrewrite", TypeId::kInt8},
                              {"relfrozenxid", TypeId::kInt8},
                              {"relminmxid", TypeId::kInt8},
                              {"relacl", TypeId::kText},
                              {"reloptions", TypeId::kText},
                              {"relpartbound", TypeId::kText}},
                             qualifier);
  // reltuples -1: never counted (PostgreSQL 14+), as no ANALYZE statistics are kept.
  auto row = [&](std::int64_t id, const std::string& name, const char* kind, std::int64_t am, int natts, int checks,
                 bool has_index) {
    r.rows.push_back({oid(id),
                      text(name),
                      oid(kPublicNamespace),
                      oid(0),
                      oid(0),
                      oid(kBootstrapSuperuser),
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
                      boolean(false),
                      boolean(false),
                      boolean(false),
                      boolean(false),
                      boolean(true),
                      text(*kind == 'i' || *kind == 'S' || *kind == 'v' ? "n" : "d"),
                      boolean(false),
                      oid(0),
                      oid(0),
                      oid(0),
                      null_text(),
                      null_text(),
                      null_text()});
  };
  for (const TableDef& t : ctx.catalog.tables()) {
    const bool indexed = !t.primary_key.empty() || !t.indexes.empty() || !t.vector_indexes.empty();
    row(t.oid, t.name, "r", kHeapAm, static_cast<int>(t.columns.size()), static_cast<int>(t.checks.size()), indexed);
    for (const IndexDef& index : t.indexes) {
      row(index.oid, index.name, "i", kBtreeAm, static_cast<int>(index.columns.size()), 0, false);
    }
    for (const VectorIndexDef& index : t.vector_indexes) {
      row(index.oid, index.name, "i", vector_access_method_oid(index.method), 1, 0, false);
    }
  }
  for (const SequenceDef& s : ctx.catalog.sequences()) row(s.oid, s.name, "S", 0, 3, 0, false);
  for (const ViewDef& v : ctx.catalog.views()) row(v.oid, v.name, "v", 0, static_cast<int>(v.columns.size()), 0, false);
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

// pg_authid (superusers only, as in PostgreSQL: it holds the verifiers) and
// pg_roles; rolconfig (per-role settings) is not there until ALTER ROLE SET is.
Relation pg_roles(const std::string& qualifier, ExecContext& ctx, bool authid) {
  if (authid) {
    std::optional<RoleDef> me = ctx.catalog.find_role(ctx.user_name);
    if (me && !me->superuser) {
      throw DbError(sqlstate::kInsufficientPrivilege, "permission denied for table pg_authid");
    }
  }
  Relation r = make_relation({{"oid", TypeId::kInt8},
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
  for (const RoleDef& role : ctx.catalog.roles()) r.rows.push_back(role_row(role, authid));
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
  for (const RoleDef& role : ctx.catalog.roles()) {
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

}  // namespace

std::optional<Relation> pg_catalog_view(const std::string& name, const std::string& qualifier, ExecContext& ctx) {
  if (name == "pg_namespace") return pg_namespace(qualifier);
  if (name == "pg_am") return pg_am(qualifier);
  if (name == "pg_description") return pg_description_relation(qualifier, ctx);
  if (name == "pg_type") return pg_type_relation(qualifier);
  if (name == "pg_stat_progress_create_index") return pg_stat_progress_create_index(qualifier, ctx);
  if (name == "pg_class") return pg_class(qualifier, ctx);
  if (name == "pg_roles" || name == "pg_authid") return pg_roles(qualifier, ctx, name == "pg_authid");
  if (name == "pg_user") return pg_user(qualifier, ctx);
  if (name == "pg_stat_activity") return pg_stat_activity(qualifier, ctx);
  if (name == "pg_range") return pg_range(qualifier);
  if (name == "pg_attribute") return pg_attribute_relation(qualifier, ctx);
  return std::nullopt;
}

std::string role_name(ExecContext& ctx, std::int64_t role) {
  if (role > 0 && role <= UINT32_MAX) {
    if (auto found = ctx.catalog.find_role(static_cast<std::uint32_t>(role))) return found->name;
  }
  if (role == kBootstrapSuperuser) return "postgres";
  if (role == kDatabaseOwnerRole) return "pg_database_owner";
  return "unknown (OID=" + std::to_string(role) + ")";
}

bool is_user_relation(ExecContext& ctx, std::int64_t relation) {
  return relation >= 0 && relation <= 0xFFFFFFFF &&
         ctx.object_names.relation_name(static_cast<std::uint32_t>(relation)).has_value();
}

}  // namespace heliosdb::engine

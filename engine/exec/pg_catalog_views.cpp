// pg_catalog relations computed from our catalog, as clients read them:
// pg_namespace, pg_class and pg_am so far (psql's \dt, \ds, \dn).
//
// Types: oid columns are bigint and name/"char" columns text until the
// engine has PostgreSQL's oid, name and "char" types; values are PostgreSQL's.
#include "engine/exec/pg_catalog_views.hpp"

#include "engine/exec/system_views.hpp"

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
                      text(*kind == 'i' || *kind == 'S' ? "n" : "d"),
                      boolean(false),
                      oid(0),
                      oid(0),
                      oid(0),
                      null_text(),
                      null_text(),
                      null_text()});
  };
  for (const TableDef& t : ctx.catalog.tables()) {
    const bool indexed = !t.primary_key.empty() || !t.indexes.empty();
    row(t.oid, t.name, "r", kHeapAm, static_cast<int>(t.columns.size()), static_cast<int>(t.checks.size()), indexed);
    for (const IndexDef& index : t.indexes) {
      row(index.oid, index.name, "i", kBtreeAm, static_cast<int>(index.columns.size()), 0, false);
    }
  }
  for (const SequenceDef& s : ctx.catalog.sequences()) row(s.oid, s.name, "S", 0, 3, 0, false);
  return r;
}

}  // namespace

std::optional<Relation> pg_catalog_view(const std::string& name, const std::string& qualifier, ExecContext& ctx) {
  if (name == "pg_namespace") return pg_namespace(qualifier);
  if (name == "pg_am") return pg_am(qualifier);
  if (name == "pg_class") return pg_class(qualifier, ctx);
  return std::nullopt;
}

std::string role_name(std::int64_t role) {
  if (role == kBootstrapSuperuser) return "postgres";
  if (role == kDatabaseOwnerRole) return "pg_database_owner";
  return "unknown (OID=" + std::to_string(role) + ")";
}

bool is_user_relation(ExecContext& ctx, std::int64_t relation) {
  for (const TableDef& t : ctx.catalog.tables()) {
    if (t.oid == relation) return true;
    for (const IndexDef& index : t.indexes) {
      if (index.oid == relation) return true;
    }
  }
  for (const SequenceDef& s : ctx.catalog.sequences()) {
    if (s.oid == relation) return true;
  }
  return false;
}

}  // namespace heliosdb::engine

#include "engine/exec/owned_objects.hpp"

#include <algorithm>
#include <set>

#include "engine/common/db_error.hpp"
#include "engine/exec/default_privileges.hpp"
#include "engine/exec/domain_ddl.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/grant_terms.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/privileges.hpp"
#include "engine/exec/schema_ddl.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/type_ddl.hpp"
#include "engine/exec/view_ddl.hpp"

namespace heliosdb::engine {

namespace {

// The roles named, each one the current role has the privileges of.
std::vector<std::uint32_t> named_roles(const ast::OwnedStmt& s, ExecContext& ctx) {
  std::vector<std::uint32_t> roles;
  for (const ast::RoleName& role : s.roles) {
    const auto oid = static_cast<std::uint32_t>(role_oid(role, ctx));
    if (oid == kBootstrapSuperuser) {
      throw DbError(sqlstate::kDependentObjectsStillExist, std::string(s.drop ? "cannot drop objects owned by role "
                                                                              : "cannot reassign ownership of objects "
                                                                                "owned by role ") +
                                                               role_name(ctx, oid) +
                                                               " because they are required by the database system");
    }
    if (!has_privileges_of(ctx, actor(ctx).oid, oid)) {
      throw DbError(sqlstate::kInsufficientPrivilege,
                    s.drop ? "permission denied to drop objects" : "permission denied to reassign objects");
    }
    roles.push_back(oid);
  }
  return roles;
}

bool one_of(const std::vector<std::uint32_t>& roles, std::int64_t owner) {
  return std::find(roles.begin(), roles.end(), owner_oid(owner)) != roles.end();
}

QueryResult reassign(const ast::OwnedStmt& s, ExecContext& ctx) {
  const std::vector<std::uint32_t> from = named_roles(s, ctx);
  const auto to = static_cast<std::uint32_t>(role_oid(s.new_owner, ctx));
  if (!has_privileges_of(ctx, actor(ctx).oid, to)) {
    throw DbError(sqlstate::kInsufficientPrivilege, "permission denied to reassign objects");
  }
  auto moved = [&](Acl acl, std::int64_t owner) {
    if (acl) acl_change_owner(*acl, owner_oid(owner), to);
    return acl;
  };
  for (SchemaDef def : ctx.catalog.schemas()) {
    if (!one_of(from, def.owner)) continue;
    def.acl = moved(def.acl, def.owner);
    def.owner = to;
    ctx.catalog.update_schema(def);
  }
  for (const TableDef& def : ctx.catalog.tables()) {
    if (!one_of(from, def.owner)) continue;
    TableDef updated = def;
    updated.acl = moved(def.acl, def.owner);
    for (ColumnDef& c : updated.columns) c.acl = moved(c.acl, def.owner);
    updated.owner = to;
    ctx.catalog.update_table(def, updated);
  }
  for (ViewDef def : ctx.catalog.views()) {
    if (!one_of(from, def.owner)) continue;
    def.acl = moved(def.acl, def.owner);
    for (Acl& acl : def.column_acls) acl = moved(acl, def.owner);
    def.owner = to;
    ctx.catalog.update_view(def);
  }
  for (SequenceDef def : ctx.catalog.sequences()) {
    if (!one_of(from, def.owner)) continue;
    def.acl = moved(def.acl, def.owner);
    def.owner = to;
    ctx.catalog.update_sequence(def);
  }
  for (const FunctionDef& def : ctx.catalog.functions()) {
    if (!one_of(from, def.owner)) continue;
    FunctionDef updated = def;
    updated.acl = moved(def.acl, def.owner);
    updated.owner = to;
    ctx.catalog.update_function(def, updated);
  }
  for (const EnumDef& def : ctx.catalog.enums()) {
    if (!one_of(from, def.owner)) continue;
    EnumDef updated = def;
    updated.acl = moved(def.acl, def.owner);
    updated.owner = to;
    ctx.catalog.update_enum(def, updated);
  }
  for (const DomainDef& def : ctx.catalog.domains()) {
    if (!one_of(from, def.owner)) continue;
    DomainDef updated = def;
    updated.acl = moved(def.acl, def.owner);
    updated.owner = to;
    ctx.catalog.update_domain(def, updated);
  }
  QueryResult result;
  result.command_tag = "REASSIGN OWNED";
  return result;
}

// What was granted to the roles goes, as REVOKE ALL ... FROM them CASCADE
// by the objects' owners would take it; and so do their default privileges.
void revoke_from(const std::vector<std::uint32_t>& roles, ExecContext& ctx) {
  const RoleTest has_privs_of = [&ctx](std::uint32_t member, std::uint32_t role) {
    return has_privileges_of(ctx, member, role);
  };
  for (Grantable& object : every_grantable(ctx)) {
    if (!object.acl) continue;
    const std::uint32_t owner = owner_oid(object.owner);
    std::vector<AclItem> acl = *object.acl;
    for (std::uint32_t role : roles) {
      acl_revoke(acl, {role, owner, all_privileges(object.kind), false}, owner, true, has_privs_of);
    }
    if (acl != *object.acl) object.store(acl);
  }
  // A policy for the roles is for them no more; one that was only theirs
  // goes (PostgreSQL's RemoveRoleFromObjectPolicy).
  auto named = [&](std::uint32_t r) { return std::find(roles.begin(), roles.end(), r) != roles.end(); };
  for (const TableDef& table : ctx.catalog.tables()) {
    TableDef updated = table;
    updated.policies.clear();
    for (PolicyDef p : table.policies) {
      if (std::erase_if(p.roles, named) > 0 && p.roles.empty()) continue;
      updated.policies.push_back(std::move(p));
    }
    const bool changed = updated.policies.size() != table.policies.size() ||
                         !std::equal(updated.policies.begin(), updated.policies.end(), table.policies.begin(),
                                     [](const PolicyDef& a, const PolicyDef& b) { return a.roles == b.roles; });
    if (changed) ctx.catalog.update_table(table, updated);
  }
  for (DefaultAcl entry : ctx.catalog.default_acls()) {
    if (std::find(roles.begin(), roles.end(), entry.role) != roles.end()) {
      ctx.catalog.drop_default_acl(entry);
      continue;
    }
    const std::vector<AclItem> before = entry.acl;
    for (std::uint32_t role : roles) {
      acl_revoke(entry.acl, {role, entry.role, ~0u, false}, entry.role, true, has_privs_of);
    }
    if (entry.acl != before) ctx.catalog.put_default_acl(entry);
  }
}

ast::RangeVar range_of(const std::string& schema, const std::string& name) {
  ast::RangeVar range;
  range.schema = schema;
  range.name = name;
  return range;
}

QueryResult drop_owned(const ast::OwnedStmt& s, ExecContext& ctx) {
  const std::vector<std::uint32_t> roles = named_roles(s, ctx);
  revoke_from(roles, ctx);
  QueryResult result;
  auto keep_notices = [&](const QueryResult& r) {
    result.notices.insert(result.notices.end(), r.notices.begin(), r.notices.end());
  };
  auto drop_of = [&](ast::DropStmt::Object object) {
    ast::DropStmt drop;
    drop.object = object;
    drop.cascade = s.cascade;
    return drop;
  };
  // Views first, then tables (with their own sequences), then the rest: what
  // depends on another thing that goes is gone by the time that one goes.
  ast::DropStmt views = drop_of(ast::DropStmt::Object::kView);
  for (const ViewDef& v : ctx.catalog.views()) {
    if (one_of(roles, v.owner)) views.names.push_back(range_of(v.schema, v.name));
  }
  if (!views.names.empty()) keep_notices(run_drop_view(views, ctx));
  // Materialized views before the tables they read.
  std::set<std::uint32_t> dropped_tables;
  for (const bool materialized : {true, false}) {
    ast::DropStmt tables =
        drop_of(materialized ? ast::DropStmt::Object::kMaterializedView : ast::DropStmt::Object::kTable);
    for (const TableDef& t : ctx.catalog.tables()) {
      if (!one_of(roles, t.owner) || t.is_materialized_view() != materialized) continue;
      tables.names.push_back(range_of(t.schema, t.name));
      dropped_tables.insert(t.oid);
    }
    if (!tables.names.empty()) keep_notices(run_drop(tables, ctx));
  }
  ast::DropStmt sequences = drop_of(ast::DropStmt::Object::kSequence);
  for (const SequenceDef& q : ctx.catalog.sequences()) {
    if (one_of(roles, q.owner) && !dropped_tables.contains(q.owner_table)) {
      sequences.names.push_back(range_of(q.schema, q.name));
    }
  }
  if (!sequences.names.empty()) keep_notices(run_drop_sequence(sequences, ctx));
  for (const FunctionDef& f : ctx.catalog.functions()) {
    if (one_of(roles, f.owner)) ctx.catalog.drop_function(f);
  }
  ast::DomainStmt domains;
  domains.kind = ast::DomainStmt::Kind::kDrop;
  domains.cascade = s.cascade;
  for (const DomainDef& d : ctx.catalog.domains()) {
    if (one_of(roles, d.owner)) domains.names.push_back({d.schema, d.name});
  }
  if (!domains.names.empty()) keep_notices(run_domain(domains, ctx));
  ast::TypeStmt types;
  types.kind = ast::TypeStmt::Kind::kDrop;
  types.cascade = s.cascade;
  for (const EnumDef& e : ctx.catalog.enums()) {
    if (one_of(roles, e.owner)) types.names.push_back({e.schema, e.name});
  }
  if (!types.names.empty()) keep_notices(run_type(types, ctx));
  ast::SchemaStmt schemas;
  schemas.kind = ast::SchemaStmt::Kind::kDrop;
  schemas.cascade = s.cascade;
  for (const SchemaDef& def : ctx.catalog.schemas()) {
    if (one_of(roles, def.owner) && def.name != ctx.temp_schema) schemas.names.push_back(def.name);
  }
  if (!schemas.names.empty()) keep_notices(run_schema(schemas, ctx));
  result.command_tag = "DROP OWNED";
  return result;
}

}  // namespace

QueryResult run_owned(const ast::OwnedStmt& s, ExecContext& ctx) {
  return s.drop ? drop_owned(s, ctx) : reassign(s, ctx);
}

}  // namespace heliosdb::engine

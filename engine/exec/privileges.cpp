#include "engine/exec/privileges.hpp"

#include <functional>

#include "engine/common/db_error.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/role_membership.hpp"
#include "engine/exec/search_path.hpp"

namespace heliosdb::engine {

namespace {

constexpr std::uint32_t kReadAllData = 6181;   // pg_read_all_data
constexpr std::uint32_t kWriteAllData = 6182;  // pg_write_all_data

const std::set<std::uint32_t>& roles_of(ExecContext& ctx, Actor& a) {
  if (!a.roles_known) {
    a.roles = roles_with_privileges_of(ctx.catalog, a.oid);
    a.roles_known = true;
  }
  return a.roles;
}

RoleTest role_test(ExecContext& ctx) {
  return [&ctx](std::uint32_t member, std::uint32_t role) { return has_privileges_of(ctx, member, role); };
}

}  // namespace

Actor& actor(ExecContext& ctx) {
  if (!ctx.actor) {
    Actor a;
    if (std::optional<RoleDef> role = ctx.catalog.find_role(ctx.user_name)) {
      a.oid = role->oid;
      a.superuser = role->superuser;
    } else if (ctx.backends != nullptr && ctx.user_name != "postgres") {
      // A server session's role that this branch's catalog lacks (a branch
      // forked before the role was made): it may do nothing here, rather
      // than everything.
      throw DbError(sqlstate::kUndefinedObject, "role \"" + ctx.user_name + "\" does not exist on this branch")
          .with_hint("Roles made after a branch was forked are not in it.");
    }
    ctx.actor = std::move(a);
  }
  return *ctx.actor;
}

ActAs::ActAs(ExecContext& ctx, std::uint32_t owner) : ctx_(ctx), had_(ctx.actor.has_value()) {
  if (had_) saved_ = *ctx.actor;
  Actor a;
  a.oid = owner;
  const std::optional<RoleDef> role = ctx.catalog.find_role(owner);
  a.superuser = role ? role->superuser : owner == kBootstrapSuperuser;
  ctx.actor = std::move(a);
}

ActAs::~ActAs() {
  if (had_) {
    ctx_.actor = std::move(saved_);
  } else {
    ctx_.actor.reset();
  }
}

std::uint32_t owner_oid(std::int64_t stored) {
  return stored == 0 ? static_cast<std::uint32_t>(kBootstrapSuperuser) : static_cast<std::uint32_t>(stored);
}

bool has_privileges_of(ExecContext& ctx, std::uint32_t member, std::uint32_t role) {
  if (member == role) return true;
  Actor& a = actor(ctx);
  if (member == a.oid) return a.superuser || roles_of(ctx, a).contains(role);
  if (std::optional<RoleDef> def = ctx.catalog.find_role(member); def && def->superuser) return true;
  return roles_with_privileges_of(ctx.catalog, member).contains(role);
}

bool acts_as_owner(ExecContext& ctx, std::int64_t owner) {
  Actor& a = actor(ctx);
  return a.superuser || has_privileges_of(ctx, a.oid, owner_oid(owner));
}

void require_owner(ExecContext& ctx, std::int64_t owner, std::string_view kind, const std::string& name) {
  if (!acts_as_owner(ctx, owner)) {
    throw DbError(sqlstate::kInsufficientPrivilege, "must be owner of " + std::string(kind) + " " + name);
  }
}

bool may_see(ExecContext& ctx, AclObject kind, const Acl& acl, std::int64_t owner) {
  return acts_as_owner(ctx, owner) || held_privileges(ctx, kind, acl, owner, all_privileges(kind)) != 0;
}

void check_owner_change(ExecContext& ctx, std::int64_t owner, std::uint32_t new_owner, std::string_view kind,
                        const std::string& name, const std::string& schema) {
  Actor& a = actor(ctx);
  if (a.superuser) return;
  require_owner(ctx, owner, kind, name);
  if (!reaches_role(ctx.catalog, a.oid, new_owner, false)) {
    throw DbError(sqlstate::kInsufficientPrivilege, "must be member of role \"" + role_name(ctx, new_owner) + "\"");
  }
  if (!schema.empty()) require_schema_privileges(ctx, schema, privilege::kCreate);
}

namespace {

// pg_read_all_data and pg_write_all_data (PostgreSQL 14) on top of what the list gives.
std::uint32_t with_data_roles(AclObject kind, std::uint32_t wanted, std::uint32_t held,
                              const std::function<bool(std::uint32_t)>& has_role) {
  if (held == wanted || (kind != AclObject::kTable && kind != AclObject::kSequence && kind != AclObject::kSchema)) {
    return held;
  }
  const std::uint32_t reads = kind == AclObject::kSchema ? privilege::kUsage : privilege::kSelect;
  const std::uint32_t writes =
      kind == AclObject::kSchema ? privilege::kUsage : privilege::kInsert | privilege::kUpdate | privilege::kDelete;
  if ((wanted & reads & ~held) != 0 && has_role(kReadAllData)) held |= wanted & reads;
  if ((wanted & writes & ~held) != 0 && has_role(kWriteAllData)) held |= wanted & writes;
  return held;
}

}  // namespace

std::uint32_t held_privileges(ExecContext& ctx, AclObject kind, const Acl& acl, std::int64_t owner,
                              std::uint32_t wanted) {
  Actor& a = actor(ctx);
  if (a.superuser) return wanted;
  const std::uint32_t held = acl_privileges(effective_acl(acl, kind, owner_oid(owner)), a.oid, wanted, role_test(ctx));
  return with_data_roles(kind, wanted, held, [&](std::uint32_t role) { return roles_of(ctx, a).contains(role); });
}

std::uint32_t role_privileges(ExecContext& ctx, std::uint32_t role, AclObject kind, const Acl& acl, std::int64_t owner,
                              std::uint32_t wanted, bool grant_options) {
  const std::vector<AclItem> items = effective_acl(acl, kind, owner_oid(owner));
  if (role == 0) {
    std::uint32_t held = 0;
    for (const AclItem& item : items) {
      if (item.grantee == 0) held |= (grant_options ? item.grant_options : item.privileges) & wanted;
    }
    return held;
  }
  if (std::optional<RoleDef> def = ctx.catalog.find_role(role); def ? def->superuser : role == kBootstrapSuperuser) {
    return wanted;
  }
  if (grant_options) return acl_grant_options(items, owner_oid(owner), role, wanted, role_test(ctx));
  const std::set<std::uint32_t> roles = roles_with_privileges_of(ctx.catalog, role);
  const std::uint32_t held = acl_privileges(items, role, wanted, role_test(ctx));
  return with_data_roles(kind, wanted, held, [&](std::uint32_t r) { return roles.contains(r); });
}

void require_privileges(ExecContext& ctx, AclObject kind, const Acl& acl, std::int64_t owner, std::uint32_t wanted,
                        std::string_view noun, const std::string& name, bool any_of) {
  const std::uint32_t held = held_privileges(ctx, kind, acl, owner, wanted);
  if (any_of ? held != 0 : held == wanted) return;
  throw DbError(sqlstate::kInsufficientPrivilege, "permission denied for " + std::string(noun) + " " + name);
}

void require_table_privileges(ExecContext& ctx, const TableDef& table, std::uint32_t wanted) {
  require_privileges(ctx, AclObject::kTable, table.acl, table.owner, wanted, table.kind_name(), table.name);
}

void require_view_privileges(ExecContext& ctx, const ViewDef& view, std::uint32_t wanted) {
  require_privileges(ctx, AclObject::kTable, view.acl, view.owner, wanted, "view", view.name);
}

void require_sequence_privileges(ExecContext& ctx, const SequenceDef& sequence, std::uint32_t wanted, bool any_of) {
  require_privileges(ctx, AclObject::kSequence, sequence.acl, sequence.owner, wanted, "sequence", sequence.name,
                     any_of);
}

void require_type_usage(ExecContext& ctx, const SqlType& type, std::uint32_t domain_oid) {
  if (domain_oid == 0 && type.enum_oid == 0) return;
  if (actor(ctx).superuser) return;
  if (domain_oid != 0) {
    if (std::optional<DomainDef> def = ctx.catalog.find_domain(domain_oid)) {
      require_privileges(ctx, AclObject::kType, def->acl, def->owner, privilege::kUsage, "type", def->name);
    }
    return;
  }
  if (std::optional<EnumDef> def = ctx.catalog.find_enum(type.enum_oid)) {
    require_privileges(ctx, AclObject::kType, def->acl, def->owner, privilege::kUsage, "type", def->name);
  }
}

std::string builtin_acl_name(AclObject kind, std::string_view name) {
  return kind == AclObject::kSchema ? "schema " + std::string(name) : "database";
}

Acl database_acl(ExecContext& ctx) { return ctx.catalog.builtin_acl(builtin_acl_name(AclObject::kDatabase, "")); }

void require_database_privileges(ExecContext& ctx, std::uint32_t wanted) {
  if (actor(ctx).superuser) return;
  require_privileges(ctx, AclObject::kDatabase, database_acl(ctx), kBootstrapSuperuser, wanted, "database",
                     ctx.database_name);
}

SchemaAccess schema_access(ExecContext& ctx, const std::string& schema) {
  SchemaAccess out;
  if (std::optional<SchemaDef> def = ctx.catalog.find_schema(schema)) {
    out.owner = def->owner;
    out.acl = def->acl;
    return out;
  }
  out.builtin = true;
  if (schema == "public") {
    out.owner = kDatabaseOwnerRole;
    out.acl = ctx.catalog.builtin_acl(builtin_acl_name(AclObject::kSchema, schema));
    if (!out.acl) {
      const auto owner = static_cast<std::uint32_t>(kDatabaseOwnerRole);
      out.acl = std::vector<AclItem>{{owner, owner, privilege::kUsage | privilege::kCreate, 0},
                                     {0, owner, privilege::kUsage, 0}};
    }
    return out;
  }
  // pg_catalog and information_schema: everyone may look things up there.
  const auto owner = static_cast<std::uint32_t>(kBootstrapSuperuser);
  out.acl =
      std::vector<AclItem>{{owner, owner, privilege::kUsage | privilege::kCreate, 0}, {0, owner, privilege::kUsage, 0}};
  return out;
}

void require_schema_privileges(ExecContext& ctx, const std::string& schema, std::uint32_t wanted) {
  if (actor(ctx).superuser) return;
  const SchemaAccess access = schema_access(ctx, schema);
  require_privileges(ctx, AclObject::kSchema, access.acl, access.owner, wanted, "schema", schema);
}

}  // namespace heliosdb::engine

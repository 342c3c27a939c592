// CREATE / ALTER / DROP ROLE and GRANT / REVOKE role: the server's users, kept in the main branch's
// catalog (authentication reads them there). Passwords are stored as
// verifiers only, in the session's password_encryption.
#include "engine/auth/password_verifier.hpp"
#include "engine/common/db_error.hpp"
#include "engine/exec/branch_lookup.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/role_dependencies.hpp"
#include "engine/exec/role_membership.hpp"
#include "engine/exec/statements.hpp"
#include "engine/session/settings.hpp"
#include "engine/types/cast.hpp"

namespace heliosdb::engine {

namespace {

[[noreturn]] void denied(const std::string& message) { throw DbError(sqlstate::kInsufficientPrivilege, message); }

// The role running the statement: none for an embedded session, whose user
// is the database's owner and may do anything.
std::optional<RoleDef> acting_role(ExecContext& ctx) { return ctx.catalog.find_role(ctx.user_name); }

std::string resolve(const ast::RoleName& role, ExecContext& ctx) { return role.current ? ctx.user_name : role.name; }

void check_reserved(const std::string& name) {
  if (name == "public" || name == "none") {
    throw DbError(sqlstate::kReservedName, "role name \"" + name + "\" is reserved");
  }
  if (name.starts_with("pg_")) {
    throw DbError(sqlstate::kReservedName, "role name \"" + name + "\" is reserved")
        .with_detail("Role names starting with \"pg_\" are reserved.");
  }
}

auth::PasswordEncryption password_encryption(ExecContext& ctx) {
  if (ctx.settings != nullptr && ctx.settings->show("password_encryption") == "md5")
    return auth::PasswordEncryption::kMd5;
  return auth::PasswordEncryption::kScramSha256;
}

// The attributes the statement gives, over `role`.
void apply_attributes(const ast::RoleStmt& s, RoleDef& role, QueryResult& result, ExecContext& ctx) {
  auto set = [](bool& field, const std::optional<bool>& given) {
    if (given) field = *given;
  };
  set(role.superuser, s.superuser);
  set(role.inherit, s.inherit);
  set(role.create_role, s.create_role);
  set(role.create_db, s.create_db);
  set(role.login, s.login);
  set(role.replication, s.replication);
  set(role.bypass_rls, s.bypass_rls);
  if (s.connection_limit) {
    if (*s.connection_limit < -1) {
      throw DbError(sqlstate::kInvalidParameterValue,
                    "invalid connection limit: " + std::to_string(*s.connection_limit));
    }
    role.connection_limit = *s.connection_limit;
  }
  if (s.password) {
    const std::optional<std::string>& given = *s.password;
    if (given && given->empty()) {
      result.notices.push_back({"NOTICE", "00000", "empty string is not a valid password, clearing password", ""});
      role.password.reset();
    } else if (given) {
      role.password = auth::make_verifier(*given, role.name, password_encryption(ctx));
    } else {
      role.password.reset();
    }
  }
  if (s.valid_until) {
    Value at = cast_value(Value::string(TypeId::kText, *s.valid_until), SqlType{TypeId::kTimestampTz, -1},
                          CastContext::kExplicit);
    role.valid_until = at.as_int();
  }
}

// A role GRANT and REVOKE name: one of the catalog's or a predefined one.
struct NamedRole {
  std::uint32_t oid = 0;
  std::string name;
  bool superuser = false;
};

NamedRole named_role(const std::string& name, ExecContext& ctx) {
  if (std::optional<RoleDef> def = ctx.catalog.find_role(name)) return {def->oid, def->name, def->superuser};
  if (const PredefinedRole* predefined = find_predefined_role(std::string_view(name))) {
    return {static_cast<std::uint32_t>(predefined->oid), name, false};
  }
  throw DbError(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
}

std::vector<NamedRole> named_roles(const std::vector<ast::RoleName>& given, ExecContext& ctx) {
  std::vector<NamedRole> out;
  for (const ast::RoleName& role : given) out.push_back(named_role(resolve(role, ctx), ctx));
  return out;
}

std::optional<RoleMembership> membership_of(Catalog& catalog, std::uint32_t role, std::uint32_t member) {
  for (const RoleMembership& m : catalog.role_memberships()) {
    if (m.role == role && m.member == member) return m;
  }
  return std::nullopt;
}

// Only a superuser grants a superuser role; anyone else needs CREATEROLE or
// the admin option on the role, as in PostgreSQL 15.
void check_may_grant(const NamedRole& role, ExecContext& ctx) {
  const std::optional<RoleDef> me = acting_role(ctx);
  if (!me || me->superuser) return;
  if (role.superuser) denied("must be superuser to alter superusers");
  if (!me->create_role && !is_admin_of_role(ctx.catalog, me->oid, role.oid)) {
    denied("must have admin option on role \"" + role.name + "\"");
  }
}

// Makes each of `members` a member of `role`, with PostgreSQL 15's checks
// and messages: one that would make a cycle fails (0LP01), one already
// there is a NOTICE (unless it gains the admin option).
void add_members(const NamedRole& role, const std::vector<NamedRole>& members, bool admin_option, std::uint32_t grantor,
                 QueryResult& result, ExecContext& ctx) {
  if (members.empty()) return;
  check_may_grant(role, ctx);
  for (const NamedRole& member : members) {
    if (reaches_role(ctx.catalog, role.oid, member.oid, false)) {
      throw DbError(sqlstate::kInvalidGrantOperation,
                    "role \"" + role.name + "\" is a member of role \"" + member.name + "\"");
    }
    const std::optional<RoleMembership> had = membership_of(ctx.catalog, role.oid, member.oid);
    if (had && (!admin_option || had->admin_option)) {
      result.notices.push_back(
          {"NOTICE", "00000", "role \"" + member.name + "\" is already a member of role \"" + role.name + "\"", ""});
      continue;
    }
    ctx.catalog.put_role_membership({role.oid, member.oid, grantor, admin_option});
  }
}

// Takes `members` out of `role` (or only their admin option); revoking what
// is not there is a WARNING.
void remove_members(const NamedRole& role, const std::vector<NamedRole>& members, bool admin_option_only,
                    QueryResult& result, ExecContext& ctx) {
  check_may_grant(role, ctx);
  for (const NamedRole& member : members) {
    std::optional<RoleMembership> had = membership_of(ctx.catalog, role.oid, member.oid);
    if (!had) {
      result.notices.push_back({"WARNING", std::string(sqlstate::kWarning.code()),
                                "role \"" + member.name + "\" is not a member of role \"" + role.name + "\"", ""});
    } else if (admin_option_only) {
      had->admin_option = false;
      ctx.catalog.put_role_membership(*had);
    } else {
      ctx.catalog.drop_role_membership(role.oid, member.oid);
    }
  }
}

// Recorded as the grantor: GRANTED BY's role, else the one running this.
std::uint32_t grantor_of(const ast::RoleStmt& s, ExecContext& ctx) {
  const std::optional<RoleDef> me = acting_role(ctx);
  const std::uint32_t acting = me ? me->oid : static_cast<std::uint32_t>(kBootstrapSuperuser);
  if (!s.grantor) return acting;
  const std::uint32_t grantor = named_role(resolve(*s.grantor, ctx), ctx).oid;
  if (grantor != acting && me && !me->superuser) denied("must be superuser to set grantor");
  return grantor;
}

// GRANT roles TO members [WITH ADMIN OPTION] [GRANTED BY role] and REVOKE
// [ADMIN OPTION FOR] roles FROM members.
QueryResult grant_roles(const ast::RoleStmt& s, ExecContext& ctx) {
  QueryResult result;
  const bool grant = s.kind == ast::RoleStmt::Kind::kGrant;
  std::vector<NamedRole> granted;
  for (const std::string& name : s.granted) granted.push_back(named_role(name, ctx));
  const std::vector<NamedRole> members = named_roles(s.roles, ctx);
  const std::uint32_t grantor = grantor_of(s, ctx);
  for (const NamedRole& role : granted) {
    if (grant) {
      add_members(role, members, s.admin_option, grantor, result, ctx);
    } else {
      remove_members(role, members, s.admin_option, result, ctx);
    }
  }
  result.command_tag = grant ? "GRANT ROLE" : "REVOKE ROLE";
  return result;
}

QueryResult create_role(const ast::RoleStmt& s, ExecContext& ctx) {
  QueryResult result;
  const std::string& name = s.roles.at(0).name;
  check_reserved(name);
  if (auto me = acting_role(ctx)) {
    if (!me->superuser && !me->create_role) denied("permission denied to create role");
    if (!me->superuser &&
        (s.superuser.value_or(false) || s.replication.value_or(false) || s.bypass_rls.value_or(false))) {
      denied("must be superuser to create superusers, replication users or roles that bypass row-level security");
    }
  }
  RoleDef role;
  role.name = name;
  role.login = s.user;  // CREATE USER logs in unless told NOLOGIN
  apply_attributes(s, role, result, ctx);
  ctx.catalog.create_role(std::move(role));
  // IN ROLE, then ADMIN, then ROLE: PostgreSQL's order, which its notices show.
  const NamedRole created = named_role(name, ctx);
  const std::uint32_t grantor = grantor_of(s, ctx);
  for (const NamedRole& joined : named_roles(s.in_roles, ctx))
    add_members(joined, {created}, false, grantor, result, ctx);
  add_members(created, named_roles(s.admin_members, ctx), true, grantor, result, ctx);
  add_members(created, named_roles(s.role_members, ctx), false, grantor, result, ctx);
  result.command_tag = "CREATE ROLE";
  return result;
}

QueryResult alter_role(const ast::RoleStmt& s, ExecContext& ctx) {
  QueryResult result;
  const std::string name = resolve(s.roles.at(0), ctx);
  std::optional<RoleDef> old = ctx.catalog.find_role(name);
  if (!old && find_predefined_role(std::string_view(name))) {
    throw DbError(sqlstate::kReservedName, "role name \"" + name + "\" is reserved")
        .with_detail(s.new_name.empty() ? "Cannot alter reserved roles."
                                        : "Role names starting with \"pg_\" are reserved.");
  }
  if (!old) throw DbError(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
  RoleDef role = *old;
  if (auto me = acting_role(ctx); me && !me->superuser) {
    const bool only_own_password = me->oid == role.oid && s.new_name.empty() && s.password && !s.superuser &&
                                   !s.inherit && !s.create_role && !s.create_db && !s.login && !s.replication &&
                                   !s.bypass_rls && !s.connection_limit && !s.valid_until;
    if (!only_own_password) {
      if (role.superuser || s.superuser || s.replication || s.bypass_rls) {
        denied("must be superuser to alter superuser roles or change superuser attribute");
      }
      if (!me->create_role) denied("permission denied");
    }
  }
  if (!s.new_name.empty()) {
    if (role.name == ctx.user_name) {
      throw DbError(sqlstate::kFeatureNotSupported, "session user cannot be renamed");
    }
    check_reserved(s.new_name);
    role.name = s.new_name;
    // An md5 verifier hashes the name in: it no longer matches.
    if (role.password && auth::is_md5_verifier(*role.password)) {
      role.password.reset();
      result.notices.push_back({"NOTICE", "00000", "MD5 password cleared because of role rename", ""});
    }
  }
  apply_attributes(s, role, result, ctx);
  ctx.catalog.update_role(*old, role);
  result.command_tag = "ALTER ROLE";
  return result;
}

QueryResult drop_roles(const ast::RoleStmt& s, ExecContext& ctx) {
  QueryResult result;
  const std::optional<RoleDef> me = acting_role(ctx);
  if (me && !me->superuser && !me->create_role) denied("permission denied to drop role");
  for (const ast::RoleName& given : s.roles) {
    const std::string name = resolve(given, ctx);
    std::optional<RoleDef> role = ctx.catalog.find_role(name);
    if (!role && find_predefined_role(std::string_view(name))) {
      throw DbError(sqlstate::kDependentObjectsStillExist,
                    "cannot drop role " + name + " because it is required by the database system");
    }
    if (!role) {
      if (!s.if_exists) throw DbError(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
      result.notices.push_back({"NOTICE", "00000", "role \"" + name + "\" does not exist, skipping", ""});
      continue;
    }
    if (role->name == ctx.user_name) throw DbError(sqlstate::kObjectInUse, "current user cannot be dropped");
    if (me && !me->superuser && role->superuser) denied("must be superuser to drop superusers");
    if (std::vector<std::string> dependents = role_dependents(ctx, role->oid); !dependents.empty()) {
      std::string detail;
      for (const std::string& d : dependents) detail += (detail.empty() ? "" : "\n") + d;
      throw DbError(sqlstate::kDependentObjectsStillExist,
                    "role \"" + role->name + "\" cannot be dropped because some objects depend on it")
          .with_detail(detail);
    }
    ctx.catalog.drop_role(*role);
  }
  result.command_tag = "DROP ROLE";
  return result;
}

}  // namespace

QueryResult run_role(const ast::RoleStmt& s, ExecContext& ctx) {
  if (ctx.txn.branch() != default_branch(ctx.txn.store())) {
    throw DbError(sqlstate::kFeatureNotSupported, "roles can only be created, changed or dropped on branch main")
        .with_hint("Roles belong to the whole database: connect to main (USE BRANCH main) to change them.");
  }
  switch (s.kind) {
    case ast::RoleStmt::Kind::kCreate:
      return create_role(s, ctx);
    case ast::RoleStmt::Kind::kAlter:
      return alter_role(s, ctx);
    case ast::RoleStmt::Kind::kDrop:
      return drop_roles(s, ctx);
    case ast::RoleStmt::Kind::kGrant:
    case ast::RoleStmt::Kind::kRevoke:
      return grant_roles(s, ctx);
  }
  return {};
}

}  // namespace heliosdb::engine

// CREATE / ALTER / DROP ROLE (and USER, GROUP) into ast::RoleStmt.
#include "engine/common/db_error.hpp"
#include "engine/parser/transformer.hpp"

namespace heliosdb::engine::parser {

using namespace ast;

RoleName transform_role_spec(const PgQuery__RoleSpec& spec) {
  switch (spec.roletype) {
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING:
      return {spec.rolename, false};
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CURRENT_ROLE:
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CURRENT_USER:
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_SESSION_USER:
      return {"", true};
    default:
      unsupported("this role specification", spec.location);
  }
}

namespace {

bool flag_of(const PgQuery__DefElem& opt) {
  if (opt.arg != nullptr && opt.arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN) return opt.arg->boolean->boolval;
  if (opt.arg != nullptr && opt.arg->node_case == PG_QUERY__NODE__NODE_INTEGER) return opt.arg->integer->ival != 0;
  return true;
}

// The attributes of CREATE ROLE and ALTER ROLE, as PostgreSQL's grammar names
// them (CreateOptRoleElem); each at most once.
void transform_role_options(PgQuery__Node* const* items, size_t n, RoleStmt& out) {
  for (size_t i = 0; i < n; ++i) {
    const PgQuery__DefElem& opt = *items[i]->def_elem;
    const std::string name = opt.defname;
    auto once = [&](auto& field, auto value) {
      if (field) throw at(DbError(sqlstate::kSyntaxError, "conflicting or redundant options"), opt.location);
      field = value;
    };
    if (name == "superuser") {
      once(out.superuser, flag_of(opt));
    } else if (name == "inherit") {
      once(out.inherit, flag_of(opt));
    } else if (name == "createrole") {
      once(out.create_role, flag_of(opt));
    } else if (name == "createdb") {
      once(out.create_db, flag_of(opt));
    } else if (name == "canlogin") {
      once(out.login, flag_of(opt));
    } else if (name == "isreplication") {
      once(out.replication, flag_of(opt));
    } else if (name == "bypassrls") {
      once(out.bypass_rls, flag_of(opt));
    } else if (name == "connectionlimit") {
      once(out.connection_limit, static_cast<std::int32_t>(opt.arg->integer->ival));
    } else if (name == "password") {
      std::optional<std::string> value;
      if (opt.arg != nullptr && opt.arg->node_case == PG_QUERY__NODE__NODE_STRING) value = opt.arg->string->sval;
      once(out.password, value);
    } else if (name == "validUntil") {
      once(out.valid_until, std::string(opt.arg->string->sval));
    } else if (name == "sysid") {
      // Ignored, as PostgreSQL has since 8.1.
    } else if (name == "addroleto" || name == "rolemembers" || name == "adminmembers") {
      std::vector<RoleName>& list = name == "addroleto"     ? out.in_roles
                                    : name == "rolemembers" ? out.role_members
                                                            : out.admin_members;
      const PgQuery__List& given = *opt.arg->list;
      for (size_t k = 0; k < given.n_items; ++k) list.push_back(transform_role_spec(*given.items[k]->role_spec));
    } else {
      unsupported("role option " + name, opt.location);
    }
  }
}

}  // namespace

RoleStmt transform_create_role(const PgQuery__CreateRoleStmt& create) {
  RoleStmt out;
  out.kind = RoleStmt::Kind::kCreate;
  out.user = create.stmt_type == PG_QUERY__ROLE_STMT_TYPE__ROLESTMT_USER;
  out.roles.push_back({create.role, false});
  transform_role_options(create.options, create.n_options, out);
  return out;
}

RoleStmt transform_alter_role(const PgQuery__AlterRoleStmt& alter) {
  RoleStmt out;
  out.kind = RoleStmt::Kind::kAlter;
  out.roles.push_back(transform_role_spec(*alter.role));
  transform_role_options(alter.options, alter.n_options, out);
  return out;
}

RoleStmt transform_drop_role(const PgQuery__DropRoleStmt& drop) {
  RoleStmt out;
  out.kind = RoleStmt::Kind::kDrop;
  out.if_exists = drop.missing_ok;
  for (size_t i = 0; i < drop.n_roles; ++i) out.roles.push_back(transform_role_spec(*drop.roles[i]->role_spec));
  return out;
}

RoleStmt transform_rename_role(const PgQuery__RenameStmt& rename) {
  RoleStmt out;
  out.kind = RoleStmt::Kind::kAlter;
  out.roles.push_back({rename.subname, false});
  out.new_name = rename.newname;
  return out;
}

RoleStmt transform_grant_role(const PgQuery__GrantRoleStmt& grant) {
  RoleStmt out;
  out.kind = grant.is_grant ? RoleStmt::Kind::kGrant : RoleStmt::Kind::kRevoke;
  for (size_t i = 0; i < grant.n_granted_roles; ++i)
    out.granted.push_back(grant.granted_roles[i]->access_priv->priv_name);
  for (size_t i = 0; i < grant.n_grantee_roles; ++i) {
    const PgQuery__RoleSpec& spec = *grant.grantee_roles[i]->role_spec;
    // PUBLIC is no role to be a member: PostgreSQL looks it up by name, and fails.
    out.roles.push_back(spec.roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC ? RoleName{"public", false}
                                                                                   : transform_role_spec(spec));
  }
  out.admin_option = grant.admin_opt;
  if (grant.grantor != nullptr) out.grantor = transform_role_spec(*grant.grantor);
  return out;
}

}  // namespace heliosdb::engine::parser

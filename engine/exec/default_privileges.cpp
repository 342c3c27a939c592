#include "engine/exec/default_privileges.hpp"

#include <algorithm>
#include <tuple>

#include "engine/common/db_error.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/grant_terms.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/privileges.hpp"
#include "engine/exec/search_path.hpp"

namespace heliosdb::engine {

namespace {

using Object = ast::GrantStmt::Object;

// pg_default_acl's defaclobjtype for each kind.
char type_letter(AclObject kind) {
  switch (kind) {
    case AclObject::kTable:
      return 'r';
    case AclObject::kSequence:
      return 'S';
    case AclObject::kFunction:
      return 'f';
    case AclObject::kType:
      return 'T';
    case AclObject::kSchema:
      return 'n';
    case AclObject::kDatabase:
    case AclObject::kColumn:
      break;
  }
  return '?';
}

AclObject kind_of(Object object) {
  switch (object) {
    case Object::kTable:
      return AclObject::kTable;
    case Object::kSequence:
      return AclObject::kSequence;
    case Object::kFunction:
      return AclObject::kFunction;
    case Object::kType:
    case Object::kDomain:
      return AclObject::kType;
    case Object::kSchema:
      return AclObject::kSchema;
    case Object::kDatabase:
      break;
  }
  throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: default privileges on this kind of object");
}

// aclitemsort's order: by grantee, grantor, then privileges (grant options above them).
void sort_items(std::vector<AclItem>& acl) {
  auto rights = [](const AclItem& i) { return (std::uint64_t{i.grant_options} << 32) | i.privileges; };
  std::sort(acl.begin(), acl.end(), [&](const AclItem& x, const AclItem& y) {
    return std::make_tuple(x.grantee, x.grantor, rights(x)) < std::make_tuple(y.grantee, y.grantor, rights(y));
  });
}

// Two lists with the same items, whatever their order.
bool same_items(std::vector<AclItem> a, std::vector<AclItem> b) {
  sort_items(a);
  sort_items(b);
  return a == b;
}

std::uint32_t schema_oid(ExecContext& ctx, const std::string& schema) {
  const std::optional<std::int64_t> oid = namespace_oid(ctx.catalog, schema);
  if (!oid) throw DbError(sqlstate::kUndefinedSchema, "schema \"" + schema + "\" does not exist");
  return static_cast<std::uint32_t>(*oid);
}

}  // namespace

QueryResult run_default_privileges(const ast::DefaultPrivilegesStmt& s, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "ALTER DEFAULT PRIVILEGES";
  if (!s.grant.column_privileges.empty()) {
    throw DbError(sqlstate::kInvalidGrantOperation, "default privileges cannot be set for columns");
  }
  const AclObject kind = kind_of(s.grant.object);
  if (kind == AclObject::kSchema && !s.schemas.empty()) {
    throw DbError(sqlstate::kInvalidGrantOperation, std::string("cannot use IN SCHEMA clause when using ") +
                                                        (s.grant.grant ? "GRANT" : "REVOKE") + " ON SCHEMAS");
  }
  std::vector<std::uint32_t> roles;
  for (const ast::RoleName& role : s.roles) roles.push_back(static_cast<std::uint32_t>(role_oid(role, ctx)));
  if (roles.empty()) roles.push_back(actor(ctx).oid);
  for (std::uint32_t role : roles) {
    if (!has_privileges_of(ctx, actor(ctx).oid, role)) {
      throw DbError(sqlstate::kInsufficientPrivilege, "permission denied to change default privileges");
    }
  }
  std::vector<std::uint32_t> schemas;
  for (const std::string& schema : s.schemas) schemas.push_back(schema_oid(ctx, schema));
  if (schemas.empty()) schemas.push_back(0);
  const std::uint32_t named = named_privileges(s.grant, true);
  const std::uint32_t privileges = named == 0 ? all_privileges(kind) : named;
  const std::vector<std::uint32_t> grantees = grantee_oids(s.grant, ctx);
  const RoleTest has_privs_of = [&ctx](std::uint32_t member, std::uint32_t role) {
    return has_privileges_of(ctx, member, role);
  };
  const char letter = type_letter(kind);
  for (std::uint32_t role : roles) {
    for (std::uint32_t schema : schemas) {
      // The starting point: the entry there is; else, for every schema, the
      // kind's own default, and for one schema nothing.
      const std::optional<DefaultAcl> found = ctx.catalog.find_default_acl(role, schema, letter);
      DefaultAcl entry = found.value_or(DefaultAcl{0, role, schema, letter, {}});
      if (!found && schema == 0) entry.acl = default_acl(kind, role);
      for (std::uint32_t grantee : grantees) {
        refuse_public_grant_option(s.grant, grantee);
        const AclChange change{grantee, role, privileges, s.grant.grant_option};
        if (s.grant.grant) {
          acl_grant(entry.acl, change, role, has_privs_of);
        } else {
          acl_revoke(entry.acl, change, role, s.grant.cascade, has_privs_of);
        }
      }
      const bool is_default = schema == 0 ? same_items(entry.acl, default_acl(kind, role)) : entry.acl.empty();
      if (is_default) {
        if (found) ctx.catalog.drop_default_acl(*found);
      } else {
        ctx.catalog.put_default_acl(entry);
      }
    }
  }
  return result;
}

Acl initial_acl(ExecContext& ctx, AclObject kind, std::uint32_t owner, const std::string& schema) {
  const char letter = type_letter(kind);
  std::optional<DefaultAcl> global = ctx.catalog.find_default_acl(owner, 0, letter);
  std::optional<DefaultAcl> local;
  if (!schema.empty()) {
    if (const std::optional<std::int64_t> oid = namespace_oid(ctx.catalog, schema)) {
      local = ctx.catalog.find_default_acl(owner, static_cast<std::uint32_t>(*oid), letter);
    }
  }
  if (!global && !local) return std::nullopt;
  std::vector<AclItem> acl = global ? global->acl : default_acl(kind, owner);
  if (local) {
    for (const AclItem& item : local->acl) {
      auto same = std::find_if(acl.begin(), acl.end(), [&](const AclItem& i) {
        return i.grantee == item.grantee && i.grantor == item.grantor;
      });
      if (same == acl.end()) {
        acl.push_back(item);
      } else {
        same->privileges |= item.privileges;
        same->grant_options |= item.grant_options;
      }
    }
  }
  // Sorted, as get_user_default_acl leaves it.
  sort_items(acl);
  if (same_items(acl, default_acl(kind, owner))) return std::nullopt;
  return acl;
}

std::string default_acl_description(ExecContext& ctx, const DefaultAcl& entry) {
  const char* what = entry.object_type == 'S'   ? "sequences"
                     : entry.object_type == 'f' ? "functions"
                     : entry.object_type == 'T' ? "types"
                     : entry.object_type == 'n' ? "schemas"
                                                : "relations";
  std::string out =
      std::string("default privileges on new ") + what + " belonging to role " + role_name(ctx, entry.role);
  if (entry.schema != 0) {
    for (const auto& [oid, name] : namespace_list(ctx.catalog)) {
      if (oid == entry.schema) out += " in schema " + name;
    }
  }
  return out;
}

}  // namespace heliosdb::engine

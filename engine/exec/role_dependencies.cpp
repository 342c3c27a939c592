#include "engine/exec/role_dependencies.hpp"

#include <algorithm>

#include "engine/exec/default_privileges.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/privileges.hpp"

namespace heliosdb::engine {

namespace {

bool mentions(const Acl& acl, std::uint32_t role) {
  if (!acl) return false;
  for (const AclItem& item : *acl) {
    if (item.grantee == role || item.grantor == role) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> role_dependents(ExecContext& ctx, std::uint32_t role) {
  std::vector<std::string> out;
  auto consider = [&](std::int64_t owner, const Acl& acl, const std::string& what) {
    if (owner_oid(owner) == role) out.push_back("owner of " + what);
    if (mentions(acl, role)) out.push_back("privileges for " + what);
  };
  for (const SchemaDef& s : ctx.catalog.schemas()) consider(s.owner, s.acl, "schema " + s.name);
  for (const TableDef& t : ctx.catalog.tables()) {
    consider(t.owner, t.acl, "table " + t.name);
    for (const ColumnDef& c : t.columns) {
      if (mentions(c.acl, role)) out.push_back("privileges for column " + c.name + " of table " + t.name);
    }
    for (const PolicyDef& p : t.policies) {
      if (std::find(p.roles.begin(), p.roles.end(), role) != p.roles.end()) {
        out.push_back("target of policy " + p.name + " on table " + t.name);
      }
    }
  }
  for (const SequenceDef& s : ctx.catalog.sequences()) consider(s.owner, s.acl, "sequence " + s.name);
  for (const ViewDef& v : ctx.catalog.views()) {
    consider(v.owner, v.acl, "view " + v.name);
    for (std::size_t i = 0; i < v.column_acls.size() && i < v.columns.size(); ++i) {
      if (mentions(v.column_acls[i], role))
        out.push_back("privileges for column " + v.columns[i] + " of view " + v.name);
    }
  }
  for (const FunctionDef& f : ctx.catalog.functions()) consider(f.owner, f.acl, "function " + f.name);
  for (const EnumDef& e : ctx.catalog.enums()) consider(e.owner, e.acl, "type " + e.name);
  for (const DomainDef& d : ctx.catalog.domains()) consider(d.owner, d.acl, "type " + d.name);
  if (mentions(ctx.catalog.builtin_acl(builtin_acl_name(AclObject::kSchema, "public")), role)) {
    out.push_back("privileges for schema public");
  }
  if (mentions(database_acl(ctx), role)) out.push_back("privileges for database " + ctx.database_name);
  for (const DefaultAcl& entry : ctx.catalog.default_acls()) {
    if (entry.role == role) out.push_back("owner of " + default_acl_description(ctx, entry));
    if (entry.role != role && mentions(entry.acl, role)) {
      out.push_back("privileges for " + default_acl_description(ctx, entry));
    }
  }
  return out;
}

}  // namespace heliosdb::engine

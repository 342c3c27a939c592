#include "engine/exec/information_schema_privileges.hpp"

#include <set>
#include <tuple>

#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/privileges.hpp"
#include "engine/exec/system_views.hpp"

namespace heliosdb::engine {

namespace {

Value text(std::string s) { return Value::string(TypeId::kText, std::move(s)); }

// The table privileges in the order aclexplode() lists them.
constexpr std::pair<std::uint32_t, const char*> kTablePrivileges[] = {
    {privilege::kInsert, "INSERT"},  {privilege::kSelect, "SELECT"},     {privilege::kUpdate, "UPDATE"},
    {privilege::kDelete, "DELETE"},  {privilege::kTruncate, "TRUNCATE"}, {privilege::kReferences, "REFERENCES"},
    {privilege::kTrigger, "TRIGGER"}};

// `only_own`: role_table_grants, which keeps the grants the current role (or
// a role it has the privileges of) made or received, not PUBLIC's.
Relation table_grants(const std::string& qualifier, ExecContext& ctx, bool only_own) {
  Relation r = make_relation({{"grantor", TypeId::kText},
                              {"grantee", TypeId::kText},
                              {"table_catalog", TypeId::kText},
                              {"table_schema", TypeId::kText},
                              {"table_name", TypeId::kText},
                              {"privilege_type", TypeId::kText},
                              {"is_grantable", TypeId::kText},
                              {"with_hierarchy", TypeId::kText}},
                             qualifier);
  const std::uint32_t me = actor(ctx).oid;
  auto add = [&](const std::string& schema, const std::string& name, std::int64_t stored_owner, const Acl& acl) {
    const std::uint32_t owner = owner_oid(stored_owner);
    for (const AclItem& item : effective_acl(acl, AclObject::kTable, owner)) {
      const bool mine =
          has_privileges_of(ctx, me, item.grantor) || (item.grantee != 0 && has_privileges_of(ctx, me, item.grantee));
      if (!mine && (only_own || item.grantee != 0)) continue;
      const bool owner_grantee = item.grantee != 0 && has_privileges_of(ctx, item.grantee, owner);
      for (const auto& [bit, type] : kTablePrivileges) {
        if ((item.privileges & bit) == 0) continue;
        const bool grantable = owner_grantee || (item.grant_options & bit) != 0;
        r.rows.push_back({text(role_name(ctx, item.grantor)),
                          text(item.grantee == 0 ? "PUBLIC" : role_name(ctx, item.grantee)), text(ctx.database_name),
                          text(schema), text(name), text(type), text(grantable ? "YES" : "NO"),
                          text(bit == privilege::kSelect ? "YES" : "NO")});
      }
    }
  };
  for (const TableDef& t : ctx.catalog.tables()) {
    if (!t.materialized) add(t.schema, t.name, t.owner, t.acl);  // the standard has no materialized views
  }
  for (const ViewDef& v : ctx.catalog.views()) add(v.schema, v.name, v.owner, v.acl);
  return r;
}

// column_privileges: for each column, the grants on its table and its own,
// once each; `only_own` for role_column_grants, as above.
Relation column_grants(const std::string& qualifier, ExecContext& ctx, bool only_own) {
  Relation r = make_relation({{"grantor", TypeId::kText},
                              {"grantee", TypeId::kText},
                              {"table_catalog", TypeId::kText},
                              {"table_schema", TypeId::kText},
                              {"table_name", TypeId::kText},
                              {"column_name", TypeId::kText},
                              {"privilege_type", TypeId::kText},
                              {"is_grantable", TypeId::kText}},
                             qualifier);
  constexpr std::uint32_t kColumnPrivileges =
      privilege::kInsert | privilege::kSelect | privilege::kUpdate | privilege::kReferences;
  const std::uint32_t me = actor(ctx).oid;
  auto add = [&](const std::string& schema, const std::string& name, std::int64_t stored_owner, const Acl& acl,
                 const std::vector<std::string>& columns, const std::vector<Acl>& column_acls) {
    const std::uint32_t owner = owner_oid(stored_owner);
    const std::vector<AclItem> table_items = effective_acl(acl, AclObject::kTable, owner);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      std::vector<AclItem> items = table_items;
      if (c < column_acls.size() && column_acls[c]) {
        items.insert(items.end(), column_acls[c]->begin(), column_acls[c]->end());
      }
      std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, bool>> seen;
      for (const AclItem& item : items) {
        const bool mine =
            has_privileges_of(ctx, me, item.grantor) || (item.grantee != 0 && has_privileges_of(ctx, me, item.grantee));
        if (!mine && (only_own || item.grantee != 0)) continue;
        const bool owner_grantee = item.grantee != 0 && has_privileges_of(ctx, item.grantee, owner);
        for (const auto& [bit, type] : kTablePrivileges) {
          if ((item.privileges & bit & kColumnPrivileges) == 0) continue;
          const bool option = (item.grant_options & bit) != 0;
          if (!seen.insert({item.grantor, item.grantee, bit, option}).second) continue;
          r.rows.push_back({text(role_name(ctx, item.grantor)),
                            text(item.grantee == 0 ? "PUBLIC" : role_name(ctx, item.grantee)), text(ctx.database_name),
                            text(schema), text(name), text(columns[c]), text(type),
                            text(owner_grantee || option ? "YES" : "NO")});
        }
      }
    }
  };
  for (const TableDef& t : ctx.catalog.tables()) {
    if (t.materialized) continue;  // the standard has no materialized views
    std::vector<std::string> columns;
    std::vector<Acl> column_acls;
    for (const ColumnDef& c : t.columns) {
      columns.push_back(c.name);
      column_acls.push_back(c.acl);
    }
    add(t.schema, t.name, t.owner, t.acl, columns, column_acls);
  }
  for (const ViewDef& v : ctx.catalog.views()) add(v.schema, v.name, v.owner, v.acl, v.columns, v.column_acls);
  return r;
}

}  // namespace

std::optional<Relation> privilege_view(const std::string& name, const std::string& qualifier, ExecContext& ctx) {
  if (name == "table_privileges") return table_grants(qualifier, ctx, false);
  if (name == "role_table_grants") return table_grants(qualifier, ctx, true);
  if (name == "column_privileges") return column_grants(qualifier, ctx, false);
  if (name == "role_column_grants") return column_grants(qualifier, ctx, true);
  return std::nullopt;
}

}  // namespace heliosdb::engine

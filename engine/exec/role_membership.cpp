#include "engine/exec/role_membership.hpp"

#include <set>

#include "engine/exec/pg_catalog_views.hpp"

namespace heliosdb::engine {

std::vector<RoleMembership> all_role_memberships(Catalog& catalog) {
  std::vector<RoleMembership> out;
  const auto monitor = static_cast<std::uint32_t>(find_predefined_role(std::string_view("pg_monitor"))->oid);
  for (std::string_view granted : {"pg_read_all_settings", "pg_read_all_stats", "pg_stat_scan_tables"}) {
    out.push_back({static_cast<std::uint32_t>(find_predefined_role(granted)->oid), monitor,
                   static_cast<std::uint32_t>(kBootstrapSuperuser), false});
  }
  for (RoleMembership& m : catalog.role_memberships()) out.push_back(m);
  return out;
}

namespace {

// `member` and every role it is a member of, through any chain (only through
// roles that inherit, with `privileges`).
std::set<std::uint32_t> roles_of(Catalog& catalog, const std::vector<RoleMembership>& memberships, std::uint32_t member,
                                 bool privileges) {
  auto inherits = [&](std::uint32_t oid) {
    const std::optional<RoleDef> def = catalog.find_role(oid);
    return !def || def->inherit;  // the predefined roles inherit
  };
  std::set<std::uint32_t> seen{member};
  std::vector<std::uint32_t> frontier{member};
  while (!frontier.empty()) {
    const std::uint32_t at = frontier.back();
    frontier.pop_back();
    if (privileges && !inherits(at)) continue;
    for (const RoleMembership& m : memberships) {
      if (m.member == at && seen.insert(m.role).second) frontier.push_back(m.role);
    }
  }
  return seen;
}

}  // namespace

bool reaches_role(Catalog& catalog, std::uint32_t member, std::uint32_t role, bool privileges) {
  if (member == role) return true;
  return roles_of(catalog, all_role_memberships(catalog), member, privileges).contains(role);
}

std::set<std::uint32_t> roles_with_privileges_of(Catalog& catalog, std::uint32_t member) {
  std::set<std::uint32_t> roles = roles_of(catalog, all_role_memberships(catalog), member, true);
  // The database belongs to the bootstrap superuser.
  if (roles.contains(static_cast<std::uint32_t>(kBootstrapSuperuser))) {
    roles.insert(static_cast<std::uint32_t>(kDatabaseOwnerRole));
  }
  return roles;
}

bool is_admin_of_role(Catalog& catalog, std::uint32_t member, std::uint32_t role) {
  if (member == role) return false;
  const std::vector<RoleMembership> memberships = all_role_memberships(catalog);
  const std::set<std::uint32_t> mine = roles_of(catalog, memberships, member, false);
  for (const RoleMembership& m : memberships) {
    if (m.role == role && m.admin_option && mine.contains(m.member)) return true;
  }
  return false;
}

}  // namespace heliosdb::engine

#pragma once

#include <cstdint>
#include <set>
#include <vector>

#include "engine/catalog/catalog.hpp"

namespace heliosdb::engine {

/// Every role membership: those GRANT stored and those PostgreSQL's initdb
/// makes among the predefined roles (pg_monitor's), as pg_auth_members
/// lists them.
std::vector<RoleMembership> all_role_memberships(Catalog& catalog);

/// Whether `member` is `role`, or a member of it through any chain of
/// GRANTs. With `privileges`, only through roles that inherit (INHERIT,
/// the default): what pg_has_role's USAGE asks; without, MEMBER's answer.
bool reaches_role(Catalog& catalog, std::uint32_t member, std::uint32_t role, bool privileges);

/// `member` and every role whose privileges it has (through roles that
/// inherit); pg_database_owner's when it has the database owner's.
std::set<std::uint32_t> roles_with_privileges_of(Catalog& catalog, std::uint32_t member);

/// Whether `member` holds the admin option on `role`: some role it is, or is
/// a member of through any chain, was granted `role` WITH ADMIN OPTION. A
/// role is never admin of itself (PostgreSQL 15's policy).
bool is_admin_of_role(Catalog& catalog, std::uint32_t member, std::uint32_t role);

}  // namespace heliosdb::engine

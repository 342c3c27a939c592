#include "engine/exec/acl_rules.hpp"

#include <algorithm>
#include <bit>

#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace p = privilege;

std::uint32_t all_privileges(AclObject kind) {
  switch (kind) {
    case AclObject::kTable:
      return p::kInsert | p::kSelect | p::kUpdate | p::kDelete | p::kTruncate | p::kReferences | p::kTrigger;
    case AclObject::kSequence:
      return p::kUsage | p::kSelect | p::kUpdate;
    case AclObject::kSchema:
      return p::kUsage | p::kCreate;
    case AclObject::kFunction:
      return p::kExecute;
    case AclObject::kDatabase:
      return p::kCreate | p::kTemporary | p::kConnect;
    case AclObject::kType:
      return p::kUsage;
    case AclObject::kColumn:
      return p::kInsert | p::kSelect | p::kUpdate | p::kReferences;
  }
  return 0;
}

std::vector<AclItem> default_acl(AclObject kind, std::uint32_t owner) {
  std::vector<AclItem> acl;
  // A column's own list starts empty: its table's privileges cover it.
  if (kind == AclObject::kColumn) return acl;
  // PUBLIC first, as acldefault() lists it.
  switch (kind) {
    case AclObject::kFunction:
      acl.push_back({0, owner, p::kExecute, 0});
      break;
    case AclObject::kType:
      acl.push_back({0, owner, p::kUsage, 0});
      break;
    case AclObject::kDatabase:
      acl.push_back({0, owner, p::kTemporary | p::kConnect, 0});
      break;
    default:
      break;
  }
  acl.push_back({owner, owner, all_privileges(kind), 0});
  return acl;
}

std::vector<AclItem> effective_acl(const Acl& acl, AclObject kind, std::uint32_t owner) {
  return acl ? *acl : default_acl(kind, owner);
}

std::uint32_t acl_privileges(const std::vector<AclItem>& acl, std::uint32_t role, std::uint32_t wanted,
                             const RoleTest& has_privs_of) {
  std::uint32_t held = 0;
  // Direct grants first: they need no membership lookups.
  for (const AclItem& item : acl) {
    if (item.grantee == 0 || item.grantee == role) held |= item.privileges & wanted;
  }
  for (const AclItem& item : acl) {
    if (held == wanted) break;
    if (item.grantee == 0 || item.grantee == role || (item.privileges & wanted & ~held) == 0) continue;
    if (has_privs_of(role, item.grantee)) held |= item.privileges & wanted;
  }
  return held;
}

std::uint32_t acl_grant_options(const std::vector<AclItem>& acl, std::uint32_t owner, std::uint32_t role,
                                std::uint32_t wanted, const RoleTest& has_privs_of) {
  if (has_privs_of(role, owner)) return wanted;
  std::uint32_t held = 0;
  for (const AclItem& item : acl) {
    if (item.grantee == 0 || item.grantee == role || has_privs_of(role, item.grantee)) {
      held |= item.grant_options & wanted;
    }
  }
  return held;
}

namespace {

std::vector<AclItem>::iterator find_item(std::vector<AclItem>& acl, std::uint32_t grantee, std::uint32_t grantor) {
  return std::find_if(acl.begin(), acl.end(),
                      [&](const AclItem& i) { return i.grantee == grantee && i.grantor == grantor; });
}

void remove_rights(std::vector<AclItem>& acl, const AclChange& change, std::uint32_t owner, bool cascade,
                   const RoleTest& has_privs_of);

// The grant options `grantee` lost: the grants it made with them go too
// (recursive_revoke), unless it still holds them another way.
void revoke_dependents(std::vector<AclItem>& acl, std::uint32_t grantee, std::uint32_t lost, std::uint32_t owner,
                       bool cascade, const RoleTest& has_privs_of) {
  if (grantee == owner || grantee == 0) return;  // the owner cannot truly lose grant options
  lost &= ~acl_grant_options(acl, owner, grantee, lost, has_privs_of);
  if (lost == 0) return;
  while (true) {
    auto dependent = std::find_if(acl.begin(), acl.end(),
                                  [&](const AclItem& i) { return i.grantor == grantee && (i.privileges & lost) != 0; });
    if (dependent == acl.end()) return;
    if (!cascade) {
      throw DbError(sqlstate::kDependentObjectsStillExist, "dependent privileges exist")
          .with_hint("Use CASCADE to revoke them too.");
    }
    remove_rights(acl, {dependent->grantee, grantee, lost, false}, owner, cascade, has_privs_of);
  }
}

void remove_rights(std::vector<AclItem>& acl, const AclChange& change, std::uint32_t owner, bool cascade,
                   const RoleTest& has_privs_of) {
  auto item = find_item(acl, change.grantee, change.grantor);
  if (item == acl.end()) return;
  const std::uint32_t old_options = item->grant_options;
  if (!change.grant_option) item->privileges &= ~change.privileges;
  item->grant_options &= ~change.privileges & item->privileges;
  const std::uint32_t lost = old_options & ~item->grant_options;
  const std::uint32_t grantee = item->grantee;
  if (item->privileges == 0) acl.erase(item);
  if (lost != 0) revoke_dependents(acl, grantee, lost, owner, cascade, has_privs_of);
}

}  // namespace

void acl_grant(std::vector<AclItem>& acl, const AclChange& change, std::uint32_t owner, const RoleTest& has_privs_of) {
  if (change.grant_option && change.grantee != change.grantor && change.grantor != owner) {
    // check_circularity: without everything the grantee could grant on, the
    // grantor must still hold the options it gives.
    std::vector<AclItem> without = acl;
    for (const AclItem& item : acl) {
      if (item.grantee == change.grantee && item.grant_options != 0) {
        remove_rights(without, {item.grantee, item.grantor, item.grant_options, true}, owner, true, has_privs_of);
      }
    }
    if (acl_grant_options(without, owner, change.grantor, change.privileges, has_privs_of) != change.privileges) {
      throw DbError(sqlstate::kInvalidGrantOperation, "grant options cannot be granted back to your own grantor");
    }
  }
  auto item = find_item(acl, change.grantee, change.grantor);
  if (item == acl.end()) {
    acl.push_back({change.grantee, change.grantor, 0, 0});
    item = acl.end() - 1;
  }
  item->privileges |= change.privileges;
  if (change.grant_option) item->grant_options |= change.privileges;
}

void acl_revoke(std::vector<AclItem>& acl, const AclChange& change, std::uint32_t owner, bool cascade,
                const RoleTest& has_privs_of) {
  remove_rights(acl, change, owner, cascade, has_privs_of);
}

void acl_change_owner(std::vector<AclItem>& acl, std::uint32_t from, std::uint32_t to) {
  std::vector<AclItem> out;
  for (AclItem item : acl) {
    if (item.grantee == from) item.grantee = to;
    if (item.grantor == from) item.grantor = to;
    auto same = std::find_if(out.begin(), out.end(),
                             [&](const AclItem& i) { return i.grantee == item.grantee && i.grantor == item.grantor; });
    if (same == out.end()) {
      out.push_back(item);
    } else {
      same->privileges |= item.privileges;
      same->grant_options |= item.grant_options;
    }
  }
  acl = std::move(out);
}

}  // namespace heliosdb::engine

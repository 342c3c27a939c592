#pragma once
// PostgreSQL's rules for access lists (acl.c): what each kind of object
// starts with, who holds what through them, and how GRANT and REVOKE change
// them. Pure functions over the lists; who is a member of whom comes in as
// a question (RoleTest), answered by the caller from the catalog.

#include <cstdint>
#include <functional>
#include <vector>

#include "engine/catalog/acl.hpp"

namespace heliosdb::engine {

/// The kinds of object that have access lists, by acldefault()'s letters.
enum class AclObject : char {
  kTable = 'r',  ///< tables and views
  kSequence = 's',
  kSchema = 'n',
  kFunction = 'f',
  kDatabase = 'd',
  kType = 'T',
  kColumn = 'c',  ///< a table's or view's column: its own list only, over its table's
};

/// Every privilege an object of `kind` has (what ALL grants).
std::uint32_t all_privileges(AclObject kind);

/// The list an object has before any GRANT or REVOKE: its owner holds
/// everything; PUBLIC holds EXECUTE on functions, USAGE on types, CONNECT
/// and TEMPORARY on the database. A column's starts empty.
std::vector<AclItem> default_acl(AclObject kind, std::uint32_t owner);

/// The stored list, or the default when there is none.
std::vector<AclItem> effective_acl(const Acl& acl, AclObject kind, std::uint32_t owner);

/// Whether `member` has the privileges of `role` (is it, or inherits from it).
using RoleTest = std::function<bool(std::uint32_t member, std::uint32_t role)>;

/// What `role` holds of `wanted` through the list: the privileges granted to
/// it, to PUBLIC, or to a role it has the privileges of (aclmask). Not the
/// superuser's everything: the caller knows who is one.
std::uint32_t acl_privileges(const std::vector<AclItem>& acl, std::uint32_t role, std::uint32_t wanted,
                             const RoleTest& has_privs_of);
/// The grant options `role` holds of `wanted`: the owner's role holds them
/// all; others as granted.
std::uint32_t acl_grant_options(const std::vector<AclItem>& acl, std::uint32_t owner, std::uint32_t role,
                                std::uint32_t wanted, const RoleTest& has_privs_of);

/// One change GRANT or REVOKE makes to one grantee (grantee 0: PUBLIC).
/// GRANT adds `privileges` (and with grant_option their grant options);
/// REVOKE takes them away, or only their grant options with grant_option.
struct AclChange {
  std::uint32_t grantee = 0;
  std::uint32_t grantor = 0;
  std::uint32_t privileges = 0;
  bool grant_option = false;
};

/// GRANT: 0LP01 when the grant options would come back to a grantor whose
/// own come from the grantee.
void acl_grant(std::vector<AclItem>& acl, const AclChange& change, std::uint32_t owner, const RoleTest& has_privs_of);
/// REVOKE: grants the grantee made with grant options it loses go too with
/// `cascade`; without, their existence is 2BP01 "dependent privileges exist".
void acl_revoke(std::vector<AclItem>& acl, const AclChange& change, std::uint32_t owner, bool cascade,
                const RoleTest& has_privs_of);

/// Every item's grantee and grantor `from` becomes `to` (ALTER ... OWNER
/// TO, REASSIGN OWNED), merging items that then coincide (aclnewowner).
void acl_change_owner(std::vector<AclItem>& acl, std::uint32_t from, std::uint32_t to);

}  // namespace heliosdb::engine

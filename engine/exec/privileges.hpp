#pragma once
// Who may do what. A statement acts as a role (current_user, or a view's
// owner while the view's query runs); it may change an object it owns, and
// use one as far as the object's access list lets it (acl_rules.hpp).
// Superusers pass every check, as in PostgreSQL. The checks sit where
// statements name objects: the planner's FROM, DML targets, DDL.

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "engine/catalog/acl.hpp"
#include "engine/catalog/schema_def.hpp"
#include "engine/catalog/sequence_def.hpp"
#include "engine/catalog/table_def.hpp"
#include "engine/catalog/view_def.hpp"
#include "engine/exec/acl_rules.hpp"

namespace heliosdb::engine {

struct ExecContext;

/// The role a statement's checks are made for.
struct Actor {
  std::uint32_t oid = 10;
  bool superuser = true;
  bool roles_known = false;
  std::set<std::uint32_t> roles;  ///< itself and the roles whose privileges it has, once asked
};

/// The statement's actor: current_user's role. A user no role has (the
/// embedded API's) acts as the bootstrap superuser, whose database it is;
/// in a server session, whose users all have roles, that is 42704 instead.
Actor& actor(ExecContext& ctx);

/// While alive, checks are made for `owner`: a view's query reads its
/// tables with its owner's privileges.
class ActAs {
 public:
  ActAs(ExecContext& ctx, std::uint32_t owner);
  ~ActAs();
  ActAs(const ActAs&) = delete;
  ActAs& operator=(const ActAs&) = delete;

 private:
  ExecContext& ctx_;
  Actor saved_;
  bool had_;
};

/// An object's owner as stored: 0 (objects made before owners were kept)
/// is the bootstrap superuser.
std::uint32_t owner_oid(std::int64_t stored);

/// Whether `member` has the privileges of `role` (superusers have every role's).
bool has_privileges_of(ExecContext& ctx, std::uint32_t member, std::uint32_t role);
/// Whether the actor may act as `owner`: a superuser or one with its privileges.
bool acts_as_owner(ExecContext& ctx, std::int64_t owner);
/// 42501 "must be owner of <kind> <name>" unless acts_as_owner.
void require_owner(ExecContext& ctx, std::int64_t owner, std::string_view kind, const std::string& name);

/// ALTER ... OWNER TO by a role that is no superuser: it must own the object,
/// be a member of the new owner (42501 "must be member of role"), and may
/// create in the object's schema (none for a schema itself).
void check_owner_change(ExecContext& ctx, std::int64_t owner, std::uint32_t new_owner, std::string_view kind,
                        const std::string& name, const std::string& schema);

/// Whether information_schema shows the object to the actor: it owns it or
/// holds some privilege on it (PostgreSQL's views filter so).
bool may_see(ExecContext& ctx, AclObject kind, const Acl& acl, std::int64_t owner);

/// Which of `wanted` the actor holds on an object with `acl` and `owner`.
std::uint32_t held_privileges(ExecContext& ctx, AclObject kind, const Acl& acl, std::int64_t owner,
                              std::uint32_t wanted);
/// What `role` (0: PUBLIC) holds of `wanted` on an object with `acl` and
/// `owner`; with `grant_options`, which of them it may grant on. For
/// has_table_privilege and friends, which ask about any role.
std::uint32_t role_privileges(ExecContext& ctx, std::uint32_t role, AclObject kind, const Acl& acl, std::int64_t owner,
                              std::uint32_t wanted, bool grant_options = false);
/// 42501 "permission denied for <noun> <name>" unless the actor holds every
/// privilege of `wanted` (with `any_of`, one of them).
void require_privileges(ExecContext& ctx, AclObject kind, const Acl& acl, std::int64_t owner, std::uint32_t wanted,
                        std::string_view noun, const std::string& name, bool any_of = false);

void require_table_privileges(ExecContext& ctx, const TableDef& table, std::uint32_t wanted);
void require_view_privileges(ExecContext& ctx, const ViewDef& view, std::uint32_t wanted);
/// nextval wants USAGE or UPDATE, currval SELECT or USAGE: `any_of`.
void require_sequence_privileges(ExecContext& ctx, const SequenceDef& sequence, std::uint32_t wanted,
                                 bool any_of = false);

/// 42501 "permission denied for type t" unless the actor holds USAGE on the
/// domain `domain_oid` (0: none) or else the enum type `type` is of (or an
/// array of); built-in types are everyone's. Making a column, domain or
/// function of a type wants it, as in PostgreSQL.
void require_type_usage(ExecContext& ctx, const SqlType& type, std::uint32_t domain_oid);

/// A schema's owner and access list, the built-in ones' included (public's
/// owner is pg_database_owner; PUBLIC may use it, not create in it).
struct SchemaAccess {
  std::int64_t owner = 10;
  Acl acl;
  bool builtin = false;
};
SchemaAccess schema_access(ExecContext& ctx, const std::string& schema);
/// 42501 "permission denied for schema s" unless the actor holds `wanted` there.
void require_schema_privileges(ExecContext& ctx, const std::string& schema, std::uint32_t wanted);

/// The database's access list (GRANT ... ON DATABASE), which the bootstrap
/// superuser owns. 42501 "permission denied for database d" unless the
/// actor holds `wanted` on it.
Acl database_acl(ExecContext& ctx);
void require_database_privileges(ExecContext& ctx, std::uint32_t wanted);

/// Where a built-in object's access list is kept (Catalog::builtin_acl).
std::string builtin_acl_name(AclObject kind, std::string_view name);

}  // namespace heliosdb::engine

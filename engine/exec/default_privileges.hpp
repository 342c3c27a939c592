#pragma once
// ALTER DEFAULT PRIVILEGES: the access lists a role's new tables, views,
// sequences, functions and schemas start with (pg_default_acl), set for
// every schema or one, and merged when an object is made, as PostgreSQL 15's
// SetDefaultACL and get_user_default_acl do.

#include <cstdint>
#include <string>

#include "engine/ast/statement.hpp"
#include "engine/catalog/acl.hpp"
#include "engine/exec/acl_rules.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

struct ExecContext;

QueryResult run_default_privileges(const ast::DefaultPrivilegesStmt& statement, ExecContext& ctx);

/// The list a new object of `kind` that `owner` makes in `schema` starts
/// with: nullopt (its kind's default) unless default privileges say more.
/// `schema` is empty for a schema itself.
Acl initial_acl(ExecContext& ctx, AclObject kind, std::uint32_t owner, const std::string& schema);

/// How messages name an entry: "default privileges on new relations
/// belonging to role r in schema s".
std::string default_acl_description(ExecContext& ctx, const DefaultAcl& entry);

}  // namespace heliosdb::engine

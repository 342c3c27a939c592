#pragma once
// What GRANT, REVOKE and ALTER DEFAULT PRIVILEGES share: the privileges a
// statement names and the roles it names them for (grant_executor.cpp).

#include <cstdint>
#include <vector>

#include "engine/ast/statement.hpp"

namespace heliosdb::engine {

struct ExecContext;

/// The privileges `s` names, each checked against its kind of object
/// (42601 unknown, 0LP01 not one the kind has); 0 for ALL. `defaults`:
/// for ALTER DEFAULT PRIVILEGES.
std::uint32_t named_privileges(const ast::GrantStmt& s, bool defaults = false);
/// The grantees' oids, 0 for PUBLIC (42704 for a role there is not).
std::vector<std::uint32_t> grantee_oids(const ast::GrantStmt& s, ExecContext& ctx);
/// 0LP01 when `s` grants PUBLIC (grantee 0) a grant option, which only roles hold.
void refuse_public_grant_option(const ast::GrantStmt& s, std::uint32_t grantee);

}  // namespace heliosdb::engine

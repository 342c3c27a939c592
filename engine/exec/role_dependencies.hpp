#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace heliosdb::engine {

struct ExecContext;

/// What keeps DROP ROLE from dropping `role` (pg_shdepend's view of it):
/// "owner of table t", "privileges for schema s", ... in catalog order.
std::vector<std::string> role_dependents(ExecContext& ctx, std::uint32_t role);

}  // namespace heliosdb::engine

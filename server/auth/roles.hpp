#pragma once

#include <optional>
#include <string>

#include "engine/catalog/role_def.hpp"
#include "storage/store.hpp"

namespace heliosdb::server {

/// On a database with no roles yet (its first start as a server): makes the
/// superusers `postgres` (OID 10, as initdb's bootstrap superuser) and the
/// name of the OS user running the server, so that `psql` with either user
/// name just works; with `password` (empty: none) stored as a SCRAM secret.
/// Returns the names made (none if roles existed).
std::vector<std::string> bootstrap_roles(storage::Store& store, const std::string& password);

/// The role `name` as the catalog of `branch` (default: main) has it now;
/// nullopt if there is no such role or no such branch.
std::optional<engine::RoleDef> find_role(storage::Store& store, const std::string& name,
                                         std::optional<storage::BranchId> branch = std::nullopt);

/// Whether `role` holds CONNECT on the database (GRANT / REVOKE CONNECT ON
/// DATABASE, kept in the catalog of `branch`): superusers always do, and
/// everyone while PUBLIC keeps the default.
bool may_connect(storage::Store& store, const engine::RoleDef& role,
                 std::optional<storage::BranchId> branch = std::nullopt);

}  // namespace heliosdb::server

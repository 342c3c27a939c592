#pragma once
// SET ROLE and SET SESSION AUTHORIZATION: the session's user and current
// role are the run-time parameters session_authorization and role (so SET
// LOCAL and ROLLBACK treat them as PostgreSQL does); these check a change
// against the catalog and read who the session is.

#include <string>

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/session/settings.hpp"

namespace heliosdb::engine {

/// Whether `statement` sets or resets the role or session authorization.
bool is_role_setting(const ast::SettingStmt& statement);

/// Throws what PostgreSQL does for a change the session may not make: 42704
/// for a role there is not, 42501 for SET ROLE to a role the session user is
/// no member of, or SET SESSION AUTHORIZATION by a user who logged in as no
/// superuser. `authenticated` is the user the connection logged in as.
void check_role_setting(const ast::SettingStmt& statement, const Settings& settings, const std::string& authenticated,
                        ExecContext& ctx);

/// session_user: SET SESSION AUTHORIZATION's role, else the logged-in user.
std::string session_user_name(const Settings& settings, const std::string& authenticated);
/// current_user: SET ROLE's role, else the session user.
std::string current_role_name(const Settings& settings, const std::string& authenticated);

}  // namespace heliosdb::engine

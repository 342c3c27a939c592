#include "engine/session/session_roles.hpp"

#include "engine/common/db_error.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/role_membership.hpp"

namespace heliosdb::engine {

namespace {

using Kind = ast::SettingStmt::Kind;

bool is_role(const ast::SettingStmt& s) { return s.name == "role"; }

// A role by name; the embedded API's user, which no role has, is a superuser.
std::optional<RoleDef> role_named(ExecContext& ctx, const std::string& name) {
  if (std::optional<RoleDef> role = ctx.catalog.find_role(name)) return role;
  if (name == "postgres") {
    RoleDef bootstrap;
    bootstrap.oid = static_cast<std::uint32_t>(kBootstrapSuperuser);
    bootstrap.name = name;
    bootstrap.superuser = true;
    return bootstrap;
  }
  return std::nullopt;
}

bool superuser_or_unknown(ExecContext& ctx, const std::string& name) {
  const std::optional<RoleDef> role = ctx.catalog.find_role(name);
  return !role || role->superuser;
}

}  // namespace

bool is_role_setting(const ast::SettingStmt& s) {
  return (s.name == "role" || s.name == "session_authorization") && s.kind != Kind::kShow && s.kind != Kind::kShowAll;
}

void check_role_setting(const ast::SettingStmt& s, const Settings& settings, const std::string& authenticated,
                        ExecContext& ctx) {
  if (s.kind != Kind::kSet || s.values.empty()) return;  // RESET, DEFAULT: back to who logged in
  const std::string& name = s.values.front();
  if (is_role(s) && name == "none") return;
  const std::optional<RoleDef> role = role_named(ctx, name);
  if (!role) throw DbError(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
  if (!is_role(s)) {
    if (!superuser_or_unknown(ctx, authenticated)) {
      throw DbError(sqlstate::kInsufficientPrivilege, "permission denied to set session authorization");
    }
    return;
  }
  const std::string session = session_user_name(settings, authenticated);
  if (superuser_or_unknown(ctx, session)) return;
  const std::optional<RoleDef> me = ctx.catalog.find_role(session);
  if (!reaches_role(ctx.catalog, me->oid, role->oid, false)) {
    throw DbError(sqlstate::kInsufficientPrivilege, "permission denied to set role \"" + name + "\"");
  }
}

// Every statement asks both (for its context): from the settings' cache,
// not a lookup by name each time.
std::string session_user_name(const Settings& settings, const std::string& authenticated) {
  const std::string& name = settings.hot().session_authorization;
  return name.empty() ? authenticated : name;
}

std::string current_role_name(const Settings& settings, const std::string& authenticated) {
  const std::string& role = settings.hot().role;
  return role == "none" ? session_user_name(settings, authenticated) : role;
}

}  // namespace heliosdb::engine

#include "server/auth/roles.hpp"

#include <pwd.h>
#include <unistd.h>
#include <set>

#include "engine/auth/password_verifier.hpp"
#include "engine/catalog/catalog.hpp"
#include "engine/exec/acl_rules.hpp"
#include "engine/exec/branch_lookup.hpp"
#include "engine/exec/privileges.hpp"
#include "engine/exec/role_membership.hpp"
#include "storage/storage_error.hpp"

namespace heliosdb::server {

namespace {

// initdb's bootstrap superuser has OID 10; catalog queries expect an owner there.
constexpr std::uint32_t kBootstrapSuperuserOid = 10;

std::string os_user_name() {
  if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_name != nullptr) return pw->pw_name;
  return {};
}

}  // namespace

std::vector<std::string> bootstrap_roles(storage::Store& store, const std::string& password) {
  if (!store.find_branch(storage::kMainBranchName)) return {};  // main was dropped: roles live on elsewhere
  auto txn = store.begin(engine::default_branch(store));
  engine::Catalog catalog(*txn);
  if (!catalog.roles().empty()) return {};
  std::vector<std::string> names{"postgres"};
  if (std::string os_user = os_user_name(); !os_user.empty() && os_user != "postgres") names.push_back(os_user);
  for (const std::string& name : names) {
    engine::RoleDef role;
    role.oid = name == "postgres" ? kBootstrapSuperuserOid : 0;
    role.name = name;
    role.superuser = role.create_role = role.create_db = role.login = role.replication = role.bypass_rls = true;
    if (!password.empty()) {
      role.password = engine::auth::make_verifier(password, name, engine::auth::PasswordEncryption::kScramSha256);
    }
    catalog.create_role(std::move(role));
  }
  txn->commit();
  return names;
}

std::optional<engine::RoleDef> find_role(storage::Store& store, const std::string& name,
                                         std::optional<storage::BranchId> branch) {
  try {
    auto txn = store.begin(branch.value_or(engine::default_branch(store)));
    return engine::Catalog(*txn).find_role(name);
  } catch (const storage::StorageError&) {
    return std::nullopt;  // the branch is gone: the connection is refused anyway
  }
}

bool may_connect(storage::Store& store, const engine::RoleDef& role, std::optional<storage::BranchId> branch) {
  if (role.superuser) return true;
  try {
    auto txn = store.begin(branch.value_or(engine::default_branch(store)));
    engine::Catalog catalog(*txn);
    const engine::Acl acl = catalog.builtin_acl(engine::builtin_acl_name(engine::AclObject::kDatabase, ""));
    if (!acl) return true;
    const std::set<std::uint32_t> roles = engine::roles_with_privileges_of(catalog, role.oid);
    const engine::RoleTest has_privs_of = [&](std::uint32_t member, std::uint32_t other) {
      return member == other || (member == role.oid && roles.contains(other));
    };
    return engine::acl_privileges(*acl, role.oid, engine::privilege::kConnect, has_privs_of) != 0;
  } catch (const storage::StorageError&) {
    return true;  // the branch is gone: the connection is refused anyway
  }
}

}  // namespace heliosdb::server

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace heliosdb::engine {

/// A role, as CREATE/ALTER ROLE set it (pg_authid). Roles are the server's
/// users; they live in the main branch's catalog, which authentication reads.
struct RoleDef {
  std::uint32_t oid = 0;
  std::string name;
  bool superuser = false;
  bool inherit = true;
  bool create_role = false;
  bool create_db = false;
  bool login = false;
  bool replication = false;
  bool bypass_rls = false;
  std::int32_t connection_limit = -1;  ///< -1: no limit
  /// The password verifier ("SCRAM-SHA-256$..." or "md5..."), never the
  /// password; none for a role that cannot log in with a password.
  std::optional<std::string> password;
  std::optional<std::int64_t> valid_until;  ///< microseconds since 2000-01-01 UTC, as timestamptz
};

/// GRANT role TO member (pg_auth_members): `member` has `role`'s
/// privileges, and may grant `role` on when `admin_option` is set.
struct RoleMembership {
  std::uint32_t role = 0;
  std::uint32_t member = 0;
  std::uint32_t grantor = 0;
  bool admin_option = false;
};

std::string encode_role_def(const RoleDef& def);
RoleDef decode_role_def(std::string_view raw);
std::string encode_role_membership(const RoleMembership& m);
RoleMembership decode_role_membership(std::string_view raw);

}  // namespace heliosdb::engine

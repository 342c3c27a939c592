#include "engine/catalog/field_codec.hpp"
#include "engine/catalog/role_def.hpp"
#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

constexpr char kFormatVersion = 1;

using namespace catalog_fields;

enum Flag : std::int64_t {
  kSuperuser = 1,
  kInherit = 2,
  kCreateRole = 4,
  kCreateDb = 8,
  kLogin = 16,
  kReplication = 32,
  kBypassRls = 64,
  kHasPassword = 128,
  kHasValidUntil = 256,
};

}  // namespace

std::string encode_role_def(const RoleDef& def) {
  std::string out(1, kFormatVersion);
  put_int(out, def.oid);
  put_str(out, def.name);
  const std::pair<bool, Flag> flags[] = {{def.superuser, kSuperuser},
                                         {def.inherit, kInherit},
                                         {def.create_role, kCreateRole},
                                         {def.create_db, kCreateDb},
                                         {def.login, kLogin},
                                         {def.replication, kReplication},
                                         {def.bypass_rls, kBypassRls},
                                         {def.password.has_value(), kHasPassword},
                                         {def.valid_until.has_value(), kHasValidUntil}};
  std::int64_t bits = 0;
  for (const auto& [set, flag] : flags) bits |= set ? static_cast<std::int64_t>(flag) : std::int64_t{0};
  put_int(out, bits);
  put_int(out, def.connection_limit);
  put_str(out, def.password.value_or(""));
  put_int(out, def.valid_until.value_or(0));
  return out;
}

RoleDef decode_role_def(std::string_view raw) {
  if (raw.empty() || raw[0] != kFormatVersion)
    throw DbError(sqlstate::kDataCorrupted, "unknown role definition format");
  raw.remove_prefix(1);
  RoleDef def;
  def.oid = static_cast<std::uint32_t>(take_int(raw));
  def.name = take_str(raw);
  const std::int64_t bits = take_int(raw);
  def.superuser = (bits & kSuperuser) != 0;
  def.inherit = (bits & kInherit) != 0;
  def.create_role = (bits & kCreateRole) != 0;
  def.create_db = (bits & kCreateDb) != 0;
  def.login = (bits & kLogin) != 0;
  def.replication = (bits & kReplication) != 0;
  def.bypass_rls = (bits & kBypassRls) != 0;
  def.connection_limit = static_cast<std::int32_t>(take_int(raw));
  std::string password = take_str(raw);
  if ((bits & kHasPassword) != 0) def.password = std::move(password);
  const std::int64_t valid_until = take_int(raw);
  if ((bits & kHasValidUntil) != 0) def.valid_until = valid_until;
  return def;
}

std::string encode_role_membership(const RoleMembership& m) {
  std::string out(1, kFormatVersion);
  put_int(out, m.role);
  put_int(out, m.member);
  put_int(out, m.grantor);
  put_int(out, m.admin_option ? 1 : 0);
  return out;
}

RoleMembership decode_role_membership(std::string_view raw) {
  if (raw.empty() || raw[0] != kFormatVersion)
    throw DbError(sqlstate::kDataCorrupted, "unknown role membership format");
  raw.remove_prefix(1);
  RoleMembership m;
  m.role = static_cast<std::uint32_t>(take_int(raw));
  m.member = static_cast<std::uint32_t>(take_int(raw));
  m.grantor = static_cast<std::uint32_t>(take_int(raw));
  m.admin_option = take_int(raw) != 0;
  return m;
}

}  // namespace heliosdb::engine

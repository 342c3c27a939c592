#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace heliosdb::engine {

/// Privilege bits in PostgreSQL's order (ACL_INSERT ... ACL_CONNECT), which
/// is the order aclitem's text lists their letters in: arwdDxtXUCTc.
namespace privilege {
inline constexpr std::uint32_t kInsert = 1u << 0;      // a
inline constexpr std::uint32_t kSelect = 1u << 1;      // r
inline constexpr std::uint32_t kUpdate = 1u << 2;      // w
inline constexpr std::uint32_t kDelete = 1u << 3;      // d
inline constexpr std::uint32_t kTruncate = 1u << 4;    // D
inline constexpr std::uint32_t kReferences = 1u << 5;  // x
inline constexpr std::uint32_t kTrigger = 1u << 6;     // t
inline constexpr std::uint32_t kExecute = 1u << 7;     // X
inline constexpr std::uint32_t kUsage = 1u << 8;       // U
inline constexpr std::uint32_t kCreate = 1u << 9;      // C
inline constexpr std::uint32_t kTemporary = 1u << 10;  // T
inline constexpr std::uint32_t kConnect = 1u << 11;    // c
inline constexpr std::string_view kLetters = "arwdDxtXUCTc";
}  // namespace privilege

/// grantee holds `privileges`, given by grantor; those also in
/// `grant_options` it may grant on. Grantee 0 is PUBLIC (every role).
struct AclItem {
  std::uint32_t grantee = 0;
  std::uint32_t grantor = 0;
  std::uint32_t privileges = 0;
  std::uint32_t grant_options = 0;

  bool operator==(const AclItem&) const = default;
};

/// An object's access list (relacl, nspacl, proacl ...). nullopt until the
/// first GRANT or REVOKE: the object then has its kind's default, which
/// depends on who owns it (PostgreSQL's acldefault).
using Acl = std::optional<std::vector<AclItem>>;

/// ALTER DEFAULT PRIVILEGES (pg_default_acl): what objects of one kind that
/// `role` makes (in one schema, or anywhere when `schema` is 0) start with.
struct DefaultAcl {
  std::uint32_t oid = 0;
  std::uint32_t role = 0;
  std::uint32_t schema = 0;  ///< the namespace's oid; 0: every schema
  char object_type = 'r';    ///< defaclobjtype: r tables, S sequences, f functions, T types, n schemas
  std::vector<AclItem> acl;
};

/// Catalog records carry an Acl among their fields (field_codec.hpp's forms).
void put_acl(std::string& out, const Acl& acl);
Acl take_acl(std::string_view& in);
std::string encode_default_acl(const DefaultAcl& def);
DefaultAcl decode_default_acl(std::string_view raw);

}  // namespace heliosdb::engine

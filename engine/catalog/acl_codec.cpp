#include "engine/catalog/acl.hpp"
#include "engine/catalog/field_codec.hpp"

namespace heliosdb::engine {

using namespace catalog_fields;

// -1 for the default (no list at all), else the item count and the items.
void put_acl(std::string& out, const Acl& acl) {
  if (!acl) {
    put_int(out, -1);
    return;
  }
  put_int(out, static_cast<std::int64_t>(acl->size()));
  for (const AclItem& item : *acl) {
    put_int(out, item.grantee);
    put_int(out, item.grantor);
    put_int(out, item.privileges);
    put_int(out, item.grant_options);
  }
}

Acl take_acl(std::string_view& in) {
  const std::int64_t count = take_int(in);
  if (count < 0) return std::nullopt;
  std::vector<AclItem> items(static_cast<std::size_t>(count));
  for (AclItem& item : items) {
    item.grantee = static_cast<std::uint32_t>(take_int(in));
    item.grantor = static_cast<std::uint32_t>(take_int(in));
    item.privileges = static_cast<std::uint32_t>(take_int(in));
    item.grant_options = static_cast<std::uint32_t>(take_int(in));
  }
  return items;
}

std::string encode_default_acl(const DefaultAcl& def) {
  std::string out;
  put_int(out, def.oid);
  put_int(out, def.role);
  put_int(out, def.schema);
  put_int(out, def.object_type);
  put_acl(out, def.acl);
  return out;
}

DefaultAcl decode_default_acl(std::string_view raw) {
  DefaultAcl def;
  def.oid = static_cast<std::uint32_t>(take_int(raw));
  def.role = static_cast<std::uint32_t>(take_int(raw));
  def.schema = static_cast<std::uint32_t>(take_int(raw));
  def.object_type = static_cast<char>(take_int(raw));
  def.acl = take_acl(raw).value_or(std::vector<AclItem>{});
  return def;
}

}  // namespace heliosdb::engine

#include "engine/exec/acl_text.hpp"

#include <cctype>

#include "engine/exec/exec_context.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/types/array.hpp"

namespace heliosdb::engine {

namespace {

// putid: quoted unless every character is alphanumeric or _ (no keyword or case test).
void put_role(std::string& out, const std::string& name) {
  bool safe = true;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') safe = false;
  }
  if (!safe) out += '"';
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  if (!safe) out += '"';
}

}  // namespace

std::string aclitem_text(ExecContext& ctx, const AclItem& item) {
  std::string out;
  if (item.grantee != 0) put_role(out, role_name(ctx, item.grantee));
  out += '=';
  for (std::size_t i = 0; i < privilege::kLetters.size(); ++i) {
    const std::uint32_t bit = 1u << i;
    if ((item.privileges & bit) == 0) continue;
    out += privilege::kLetters[i];
    if ((item.grant_options & bit) != 0) out += '*';
  }
  out += '/';
  put_role(out, role_name(ctx, item.grantor));
  return out;
}

Value acl_array(ExecContext& ctx, const std::vector<AclItem>& acl) {
  std::vector<Value> items;
  for (const AclItem& item : acl) items.push_back(Value::string(TypeId::kText, aclitem_text(ctx, item)));
  return encode_array(ArrayData::of(TypeId::kText, std::move(items)));
}

Value acl_value(ExecContext& ctx, const Acl& acl) {
  if (!acl) return Value::null(array_of(TypeId::kText));
  return acl_array(ctx, *acl);
}

}  // namespace heliosdb::engine

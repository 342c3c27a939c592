#pragma once
// aclitem's text, as relacl, nspacl, proacl and datacl show access lists:
// grantee=privileges/grantor, PUBLIC as an empty grantee, a * after each
// privilege held with grant option (PostgreSQL's aclitemout).

#include <string>
#include <vector>

#include "engine/catalog/acl.hpp"
#include "engine/types/value.hpp"

namespace heliosdb::engine {

struct ExecContext;

std::string aclitem_text(ExecContext& ctx, const AclItem& item);
/// The list as aclitem[] (whose text is text[]'s here).
Value acl_array(ExecContext& ctx, const std::vector<AclItem>& acl);
/// The same, NULL for an object that still has its default (as relacl is).
Value acl_value(ExecContext& ctx, const Acl& acl);

}  // namespace heliosdb::engine

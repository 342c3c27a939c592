#pragma once
// What GRANT, REVOKE and ALTER DEFAULT PRIVILEGES share: the privileges a
// statement names and the roles it names them for (grant_executor.cpp).

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/catalog/acl.hpp"
#include "engine/exec/acl_rules.hpp"

namespace heliosdb::engine {

struct ExecContext;

/// An object with an access list: what it is, and where a changed list goes.
struct Grantable {
  AclObject kind;
  std::string noun;  ///< as messages name its kind: table, view, sequence, schema, function, database
  std::string name;
  std::int64_t owner;
  Acl acl;
  std::function<void(const Acl&)> store;
  /// A table's or view's columns and their own lists (attacl); where a
  /// column's changed list goes.
  std::vector<std::string> columns = {};
  std::vector<Acl> column_acls = {};
  std::function<void(std::size_t, const Acl&)> store_column = {};
};

/// Every object of the database with an access list (schemas, public
/// included; tables, views, sequences, functions; the database itself),
/// and each column with a list of its own (kind kColumn).
std::vector<Grantable> every_grantable(ExecContext& ctx);

/// The privileges `s` names, each checked against its kind of object
/// (42601 unknown, 0LP01 not one the kind has); 0 for ALL. `defaults`:
/// for ALTER DEFAULT PRIVILEGES.
std::uint32_t named_privileges(const ast::GrantStmt& s, bool defaults = false);
/// The grantees' oids, 0 for PUBLIC (42704 for a role there is not).
std::vector<std::uint32_t> grantee_oids(const ast::GrantStmt& s, ExecContext& ctx);
/// 0LP01 when `s` grants PUBLIC (grantee 0) a grant option, which only roles hold.
void refuse_public_grant_option(const ast::GrantStmt& s, std::uint32_t grantee);

}  // namespace heliosdb::engine

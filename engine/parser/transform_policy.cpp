// CREATE / ALTER / DROP POLICY and ALTER POLICY ... RENAME into ast::PolicyStmt.
#include <string>

#include "engine/common/db_error.hpp"
#include "engine/parser/transformer.hpp"

namespace heliosdb::engine::parser {

using namespace ast;

namespace {

char policy_command(const std::string& name) {
  if (name == "select") return 'r';
  if (name == "insert") return 'a';
  if (name == "update") return 'w';
  if (name == "delete") return 'd';
  return '*';
}

// TO role, ...: PUBLIC, which means every role, stands for the empty list.
std::vector<RoleName> policy_roles(PgQuery__Node* const* items, size_t n) {
  std::vector<RoleName> roles;
  for (size_t i = 0; i < n; ++i) {
    const PgQuery__RoleSpec& spec = *items[i]->role_spec;
    if (spec.roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC) {
      roles.push_back(RoleName{"public", false, true});
    } else {
      roles.push_back(transform_role_spec(spec));
    }
  }
  return roles;
}

// USING / WITH CHECK: the condition as SQL text, and parsed.
void policy_expression(const PgQuery__Node* node, std::string& text, std::shared_ptr<const Expr>& parsed) {
  if (node == nullptr) return;
  text = deparse_expr(*node);
  parsed = transform_expr(node);
}

// What CREATE POLICY and ALTER POLICY both say: the policy, its table, TO, USING and WITH CHECK.
template <typename PgPolicyStmt>
PolicyStmt policy_terms(const PgPolicyStmt& s, PolicyStmt::Kind kind) {
  PolicyStmt out;
  out.kind = kind;
  out.name = s.policy_name;
  out.table = transform_range_var(*s.table);
  out.roles = policy_roles(s.roles, s.n_roles);
  policy_expression(s.qual, out.using_expr, out.using_ast);
  policy_expression(s.with_check, out.check_expr, out.check_ast);
  return out;
}

}  // namespace

PolicyStmt transform_create_policy(const PgQuery__CreatePolicyStmt& create) {
  PolicyStmt out = policy_terms(create, PolicyStmt::Kind::kCreate);
  out.command = policy_command(create.cmd_name);
  out.permissive = create.permissive;
  return out;
}

PolicyStmt transform_alter_policy(const PgQuery__AlterPolicyStmt& alter) {
  return policy_terms(alter, PolicyStmt::Kind::kAlter);
}

PolicyStmt transform_rename_policy(const PgQuery__RenameStmt& rename) {
  PolicyStmt out;
  out.kind = PolicyStmt::Kind::kRename;
  out.name = rename.subname;
  out.table = transform_range_var(*rename.relation);
  out.new_name = rename.newname;
  out.if_exists = rename.missing_ok;
  return out;
}

PolicyStmt transform_drop_policy(const PgQuery__DropStmt& drop) {
  // PostgreSQL's grammar gives one object: the table's name parts, then the policy's name.
  const PgQuery__List& parts = *drop.objects[0]->list;
  std::vector<std::string> names = string_list(parts.items, parts.n_items);
  if (names.size() < 2 || names.size() > 3) unsupported("DROP POLICY on a table named with its database", -1);
  PolicyStmt out;
  out.kind = PolicyStmt::Kind::kDrop;
  out.name = names.back();
  out.table.name = names[names.size() - 2];
  if (names.size() == 3) out.table.schema = names[0];
  out.if_exists = drop.missing_ok;
  return out;
}

}  // namespace heliosdb::engine::parser

// CREATE / ALTER / DROP POLICY and ALTER POLICY ... RENAME: a table's
// row-level security policies, which its owner keeps (row_security.hpp
// applies them).
#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/privileges.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/statements.hpp"

namespace heliosdb::engine {

namespace {

// The table a policy statement names: a table of the actor's, not a view.
TableDef policy_table(const ast::PolicyStmt& s, ExecContext& ctx) {
  const std::string schema = relation_schema(ctx, s.table.schema, s.table.name);
  std::optional<TableDef> table = ctx.catalog.find_table(schema, s.table.name);
  if (!table || table->materialized) {
    if (table || ctx.catalog.find_view(schema, s.table.name)) {
      throw DbError(sqlstate::kWrongObjectType, "\"" + s.table.name + "\" is not a table");
    }
    ctx.require_table(s.table.schema, s.table.name, s.table.location);  // throws 42P01
  }
  require_owner(ctx, table->owner, "table", table->name);
  return *table;
}

PolicyDef* find_policy(TableDef& table, const std::string& name) {
  auto it =
      std::find_if(table.policies.begin(), table.policies.end(), [&](const PolicyDef& p) { return p.name == name; });
  return it == table.policies.end() ? nullptr : &*it;
}

[[noreturn]] void no_such_policy(const std::string& name, const std::string& table) {
  throw DbError(sqlstate::kUndefinedObject, "policy \"" + name + "\" for table \"" + table + "\" does not exist");
}

// TO role, ...: the roles' oids; PUBLIC (the empty list) takes the place of any other.
std::vector<std::uint32_t> policy_roles(const std::vector<ast::RoleName>& roles, ExecContext& ctx,
                                        QueryResult& result) {
  std::vector<std::uint32_t> oids;
  bool is_public = false;
  for (const ast::RoleName& role : roles) {
    if (role.is_public) {
      is_public = true;
    } else {
      const auto oid = static_cast<std::uint32_t>(role_oid(role, ctx));
      if (std::find(oids.begin(), oids.end(), oid) == oids.end()) oids.push_back(oid);
    }
  }
  if (!is_public) return oids;
  if (!oids.empty()) {
    result.notices.push_back({"WARNING", "22023", "ignoring specified roles other than PUBLIC",
                              "All roles are members of the PUBLIC role."});
  }
  return {};
}

// USING / WITH CHECK must be a boolean over the table's row; they are bound
// here so that a bad one fails now, pointing into the statement.
void check_condition(const TableDef& table, const std::shared_ptr<const ast::Expr>& condition, ExecContext& ctx) {
  if (!condition) return;
  Binder binder(table_scope(table, table.name), "POLICY", ctx);
  binder.set_source(condition);
  binder.bind_condition(*condition);
}

void check_expressions_fit(char command, bool has_using, bool has_check) {
  if (command == 'a' && has_using) {
    throw DbError(sqlstate::kSyntaxError, "only WITH CHECK expression allowed for INSERT");
  }
  if ((command == 'r' || command == 'd') && has_check) {
    throw DbError(sqlstate::kSyntaxError, "WITH CHECK cannot be applied to SELECT or DELETE");
  }
}

void create_policy(const ast::PolicyStmt& s, TableDef& table, ExecContext& ctx, QueryResult& result) {
  if (find_policy(table, s.name) != nullptr) {
    throw DbError(sqlstate::kDuplicateObject,
                  "policy \"" + s.name + "\" for table \"" + table.name + "\" already exists");
  }
  check_expressions_fit(s.command, s.using_ast != nullptr, s.check_ast != nullptr);
  PolicyDef policy;
  policy.oid = ctx.catalog.allocate_oid();
  policy.name = s.name;
  policy.command = s.command;
  policy.permissive = s.permissive;
  policy.roles = policy_roles(s.roles, ctx, result);
  check_condition(table, s.using_ast, ctx);
  check_condition(table, s.check_ast, ctx);
  policy.using_expr = s.using_expr;
  policy.check_expr = s.check_expr;
  table.policies.push_back(std::move(policy));
  if (!table.row_security) {
    // Legal in PostgreSQL, and silent there; a policy that protects nothing deserves a word.
    result.notices.push_back({"WARNING",
                              "01000",
                              "row-level security is not enabled for table \"" + table.name + "\": policy \"" + s.name +
                                  "\" has no effect yet",
                              {}});
  }
}

void alter_policy(const ast::PolicyStmt& s, TableDef& table, ExecContext& ctx, QueryResult& result) {
  PolicyDef* policy = find_policy(table, s.name);
  if (policy == nullptr) no_such_policy(s.name, table.name);
  check_expressions_fit(policy->command, s.using_ast != nullptr, s.check_ast != nullptr);
  if (!s.roles.empty()) policy->roles = policy_roles(s.roles, ctx, result);
  if (s.using_ast) {
    check_condition(table, s.using_ast, ctx);
    policy->using_expr = s.using_expr;
  }
  if (s.check_ast) {
    check_condition(table, s.check_ast, ctx);
    policy->check_expr = s.check_expr;
  }
}

}  // namespace

QueryResult run_policy(const ast::PolicyStmt& s, ExecContext& ctx) {
  QueryResult result;
  using Kind = ast::PolicyStmt::Kind;
  result.command_tag = s.kind == Kind::kCreate ? "CREATE POLICY"
                       : s.kind == Kind::kDrop ? "DROP POLICY"
                                               : "ALTER POLICY";
  // DROP POLICY IF EXISTS on a table that is not there says so, as PostgreSQL's does.
  if (s.kind == Kind::kDrop && s.if_exists &&
      !ctx.catalog.find_table(relation_schema(ctx, s.table.schema, s.table.name), s.table.name)) {
    result.notices.push_back({"NOTICE", "00000", "relation \"" + s.table.name + "\" does not exist, skipping", {}});
    return result;
  }
  const TableDef old = policy_table(s, ctx);
  TableDef table = old;
  switch (s.kind) {
    case Kind::kCreate:
      create_policy(s, table, ctx, result);
      break;
    case Kind::kAlter:
      alter_policy(s, table, ctx, result);
      break;
    case Kind::kRename: {
      PolicyDef* policy = find_policy(table, s.name);
      if (policy == nullptr) no_such_policy(s.name, table.name);
      if (find_policy(table, s.new_name) != nullptr) {
        throw DbError(sqlstate::kDuplicateObject,
                      "policy \"" + s.new_name + "\" for table \"" + table.name + "\" already exists");
      }
      policy->name = s.new_name;
      break;
    }
    case Kind::kDrop: {
      if (find_policy(table, s.name) == nullptr) {
        if (!s.if_exists) no_such_policy(s.name, table.name);
        result.notices.push_back(
            {"NOTICE",
             "00000",
             "policy \"" + s.name + "\" for relation \"" + table.name + "\" does not exist, skipping",
             {}});
        return result;
      }
      std::erase_if(table.policies, [&](const PolicyDef& p) { return p.name == s.name; });
      break;
    }
  }
  ctx.catalog.update_table(old, table);
  return result;
}

}  // namespace heliosdb::engine

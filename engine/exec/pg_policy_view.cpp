// pg_catalog.pg_policy and the pg_policies view: the tables' row-level
// security policies, as psql's \d and pg_dump read them.
#include <algorithm>

#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/policy_text.hpp"
#include "engine/exec/system_views.hpp"
#include "engine/parser/parser.hpp"
#include "engine/types/array.hpp"

namespace heliosdb::engine {

namespace {

Value text(std::string s) { return Value::string(TypeId::kText, std::move(s)); }

// polqual / polwithcheck hold the condition's display text where PostgreSQL
// keeps a node tree: pg_get_expr gives it back.
Value condition_value(const std::string& expr) {
  return expr.empty() ? Value::null(TypeId::kText) : text(policy_condition_text(expr));
}

}  // namespace

std::string policy_condition_text(const std::string& expr) {
  const ast::ExprPtr parsed = parser::parse_expression(expr);
  const bool bare = std::holds_alternative<ast::Literal>(parsed->node) ||
                    std::holds_alternative<ast::ColumnRef>(parsed->node) ||
                    std::holds_alternative<ast::FuncCall>(parsed->node) ||
                    std::holds_alternative<ast::SqlValueFunction>(parsed->node);
  return bare ? expr : "(" + expr + ")";
}

const char* policy_command_name(char command) {
  switch (command) {
    case 'r':
      return "SELECT";
    case 'a':
      return "INSERT";
    case 'w':
      return "UPDATE";
    case 'd':
      return "DELETE";
    default:
      return "ALL";
  }
}

Relation pg_policy_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"oid", TypeId::kOid},
                              {"polname", TypeId::kText},
                              {"polrelid", TypeId::kOid},
                              {"polcmd", TypeId::kText},
                              {"polpermissive", TypeId::kBool},
                              {"polroles", array_of(TypeId::kOid)},
                              {"polqual", TypeId::kText},
                              {"polwithcheck", TypeId::kText}},
                             qualifier);
  auto oid = [](std::int64_t v) { return Value::oid(TypeId::kOid, v, {}); };
  for (const TableDef& t : ctx.catalog.tables()) {
    for (const PolicyDef& p : t.policies) {
      // PUBLIC is the role 0, as PostgreSQL stores it.
      std::vector<Value> roles;
      if (p.roles.empty()) roles.push_back(oid(0));
      for (std::uint32_t role : p.roles) roles.push_back(oid(role));
      r.rows.push_back({oid(p.oid), text(p.name), oid(t.oid), text(std::string(1, p.command)),
                        Value::boolean(p.permissive), encode_array(ArrayData::of(TypeId::kOid, std::move(roles))),
                        condition_value(p.using_expr), condition_value(p.check_expr)});
    }
  }
  return r;
}

Relation pg_policies_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"schemaname", TypeId::kText},
                              {"tablename", TypeId::kText},
                              {"policyname", TypeId::kText},
                              {"permissive", TypeId::kText},
                              {"roles", array_of(TypeId::kText)},
                              {"cmd", TypeId::kText},
                              {"qual", TypeId::kText},
                              {"with_check", TypeId::kText}},
                             qualifier);
  for (const TableDef& t : ctx.catalog.tables()) {
    for (const PolicyDef& p : t.policies) {
      // By name, as PostgreSQL's view orders them.
      std::vector<std::string> names;
      for (std::uint32_t role : p.roles) names.push_back(role_name(ctx, role));
      std::sort(names.begin(), names.end());
      if (p.roles.empty()) names.emplace_back("public");
      std::vector<Value> roles;
      for (std::string& name : names) roles.push_back(text(std::move(name)));
      r.rows.push_back({text(t.schema), text(t.name), text(p.name), text(p.permissive ? "PERMISSIVE" : "RESTRICTIVE"),
                        encode_array(ArrayData::of(TypeId::kText, std::move(roles))),
                        text(policy_command_name(p.command)), condition_value(p.using_expr),
                        condition_value(p.check_expr)});
    }
  }
  return r;
}

}  // namespace heliosdb::engine

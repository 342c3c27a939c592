#include "engine/exec/row_security.hpp"

#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/privileges.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/unpositioned.hpp"
#include "engine/parser/parser.hpp"
#include "engine/session/settings.hpp"
#include "engine/types/cast.hpp"

namespace heliosdb::engine {

namespace {

using K = BoundExpr::Kind;

// The policies of `command` that are for the actor.
std::vector<const PolicyDef*> policies_for(ExecContext& ctx, const TableDef& table, char command) {
  std::vector<const PolicyDef*> out;
  const std::uint32_t me = actor(ctx).oid;
  for (const PolicyDef& policy : table.policies) {
    if (!policy.applies_to(command)) continue;
    const bool mine = policy.roles.empty() || std::any_of(policy.roles.begin(), policy.roles.end(),
                                                          [&](auto role) { return has_privileges_of(ctx, me, role); });
    if (mine) out.push_back(&policy);
  }
  return out;
}

// While alive, `table`'s policies are being bound: one of them reading the
// table again (directly or through another table's policy) would never end.
class PolicyFrame {
 public:
  PolicyFrame(ExecContext& ctx, const TableDef& table) : ctx_(ctx) {
    if (std::find(ctx.policy_tables.begin(), ctx.policy_tables.end(), table.oid) != ctx.policy_tables.end()) {
      throw DbError(sqlstate::kInvalidObjectDefinition,
                    "infinite recursion detected in policy for relation \"" + table.name + "\"");
    }
    ctx.policy_tables.push_back(table.oid);
  }
  ~PolicyFrame() { ctx_.policy_tables.pop_back(); }
  PolicyFrame(const PolicyFrame&) = delete;
  PolicyFrame& operator=(const PolicyFrame&) = delete;

 private:
  ExecContext& ctx_;
};

// A policy's stored condition, bound over the table's row. Its parse tree
// lives as long as the subqueries bound from it.
BoundExprPtr bind_policy_text(ExecContext& ctx, const TableDef& table, const std::string& text) {
  return unpositioned([&] {
    std::shared_ptr<const ast::Expr> parsed = parser::parse_expression(text);
    Binder binder(table_scope(table, table.name), "POLICY", ctx);
    binder.set_source(parsed);
    return binder.bind_condition(*parsed);
  });
}

BoundExprPtr combine(K kind, std::vector<BoundExprPtr> parts) {
  if (parts.size() == 1) return std::move(parts[0]);
  auto e = make_node(kind, {TypeId::kBool, -1});
  e->args = std::move(parts);
  return e;
}

// The condition USING gives `command`: its permissive policies' USING OR-ed,
// AND-ed with each restrictive one's; false when no permissive one has USING.
void add_using(ExecContext& ctx, const TableDef& table, char command, std::vector<BoundExprPtr>& out) {
  std::vector<const PolicyDef*> policies = policies_for(ctx, table, command);
  std::vector<BoundExprPtr> permissive;
  for (const PolicyDef* p : policies) {
    if (p->permissive && !p->using_expr.empty()) permissive.push_back(bind_policy_text(ctx, table, p->using_expr));
  }
  if (permissive.empty()) {
    out.push_back(make_constant(Value::boolean(false)));
    return;
  }
  out.push_back(combine(K::kOr, std::move(permissive)));
  for (const PolicyDef* p : policies) {
    if (!p->permissive && !p->using_expr.empty()) out.push_back(bind_policy_text(ctx, table, p->using_expr));
  }
}

// current_tenant_id() as the constant it is for this plan, and a cast of it
// folded too: `tenant_id = 5` is what an index lookup recognizes.
void fold_tenant(BoundExprPtr& e) {
  for (BoundExprPtr& arg : e->args) fold_tenant(arg);
  if (e->kind == K::kSessionCall && e->op == "current_tenant_id") {
    e = make_constant(evaluate(*e, {}));
  } else if (e->kind == K::kCast && e->args.size() == 1 && e->args[0]->kind == K::kConstant && e->args[0]->param == 0) {
    BoundExprPtr folded = make_constant(cast_value(e->args[0]->constant, e->type, e->cast_context));
    folded->type = e->type;
    e = std::move(folded);
  }
}

}  // namespace

bool row_security_applies(ExecContext& ctx, const TableDef& table) {
  if (!table.row_security) return false;
  const Actor& me = actor(ctx);
  if (me.superuser) return false;
  if (std::optional<RoleDef> role = ctx.catalog.find_role(me.oid); role && role->bypass_rls) return false;
  const bool owner = acts_as_owner(ctx, table.owner);
  if (owner && !table.force_row_security) return false;
  if (ctx.settings != nullptr && ctx.settings->show("row_security") == "off") {
    DbError error(sqlstate::kInsufficientPrivilege,
                  "query would be affected by row-level security policy for table \"" + table.name + "\"");
    if (owner)
      error.with_hint("To disable the policy for the table's owner, use ALTER TABLE NO FORCE ROW LEVEL SECURITY.");
    throw error;
  }
  return true;
}

std::vector<BoundExprPtr> row_security_filters(ExecContext& ctx, const TableDef& table, char command,
                                               bool also_select) {
  if (!row_security_applies(ctx, table)) return {};
  PolicyFrame frame(ctx, table);
  std::vector<BoundExprPtr> parts;
  if (command != 'r' && also_select) add_using(ctx, table, 'r', parts);
  add_using(ctx, table, command, parts);
  for (BoundExprPtr& part : parts) fold_tenant(part);
  return parts;
}

TableDef with_present_access(ExecContext& ctx, const TableDef& then) {
  TableDef out = then;
  if (std::optional<TableDef> now = ctx.catalog.find_table(then.oid)) {
    out.owner = now->owner;
    out.acl = now->acl;
    out.row_security = now->row_security;
    out.force_row_security = now->force_row_security;
    out.policies = now->policies;
    // Column privileges by name: a column since dropped has none.
    for (ColumnDef& c : out.columns) {
      const int present = now->column_index(c.name);
      c.acl = present < 0 ? std::nullopt : now->columns[static_cast<std::size_t>(present)].acl;
    }
  }
  return out;
}

bool passes_row_security(const std::vector<BoundExprPtr>& filters, const Row& row) {
  return std::all_of(filters.begin(), filters.end(), [&](const BoundExprPtr& f) {
    const Value ok = evaluate(*f, row);
    return !ok.is_null() && ok.as_bool();
  });
}

void RowSecurityChecks::add(ExecContext& ctx, const TableDef& table, char command, bool use_using) {
  // WITH CHECK where a policy has one (and `use_using` does not say
  // otherwise), else its USING, as PostgreSQL's QUAL_FOR_WCO.
  auto condition = [&](const PolicyDef& p) -> const std::string& {
    return !use_using && !p.check_expr.empty() ? p.check_expr : p.using_expr;
  };
  std::vector<const PolicyDef*> policies = policies_for(ctx, table, command);
  std::vector<BoundExprPtr> permissive;
  for (const PolicyDef* p : policies) {
    if (p->permissive && !condition(*p).empty()) permissive.push_back(bind_policy_text(ctx, table, condition(*p)));
  }
  if (permissive.empty()) {
    checks_.push_back({make_constant(Value::boolean(false)), {}});
    return;
  }
  checks_.push_back({combine(K::kOr, std::move(permissive)), {}});
  for (const PolicyDef* p : policies) {
    if (!p->permissive && !condition(*p).empty()) {
      checks_.push_back({bind_policy_text(ctx, table, condition(*p)), p->name});
    }
  }
}

RowSecurityChecks RowSecurityChecks::for_new_row(ExecContext& ctx, const TableDef& table, char command,
                                                 bool also_select) {
  RowSecurityChecks out;
  out.table_ = table.name;
  if (!row_security_applies(ctx, table)) return out;
  PolicyFrame frame(ctx, table);
  out.add(ctx, table, command, false);
  if (also_select) out.add(ctx, table, 'r', true);
  return out;
}

RowSecurityChecks RowSecurityChecks::for_conflicting_row(ExecContext& ctx, const TableDef& table, bool also_select) {
  RowSecurityChecks out;
  out.table_ = table.name;
  out.on_existing_row_ = true;
  if (!row_security_applies(ctx, table)) return out;
  PolicyFrame frame(ctx, table);
  out.add(ctx, table, 'w', true);
  if (also_select) out.add(ctx, table, 'r', true);
  return out;
}

void RowSecurityChecks::check(const Row& row) const {
  for (const Check& c : checks_) {
    // Unlike a CHECK constraint, NULL fails.
    const Value ok = evaluate(*c.condition, row);
    if (!ok.is_null() && ok.as_bool()) continue;
    std::string message = "new row violates row-level security policy";
    if (!c.policy.empty()) message += " \"" + c.policy + "\"";
    if (on_existing_row_) message += " (USING expression)";
    throw DbError(sqlstate::kInsufficientPrivilege, message + " for table \"" + table_ + "\"");
  }
}

BoundExprPtr bind_current_tenant_id(ExecContext* ctx, int location) {
  if (ctx == nullptr || ctx->settings == nullptr) {
    throw at(DbError(sqlstate::kFeatureNotSupported, "current_tenant_id() is not available here"), location);
  }
  auto e = make_node(K::kSessionCall, {TypeId::kUnknown, -1});
  e->op = "current_tenant_id";
  e->ctx = ctx;
  return e;
}

}  // namespace heliosdb::engine

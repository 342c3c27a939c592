#include "engine/exec/domain_checks.hpp"

#include <cctype>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/parser/parser.hpp"

namespace heliosdb::engine {

namespace {

[[noreturn]] void null_not_allowed(const std::string& domain, const std::string& schema, const std::string& type) {
  throw DbError(sqlstate::kNotNullViolation, "domain " + domain + " does not allow null values")
      .with_datatype(schema, type);
}

[[noreturn]] void check_failed(const std::string& domain, const std::string& constraint, const std::string& schema,
                               const std::string& type) {
  throw DbError(sqlstate::kCheckViolation,
                "value for domain " + domain + " violates check constraint \"" + constraint + "\"")
      .with_datatype(schema, type)
      .with_constraint(constraint);
}

// Only false fails: a CHECK that is NULL passes, as for a table's.
bool holds(const BoundExpr& check, const Value& value) {
  const Row row{value};
  const Value ok = evaluate(check, row);
  return ok.is_null() || ok.as_bool();
}

}  // namespace

BoundExprPtr make_domain_check(BoundExprPtr expr, std::uint32_t domain_oid, ExecContext& ctx) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExpr::Kind::kDomainCheck;
  e->type = expr->type;
  e->param = static_cast<int>(domain_oid);
  e->ctx = &ctx;
  e->args.push_back(std::move(expr));
  return e;
}

std::string domain_check_text(const std::string& expr) {
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
  std::string out;
  char quote = 0;
  for (std::size_t i = 0; i < expr.size(); ++i) {
    const char c = expr[i];
    if (quote != 0) {
      if (c == quote) quote = 0;  // a doubled quote closes and opens again: the same state
      out += c;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    const bool starts = i == 0 || !ident(expr[i - 1]);
    if (starts && expr.compare(i, 5, "value") == 0 && (i + 5 >= expr.size() || !ident(expr[i + 5]))) {
      out += "VALUE";
      i += 4;
      continue;
    }
    out += c;
  }
  return out;
}

std::string domain_display_name(const DomainDef& def) {
  return type_display_name(SqlType{def.base.id, def.base.typmod, def.base.enum_oid, def.oid});
}

BoundExprPtr DomainChecks::bind_condition(const std::string& expr, SqlType base) {
  base.domain_oid = 0;
  ScopeColumn value;
  value.name = "value";
  value.type = base;
  Binder binder({value}, "CHECK");
  return binder.bind_condition(*parser::parse_expression(expr));
}

const DomainChecks::Bound& DomainChecks::bound(ExecContext& ctx, std::uint32_t domain_oid) {
  if (auto it = bound_.find(domain_oid); it != bound_.end()) return it->second;
  const DomainDef* def = ctx.object_names.domain(domain_oid);
  if (def == nullptr) {
    throw DbError(sqlstate::kUndefinedObject, "type with OID " + std::to_string(domain_oid) + " does not exist");
  }
  Bound b;
  b.name = domain_display_name(*def);
  b.schema = def->schema;
  b.type_name = def->name;
  b.not_null = def->not_null;
  b.parent = def->base.domain_oid;
  for (const DomainDef::Check& c : def->checks) b.checks.emplace_back(c.name, bind_condition(c.expr, def->base));
  return bound_.emplace(domain_oid, std::move(b)).first->second;
}

void DomainChecks::check(ExecContext& ctx, std::uint32_t domain_oid, const Value& value) {
  if (!ctx.domain_checks) ctx.domain_checks = std::make_shared<DomainChecks>();
  DomainChecks& self = *ctx.domain_checks;
  // The domain it is over first, as PostgreSQL coerces through each level.
  std::vector<std::uint32_t> levels;
  for (std::uint32_t oid = domain_oid; oid != 0; oid = self.bound(ctx, oid).parent) {
    levels.insert(levels.begin(), oid);
    if (levels.size() > 64) break;  // a cycle cannot be made by DDL; stop rather than loop
  }
  // Every level's failure names the domain asked for, as PostgreSQL's messages do.
  const Bound& asked = self.bound(ctx, domain_oid);
  for (std::uint32_t oid : levels) {
    const Bound& b = self.bound(ctx, oid);
    if (b.not_null && value.is_null()) null_not_allowed(asked.name, asked.schema, asked.type_name);
    for (const auto& [name, condition] : b.checks) {
      if (!holds(*condition, value)) check_failed(asked.name, name, asked.schema, asked.type_name);
    }
  }
}

bool DomainChecks::satisfies(const BoundExpr& condition, const Value& value) { return holds(condition, value); }

}  // namespace heliosdb::engine

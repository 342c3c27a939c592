#include "engine/exec/column_defaults.hpp"

#include <set>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/parser/parser.hpp"

namespace heliosdb::engine {

std::string domain_default(ExecContext& ctx, std::uint32_t domain_oid) {
  // A domain over a domain without a DEFAULT of its own takes the inner one's.
  for (int depth = 0; domain_oid != 0 && depth < 64; ++depth) {
    const DomainDef* def = ctx.object_names.domain(domain_oid);
    if (def == nullptr) break;
    if (!def->default_expr.empty()) return def->default_expr;
    domain_oid = def->base.domain_oid;
  }
  return {};
}

std::vector<int> target_columns(const TableDef& table, const std::vector<std::string>& names) {
  std::vector<int> targets;
  if (names.empty()) {
    for (std::size_t i = 0; i < table.columns.size(); ++i) targets.push_back(static_cast<int>(i));
    return targets;
  }
  std::set<int> seen;
  for (const std::string& name : names) {
    const int index = table.column_index(name);
    if (index < 0) {
      throw DbError(sqlstate::kUndefinedColumn,
                    "column \"" + name + "\" of relation \"" + table.name + "\" does not exist");
    }
    if (!seen.insert(index).second) {
      throw DbError(sqlstate::kDuplicateColumn, "column \"" + name + "\" specified more than once");
    }
    targets.push_back(index);
  }
  return targets;
}

ColumnDefaults::ColumnDefaults(const TableDef& table, ExecContext& ctx)
    : table_(table), ctx_(ctx), exprs_(table.columns.size()), bound_(table.columns.size(), false) {}

const BoundExpr* ColumnDefaults::expression(std::size_t column) const {
  if (bound_[column]) return exprs_[column].get();
  const ColumnDef& def = table_.columns[column];
  std::string text = def.default_expr;
  if (text.empty() && !def.default_value && def.identity == 0 && !def.is_generated()) {
    text = domain_default(ctx_, def.domain_oid);  // a column without its own DEFAULT takes its domain's
  }
  if (!text.empty()) {
    Binder binder({}, "DEFAULT", ctx_);
    exprs_[column] = coerce(binder.bind(*parser::parse_expression(text)), def.type, CastContext::kAssignment);
    if (def.identity != 0) {
      for (BoundExpr* e = exprs_[column].get(); e != nullptr; e = e->args.empty() ? nullptr : e->args[0].get()) {
        if (e->kind == BoundExpr::Kind::kSequence) e->identity_sequence = true;
      }
    }
  }
  bound_[column] = true;  // only once bound: a DEFAULT that failed to bind fails again
  return exprs_[column].get();
}

Value ColumnDefaults::operator()(std::size_t column) const {
  if (const BoundExpr* e = expression(column)) return evaluate(*e, {});
  const ColumnDef& c = table_.columns[column];
  return c.default_value ? *c.default_value : Value::null(c.type.id);
}

}  // namespace heliosdb::engine

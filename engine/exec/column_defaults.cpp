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

ColumnDefaults::ColumnDefaults(const TableDef& table, ExecContext& ctx) : table_(table) {
  for (const ColumnDef& column : table.columns) {
    std::string text = column.default_expr;
    if (text.empty() && !column.default_value && column.identity == 0 && !column.is_generated()) {
      text = domain_default(ctx, column.domain_oid);  // a column without its own DEFAULT takes its domain's
    }
    if (text.empty()) {
      exprs_.push_back(nullptr);
      continue;
    }
    Binder binder({}, "DEFAULT", ctx);
    exprs_.push_back(coerce(binder.bind(*parser::parse_expression(text)), column.type, CastContext::kAssignment));
  }
}

Value ColumnDefaults::operator()(std::size_t column) const {
  if (exprs_[column]) return evaluate(*exprs_[column], {});
  const ColumnDef& c = table_.columns[column];
  return c.default_value ? *c.default_value : Value::null(c.type.id);
}

}  // namespace heliosdb::engine

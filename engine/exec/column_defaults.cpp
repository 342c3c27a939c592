#include "engine/exec/column_defaults.hpp"

#include "engine/exec/binder.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/parser/parser.hpp"

namespace heliosdb::engine {

ColumnDefaults::ColumnDefaults(const TableDef& table, ExecContext& ctx) : table_(table) {
  for (const ColumnDef& column : table.columns) {
    if (column.default_expr.empty()) {
      exprs_.push_back(nullptr);
      continue;
    }
    Binder binder({}, "DEFAULT", ctx);
    exprs_.push_back(
        coerce(binder.bind(*parser::parse_expression(column.default_expr)), column.type, CastContext::kAssignment));
  }
}

Value ColumnDefaults::operator()(std::size_t column) const {
  if (exprs_[column]) return evaluate(*exprs_[column], {});
  const ColumnDef& c = table_.columns[column];
  return c.default_value ? *c.default_value : Value::null(c.type.id);
}

}  // namespace heliosdb::engine

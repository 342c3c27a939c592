#include "engine/exec/column_defaults.hpp"

#include <set>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/parser/parser.hpp"

namespace heliosdb::engine {

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

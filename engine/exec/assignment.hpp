#pragma once

// Assigning values to a table's columns: INSERT's values, UPDATE's SET and
// ON CONFLICT DO UPDATE's SET.

#include <utility>
#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/catalog/table_def.hpp"
#include "engine/exec/binder.hpp"

namespace heliosdb::engine {

/// Converts a value for a column, as an assignment (42804 when it cannot be).
BoundExprPtr assign_to(BoundExprPtr e, const ColumnDef& column, int location);
/// What assign_to makes of a constant `value`, without binding one.
Value assign_value(Value value, const ColumnDef& column, int location);

/// A SET list bound over `binder`'s row: each assigned column with its value
/// (null: DEFAULT). 42703 for a column the table lacks, 42601 for one set twice.
std::vector<std::pair<int, BoundExprPtr>> bind_set_list(const std::vector<ast::SetClause>& set, const TableDef& table,
                                                        Binder& binder);

/// The columns a bound SET list assigns, in its order.
std::vector<int> set_columns(const std::vector<std::pair<int, BoundExprPtr>>& sets);

}  // namespace heliosdb::engine

#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/catalog/table_def.hpp"
#include "engine/exec/bound_expr.hpp"
#include "engine/exec/row_codec.hpp"

namespace heliosdb::engine {

/// An index's expression keys and partial-index predicate, bound over a row
/// of its table.
struct BoundIndex {
  std::vector<BoundExprPtr> keys;  ///< per key position; null for a plain column
  BoundExprPtr predicate;          ///< null: every row has an entry
};

/// Binds what `index` computes over `table`'s row, with the errors CREATE
/// INDEX reports for it (42703, 42804, 0A000 for subqueries and aggregates).
BoundIndex bind_index(const TableDef& table, const IndexDef& index);

/// bind_index, kept per thread while the table's columns and the index's
/// texts stay as they were: rows are written one at a time.
const BoundIndex& bound_index(const TableDef& table, const IndexDef& index);

/// The values `row` has in the index's key positions.
Row index_key_values(const TableDef& table, const IndexDef& index, const Row& row);

/// Whether `row` has an entry in `index` (false where a partial index's
/// predicate is not true).
bool index_covers(const TableDef& table, const IndexDef& index, const Row& row);

/// The name and type of each key position, as pg_attribute lists an index's
/// columns: a column's own, or the expression's (named as a select list
/// would name it; "expr" when that gives nothing better).
std::vector<std::pair<std::string, SqlType>> index_key_columns(const TableDef& table, const IndexDef& index);

/// `row`'s key in `index` as messages show it: (a, lower(b))=(1, x).
std::string index_key_text(const TableDef& table, const IndexDef& index, const Row& row);

}  // namespace heliosdb::engine

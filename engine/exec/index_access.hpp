#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/catalog/table_def.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/row_codec.hpp"

namespace heliosdb::engine {

/// A stored row: its storage key and its values.
using KeyedRow = std::pair<std::string, Row>;

/// How an index column sorts in the key (its DESC and NULLS FIRST/LAST).
storage::KeyColumnOrder index_column_order(const IndexDef& index, std::size_t position);

/// The part of a row's storage key after the table's prefix: what an index
/// entry points at.
std::string_view row_key_suffix(const TableDef& table, std::string_view row_key);

/// The key of `row`'s entry in `index` of `table`; none where a partial
/// index's predicate leaves the row out. A unique index keys entries by the
/// indexed values alone, so two transactions inserting the same value write
/// the same key and conflict; entries with a NULL (never equal to anything)
/// and entries of non-unique indexes get the row's key suffix appended.
std::optional<std::string> index_entry_key(const TableDef& table, const IndexDef& index, const Row& row,
                                           std::string_view row_suffix);

/// The first key of the entries whose leading index columns equal `values`.
std::string index_prefix(const IndexDef& index, const Row& values);

/// Hands `visit(row key, row)` the rows an index range [begin, end) points
/// at, in index order (`backward`: reversed; not with `as_of`), until it
/// returns false; with `needed`, only those columns (decode_row); as of
/// `as_of` if given. Keys are read a chunk at a time, so stopping early
/// (LIMIT) reads little of a long range.
void visit_rows_from_index(ExecContext& ctx, const TableDef& table, std::string_view begin, std::string_view end,
                           const std::vector<bool>* needed, std::optional<storage::Scn> as_of, bool backward,
                           const std::function<bool(std::string& key, Row& row)>& visit);

/// Every row of visit_rows_from_index.
std::vector<KeyedRow> rows_from_index(ExecContext& ctx, const TableDef& table, std::string_view begin,
                                      std::string_view end, const std::vector<bool>* needed = nullptr,
                                      std::optional<storage::Scn> as_of = std::nullopt);

/// Rows of `table` whose `columns` equal `values` (non-NULL, already of the
/// columns' types): through the primary key or an index led by exactly these
/// columns, else by scanning the table.
std::vector<KeyedRow> find_rows_equal(ExecContext& ctx, const TableDef& table, const std::vector<int>& columns,
                                      const Row& values);

/// Whether the primary key or a unique index covers exactly `columns`, in
/// any order (what a foreign key may reference).
bool has_unique_key_on(const TableDef& table, const std::vector<int>& columns);

}  // namespace heliosdb::engine

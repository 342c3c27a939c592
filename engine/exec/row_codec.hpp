#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog/table_def.hpp"
#include "engine/types/value.hpp"
#include "storage/key_encoding.hpp"

namespace heliosdb::engine {

using Row = std::vector<Value>;

/// A row's stored value: its columns in table order.
std::string encode_row(const TableDef& table, const Row& row);
/// The columns a scan decodes of each row (the others are NULL), worked out
/// once for the scan rather than per row.
struct ColumnSelection {
  std::vector<char> wanted;  ///< by column; empty: every column up to `end`
  std::size_t end = 0;       ///< no column from here on is wanted: nothing after it is read
};
/// The columns `needed` marks (null: all of them).
ColumnSelection select_columns(const TableDef& table, const std::vector<bool>* needed);

/// With `needed`, only the columns it marks are read; the others are NULL.
Row decode_row(const TableDef& table, std::string_view raw, const std::vector<bool>* needed = nullptr);
Row decode_row(const TableDef& table, std::string_view raw, const ColumnSelection& columns);
/// Decodes into `row`, reusing its storage.
void decode_row_into(const TableDef& table, std::string_view raw, const ColumnSelection& columns, Row& row);
/// The stored bytes of one column of a string-held type (a vector's packed
/// floats, say) as they lie in `raw`, without decoding the row; nullopt for
/// NULL. A row stored before the column was added gives its missing value.
std::optional<std::string_view> stored_column_bytes(const TableDef& table, std::string_view raw, std::size_t column);

/// Appends one value to a key in order-preserving form (all integer widths
/// alike, so int4 and int8 keys compare equal).
void encode_key_value(storage::KeyEncoder& encoder, const Value& value, storage::KeyColumnOrder order);

/// The storage key of a row: the table's key prefix, then its primary key in
/// order-preserving form, or for a table without one the given hidden row id.
/// Throws DbError(54000) if the key is too long to index.
std::string row_key(const TableDef& table, const Row& row, std::string_view hidden_row_id);

/// A row as PostgreSQL's error details show it: "(1, abc, null)".
std::string row_text(const Row& row);
/// A key as PostgreSQL's key details show it: "(a, b)=(1, x)".
std::string key_text(const TableDef& table, const std::vector<int>& columns, const Row& values);
/// The values of `columns` of `row`, in that order.
Row pick(const Row& row, const std::vector<int>& columns);

}  // namespace heliosdb::engine

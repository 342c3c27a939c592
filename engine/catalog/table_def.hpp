#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/types/sql_type.hpp"
#include "engine/types/value.hpp"

namespace heliosdb::engine {

struct ColumnDef {
  std::string name;
  SqlType type;
  bool not_null = false;
  std::optional<Value> default_value;  ///< a constant DEFAULT, already of the column's type
  std::string default_text;            ///< the DEFAULT as PostgreSQL displays it (column_default, \\d)
  /// What rows stored before ALTER TABLE ADD COLUMN read for this column
  /// (PostgreSQL's attmissingval): the default at the time it was added.
  std::optional<Value> missing_value;
};

/// A table as the catalog stores it. Rows live under the table's oid.
struct TableDef {
  std::uint32_t oid = 0;
  std::string schema = "public";
  std::string name;
  std::vector<ColumnDef> columns;
  std::vector<int> primary_key;  ///< column indexes; empty: rows are keyed by a hidden row id

  /// Index of the column named `name`, or -1.
  int column_index(std::string_view column) const;
};

}  // namespace heliosdb::engine

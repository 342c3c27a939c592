#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog/table_def.hpp"
#include "storage/transaction.hpp"

namespace heliosdb::engine {

/// The system catalog, stored as keys in the same transactional store as the
/// rows, so a schema change commits, rolls back, time-travels and branches
/// with the data. Works inside one storage transaction; not thread-safe.
///
/// Key layout (first byte is the key space):
///   0x01 0x01 "next_oid"          -> u32   next object id
///   0x01 0x02 schema 0x00 name    -> TableDef
///   0x02 oid(4) primary-key bytes -> row   (see row_codec.hpp)
class Catalog {
 public:
  explicit Catalog(storage::Transaction& txn) : txn_(txn) {}

  std::optional<TableDef> find_table(std::string_view schema, std::string_view name);
  /// Every table, ordered by schema and name.
  std::vector<TableDef> tables();
  /// Stores `def` under a new oid and returns it. Throws DbError 42P07 if the
  /// name is taken.
  TableDef create_table(TableDef def);
  /// Stores a changed definition of `old` (same oid), under its new name if
  /// renamed. Throws DbError 42P07 if that name is taken.
  void update_table(const TableDef& old, const TableDef& updated);
  /// Removes the table and all its rows.
  void drop_table(const TableDef& def);

  /// Every stored row of `table`: its storage key and encoded row, in key order.
  storage::Scanner scan_rows(const TableDef& table);
  /// Deletes every row of `table` (TRUNCATE, DROP).
  void delete_rows(const TableDef& table);

  /// The first key of a table's rows, and the key past its last.
  static std::string rows_begin(std::uint32_t oid);
  static std::string rows_end(std::uint32_t oid);

 private:
  storage::Transaction& txn_;
};

}  // namespace heliosdb::engine

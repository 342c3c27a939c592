#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/catalog/catalog.hpp"
#include "engine/types/value.hpp"
#include "storage/transaction.hpp"

namespace heliosdb::engine {

/// What a statement runs against: one storage transaction and its catalog.
struct ExecContext {
  explicit ExecContext(storage::Transaction& transaction) : txn(transaction), catalog(transaction) {}

  storage::Transaction& txn;
  Catalog catalog;
  std::uint32_t next_row_id = 0;               ///< hidden row ids: the transaction id, then this counter
  const std::vector<Value>* params = nullptr;  ///< $1, $2, ... of the statement, if any
  std::string database_name = "heliosdb";      ///< current_database(), as catalogs report it

  /// A table by name (schema "public" unless given). Throws 42P01 if absent.
  TableDef require_table(const std::string& schema, const std::string& name, int location);
  /// A fresh hidden row id for a table without a primary key.
  std::string new_row_id();
};

}  // namespace heliosdb::engine

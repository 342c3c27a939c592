#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/exec/exec_context.hpp"

namespace heliosdb::engine {

/// What a size function measures of a relation (PostgreSQL's "Database
/// Object Size Functions").
enum class SizeOf : std::uint8_t {
  kRelation,  ///< pg_relation_size: the relation's own data
  kTable,     ///< pg_table_size: a table's rows (an index's entries)
  kIndexes,   ///< pg_indexes_size: the indexes of a table
  kTotal,     ///< pg_total_relation_size: rows and indexes
};

/// The bytes the relation `oid` takes in the store as this transaction sees
/// it (the keys and values of its rows or entries); nullopt if no relation
/// has that oid, as PostgreSQL answers NULL.
std::optional<std::int64_t> relation_size(ExecContext& ctx, std::uint32_t oid, SizeOf what);

/// pg_database_size: the bytes of everything the database holds as this
/// transaction sees it (its catalog, rows, index entries and sequences).
std::int64_t database_size(ExecContext& ctx);

}  // namespace heliosdb::engine

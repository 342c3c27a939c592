#pragma once
// Oids of catalog rows that our catalog keeps no oid for: a primary key's
// index, constraints and column defaults, which PostgreSQL stores as rows of
// pg_class, pg_constraint and pg_attrdef. They are derived from the table's
// oid, so the same object has the same oid in every statement; clients
// (pg_dump, psql's \d) use them only to join catalogs and to name objects
// within one catalog, so they need to be unique there and nowhere else.
#include <cstddef>
#include <cstdint>

#include "engine/catalog/table_def.hpp"

namespace heliosdb::engine {

/// pg_class: the index of `table`'s primary key. Allocated oids count up
/// from 16384 and never reach 2^31, which these have set.
/// @note Throws 0A000 for a table oid of 2^21 or more (all these oids).
std::uint32_t primary_key_index_oid(const TableDef& table);

/// pg_constraint: the PRIMARY KEY (its index's oid), a UNIQUE constraint
/// (its index's oid), the `i`th CHECK and the `i`th FOREIGN KEY.
std::uint32_t check_constraint_oid(const TableDef& table, std::size_t i);
std::uint32_t foreign_key_constraint_oid(const TableDef& table, std::size_t i);

/// pg_attrdef: the default of column `column` (0-based).
std::uint32_t attrdef_oid(const TableDef& table, std::size_t column);

}  // namespace heliosdb::engine

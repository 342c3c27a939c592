#include "engine/exec/catalog_row_oids.hpp"

#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

// Each kind of oid has its own range above 2^31: primary keys
// [0x80000000, 0x80200000), foreign keys [0xA0000000, 0xC0000000), checks
// [0xC0000000, 2^32); defaults are alone in pg_attrdef.
constexpr std::uint32_t kTableOidLimit = 1U << 21;

std::uint32_t checked(const TableDef& table, std::size_t i, std::size_t limit) {
  if (table.oid >= kTableOidLimit || i >= limit) {
    throw DbError(sqlstate::kFeatureNotSupported,
                  "not supported yet: catalog rows for the constraints of table \"" + table.name + "\"");
  }
  return table.oid;
}

}  // namespace

std::uint32_t primary_key_index_oid(const TableDef& table) { return 0x80000000U | checked(table, 0, 1); }

std::uint32_t check_constraint_oid(const TableDef& table, std::size_t i) {
  return 0xC0000000U + (checked(table, i, 256) << 8) + static_cast<std::uint32_t>(i);
}

std::uint32_t foreign_key_constraint_oid(const TableDef& table, std::size_t i) {
  return 0xA0000000U + (checked(table, i, 128) << 7) + static_cast<std::uint32_t>(i);
}

std::uint32_t attrdef_oid(const TableDef& table, std::size_t column) {
  // attnum is at most 1600, below 2^11.
  return (checked(table, column, 2047) << 11) + static_cast<std::uint32_t>(column + 1);
}

}  // namespace heliosdb::engine

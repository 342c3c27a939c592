#include "engine/catalog/catalog.hpp"

#include "engine/catalog/table_codec.hpp"
#include "engine/common/db_error.hpp"
#include "storage/key_encoding.hpp"
#include "storage/version_format.hpp"

namespace heliosdb::engine {

namespace {

constexpr char kCatalogSpace = 0x01;
constexpr char kDataSpace = 0x02;
constexpr char kCounterKind = 0x01;
constexpr char kTableKind = 0x02;
// PostgreSQL hands out user object ids from 16384 (FirstNormalObjectId).
constexpr std::uint32_t kFirstUserOid = 16384;

std::string table_key(std::string_view schema, std::string_view name) {
  std::string key{kCatalogSpace, kTableKind};
  key.append(schema);
  key.push_back('\0');
  key.append(name);
  return key;
}

std::string table_prefix() { return std::string{kCatalogSpace, kTableKind}; }

}  // namespace

int TableDef::column_index(std::string_view column) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == column) return static_cast<int>(i);
  }
  return -1;
}

std::optional<TableDef> Catalog::find_table(std::string_view schema, std::string_view name) {
  auto raw = txn_.get(table_key(schema, name));
  if (!raw) return std::nullopt;
  return decode_table_def(*raw);
}

std::vector<TableDef> Catalog::tables() {
  std::vector<TableDef> out;
  std::string prefix = table_prefix();
  storage::Scanner scanner = txn_.scan(prefix, storage::prefix_successor(prefix));
  while (scanner.next()) out.push_back(decode_table_def(scanner.value()));
  return out;
}

TableDef Catalog::create_table(TableDef def) {
  std::string key = table_key(def.schema, def.name);
  if (txn_.get(key)) {
    throw DbError(sqlstate::kDuplicateTable, "relation \"" + def.name + "\" already exists");
  }
  const std::string counter_key{kCatalogSpace, kCounterKind, 'n', 'e', 'x', 't', '_', 'o', 'i', 'd'};
  std::uint32_t oid = kFirstUserOid;
  if (auto raw = txn_.get(counter_key)) oid = storage::format::get_u32(*raw, 0);
  std::string next;
  storage::format::put_u32(next, oid + 1);
  txn_.put(counter_key, next);
  def.oid = oid;
  txn_.put(key, encode_table_def(def));
  return def;
}

void Catalog::update_table(const TableDef& old, const TableDef& updated) {
  std::string key = table_key(updated.schema, updated.name);
  if (updated.name != old.name || updated.schema != old.schema) {
    if (txn_.get(key)) {
      throw DbError(sqlstate::kDuplicateTable, "relation \"" + updated.name + "\" already exists");
    }
    txn_.del(table_key(old.schema, old.name));
  }
  txn_.put(key, encode_table_def(updated));
}

storage::Scanner Catalog::scan_rows(const TableDef& table) {
  return txn_.scan(rows_begin(table.oid), rows_end(table.oid));
}

void Catalog::delete_rows(const TableDef& table) {
  // Collect first: the scanner must not see the transaction change under it.
  std::vector<std::string> keys;
  storage::Scanner scanner = scan_rows(table);
  while (scanner.next()) keys.emplace_back(scanner.key());
  for (const std::string& key : keys) txn_.del(key);
}

void Catalog::drop_table(const TableDef& def) {
  delete_rows(def);
  txn_.del(table_key(def.schema, def.name));
}

std::string Catalog::rows_begin(std::uint32_t oid) {
  std::string key{kDataSpace};
  storage::format::put_u32(key, oid);
  return key;
}

std::string Catalog::rows_end(std::uint32_t oid) { return storage::prefix_successor(rows_begin(oid)); }

}  // namespace heliosdb::engine

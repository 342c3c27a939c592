#include "engine/exec/branch_diff.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "engine/catalog/catalog.hpp"
#include "engine/common/db_error.hpp"
#include "engine/exec/branch_divergence.hpp"
#include "engine/exec/row_codec.hpp"

namespace heliosdb::engine {

namespace {

// Table definitions by oid as one side sees them.
std::map<std::uint32_t, TableDef> tables_by_oid(Catalog& catalog) {
  std::map<std::uint32_t, TableDef> out;
  for (TableDef& t : catalog.tables()) out.emplace(t.oid, std::move(t));
  return out;
}

// Compares one row key's two versions, each decoded with its own side's table.
class DiffBuilder {
 public:
  DiffBuilder(std::map<std::uint32_t, TableDef> old_tables, std::map<std::uint32_t, TableDef> new_tables)
      : old_tables_(std::move(old_tables)), new_tables_(std::move(new_tables)) {}

  void compare(std::string_view key, std::optional<std::string_view> old_raw, std::optional<std::string_view> new_raw) {
    if (old_raw == new_raw) return;
    const KeyClass k = Catalog::classify_key(key);
    auto old_def = old_tables_.find(k.oid);
    auto new_def = new_tables_.find(k.oid);
    const TableDef* any = new_def != new_tables_.end()   ? &new_def->second
                          : old_def != old_tables_.end() ? &old_def->second
                                                         : nullptr;
    if (any == nullptr) return;
    RowChange c;
    c.table = any->schema + "." + any->name;
    c.change = !old_raw ? "insert" : !new_raw ? "delete" : "update";
    std::optional<Row> shown;
    if (old_raw && old_def != old_tables_.end()) {
      shown = decode_row(old_def->second, *old_raw);
      c.old_value = row_text(*shown);
    }
    if (new_raw && new_def != new_tables_.end()) {
      shown = decode_row(new_def->second, *new_raw);
      c.new_value = row_text(*shown);
    }
    c.key = any->primary_key.empty() || !shown ? "(ctid)"
                                               : key_text(*any, any->primary_key, pick(*shown, any->primary_key));
    changes_.push_back(std::move(c));
  }

  std::vector<RowChange> take() { return std::move(changes_); }

 private:
  std::map<std::uint32_t, TableDef> old_tables_;
  std::map<std::uint32_t, TableDef> new_tables_;
  std::vector<RowChange> changes_;
};

bool is_row(const std::string& key) { return Catalog::classify_key(key).kind == KeyClass::Kind::kRow; }

}  // namespace

std::vector<RowChange> branch_diff(storage::Store& store, storage::BranchId from, storage::BranchId to) {
  storage::Transaction old_txn(store, from);
  storage::Transaction new_txn(store, to);
  const Divergence d = diverge(store, old_txn, new_txn);
  Catalog old_catalog(old_txn);
  Catalog new_catalog(new_txn);
  DiffBuilder diff(tables_by_oid(old_catalog), tables_by_oid(new_catalog));
  std::set<std::string> keys = d.source.keys;
  keys.insert(d.target.keys.begin(), d.target.keys.end());
  for (const std::string& key : keys) {
    if (is_row(key)) diff.compare(key, old_txn.get(key), new_txn.get(key));
  }
  return diff.take();
}

std::vector<RowChange> branch_changes_since(storage::Store& store, storage::BranchId branch, storage::Scn scn) {
  storage::Transaction txn(store, branch);
  if (scn > txn.snapshot_scn()) {
    throw DbError(sqlstate::kInvalidParameterValue, fmt::format("SCN {} is in the future", scn));
  }
  if (scn < store.retention_floor()) {
    throw DbError(sqlstate::kSnapshotTooOld, fmt::format("SCN {} is before the retained history", scn));
  }
  std::set<std::string> keys;
  for (const storage::ReadLevel& level : store.read_chain(branch, txn.snapshot_scn())) {
    if (level.bound <= scn) break;  // this level and those above it stand still after scn
    for (storage::Change& c : store.changes(level.branch, scn, level.bound)) {
      if (is_row(c.key)) keys.insert(std::move(c.key));
    }
  }
  Catalog catalog(txn);
  // Tables as they were then: the catalog read as of scn.
  std::map<std::uint32_t, TableDef> then;
  for (const auto& [oid, table] : tables_by_oid(catalog)) {
    if (auto def = catalog.table_as_of(table.schema, table.name, scn)) then.emplace(def->oid, *def);
  }
  DiffBuilder diff(std::move(then), tables_by_oid(catalog));
  for (const std::string& key : keys) {
    std::optional<std::string> old_raw;
    if (auto raw = txn.get_as_of(key, scn)) old_raw = std::string(*raw);
    diff.compare(key, old_raw, txn.get(key));
  }
  return diff.take();
}

}  // namespace heliosdb::engine

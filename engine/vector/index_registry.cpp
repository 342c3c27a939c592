#include "engine/vector/index_registry.hpp"

#include <faiss/impl/FaissException.h>

#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/exec/row_codec.hpp"
#include "engine/types/vector.hpp"
#include "storage/store.hpp"

namespace heliosdb::engine {

VectorIndexRegistry& VectorIndexRegistry::of(ExecContext& ctx) {
  return ctx.txn.store().attachment<VectorIndexRegistry>();
}

std::shared_ptr<VectorIndexRegistry::Entry> VectorIndexRegistry::entry_for(storage::BranchId branch,
                                                                           const TableDef& table,
                                                                           const VectorIndexDef& def) {
  std::lock_guard lock(mutex_);
  std::shared_ptr<Entry>& entry = entries_[{branch, def.oid}];
  // Rows rekeyed by ALTER TABLE ... ADD PRIMARY KEY: the old keys lead nowhere.
  if (!entry || entry->primary_key != table.primary_key) {
    entry = std::make_shared<Entry>();
    const ColumnDef& column = table.columns[static_cast<std::size_t>(def.column)];
    entry->index = std::make_shared<AnnIndex>(def, column.type.typmod);
    entry->primary_key = table.primary_key;
  }
  return entry;
}

std::shared_ptr<AnnIndex> VectorIndexRegistry::get_or_build(ExecContext& ctx, const TableDef& table,
                                                            const VectorIndexDef& def) {
  std::shared_ptr<Entry> entry = entry_for(ctx.txn.branch(), table, def);
  std::lock_guard build(entry->build_mutex);
  if (entry->built) return entry->index;
  // Writes made meanwhile reach the entry already; the index skips a vector
  // it has for that row, so what both add lands once.
  BuildProgress progress;
  progress.pid = ctx.backend_pid;
  progress.relid = table.oid;
  progress.index_relid = def.oid;
  {
    std::lock_guard lock(mutex_);
    builds_.push_back(&progress);
  }
  struct Unlist {
    VectorIndexRegistry& registry;
    BuildProgress* progress;
    ~Unlist() {
      std::lock_guard lock(registry.mutex_);
      std::erase(registry.builds_, progress);
    }
  } unlist{*this, &progress};
  std::vector<std::string> keys;
  std::vector<float> vectors;
  std::vector<bool> needed(table.columns.size(), false);
  needed[static_cast<std::size_t>(def.column)] = true;
  const auto dims = static_cast<std::size_t>(entry->index->dimensions());
  storage::Scanner scanner = ctx.catalog.scan_rows(table);
  Row row;
  while (scanner.next()) {
    ctx.check_interrupts();
    decode_row_into(table, scanner.value(), &needed, row);
    const Value& v = row[static_cast<std::size_t>(def.column)];
    if (v.is_null()) continue;
    auto elements = vector_elements(v);
    if (elements.size() != dims) continue;
    keys.emplace_back(scanner.key());
    vectors.insert(vectors.end(), elements.begin(), elements.end());
    if (keys.size() % 4096 == 0) report(&progress, "building index: scanning table", keys.size(), 0);
  }
  // In slices, so progress shows and a cancel is heard between them; FAISS
  // spreads each slice over the cores.
  constexpr std::size_t kSlice = 20000;
  try {
    for (std::size_t at = 0; at < keys.size(); at += kSlice) {
      ctx.check_interrupts();
      report(&progress, "building index: loading tuples in tree", at, keys.size());
      const std::size_t end = std::min(keys.size(), at + kSlice);
      entry->index->add_batch(std::vector<std::string>(keys.begin() + static_cast<std::ptrdiff_t>(at),
                                                       keys.begin() + static_cast<std::ptrdiff_t>(end)),
                              std::vector<float>(vectors.begin() + static_cast<std::ptrdiff_t>(at * dims),
                                                 vectors.begin() + static_cast<std::ptrdiff_t>(end * dims)));
    }
  } catch (const faiss::FaissException& e) {
    throw DbError(sqlstate::kInternalError, std::string("could not build vector index: ") + e.what());
  }
  entry->built = true;
  return entry->index;
}

void VectorIndexRegistry::report(BuildProgress* progress, const char* phase, std::uint64_t done, std::uint64_t total) {
  std::lock_guard lock(mutex_);
  progress->phase = phase;
  progress->tuples_done = done;
  progress->tuples_total = total;
}

std::vector<BuildProgress> VectorIndexRegistry::builds() const {
  std::lock_guard lock(mutex_);
  std::vector<BuildProgress> out;
  for (const BuildProgress* p : builds_) out.push_back(*p);
  return out;
}

std::shared_ptr<AnnIndex> VectorIndexRegistry::find(storage::BranchId branch, std::uint32_t oid) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find({branch, oid});
  return it == entries_.end() ? nullptr : it->second->index;
}

void VectorIndexRegistry::forget(storage::BranchId branch, std::uint32_t oid) {
  std::lock_guard lock(mutex_);
  entries_.erase({branch, oid});
}

void VectorIndexRegistry::forget_table(storage::BranchId branch, const TableDef& table) {
  for (const VectorIndexDef& def : table.vector_indexes) forget(branch, def.oid);
}

void VectorIndexRegistry::vacuum(storage::BranchId branch, const TableDef& table) {
  for (const VectorIndexDef& def : table.vector_indexes) {
    std::shared_ptr<AnnIndex> index = find(branch, def.oid);
    if (!index) continue;
    const AnnIndexStats s = index->stats();
    if (s.deleted_vectors > 0 && s.deleted_vectors * 5 >= s.num_vectors) forget(branch, def.oid);
  }
}

void VectorIndexRegistry::row_written(ExecContext& ctx, const TableDef& table, const std::string& key, const Row& row) {
  for (const VectorIndexDef& def : table.vector_indexes) {
    const Value& v = row[static_cast<std::size_t>(def.column)];
    if (v.is_null()) continue;
    if (std::shared_ptr<AnnIndex> index = find(ctx.txn.branch(), def.oid)) {
      try {
        index->add(key, vector_elements(v));
      } catch (const faiss::FaissException& e) {
        throw DbError(sqlstate::kInternalError, std::string("could not update vector index: ") + e.what());
      }
    }
  }
}

void VectorIndexRegistry::row_removed(ExecContext& ctx, const TableDef& table, const std::string& key) {
  for (const VectorIndexDef& def : table.vector_indexes) {
    if (std::shared_ptr<AnnIndex> index = find(ctx.txn.branch(), def.oid)) index->note_removed(key);
  }
}

}  // namespace heliosdb::engine

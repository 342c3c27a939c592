#include "engine/vector/index_registry.hpp"

#include <faiss/impl/FaissException.h>

#include <algorithm>
#include <cstdio>

#include "engine/catalog/catalog.hpp"
#include "engine/common/db_error.hpp"
#include "engine/exec/row_codec.hpp"
#include "engine/types/vector.hpp"
#include "storage/storage_error.hpp"
#include "storage/store.hpp"

namespace heliosdb::engine {

VectorIndexRegistry::VectorIndexRegistry(storage::Store& store) : store_(store) {
  if (auto dir = store.directory()) directory_ = *dir / "vector_indexes";
}

VectorIndexRegistry::~VectorIndexRegistry() {
  // No session is left: nothing changes the entries while they are saved.
  for (auto& [key, entry] : entries_) {
    if (entry->ready) save(key.first, key.second, *entry);
  }
}

VectorIndexRegistry& VectorIndexRegistry::of(ExecContext& ctx) {
  return ctx.txn.store().attachment<VectorIndexRegistry>();
}

std::filesystem::path VectorIndexRegistry::saved_path(storage::BranchId branch, std::uint32_t oid) const {
  if (directory_.empty()) return {};
  return directory_ / ("branch" + std::to_string(branch) + "_index" + std::to_string(oid));
}

namespace {

// Whether `entry` was made for `def` on `table` as they are now: rows
// rekeyed by ALTER TABLE ... ADD PRIMARY KEY leave its keys leading nowhere,
// and another index may have the oid of one rolled back.
template <typename Entry>
bool made_for(const Entry& entry, const TableDef& table, const VectorIndexDef& def) {
  const VectorIndexDef& a = entry.def;
  return entry.primary_key == table.primary_key && entry.table_oid == table.oid && a.name == def.name &&
         a.column == def.column && a.method == def.method && a.metric == def.metric && a.options == def.options &&
         a.quantization == def.quantization;
}

}  // namespace

std::shared_ptr<VectorIndexRegistry::Entry> VectorIndexRegistry::entry_for(storage::BranchId branch,
                                                                           const TableDef& table,
                                                                           const VectorIndexDef& def) {
  std::lock_guard lock(mutex_);
  std::shared_ptr<Entry>& entry = entries_[{branch, def.oid}];
  if (!entry || !made_for(*entry, table, def)) {
    entry = std::make_shared<Entry>();
    const ColumnDef& column = table.columns[static_cast<std::size_t>(def.column)];
    // With a saved copy to read, or a parent's index to start from, writes
    // meanwhile are held for it.
    const std::filesystem::path saved = saved_path(branch, def.oid);
    std::error_code ec;
    const std::optional<storage::BranchInfo> info = store_.branch(branch);
    const bool holding =
        (!saved.empty() && std::filesystem::exists(saved.string() + ".keys", ec)) || (info && info->parent != 0);
    entry->index = std::make_shared<AnnIndex>(def, column.type.typmod, holding);
    entry->index->set_key_columns(table.primary_key);
    entry->primary_key = table.primary_key;
    entry->table_oid = table.oid;
    entry->def = def;
  }
  return entry;
}

std::shared_ptr<AnnIndex> VectorIndexRegistry::get_or_build(ExecContext& ctx, const TableDef& table,
                                                            const VectorIndexDef& def) {
  std::shared_ptr<Entry> entry = entry_for(ctx.txn.branch(), table, def);
  if (!entry->ready) {
    std::lock_guard build(entry->build_mutex);
    if (!entry->ready) make_ready(ctx, table, def, *entry);
  }
  if (entry->caught_up < ctx.txn.snapshot_scn()) catch_up(ctx, table, def, *entry);
  return entry->index;
}

void VectorIndexRegistry::make_ready(ExecContext& ctx, const TableDef& table, const VectorIndexDef& def, Entry& entry) {
  const std::filesystem::path saved = saved_path(ctx.txn.branch(), def.oid);
  if (!saved.empty()) {
    std::uint64_t covered = 0;
    const ColumnDef& column = table.columns[static_cast<std::size_t>(def.column)];
    std::unique_ptr<AnnIndex> copy =
        AnnIndex::load(saved, def, column.type.typmod, table.primary_key, &covered, store_.cipher());
    // A copy older than the retained change log cannot be caught up.
    if (copy && covered >= store_.retention_floor() && covered <= store_.last_scn()) {
      entry.index->adopt(std::move(*copy));
      entry.caught_up = covered;
      entry.base = covered;
      entry.saved_scn = covered;
      entry.saved_version = entry.index->version();
      entry.ready = true;
      return;
    }
  }
  if (seed_from_parent(ctx.txn.branch(), table, def, entry)) {
    save(ctx.txn.branch(), def.oid, entry);  // as after a build: a restart need not copy again
    return;
  }
  entry.index->release();
  build(ctx, table, def, entry);
  entry.caught_up = ctx.txn.snapshot_scn();
  entry.base = ctx.txn.snapshot_scn();
  entry.ready = true;
  save(ctx.txn.branch(), def.oid, entry);
}

bool VectorIndexRegistry::seed_from_parent(storage::BranchId branch, const TableDef& table, const VectorIndexDef& def,
                                           Entry& entry) {
  const std::optional<storage::BranchInfo> info = store_.branch(branch);
  if (!info || info->parent == 0) return false;
  std::shared_ptr<Entry> parent;
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find({info->parent, def.oid});
    if (it != entries_.end()) parent = it->second;
  }
  // The parent's index must hold every row the branch inherits: made from
  // its rows no later than the fork (a rebuild since has no entry for a row
  // the parent deleted after the fork), and caught up to it. Its later
  // entries are of rows the branch does not have, or not with that vector:
  // searches pass over them.
  if (!parent || !parent->ready || !made_for(*parent, table, def) || parent->base > info->fork_scn ||
      parent->caught_up < info->fork_scn) {
    return false;
  }
  std::unique_ptr<AnnIndex> copy = parent->index->copy();
  if (!copy) return false;
  entry.index->adopt(std::move(*copy));
  entry.caught_up = info->fork_scn;  // the branch's own changes since are caught up next
  entry.base = parent->base.load();
  entry.ready = true;
  return true;
}

void VectorIndexRegistry::build(ExecContext& ctx, const TableDef& table, const VectorIndexDef& def, Entry& entry) {
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
  const ColumnSelection columns = select_columns(table, &needed);
  const auto dims = static_cast<std::size_t>(entry.index->dimensions());
  storage::Scanner scanner = ctx.catalog.scan_rows(table);
  Row row;
  while (scanner.next()) {
    ctx.check_interrupts();
    decode_row_into(table, scanner.value(), columns, row);
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
      entry.index->add_batch(std::vector<std::string>(keys.begin() + static_cast<std::ptrdiff_t>(at),
                                                      keys.begin() + static_cast<std::ptrdiff_t>(end)),
                             std::vector<float>(vectors.begin() + static_cast<std::ptrdiff_t>(at * dims),
                                                vectors.begin() + static_cast<std::ptrdiff_t>(end * dims)));
    }
  } catch (const faiss::FaissException& e) {
    throw DbError(sqlstate::kInternalError, std::string("could not build vector index: ") + e.what());
  }
}

void VectorIndexRegistry::catch_up(ExecContext& ctx, const TableDef& table, const VectorIndexDef& def, Entry& entry) {
  std::lock_guard lock(entry.build_mutex);
  const storage::Scn from = entry.caught_up;
  const storage::Scn to = ctx.txn.snapshot_scn();
  if (from >= to) return;
  const std::string begin = Catalog::rows_begin(table.oid);
  const std::string end = Catalog::rows_end(table.oid);
  std::vector<bool> needed(table.columns.size(), false);
  needed[static_cast<std::size_t>(def.column)] = true;
  const ColumnSelection columns = select_columns(table, &needed);
  Row row;
  try {
    for (const storage::Change& change : store_.changes(ctx.txn.branch(), from, to)) {
      if (change.kind != storage::ChangeKind::kPut || change.key < begin || change.key >= end) continue;
      ctx.check_interrupts();
      // The version committed then: snapshots between then and now see it.
      std::optional<std::string_view> raw;
      try {
        raw = ctx.txn.get_as_of(change.key, change.scn);
      } catch (const storage::StorageError&) {  // history compacted meanwhile: the newest will do
        raw = ctx.txn.get(change.key);
      }
      if (!raw) continue;
      decode_row_into(table, *raw, columns, row);
      const Value& v = row[static_cast<std::size_t>(def.column)];
      if (!v.is_null()) entry.index->add(change.key, vector_elements(v));
    }
  } catch (const faiss::FaissException& e) {
    throw DbError(sqlstate::kInternalError, std::string("could not update vector index: ") + e.what());
  }
  entry.caught_up = to;
}

void VectorIndexRegistry::save(storage::BranchId branch, std::uint32_t oid, Entry& entry) noexcept {
  const std::filesystem::path path = saved_path(branch, oid);
  if (path.empty() || !entry.index->serving()) return;
  const std::uint64_t version = entry.index->version();
  const storage::Scn covered = entry.caught_up;
  if (version == entry.saved_version && covered == entry.saved_scn) return;
  try {
    std::filesystem::create_directories(directory_);
    entry.index->save(path, covered, store_.cipher());
    entry.saved_version = version;
    entry.saved_scn = covered;
  } catch (const std::exception& e) {
    // Not worth failing a statement or a shutdown for: the index is built again when next needed.
    std::fprintf(stderr, "WARNING:  could not save vector index %u: %s\n", oid, e.what());
  }
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
  const std::filesystem::path path = saved_path(branch, oid);
  if (path.empty()) return;
  std::error_code ec;
  std::filesystem::remove(path.string() + ".keys", ec);
  std::filesystem::remove(path.string() + ".faiss", ec);
}

void VectorIndexRegistry::forget_table(storage::BranchId branch, const TableDef& table) {
  for (const VectorIndexDef& def : table.vector_indexes) forget(branch, def.oid);
}

void VectorIndexRegistry::forget_branch(storage::BranchId branch) {
  std::lock_guard lock(mutex_);
  std::erase_if(entries_, [&](const auto& e) { return e.first.first == branch; });
  if (directory_.empty()) return;
  const std::string prefix = "branch" + std::to_string(branch) + "_index";
  std::error_code ec;
  for (const auto& file : std::filesystem::directory_iterator(directory_, ec)) {
    if (file.path().filename().string().starts_with(prefix)) std::filesystem::remove(file.path(), ec);
  }
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

#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "engine/catalog/table_def.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/row_codec.hpp"
#include "engine/vector/ann_index.hpp"

namespace heliosdb::engine {

/// How far one index build has got: pg_stat_progress_create_index's row,
/// and the REPL's progress bar.
struct BuildProgress {
  std::int32_t pid = 0;  ///< the backend building (0 when embedded)
  std::uint32_t relid = 0;
  std::uint32_t index_relid = 0;
  const char* phase = "initializing";
  std::uint64_t tuples_total = 0;
  std::uint64_t tuples_done = 0;
};

/// The vector indexes of one open store, in memory: one AnnIndex per
/// (branch, index oid), since each branch has rows of its own. Kept as the
/// store's attachment (Store::attachment) so every session of the store
/// shares them.
///
/// An index is made the first time a branch needs it (CREATE INDEX, or the
/// first search after the server starts): read from the copy saved in the
/// store's directory if there is one, else for a branch copied from its
/// parent's (when that holds the rows up to the fork), else built from its
/// table's rows. It
/// is kept in step by RowWriter from then on, and caught up before each
/// search from the branch's change log with every committed change it may
/// have missed (made before it was, or by a writer that came just before
/// it): all it holds is every committed change up to its `caught_up` SCN,
/// plus later writes. Saved after a build and when the store closes, with
/// that SCN, so a restart reads it back and catches up from there.
class VectorIndexRegistry {
 public:
  explicit VectorIndexRegistry(storage::Store& store);
  /// Saves the indexes that changed since they were saved.
  ~VectorIndexRegistry();
  VectorIndexRegistry(const VectorIndexRegistry&) = delete;
  VectorIndexRegistry& operator=(const VectorIndexRegistry&) = delete;

  /// The registry of the store `ctx` runs against.
  static VectorIndexRegistry& of(ExecContext& ctx);

  /// The index for `def` on `ctx`'s branch, made if it is not in memory
  /// yet (a build reads the table's rows as `ctx` sees them) and caught up
  /// to `ctx`'s snapshot. Throws DbError XX000 if FAISS fails.
  std::shared_ptr<AnnIndex> get_or_build(ExecContext& ctx, const TableDef& table, const VectorIndexDef& def);
  /// The index if it is in memory, else null (RowWriter: nothing to keep in step yet).
  std::shared_ptr<AnnIndex> find(storage::BranchId branch, std::uint32_t oid);
  /// Forgets an index and its saved copy (DROP INDEX, or a table dropped).
  void forget(storage::BranchId branch, std::uint32_t oid);
  /// Forgets every vector index of `table` (DROP TABLE, TRUNCATE).
  void forget_table(storage::BranchId branch, const TableDef& table);
  /// Forgets every index of a branch and removes their saved copies (DROP
  /// DATABASE BRANCH: a later branch may be given its id).
  void forget_branch(storage::BranchId branch);
  /// VACUUM: an index whose entries are a fifth or more superseded goes from
  /// memory, to be rebuilt from the table's rows at its next use.
  void vacuum(storage::BranchId branch, const TableDef& table);

  /// A row was stored: every built vector index of the table takes its vector.
  void row_written(ExecContext& ctx, const TableDef& table, const std::string& key, const Row& row);
  /// A row was deleted (statistics only: its entries stay until a rebuild).
  void row_removed(ExecContext& ctx, const TableDef& table, const std::string& key);

  /// The builds running now, as they stand.
  std::vector<BuildProgress> builds() const;

 private:
  using Key = std::pair<storage::BranchId, std::uint32_t>;
  struct Entry {
    std::shared_ptr<AnnIndex> index;
    std::vector<int> primary_key;  ///< the table's key columns when built: a rekeyed table rebuilds
    std::uint32_t table_oid = 0;   ///< with `def`: what the index was made for
    VectorIndexDef def;
    std::mutex build_mutex;  ///< one build or catch-up at a time; others wait for it
    std::atomic<bool> ready{false};
    std::atomic<storage::Scn> caught_up{0};
    /// The snapshot its rows were read at (a build's; a copy read back
    /// counts from what it covers): it holds no row gone before then.
    std::atomic<storage::Scn> base{0};
    // What the saved copy holds (under build_mutex, or the registry's end).
    std::uint64_t saved_version = ~std::uint64_t{0};
    storage::Scn saved_scn = 0;
  };
  std::shared_ptr<Entry> entry_for(storage::BranchId branch, const TableDef& table, const VectorIndexDef& def);
  /// Reads the saved copy or builds (under the entry's build_mutex).
  void make_ready(ExecContext& ctx, const TableDef& table, const VectorIndexDef& def, Entry& entry);
  void build(ExecContext& ctx, const TableDef& table, const VectorIndexDef& def, Entry& entry);
  /// A branch's index made as a copy of its parent's, when that is in
  /// memory and holds everything up to the fork (under the entry's build_mutex).
  bool seed_from_parent(storage::BranchId branch, const TableDef& table, const VectorIndexDef& def, Entry& entry);
  /// Adds the committed changes to `table`'s rows after entry.caught_up up to `ctx`'s snapshot.
  void catch_up(ExecContext& ctx, const TableDef& table, const VectorIndexDef& def, Entry& entry);
  /// Where (branch, oid)'s copy is saved, without its suffixes; empty for an in-memory store.
  std::filesystem::path saved_path(storage::BranchId branch, std::uint32_t oid) const;
  /// Saves the entry if its copy is behind; a failure only costs a rebuild later.
  void save(storage::BranchId branch, std::uint32_t oid, Entry& entry) noexcept;

  void report(BuildProgress* progress, const char* phase, std::uint64_t done, std::uint64_t total);

  storage::Store& store_;
  std::filesystem::path directory_;  ///< saved copies; empty for an in-memory store
  mutable std::mutex mutex_;
  std::map<Key, std::shared_ptr<Entry>> entries_;
  std::vector<BuildProgress*> builds_;  ///< under mutex_; each lives on its builder's stack
};

}  // namespace heliosdb::engine

#pragma once

#include <cstdint>
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
/// An index is built from its table's rows the first time a branch needs it
/// (CREATE INDEX, or the first search after the server starts), and kept in
/// step by RowWriter from then on.
class VectorIndexRegistry {
 public:
  /// The registry of the store `ctx` runs against.
  static VectorIndexRegistry& of(ExecContext& ctx);

  /// The index for `def` on `ctx`'s branch, built from the table's rows
  /// (as `ctx` sees them) if it is not in memory yet. Throws DbError XX000
  /// if FAISS fails.
  std::shared_ptr<AnnIndex> get_or_build(ExecContext& ctx, const TableDef& table, const VectorIndexDef& def);
  /// The index if it is in memory, else null (RowWriter: nothing to keep in step yet).
  std::shared_ptr<AnnIndex> find(storage::BranchId branch, std::uint32_t oid);
  /// Forgets an index (DROP INDEX, or a table dropped).
  void forget(storage::BranchId branch, std::uint32_t oid);
  /// Forgets every vector index of `table` (DROP TABLE, TRUNCATE).
  void forget_table(storage::BranchId branch, const TableDef& table);
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
    std::mutex build_mutex;        ///< one build at a time; others wait for it
    bool built = false;            ///< under build_mutex
  };
  std::shared_ptr<Entry> entry_for(storage::BranchId branch, const TableDef& table, const VectorIndexDef& def);

  void report(BuildProgress* progress, const char* phase, std::uint64_t done, std::uint64_t total);

  mutable std::mutex mutex_;
  std::map<Key, std::shared_ptr<Entry>> entries_;
  std::vector<BuildProgress*> builds_;  ///< under mutex_; each lives on its builder's stack
};

}  // namespace heliosdb::engine

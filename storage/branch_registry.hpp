#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "storage/types.hpp"
#include "storage/version_format.hpp"
#include "storage/version_reader.hpp"

namespace heliosdb::storage {

/// The in-memory copy of the branch tree, loaded at open and updated by the
/// writer after each branch change is durable. Thread-safe.
///
/// It holds live branches and retired ones (dropped while they had branches
/// of their own, see format::BranchRecord). get, find and all see only live
/// branches; chain, ancestors and pinned_points walk through retired ones,
/// since a live branch still reads its data through them.
class BranchRegistry {
 public:
  void load(std::vector<format::BranchRecord> branches);
  /// Adds or replaces a live branch.
  void upsert(const BranchInfo& info);
  /// Marks a branch retired: it leaves the listings but stays in chains.
  void retire(BranchId id);
  void erase(BranchId id);

  /// Moves on every change (a session's branch may be renamed by another):
  /// what reports a branch's name rereads it only after one.
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  /// Live branches only.
  std::optional<BranchInfo> get(BranchId id) const;
  std::optional<BranchInfo> find(std::string_view name) const;
  std::vector<BranchInfo> all() const;
  /// Every branch, retired ones included (for compaction).
  std::vector<format::BranchRecord> records() const;
  /// Whether any branch, live or retired, has `id` as its parent.
  bool has_children(BranchId id) const;

  /// The levels a read of `branch` as of `bound` consults, child first.
  /// `snapshot` is the newest SCN the reader's LMDB snapshot holds. Throws
  /// StorageError(kBranchNotFound) if `branch` is unknown or retired; its
  /// ancestors may be retired.
  ReadChain chain(BranchId branch, Scn bound, Scn snapshot) const;
  /// The levels through which `branch` sees what it did not write itself:
  /// its parent as of the fork point, and so on up (empty for a root). Unlike
  /// chain, `branch` may be retired. Throws StorageError(kBranchNotFound) for
  /// an unknown branch.
  ReadChain ancestors(BranchId branch, Scn snapshot) const;

  /// For every branch, the SCNs at which some live descendant reads it:
  /// history in force at those points must survive compaction.
  std::map<BranchId, std::vector<Scn>> pinned_points() const;
  /// Whether some live descendant reads `branch` as of `scn`.
  bool is_pinned(BranchId branch, Scn scn) const;

 private:
  /// Appends the levels from `id` up, reading `id` as of `bound`.
  void walk(ReadChain& out, BranchId id, Scn bound, Scn snapshot) const;

  mutable std::shared_mutex mutex_;
  std::map<BranchId, format::BranchRecord> branches_;
  std::atomic<std::uint64_t> generation_{0};
};

}  // namespace heliosdb::storage

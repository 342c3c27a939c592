#pragma once

#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "storage/types.hpp"
#include "storage/version_reader.hpp"

namespace heliosdb::storage {

/// The in-memory copy of the branch tree, loaded at open and updated by the
/// writer after each branch change is durable. Thread-safe.
class BranchRegistry {
 public:
  void load(std::vector<BranchInfo> branches);
  void upsert(const BranchInfo& info);
  void erase(BranchId id);

  std::optional<BranchInfo> get(BranchId id) const;
  std::optional<BranchInfo> find(std::string_view name) const;
  std::vector<BranchInfo> all() const;
  bool has_children(BranchId id) const;

  /// The levels a read of `branch` as of `bound` consults, child first.
  /// `snapshot` is the newest SCN the reader's LMDB snapshot holds. Throws
  /// StorageError(kBranchNotFound) for an unknown branch.
  ReadChain chain(BranchId branch, Scn bound, Scn snapshot) const;

  /// For every branch, the SCNs at which some descendant reads it: history in
  /// force at those points must survive compaction.
  std::map<BranchId, std::vector<Scn>> pinned_points() const;

 private:
  mutable std::shared_mutex mutex_;
  std::map<BranchId, BranchInfo> branches_;
};

}  // namespace heliosdb::storage

#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/exec/interrupts.hpp"
#include "storage/store.hpp"

namespace heliosdb::engine {

/// MERGE DATABASE BRANCH ... WITH (conflict_resolution = ..., delete_branch_after = ...).
struct MergeOptions {
  enum class Resolution : std::uint8_t { kFail, kBranchWins, kTargetWins };
  Resolution resolution = Resolution::kFail;
  bool delete_branch_after = false;
};

/// The options from WITH (...); 22023 for an unknown option or value.
MergeOptions merge_options(const std::vector<std::pair<std::string, std::string>>& options);

/// One row (or catalog object) changed on both sides since they diverged.
struct MergeConflict {
  std::string object;                       ///< "public.users", or "schema of public.users"
  std::string key;                          ///< the primary key, "(id)=(5)"; empty for a catalog object
  std::string branch_change;                ///< insert | update | delete, on the branch merged
  std::string target_change;                ///< the same on the target
  std::optional<std::string> branch_value;  ///< the row as text; nullopt if deleted
  std::optional<std::string> target_value;
};

struct MergeSummary {
  std::uint64_t rows_changed = 0;  ///< rows the merge wrote on the target
  std::vector<MergeConflict> conflicts;
};

/// Merges branch `source` into `target` in one transaction: git's
/// three-way merge by value, row by row (by storage key), against the
/// common ground: what the newest merge between the two (either way) took,
/// else the point where their histories part. A row whose value only one
/// side changed takes that side's version; a row both changed differently
/// is a conflict, settled by the resolution (kFail: throws 23000 naming the
/// conflicts, changing nothing). Rows it writes are locked first, as
/// UPDATE locks them.
/// Schema changes merge too; indexes follow the merged rows and unique,
/// NOT NULL, CHECK and foreign-key constraints are checked on the result.
/// Throws DbError; the target is unchanged then.
MergeSummary merge_branch(storage::Store& store, storage::BranchId source, storage::BranchId target,
                          const MergeOptions& options, Interrupts& interrupts);

/// Whether every change `branch` made is in another live branch by a merge
/// (pg_database_branches' status 'merged'): some branch's record of its last
/// merge from `branch` took a point at or after `branch`'s newest change. A
/// branch that changed since, or never merged, is 'active'.
bool fully_merged(storage::Store& store, const storage::BranchInfo& branch,
                  const std::vector<storage::BranchInfo>& branches);

/// The conflicts merging `source` into `target` would meet, merging nothing.
std::vector<MergeConflict> merge_conflicts(storage::Store& store, storage::BranchId source, storage::BranchId target);

}  // namespace heliosdb::engine

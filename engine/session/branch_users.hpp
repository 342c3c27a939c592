#pragma once

#include <functional>
#include <map>
#include <mutex>

#include "storage/store.hpp"

namespace heliosdb::engine {

/// Which branches the store's sessions have chosen (USE BRANCH, SET
/// heliosdb.branch, database `mydb@name`, Database::open_branch): DROP
/// DATABASE BRANCH refuses a branch another session is on, as PostgreSQL's
/// DROP DATABASE refuses a database others are connected to. Sessions that
/// go with main (none chosen) are not counted: they follow whatever branch
/// is named main next. One per store (Store::attachment); thread-safe.
class BranchUsers {
 public:
  explicit BranchUsers(storage::Store& store) : store_(store) {}

  /// A session is now on `branch`: 3D000 if it no longer exists (checked
  /// under the lock a drop holds, so a session never joins a dropped branch).
  void join(storage::BranchId branch);
  void leave(storage::BranchId branch) noexcept;

  /// Runs `drop` unless sessions other than the caller's `own` ones are on
  /// `branch` (55006, as DROP DATABASE); no session joins it meanwhile.
  void drop_unless_used(storage::BranchId branch, int own, const std::function<void()>& drop);
  /// The same check without dropping (a merge that deletes its branch after).
  void require_unused(storage::BranchId branch, int own) const;

 private:
  void check_unused(storage::BranchId branch, int own) const;  ///< with mutex_ held

  storage::Store& store_;
  mutable std::mutex mutex_;
  std::map<storage::BranchId, int> sessions_;
};

}  // namespace heliosdb::engine

#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>

#include "storage/store.hpp"

namespace heliosdb::engine {

/// Which branches the store's sessions have chosen (USE BRANCH, SET
/// heliosdb.branch, database `mydb@name`; an embedded Database's calls while
/// they run, as each call is a session of its own): DROP
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
  /// `branch` (55006, as DROP DATABASE); no session joins it meanwhile. Like
  /// PostgreSQL's, it first waits a while for them to leave: a client that
  /// has just disconnected may not have been seen off yet.
  void drop_unless_used(storage::BranchId branch, int own, const std::function<void()>& drop);
  /// The same check without dropping (a merge that deletes its branch after).
  void require_unused(storage::BranchId branch, int own);

  /// How long a drop waits for sessions to leave (PostgreSQL's 5 s; tests shorten it).
  void set_wait(std::chrono::milliseconds wait) {
    std::lock_guard lock(mutex_);
    wait_ = wait;
  }

 private:
  /// Waits for the others to leave, then throws 55006 if some stay; with mutex_ held.
  void wait_unused(std::unique_lock<std::mutex>& lock, storage::BranchId branch, int own);
  int others(storage::BranchId branch, int own) const;

  storage::Store& store_;
  std::mutex mutex_;
  std::condition_variable left_;
  std::chrono::milliseconds wait_{5000};
  std::map<storage::BranchId, int> sessions_;
};

}  // namespace heliosdb::engine

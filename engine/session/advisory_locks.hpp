#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "storage/lock_table.hpp"

namespace heliosdb::engine {

/// An advisory lock's key: one bigint, or two integers (a separate space,
/// as in PostgreSQL: (1, 2) and 4294967298 are different locks).
struct AdvisoryKey {
  std::int64_t id = 0;
  bool two_part = false;
  auto operator<=>(const AdvisoryKey&) const = default;
};

/// One session's advisory locks (pg_advisory_lock and friends, PostgreSQL
/// docs 9.27.10): application-defined 64-bit keys in the store's lock table,
/// so they wait, deadlock and time out like row locks. Session-level locks
/// count (taken twice, released twice) and last until unlocked or the session
/// ends; transaction-level ones last until its transaction ends. Not
/// thread-safe: the session's thread only.
class AdvisoryLocks {
 public:
  explicit AdvisoryLocks(storage::LockTable& table);
  ~AdvisoryLocks();
  AdvisoryLocks(const AdvisoryLocks&) = delete;
  AdvisoryLocks& operator=(const AdvisoryLocks&) = delete;

  /// Takes the lock, waiting unless `try_only` (then false if another holds
  /// it). `check` runs while waiting and may throw (cancel, timeouts);
  /// StorageError(kDeadlock) if waiting would close a cycle.
  bool lock(AdvisoryKey key, bool shared, bool transaction_level, bool try_only, const std::function<void()>& check);
  /// Releases one session-level hold; false if the session held none.
  bool unlock(AdvisoryKey key, bool shared);
  void unlock_all();
  /// At the end of the session's transaction.
  void release_transaction_locks();

 private:
  struct Held {
    int session = 0;      ///< session-level holds
    int transaction = 0;  ///< holds until the transaction ends
  };
  static std::string table_key(AdvisoryKey key);
  void release_if_unused(AdvisoryKey key);

  storage::LockTable& table_;
  std::uint64_t owner_;
  std::map<std::pair<AdvisoryKey, bool>, Held> held_;  ///< by key and shared
};

}  // namespace heliosdb::engine

#pragma once

#include <array>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/types.hpp"

namespace heliosdb::storage {

/// FOR SHARE / FOR KEY SHARE take kShare; UPDATE, DELETE, FOR UPDATE and FOR
/// NO KEY UPDATE take kExclusive. Shares go together; an exclusive lock
/// excludes every other lock.
enum class LockMode : std::uint8_t { kShare, kExclusive };

/// What to do when another transaction holds the lock (PostgreSQL's NOWAIT
/// and SKIP LOCKED; waiting is the default).
enum class LockWaitPolicy : std::uint8_t { kWait, kNoWait, kSkipLocked };

enum class LockOutcome : std::uint8_t {
  kTaken,    ///< newly taken: release it when the transaction ends
  kHeld,     ///< the transaction held it (or a stronger one) already
  kSkipped,  ///< not free, and the policy was kSkipLocked
};

/// The row locks of the transactions on one store, held until their
/// transaction ends. Locks live in memory only: they matter while their
/// holders run, and a restart ends every holder.
///
/// Waiting is deadlock-checked when it starts: the transaction whose wait
/// would close a cycle of waiters gets StorageError(kDeadlock), as the one
/// PostgreSQL picks after deadlock_timeout does. Thread-safe.
class LockTable {
 public:
  /// Takes `mode` on `key` for `owner`. While another transaction holds a
  /// conflicting lock: waits (calling `check` every few milliseconds; it may
  /// throw to stop waiting, e.g. for a cancel or a timeout), throws
  /// StorageError(kLockNotAvailable) under kNoWait, or returns kSkipped.
  LockOutcome acquire(TxnId owner, std::string_view key, LockMode mode, LockWaitPolicy policy,
                      const std::function<void()>& check);

  /// Releases `owner`'s locks on `keys`, waking whoever waits for them.
  void release(TxnId owner, const std::vector<std::string>& keys);

  /// Locks held, for tests and monitoring.
  std::size_t size() const;

 private:
  struct Entry {
    TxnId exclusive = 0;
    std::vector<TxnId> shared;
    std::uint32_t waiters = 0;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::condition_variable released;
    std::unordered_map<std::string, Entry> entries;
  };
  static constexpr std::size_t kShards = 64;

  Shard& shard_of(std::string_view key);
  void wait_for(TxnId waiter, const std::vector<TxnId>& holders);
  void stop_waiting(TxnId waiter);

  std::array<Shard, kShards> shards_;
  std::mutex graph_mutex_;
  /// Who waits for whom: the waits-for graph deadlock detection walks.
  std::unordered_map<TxnId, std::vector<TxnId>> waits_for_;
};

}  // namespace heliosdb::storage

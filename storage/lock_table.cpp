#include "storage/lock_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include "storage/blocking.hpp"
#include "storage/storage_error.hpp"

namespace heliosdb::storage {

namespace {

// How often a waiter looks at its `check` (cancel, statement_timeout).
constexpr std::chrono::milliseconds kCheckInterval{20};

bool holds(const std::vector<TxnId>& owners, TxnId owner) {
  return std::find(owners.begin(), owners.end(), owner) != owners.end();
}

// Whether `owner` may have `mode` on the entry now.
bool grantable(const auto& entry, TxnId owner, LockMode mode) {
  if (entry.exclusive != 0 && entry.exclusive != owner) return false;
  if (mode == LockMode::kShare) return true;
  return entry.shared.empty() || (entry.shared.size() == 1 && entry.shared[0] == owner);
}

// Who `owner` would wait for.
std::vector<TxnId> blockers(const auto& entry, TxnId owner) {
  std::vector<TxnId> out;
  if (entry.exclusive != 0 && entry.exclusive != owner) out.push_back(entry.exclusive);
  for (TxnId t : entry.shared) {
    if (t != owner) out.push_back(t);
  }
  return out;
}

}  // namespace

LockTable::Shard& LockTable::shard_of(std::string_view key) {
  return shards_[std::hash<std::string_view>{}(key) % kShards];
}

LockOutcome LockTable::acquire(TxnId owner, std::string_view key, LockMode mode, LockWaitPolicy policy,
                               const std::function<void()>& check) {
  Shard& shard = shard_of(key);
  std::unique_lock lock(shard.mutex);
  auto [it, inserted] = shard.entries.try_emplace(std::string(key));
  Entry& entry = it->second;  // stays put while this waits: waiters keep it from being erased
  std::optional<BlockingScope> blocking;
  bool waiting = false;
  auto leave = [&] {
    if (!waiting) return;
    waiting = false;
    --entry.waiters;
    stop_waiting(owner);
  };
  try {
    for (;;) {
      if (grantable(entry, owner, mode)) {
        leave();
        if (entry.exclusive == owner) return LockOutcome::kHeld;
        if (mode == LockMode::kExclusive) {
          bool had_share = holds(entry.shared, owner);
          entry.shared.clear();
          entry.exclusive = owner;
          // An upgraded share is released with the same key.
          return had_share ? LockOutcome::kHeld : LockOutcome::kTaken;
        }
        if (holds(entry.shared, owner)) return LockOutcome::kHeld;
        entry.shared.push_back(owner);
        return LockOutcome::kTaken;
      }
      if (policy != LockWaitPolicy::kWait) {
        if (policy == LockWaitPolicy::kSkipLocked) {
          leave();
          return LockOutcome::kSkipped;
        }
        throw StorageError(StorageErrc::kLockNotAvailable, "could not obtain lock on row");
      }
      wait_for(owner, blockers(entry, owner));  // throws kDeadlock
      if (!waiting) {
        waiting = true;
        ++entry.waiters;
        blocking.emplace();
      }
      shard.released.wait_for(lock, kCheckInterval);
      lock.unlock();
      check();
      lock.lock();
    }
  } catch (...) {
    if (!lock.owns_lock()) lock.lock();
    leave();
    if (entry.exclusive == 0 && entry.shared.empty() && entry.waiters == 0) shard.entries.erase(it);
    throw;
  }
}

void LockTable::release(TxnId owner, const std::vector<std::string>& keys) {
  for (const std::string& key : keys) {
    Shard& shard = shard_of(key);
    std::lock_guard lock(shard.mutex);
    auto it = shard.entries.find(key);
    if (it == shard.entries.end()) continue;
    Entry& entry = it->second;
    if (entry.exclusive == owner) entry.exclusive = 0;
    std::erase(entry.shared, owner);
    if (entry.exclusive != 0 || !entry.shared.empty()) continue;
    if (entry.waiters > 0) {
      shard.released.notify_all();
    } else {
      shard.entries.erase(it);
    }
  }
}

std::size_t LockTable::size() const {
  std::size_t n = 0;
  for (const Shard& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    for (const auto& [key, entry] : shard.entries) n += (entry.exclusive != 0 ? 1 : 0) + entry.shared.size();
  }
  return n;
}

void LockTable::wait_for(TxnId waiter, const std::vector<TxnId>& holders) {
  std::lock_guard lock(graph_mutex_);
  waits_for_[waiter] = holders;
  // Depth-first from the holders: reaching the waiter again is a cycle.
  std::unordered_map<TxnId, TxnId> reached_from;
  std::vector<TxnId> stack;
  for (TxnId h : holders) {
    if (reached_from.try_emplace(h, waiter).second) stack.push_back(h);
  }
  while (!stack.empty()) {
    TxnId t = stack.back();
    stack.pop_back();
    auto edges = waits_for_.find(t);
    if (edges == waits_for_.end()) continue;
    for (TxnId next : edges->second) {
      if (next == waiter) {
        // The cycle, told from the waiter: waiter -> ... -> t -> waiter.
        std::vector<TxnId> path{t};
        while (path.back() != waiter) path.push_back(reached_from.at(path.back()));
        std::reverse(path.begin(), path.end());
        path.push_back(waiter);
        std::string detail;
        for (std::size_t i = 0; i + 1 < path.size(); ++i) {
          if (!detail.empty()) detail += '\n';
          detail += fmt::format("Transaction {} waits for transaction {}.", path[i], path[i + 1]);
        }
        waits_for_.erase(waiter);
        throw StorageError(StorageErrc::kDeadlock, detail);
      }
      if (reached_from.try_emplace(next, t).second) stack.push_back(next);
    }
  }
}

void LockTable::stop_waiting(TxnId waiter) {
  std::lock_guard lock(graph_mutex_);
  waits_for_.erase(waiter);
}

}  // namespace heliosdb::storage

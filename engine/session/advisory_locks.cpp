#include "engine/session/advisory_locks.hpp"

#include <atomic>
#include <vector>

#include "storage/storage_error.hpp"

namespace heliosdb::engine {

namespace {

// Lock-table owners are transaction ids; sessions take the upper half of the
// id space so the two never meet.
std::uint64_t next_owner() {
  static std::atomic<std::uint64_t> serial{1};
  return (std::uint64_t{1} << 63) | serial.fetch_add(1);
}

}  // namespace

AdvisoryLocks::AdvisoryLocks(storage::LockTable& table) : table_(table), owner_(next_owner()) {}

AdvisoryLocks::~AdvisoryLocks() {
  unlock_all();
  release_transaction_locks();
}

std::string AdvisoryLocks::table_key(AdvisoryKey key) {
  // A prefix no branch's row key starts with (those begin with a branch id).
  std::string out(
      "\xFF\xFF\xFF\xFF"
      "advisory",
      12);
  out.push_back(key.two_part ? '2' : '1');
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((static_cast<std::uint64_t>(key.id) >> shift) & 0xFF));
  }
  return out;
}

bool AdvisoryLocks::lock(AdvisoryKey key, bool shared, bool transaction_level, bool try_only,
                         const std::function<void()>& check) {
  const storage::LockOutcome outcome =
      table_.acquire(owner_, table_key(key), shared ? storage::LockMode::kShare : storage::LockMode::kExclusive,
                     try_only ? storage::LockWaitPolicy::kSkipLocked : storage::LockWaitPolicy::kWait, check);
  if (outcome == storage::LockOutcome::kSkipped) return false;
  Held& held = held_[{key, shared}];
  ++(transaction_level ? held.transaction : held.session);
  return true;
}

void AdvisoryLocks::release_if_unused(AdvisoryKey key) {
  for (bool shared : {false, true}) {
    auto it = held_.find({key, shared});
    if (it == held_.end()) continue;
    if (it->second.session > 0 || it->second.transaction > 0) return;
    held_.erase(it);
  }
  table_.release(owner_, {table_key(key)});
}

bool AdvisoryLocks::unlock(AdvisoryKey key, bool shared) {
  auto it = held_.find({key, shared});
  if (it == held_.end() || it->second.session == 0) return false;
  --it->second.session;
  release_if_unused(key);
  return true;
}

void AdvisoryLocks::unlock_all() {
  std::vector<AdvisoryKey> keys;
  for (auto& [id, held] : held_) {
    held.session = 0;
    keys.push_back(id.first);
  }
  for (AdvisoryKey key : keys) release_if_unused(key);
}

void AdvisoryLocks::release_transaction_locks() {
  std::vector<AdvisoryKey> keys;
  for (auto& [id, held] : held_) {
    if (held.transaction == 0) continue;
    held.transaction = 0;
    keys.push_back(id.first);
  }
  for (AdvisoryKey key : keys) release_if_unused(key);
}

}  // namespace heliosdb::engine

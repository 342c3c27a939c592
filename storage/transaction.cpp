#include "storage/transaction.hpp"

#include <fmt/format.h>

#include <atomic>
#include <tuple>

#include "storage/commit_apply.hpp"
#include "storage/storage_error.hpp"
#include "storage/store.hpp"
#include "storage/version_format.hpp"
#include "storage/version_history.hpp"
#include "storage/write_pipeline.hpp"

namespace heliosdb::storage {

Scanner::Scanner(const LmdbEnv& env, MDB_txn* txn, const ReadChain& chain, std::string_view begin, std::string_view end,
                 const WriteSet* overlay)
    : base_(env, txn, chain, begin, end) {
  if (overlay != nullptr) {
    overlay_ = overlay->lower_bound(begin);
    overlay_end_ = end.empty() ? overlay->end() : overlay->lower_bound(end);
  } else {
    static const WriteSet kNoWrites;
    overlay_ = kNoWrites.begin();
    overlay_end_ = kNoWrites.end();
  }
}

bool Scanner::next() {
  for (;;) {
    if (base_pending_) {
      base_valid_ = base_.next();
      base_pending_ = false;
    }
    bool have_overlay = overlay_ != overlay_end_;
    if (!base_valid_ && !have_overlay) return false;
    if (have_overlay && (!base_valid_ || std::string_view(overlay_->first) <= base_.key())) {
      // The transaction's own write shadows the stored entry with its key.
      if (base_valid_ && overlay_->first == base_.key()) base_pending_ = true;
      const auto& entry = *overlay_++;
      if (!entry.second.value) continue;
      key_ = entry.first;
      value_ = *entry.second.value;
      return true;
    }
    key_ = base_.key();
    value_ = base_.value();
    base_pending_ = true;
    return true;
  }
}

Transaction::Transaction(Store& store, BranchId branch) : store_(store), branch_(branch) { take_snapshot(); }

Transaction::~Transaction() { rollback(); }

bool Transaction::still_reads(const ReadVersion& then, char space) const {
  const auto s = static_cast<unsigned char>(space);
  if (then.view == 0) return false;
  if (then.view == view_) return then.writes == space_writes_[s];
  if (then.writes != 0 || space_writes_[s] != 0) return false;
  return then.branch == branch_ && then.snapshot <= snapshot_ &&
         store_.space_changed_at_[s].load(std::memory_order_acquire) <= then.snapshot;
}

void Transaction::new_view() {
  static std::atomic<std::uint64_t> views{0};
  view_ = ++views;
}

void Transaction::take_snapshot() {
  new_view();
  read_.release();
  read_ = store_.env_->begin_read();
  // Both as of the snapshot itself: history compacted later is still in it.
  if (auto known = store_.pipeline_->snapshot_counters(mdb_txn_id(read_.get()))) {
    std::tie(snapshot_, floor_) = *known;
  } else {
    StoreCounters counters = load_counters(*store_.env_, read_.get());
    snapshot_ = counters.last_scn;
    floor_ = counters.floor_scn;
  }
  chain_ = store_.branches_.chain(branch_, snapshot_, snapshot_);
}

void Transaction::refresh_snapshot() {
  ensure_open();
  take_snapshot();
}

TxnId Transaction::id() {
  if (txid_ == 0) {
    txid_ = store_.pipeline_->allocate_txid();
    store_.running_.start(txid_);
  }
  return txid_;
}

void Transaction::ensure_open() const {
  if (!open_) throw StorageError(StorageErrc::kTransactionClosed, "the transaction has already ended");
}

std::optional<std::string_view> Transaction::get(std::string_view key) {
  ensure_open();
  // Past the last key written (a bulk load's next row) there is nothing to find.
  if (!writes_.empty() && key <= std::string_view(writes_.rbegin()->first)) {
    if (auto it = writes_.find(key); it != writes_.end()) {
      if (!it->second.value) return std::nullopt;
      return std::string_view(*it->second.value);
    }
  }
  return VersionReader(*store_.env_, read_.get()).get(chain_, key);
}

void Transaction::put(std::string_view key, std::string_view value) { write(key, value, snapshot_); }

void Transaction::del(std::string_view key) { write(key, std::nullopt, snapshot_); }

void Transaction::put_unchecked(std::string_view key, std::string_view value) { write(key, value, kUnchecked); }

void Transaction::del_unchecked(std::string_view key) { write(key, std::nullopt, kUnchecked); }

void Transaction::write(std::string_view key, std::optional<std::string_view> value, Scn check_from) {
  ensure_open();
  if (const std::size_t max = store_.max_key_size(); key.size() > max) {
    if (!value) return;  // such a key can never have been stored
    throw StorageError(StorageErrc::kInvalidArgument,
                       fmt::format("key of {} bytes exceeds the maximum of {}", key.size(), max));
  }
  if (!key.empty()) ++space_writes_[static_cast<unsigned char>(key.front())];
  // Keys written in ascending order (a bulk load) go without a search: at
  // the end, or right after the last write when other keys sort after them
  // (a load into one table in a transaction that also wrote a later one).
  auto it = writes_.end();
  if (!writes_.empty() && !(std::string_view(writes_.rbegin()->first) < key)) {
    const auto after_last = last_write_ ? std::next(*last_write_) : writes_.end();
    const bool next_to_last = last_write_ && std::string_view((*last_write_)->first) < key &&
                              after_last != writes_.end() && key < std::string_view(after_last->first);
    it = next_to_last ? after_last : writes_.lower_bound(key);
  }
  if (it == writes_.end() || it->first != key) {
    if (!lock_versions_.empty() && check_from != kUnchecked) {
      if (auto found = lock_versions_.find(key); found != lock_versions_.end()) check_from = found->second;
    }
    it = writes_.emplace_hint(it, arena_.copy(key), PendingWrite{std::nullopt, check_from});
  }
  last_write_ = it;
  // A key written again keeps the check of its first write: a change
  // committed since then is a conflict whatever this statement saw.
  if (value) {
    it->second.value = arena_.copy(*value);
  } else {
    it->second.value.reset();
  }
}

void Transaction::forget_writes() noexcept {
  writes_.clear();
  write_nodes_.release();
  last_write_.reset();
  arena_.clear();
}

std::string Transaction::lock_key(std::string_view key) const {
  std::string out = format::branch_prefix(branch_);
  out.append(key);
  return out;
}

RowLockResult Transaction::lock_row(std::string_view key, LockMode mode, LockWaitPolicy policy,
                                    const std::function<void()>& check) {
  ensure_open();
  std::string lkey = lock_key(key);
  switch (store_.locks_.acquire(id(), lkey, mode, policy, check)) {
    case LockOutcome::kSkipped: {
      RowLockResult skipped;
      skipped.skipped = true;
      return skipped;
    }
    case LockOutcome::kHeld:
      break;
    case LockOutcome::kTaken:
      locks_.push_back(std::move(lkey));
      break;
  }
  // What this transaction wrote itself is the row as far as it is concerned.
  if (writes_.contains(key)) return {};
  // Nothing committed since the snapshot: nothing can have changed the row
  // (and no second read transaction is needed on this hot path).
  if (store_.pipeline_->last_scn() <= snapshot_) return {};
  ReadTxn newest = store_.env_->begin_read();
  VersionReader reader(*store_.env_, newest.get());
  Scn changed_at = reader.last_change(branch_, key);
  if (changed_at <= snapshot_) return {};
  Scn last = load_counters(*store_.env_, newest.get()).last_scn;
  RowLockResult result;
  result.changed = true;
  if (auto value = reader.get(store_.branches_.chain(branch_, last, last), key)) result.latest.emplace(*value);
  lock_versions_.insert_or_assign(std::string(key), changed_at);
  return result;
}

void Transaction::release_locks() noexcept {
  if (!locks_.empty()) store_.locks_.release(txid_, locks_);
  locks_.clear();
  lock_versions_.clear();
}

Scanner Transaction::scan(std::string_view begin, std::string_view end) {
  ensure_open();
  return Scanner(*store_.env_, read_.get(), chain_, begin, end, &writes_);
}

std::string Transaction::boundary_before(std::string_view begin, std::string_view end, std::size_t count) {
  ensure_open();
  // Of the levels' and the write set's own boundaries, the nearest to `end`:
  // each has `count` keys after it, so the union does too.
  std::string best(begin);
  auto consider = [&](std::string_view key) {
    if (key > best) best.assign(key);
  };
  for (const ReadLevel& level : chain_) {
    Cursor cursor(*store_.env_, read_.get(), Db::kCurrent);
    const bool after = end.empty() ? cursor.seek(format::current_key(level.branch + 1, {}))
                                   : cursor.seek(format::current_key(level.branch, end));
    bool valid = after ? cursor.prev() : cursor.last();
    for (std::size_t step = 1; valid && step < count; ++step) valid = cursor.prev();
    if (valid && format::key_branch(cursor.key()) == level.branch) consider(format::current_user_key(cursor.key()));
  }
  auto it = end.empty() ? writes_.end() : writes_.lower_bound(end);
  for (std::size_t step = 0; step < count && it != writes_.begin(); ++step) --it;
  if (it != writes_.end() && (end.empty() || std::string_view(it->first) < end)) consider(it->first);
  return best;
}

ReadChain Transaction::chain_as_of(Scn scn) const {
  ensure_open();
  if (scn > snapshot_) {
    throw StorageError(StorageErrc::kFutureScn,
                       fmt::format("SCN {} is in the future: the newest committed SCN is {}", scn, snapshot_));
  }
  // A descendant's fork point stays readable: compaction keeps what the
  // descendant reads through it (a merge reads it as the common ground).
  if (scn < floor_ && !store_.branches_.is_pinned(branch_, scn)) {
    throw StorageError(StorageErrc::kSnapshotTooOld,
                       fmt::format("SCN {} is before the retained history, which starts at SCN {}", scn, floor_));
  }
  return store_.branches_.chain(branch_, scn, snapshot_);
}

std::optional<std::string_view> Transaction::get_as_of(std::string_view key, Scn scn) {
  ReadChain chain = chain_as_of(scn);
  return VersionReader(*store_.env_, read_.get()).get(chain, key);
}

Scanner Transaction::scan_as_of(std::string_view begin, std::string_view end, Scn scn) {
  ReadChain chain = chain_as_of(scn);
  return Scanner(*store_.env_, read_.get(), chain, begin, end, nullptr);
}

std::vector<KeyVersion> Transaction::versions(std::string_view begin, std::string_view end, Scn from, Scn to) {
  ensure_open();
  if (to > snapshot_) {
    throw StorageError(StorageErrc::kFutureScn,
                       fmt::format("SCN {} is in the future: the newest committed SCN is {}", to, snapshot_));
  }
  if (from < floor_) {
    throw StorageError(StorageErrc::kSnapshotTooOld,
                       fmt::format("SCN {} is before the retained history, which starts at SCN {}", from, floor_));
  }
  if (from > to) return {};
  return read_versions(*store_.env_, read_.get(), chain_, begin, end, from, to);
}

Scn Transaction::commit() {
  ensure_open();
  open_ = false;
  // Let go of the snapshot first: the writer may need every reader gone to
  // grow the map, and validation reads the newest state anyway.
  read_.release();
  if (writes_.empty() && pasts_.empty() && !id_public_) {
    release_locks();
    finish_id();
    return snapshot_;
  }

  Scn oldest_check = snapshot_;
  for (const auto& [key, write] : writes_) oldest_check = std::min(oldest_check, write.check_from);
  CommitRequest request{branch_, id(), oldest_check, &writes_, &pasts_};
  CommitRecord record;
  const BranchRegistry& branches = store_.branches_;
  try {
    store_.pipeline_->submit([&](WriteContext& ctx) {
      record = apply_commit(ctx, branches, request);
      // Before the commit is visible: a reader that sees it finds it noted.
      for (std::size_t s = 0; s < space_writes_.size(); ++s) {
        if (space_writes_[s] == 0) continue;
        std::atomic<Scn>& at = store_.space_changed_at_[s];
        Scn seen = at.load(std::memory_order_relaxed);
        while (seen < record.scn && !at.compare_exchange_weak(seen, record.scn, std::memory_order_release)) {
        }
      }
    });
  } catch (...) {
    forget_writes();
    pasts_.clear();
    release_locks();
    finish_id();
    throw;
  }
  forget_writes();
  pasts_.clear();
  // Released once the commit is visible: a waiter then reads what it wrote.
  release_locks();
  finish_id();
  return record.scn;
}

void Transaction::give_past(std::string_view key, PastVersion version) {
  ensure_open();
  if (version.start > snapshot_ || (version.end != 0 && version.end <= version.start)) {
    throw StorageError(StorageErrc::kInvalidArgument,
                       fmt::format("a past version must start by the snapshot and end after its start: [{}, {})",
                                   version.start, version.end));
  }
  auto it = pasts_.find(key);
  if (it == pasts_.end()) it = pasts_.emplace(std::string(key), std::vector<PastVersion>{}).first;
  it->second.push_back(std::move(version));
}

void Transaction::rollback() noexcept {
  open_ = false;
  read_.release();
  forget_writes();
  pasts_.clear();
  release_locks();
  finish_id();
}

void Transaction::finish_id() noexcept {
  if (txid_ != 0) store_.running_.finish(txid_);
}

}  // namespace heliosdb::storage

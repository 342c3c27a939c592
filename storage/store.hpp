#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeindex>
#include <vector>

#include "storage/branch_registry.hpp"
#include "storage/lmdb_env.hpp"
#include "storage/lock_table.hpp"
#include "storage/running_txids.hpp"
#include "storage/transaction.hpp"
#include "storage/types.hpp"
#include "storage/write_pipeline.hpp"

namespace heliosdb::storage {

/// How to open a store.
struct StoreOptions {
  EnvOptions env;
  /// Batch concurrent commits into one LMDB write transaction and one fsync.
  bool group_commit = true;
};

/// What compact() removed.
struct CompactionStats {
  std::uint64_t history_removed = 0;
  std::uint64_t changes_removed = 0;
};

/// A transactional, versioned key-value store over one LMDB environment:
/// snapshot-isolated transactions, a commit log (SCN <-> txid <-> time),
/// reads as of any retained SCN, and copy-on-write branches.
///
/// Thread safety: every member may be called from any thread. Transactions
/// must not outlive the store. Keys are opaque byte strings of at most
/// kMaxKeySize bytes; the engine gives them meaning.
class StoreCipher;

class Store {
 public:
  /// Opens or creates the store. Throws StorageError(kIo) if it cannot.
  static std::unique_ptr<Store> open(const StoreOptions& options);
  /// A store in /dev/shm that is removed on close and never fsyncs.
  static std::unique_ptr<Store> open_in_memory();
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  /// Starts a transaction on `branch` with a snapshot of everything committed
  /// so far. Throws StorageError(kBranchNotFound).
  std::unique_ptr<Transaction> begin(BranchId branch = kMainBranch);

  /// An id unique in the whole store, across branches (the engine's object
  /// ids, so tables two branches create never share one), at least
  /// `at_least`. Ids of transactions that roll back are not reused.
  std::uint64_t allocate_object_id(std::uint64_t at_least) { return pipeline_->allocate_object_id(at_least); }

  /// The newest committed SCN.
  Scn last_scn() const { return pipeline_->last_scn(); }

  /// The cipher of a store encrypted at rest; nullptr for a plain one.
  const StoreCipher* cipher() const;
  /// The longest key put() takes (kMaxKeySize, less on an encrypted store).
  std::size_t max_key_size() const { return cipher() != nullptr ? kMaxEncryptedKeySize : kMaxKeySize; }
  /// AS OF reads before this SCN are refused: history before it is compacted.
  Scn retention_floor() const { return pipeline_->floor_scn(); }

  // --- commit log ----------------------------------------------------------
  std::optional<CommitRecord> commit_at(Scn scn) const;
  std::optional<CommitRecord> commit_by_txid(TxnId txid) const;
  /// What became of transaction `txid` (pg_xact_status).
  TxnStatus transaction_status(TxnId txid) const;
  /// The newest SCN committed at or before `time` (0 if none was).
  Scn scn_at_time(UnixMicros time) const;
  /// Commits with from <= SCN <= to, oldest first.
  std::vector<CommitRecord> commits(Scn from, Scn to) const;

  // --- branches --------------------------------------------------------------
  /// Creates a branch of `parent` as of `fork_scn` in O(1). Throws
  /// StorageError: kBranchExists, kBranchNotFound (parent), kFutureScn,
  /// kSnapshotTooOld (fork before retained history).
  BranchId create_branch(std::string_view name, BranchId parent, Scn fork_scn, std::string_view options = {});
  /// Drops a branch; main (kMainBranch) too. A branch without branches of its
  /// own is removed with its data, and so is every retired ancestor it was the
  /// last descendant of. A branch with branches of its own is retired: its name
  /// is free at once and it is gone for every call that takes a branch (they
  /// throw kBranchNotFound), but its data stays, since its descendants read
  /// through it as of their fork points. A transaction open on the dropped
  /// branch keeps reading its snapshot and fails to commit. Throws
  /// kBranchNotFound (unknown or already dropped).
  void drop_branch(BranchId id);
  /// Throws kBranchNotFound, kBranchExists.
  void rename_branch(BranchId id, std::string_view new_name);
  /// Live branches only: these three never return a dropped (retired) branch.
  std::optional<BranchInfo> branch(BranchId id) const { return branches_.get(id); }
  /// Moves whenever a branch is created, dropped or renamed.
  std::uint64_t branches_generation() const { return branches_.generation(); }
  std::optional<BranchInfo> find_branch(std::string_view name) const { return branches_.find(name); }
  std::vector<BranchInfo> branches() const { return branches_.all(); }
  /// The levels a read of `branch` as of `scn` consults, child first (its
  /// ancestors may be retired): where two branches' histories meet.
  ReadChain read_chain(BranchId branch, Scn scn) const { return branches_.chain(branch, scn, scn); }
  /// Keys `branch` itself wrote with after < SCN <= upto, in SCN order: a
  /// branch's changes since its fork are changes(b, fork, last); its parent's
  /// since the fork are changes(parent, fork, last).
  std::vector<Change> changes(BranchId branch, Scn after, Scn upto) const;
  /// Of the keys `branch` itself wrote with after < SCN <= upto, how many
  /// `wanted` accepts (counting stops at `limit`) and the SCN of the first.
  struct ChangeCount {
    std::uint64_t count = 0;
    Scn first = 0;  ///< 0: none
  };
  ChangeCount count_changes(BranchId branch, Scn after, Scn upto, const std::function<bool(std::string_view)>& wanted,
                            std::uint64_t limit) const;
  /// The SCN of the newest change `branch` itself wrote (0: none it still records).
  Scn last_change_scn(BranchId branch) const;
  /// Bytes of the branch's own versions (its delta from the parent).
  std::uint64_t branch_size_bytes(BranchId id) const;

  // --- retention -------------------------------------------------------------
  /// Removes history no read at or after `cutoff` needs, keeping what a
  /// branch's fork point needs, and refuses AS OF reads before `cutoff` from
  /// then on. Runs in chunks so commits go on meanwhile.
  CompactionStats compact(Scn cutoff);
  /// How long history is kept (retention_days); zero, the default, keeps it
  /// forever.
  void set_retention(std::chrono::microseconds keep) { retention_us_ = keep.count(); }
  std::chrono::microseconds retention() const { return std::chrono::microseconds(retention_us_.load()); }
  /// compact() up to the newest commit older than the retention period
  /// (what VACUUM and the periodic compaction run); nothing without one.
  CompactionStats compact_expired();

  /// The directory the store's files are in, where a layer above may keep
  /// files of its own; nullopt for an in-memory store.
  std::optional<std::filesystem::path> directory() const {
    if (env_->is_temporary()) return std::nullopt;
    return env_->path();
  }

  /// Map size and on-disk size, for tests and monitoring.
  std::size_t map_size() const { return env_->map_size(); }
  std::size_t file_size() const { return env_->file_size(); }
  /// LMDB write transactions committed since open (group commit shares them).
  std::uint64_t write_batches() const { return pipeline_->batches(); }
  /// Row locks held by open transactions.
  std::size_t row_locks() const { return locks_.size(); }
  /// The lock table itself, for locks that are not on rows (advisory locks).
  LockTable& lock_table() { return locks_; }

  /// Distinct for every store this process opens, never reused: the key of
  /// per-store state the engine keeps in memory (sequence reservations).
  std::uint64_t instance_id() const { return instance_id_; }

  /// State a layer above keeps for as long as this store is open (the
  /// engine's vector indexes), made on first use (from the store, if T is
  /// made from one). Storage never looks inside. Attachments go before the
  /// store closes: their destructors must not use it.
  template <class T>
  T& attachment() {
    std::lock_guard lock(attachments_mutex_);
    std::shared_ptr<void>& slot = attachments_[std::type_index(typeid(T))];
    if (!slot) {
      if constexpr (std::is_constructible_v<T, Store&>) {
        slot = std::make_shared<T>(*this);
      } else {
        slot = std::make_shared<T>();
      }
    }
    return *static_cast<T*>(slot.get());
  }

 private:
  friend class Transaction;
  Store();

  std::unique_ptr<LmdbEnv> env_;
  BranchRegistry branches_;
  std::unique_ptr<WritePipeline> pipeline_;
  LockTable locks_;
  RunningTxids running_;
  std::uint64_t instance_id_;
  std::atomic<std::int64_t> retention_us_{0};
  /// By a key's first byte: the SCN of the newest commit that wrote such a
  /// key, set before that commit becomes visible (Transaction::still_reads).
  std::array<std::atomic<Scn>, 256> space_changed_at_{};
  std::mutex attachments_mutex_;
  std::map<std::type_index, std::shared_ptr<void>> attachments_;  ///< last: gone before the storage it may use
};

}  // namespace heliosdb::storage

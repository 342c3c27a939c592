#pragma once

#include <lmdb.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "storage/lmdb_env.hpp"
#include "storage/types.hpp"

namespace heliosdb::storage {

/// Counters the writer keeps in the meta sub-database.
struct StoreCounters {
  Scn last_scn = 0;
  UnixMicros last_time = 0;
  TxnId next_txid = 1;
  std::uint64_t next_object_id = 0;
  BranchId next_branch = kMainBranch + 1;
  Scn floor_scn = 0;  ///< AS OF reads before this are refused (history compacted)
};

/// What a write job sees: the one LMDB write transaction of its batch.
/// Every change goes through put/del/erase so the batch knows a job wrote.
class WriteContext {
 public:
  WriteContext(const LmdbEnv& env, MDB_txn* txn, StoreCounters counters) : env_(env), txn_(txn), counters_(counters) {}

  const LmdbEnv& env() const { return env_; }
  MDB_txn* txn() const { return txn_; }
  const StoreCounters& counters() const { return counters_; }
  StoreCounters& counters() { return counters_; }

  std::optional<std::string_view> get(Db db, std::string_view key) const;
  void put(Db db, std::string_view key, std::string_view value);
  /// Deletes `key` if present.
  void del(Db db, std::string_view key);
  /// Deletes the entry under `cursor` (opened on this context's txn).
  void erase(Cursor& cursor);
  /// Writes through `cursor` (opened on this context's txn).
  void put(Cursor& cursor, std::string_view key, std::string_view value);
  /// The same for a key known to be past the last one (Cursor::append),
  /// falling back to a plain write if it is not.
  void append(Cursor& cursor, std::string_view key, std::string_view value);

  /// Assigns the next SCN and a strictly increasing commit time, and records
  /// the commit in the commit log.
  CommitRecord record_commit(TxnId txid, BranchId branch);
  /// Runs `fn` on the writer thread once the batch is durable.
  void after_commit(std::function<void()> fn) { after_commit_.push_back(std::move(fn)); }

  bool wrote() const { return wrote_; }
  void reset_wrote() { wrote_ = false; }
  std::vector<std::function<void()>>& after_commit_hooks() { return after_commit_; }

 private:
  const LmdbEnv& env_;
  MDB_txn* txn_;
  StoreCounters counters_;
  bool wrote_ = false;
  std::vector<std::function<void()>> after_commit_;
};

/// A unit of work for the writer. It must check everything that can fail for
/// logical reasons before its first write; if it throws after writing, the
/// batch is redone without it.
using WriteJob = std::function<void(WriteContext&)>;

/// The single writer of a store. Submitters block until their job is durable.
/// With group commit, every job waiting when the writer becomes free shares
/// one LMDB write transaction and one fsync.
///
/// Thread safety: submit() from any thread. The destructor stops the writer
/// after finishing queued jobs.
class WritePipeline {
 public:
  WritePipeline(LmdbEnv& env, StoreCounters counters, bool group_commit);
  ~WritePipeline();
  WritePipeline(const WritePipeline&) = delete;
  WritePipeline& operator=(const WritePipeline&) = delete;

  /// Runs `job` in the writer and waits until its batch is committed and
  /// synced. Rethrows what the job threw; StorageError(kShutdown) if stopping.
  void submit(WriteJob job);

  /// A fresh transaction id (never reused within a process).
  TxnId allocate_txid() { return next_txid_.fetch_add(1, std::memory_order_relaxed); }
  /// The id allocate_txid gives next: every id below it has been given out.
  TxnId next_txid() const { return next_txid_.load(std::memory_order_relaxed); }
  /// An id no other call returns, at least `at_least`; persisted with the next batch.
  std::uint64_t allocate_object_id(std::uint64_t at_least) {
    std::uint64_t next = next_object_id_.load(std::memory_order_relaxed);
    while (!next_object_id_.compare_exchange_weak(next, std::max(next, at_least) + 1, std::memory_order_relaxed)) {
    }
    return std::max(next, at_least);
  }
  Scn last_scn() const { return last_scn_.load(std::memory_order_acquire); }
  Scn floor_scn() const { return floor_scn_.load(std::memory_order_acquire); }
  /// The last and floor SCN a read transaction on LMDB snapshot `lmdb_txn`
  /// (mdb_txn_id) sees, if that is the pipeline's newest commit; else none,
  /// and the reader reads them from the meta keys.
  std::optional<std::pair<Scn, Scn>> snapshot_counters(std::size_t lmdb_txn) const {
    std::lock_guard lock(published_mutex_);
    if (published_.lmdb_txn == 0 || published_.lmdb_txn != lmdb_txn) return std::nullopt;
    return std::make_pair(published_.last_scn, published_.floor_scn);
  }

  /// Number of LMDB write transactions committed so far (for tests/benchmarks).
  std::uint64_t batches() const { return batches_.load(std::memory_order_relaxed); }

 private:
  struct Pending {
    WriteJob job;
    std::exception_ptr error;
    bool done = false;
  };

  void run();
  void process(std::vector<Pending*>& batch);
  /// One attempt at a batch; returns false when it must be redone (a job was
  /// dropped after writing, or the map grew).
  bool attempt(std::vector<Pending*>& batch);
  /// From inside a catch block: the batch's jobs fail with the current exception.
  static void fail_all(std::vector<Pending*>& batch);

  LmdbEnv& env_;
  bool group_commit_;
  StoreCounters counters_;  ///< writer thread only
  std::atomic<TxnId> next_txid_;
  std::atomic<std::uint64_t> next_object_id_;
  std::atomic<Scn> last_scn_;
  std::atomic<Scn> floor_scn_;
  std::atomic<std::uint64_t> batches_{0};
  /// The newest commit's counters, by its LMDB transaction id: a new
  /// snapshot of it need not read them back (snapshot_counters).
  struct Published {
    std::size_t lmdb_txn = 0;
    Scn last_scn = 0;
    Scn floor_scn = 0;
  };
  mutable std::mutex published_mutex_;
  Published published_;

  std::mutex mutex_;
  std::condition_variable work_cv_;
  std::condition_variable done_cv_;
  std::deque<Pending*> queue_;
  bool writing_ = false;  ///< the writer has a batch in hand
  bool stopping_ = false;
  std::thread thread_;
};

/// Reads the counters from the meta sub-database (zeros for a new store).
StoreCounters load_counters(const LmdbEnv& env, MDB_txn* txn);

}  // namespace heliosdb::storage

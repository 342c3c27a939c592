#include "storage/write_pipeline.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>

#include "storage/blocking.hpp"
#include "storage/clock.hpp"
#include "storage/storage_error.hpp"
#include "storage/version_format.hpp"

namespace heliosdb::storage {

namespace {

// How long the writer waits for open transactions to let go of a full map.
constexpr std::chrono::seconds kGrowWait{30};

std::uint64_t read_meta(const LmdbEnv& env, MDB_txn* txn, std::string_view name, std::uint64_t fallback) {
  const std::optional<std::string_view> value = env.get(txn, Db::kMeta, name);
  return value ? format::get_u64(*value, 0) : fallback;
}

}  // namespace

StoreCounters load_counters(const LmdbEnv& env, MDB_txn* txn) {
  StoreCounters c;
  c.last_scn = read_meta(env, txn, format::kMetaLastScn, 0);
  c.last_time = static_cast<UnixMicros>(read_meta(env, txn, format::kMetaLastTime, 0));
  c.next_txid = read_meta(env, txn, format::kMetaNextTxid, 1);
  c.next_object_id = read_meta(env, txn, format::kMetaNextObjectId, 0);
  c.next_branch = static_cast<BranchId>(read_meta(env, txn, format::kMetaNextBranch, kMainBranch + 1));
  c.floor_scn = read_meta(env, txn, format::kMetaFloorScn, 0);
  return c;
}

std::optional<std::string_view> WriteContext::get(Db db, std::string_view key) const { return env_.get(txn_, db, key); }

void WriteContext::put(Db db, std::string_view key, std::string_view value) {
  wrote_ = true;
  env_.put(txn_, db, key, value);
}

void WriteContext::del(Db db, std::string_view key) {
  if (env_.del(txn_, db, key)) wrote_ = true;
}

void WriteContext::erase(Cursor& cursor) {
  wrote_ = true;
  cursor.del();
}

void WriteContext::put(Cursor& cursor, std::string_view key, std::string_view value) {
  wrote_ = true;
  cursor.put(key, value);
}

void WriteContext::append(Cursor& cursor, std::string_view key, std::string_view value) {
  wrote_ = true;
  if (!cursor.append(key, value)) cursor.put(key, value);
}

CommitRecord WriteContext::record_commit(TxnId txid, BranchId branch) {
  CommitRecord record;
  record.scn = ++counters_.last_scn;
  // Strictly increasing, so a timestamp names at most one commit even if the
  // wall clock steps back.
  record.time = std::max(now_micros(), counters_.last_time + 1);
  counters_.last_time = record.time;
  record.txid = txid;
  record.branch = branch;
  std::string scn_bytes = format::u64_bytes(record.scn);
  put(Db::kCommits, scn_bytes, format::encode_commit(record));
  put(Db::kCommitTimes, format::u64_bytes(static_cast<std::uint64_t>(record.time)), scn_bytes);
  put(Db::kCommitTxids, format::u64_bytes(txid), scn_bytes);
  return record;
}

WritePipeline::WritePipeline(LmdbEnv& env, StoreCounters counters, bool group_commit)
    : env_(env),
      group_commit_(group_commit),
      counters_(counters),
      next_txid_(counters.next_txid),
      next_object_id_(counters.next_object_id),
      last_scn_(counters.last_scn),
      floor_scn_(counters.floor_scn) {
  thread_ = std::thread([this] { run(); });
}

WritePipeline::~WritePipeline() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  thread_.join();
}

void WritePipeline::submit(WriteJob job) {
  Pending pending{std::move(job), nullptr, false};
  std::unique_lock lock(mutex_);
  if (stopping_) throw StorageError(StorageErrc::kShutdown, "the database is shutting down");
  queue_.push_back(&pending);
  work_cv_.notify_one();
  // Behind a batch being written, this waits for two fsyncs: a server's
  // thread lets a spare serve its other sessions meanwhile, whose commits
  // then join this one's batch (group commit needs them to get this far).
  std::optional<BlockingScope> waiting;
  if (writing_) {
    lock.unlock();
    waiting.emplace();
    lock.lock();
  }
  done_cv_.wait(lock, [&] { return pending.done; });
  lock.unlock();
  if (pending.error) std::rethrow_exception(pending.error);
}

void WritePipeline::run() {
  std::vector<Pending*> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      work_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      std::size_t take = group_commit_ ? queue_.size() : 1;
      batch.assign(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(take));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(take));
      writing_ = true;
    }
    process(batch);
    {
      std::lock_guard lock(mutex_);
      for (Pending* p : batch) p->done = true;
      writing_ = false;
    }
    done_cv_.notify_all();
  }
}

void WritePipeline::fail_all(std::vector<Pending*>& batch) {
  for (Pending* p : batch) {
    if (!p->error) p->error = std::current_exception();
  }
}

void WritePipeline::process(std::vector<Pending*>& batch) {
  for (;;) {
    try {
      if (attempt(batch)) return;
    } catch (const StorageError& e) {
      if (e.code() != StorageErrc::kDiskFull) {
        fail_all(batch);
        return;
      }
      try {
        env_.grow(kGrowWait);
      } catch (...) {
        fail_all(batch);
        return;
      }
    } catch (...) {
      // Not a job's own doing (each already had its chance): fail the batch.
      fail_all(batch);
      return;
    }
  }
}

bool WritePipeline::attempt(std::vector<Pending*>& batch) {
  MDB_txn* txn = env_.begin_write();
  struct Abort {
    const LmdbEnv& env;
    MDB_txn*& txn;
    ~Abort() {
      if (txn == nullptr) return;
      env.txn_done(txn);
      mdb_txn_abort(txn);
    }
  } abort_guard{env_, txn};

  WriteContext ctx(env_, txn, counters_);
  bool any = false;
  for (Pending* p : batch) {
    if (p->error) continue;  // dropped in an earlier attempt
    ctx.reset_wrote();
    try {
      p->job(ctx);
      any = true;
    } catch (const StorageError& e) {
      if (e.code() == StorageErrc::kDiskFull) throw;
      p->error = std::current_exception();
      if (ctx.wrote()) return false;  // its partial writes are in the txn: redo without it
    } catch (...) {
      p->error = std::current_exception();
      if (ctx.wrote()) return false;
    }
  }
  if (!any) return true;

  const StoreCounters& c = ctx.counters();
  ctx.put(Db::kMeta, format::kMetaLastScn, format::u64_bytes(c.last_scn));
  ctx.put(Db::kMeta, format::kMetaLastTime, format::u64_bytes(static_cast<std::uint64_t>(c.last_time)));
  ctx.put(Db::kMeta, format::kMetaNextTxid, format::u64_bytes(next_txid_.load(std::memory_order_relaxed)));
  ctx.put(Db::kMeta, format::kMetaNextObjectId, format::u64_bytes(next_object_id_.load(std::memory_order_relaxed)));
  ctx.put(Db::kMeta, format::kMetaNextBranch, format::u64_bytes(c.next_branch));
  ctx.put(Db::kMeta, format::kMetaFloorScn, format::u64_bytes(c.floor_scn));
  ctx.put(Db::kMeta, format::kMetaFormat, format::u64_bytes(format::kFormatVersion));

  const std::size_t lmdb_txn = mdb_txn_id(txn);
  env_.txn_done(txn);
  int rc = mdb_txn_commit(txn);
  txn = nullptr;
  check_mdb(rc, "mdb_txn_commit");
  batches_.fetch_add(1, std::memory_order_relaxed);

  counters_ = ctx.counters();
  last_scn_.store(counters_.last_scn, std::memory_order_release);
  floor_scn_.store(counters_.floor_scn, std::memory_order_release);
  {
    std::lock_guard lock(published_mutex_);
    published_ = {lmdb_txn, counters_.last_scn, counters_.floor_scn};
  }
  for (auto& hook : ctx.after_commit_hooks()) hook();
  return true;
}

}  // namespace heliosdb::storage

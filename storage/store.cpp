#include "storage/store.hpp"

#include <fmt/format.h>

#include <atomic>
#include <chrono>

#include "storage/clock.hpp"
#include "storage/storage_error.hpp"
#include "storage/version_format.hpp"

namespace heliosdb::storage {

namespace {

// Creates the main branch when the store is new; returns every branch record,
// retired ones included. A store that has been written to and has no main
// branch had it dropped: it is not brought back.
std::vector<format::BranchRecord> bootstrap_branches(LmdbEnv& env) {
  MDB_txn* txn = env.begin_write();
  std::vector<format::BranchRecord> out;
  try {
    std::string main_key = format::branch_prefix(kMainBranch);
    const bool has_main = env.get(txn, Db::kBranches, main_key).has_value();
    const std::optional<std::string_view> format_version = env.get(txn, Db::kMeta, format::kMetaFormat);
    if (format_version && format::get_u64(*format_version, 0) > format::kFormatVersion) {
      // Older formats are read as they are; a newer one could be misread.
      throw StorageError(StorageErrc::kIo, fmt::format("the data directory was written by a newer HeliosDB-Lite "
                                                       "(storage format {}, this build reads up to {})",
                                                       format::get_u64(*format_version, 0), format::kFormatVersion));
    }
    if (!has_main && !format_version) {
      BranchInfo main{kMainBranch, kMainBranchName, 0, 0, now_micros(), {}};
      env.put(txn, Db::kBranches, main_key, format::encode_branch({main, false}));
      env.put(txn, Db::kBranchNames, main.name, main_key);
      // Marks the store as initialised, so that a dropped main stays dropped.
      env.put(txn, Db::kMeta, format::kMetaFormat, format::u64_bytes(format::kFormatVersion));
    }
    Cursor cursor(env, txn, Db::kBranches);
    for (bool ok = cursor.first(); ok; ok = cursor.next()) {
      out.push_back(format::decode_branch(format::key_branch(cursor.key()), cursor.value()));
    }
  } catch (...) {
    env.txn_done(txn);
    mdb_txn_abort(txn);
    throw;
  }
  env.txn_done(txn);
  check_mdb(mdb_txn_commit(txn), "mdb_txn_commit");
  return out;
}

}  // namespace

Store::Store() {
  static std::atomic<std::uint64_t> next_instance{1};
  instance_id_ = next_instance.fetch_add(1);
}

std::unique_ptr<Store> Store::open(const StoreOptions& options) {
  std::unique_ptr<Store> store(new Store());
  store->env_ = LmdbEnv::open(options.env);
  store->branches_.load(bootstrap_branches(*store->env_));
  StoreCounters counters;
  {
    ReadTxn txn = store->env_->begin_read();
    counters = load_counters(*store->env_, txn.get());
  }
  store->pipeline_ = std::make_unique<WritePipeline>(*store->env_, counters, options.group_commit);
  return store;
}

std::unique_ptr<Store> Store::open_in_memory() {
  StoreOptions options;
  options.env.in_memory = true;
  options.env.initial_map_size = std::size_t{4} << 30;
  return open(options);
}

const StoreCipher* Store::cipher() const { return env_->cipher(); }

Store::~Store() {
  pipeline_.reset();  // finishes queued commits before the environment closes
}

std::unique_ptr<Transaction> Store::begin(BranchId branch) { return std::make_unique<Transaction>(*this, branch); }

std::optional<CommitRecord> Store::commit_at(Scn scn) const {
  ReadTxn txn = env_->begin_read();
  const std::optional<std::string_view> record = env_->get(txn.get(), Db::kCommits, format::u64_bytes(scn));
  if (!record) return std::nullopt;
  return format::decode_commit(scn, *record);
}

std::optional<CommitRecord> Store::commit_by_txid(TxnId txid) const {
  Scn scn = 0;
  {
    ReadTxn txn = env_->begin_read();
    const std::optional<std::string_view> found = env_->get(txn.get(), Db::kCommitTxids, format::u64_bytes(txid));
    if (!found) return std::nullopt;
    scn = format::get_u64(*found, 0);
  }
  return commit_at(scn);
}

TxnStatus Store::transaction_status(TxnId txid) const {
  // Running first: a committing transaction is in the log before it stops
  // running, so one not running now and not in the log never committed.
  if (running_.contains(txid)) return TxnStatus::kInProgress;
  if (commit_by_txid(txid)) return TxnStatus::kCommitted;
  return txid != 0 && txid < pipeline_->next_txid() ? TxnStatus::kAborted : TxnStatus::kFuture;
}

Scn Store::scn_at_time(UnixMicros time) const {
  if (time < 0) return 0;
  ReadTxn txn = env_->begin_read();
  Cursor cursor(*env_, txn.get(), Db::kCommitTimes);
  if (!cursor.seek_last_at_or_before(format::u64_bytes(static_cast<std::uint64_t>(time)))) return 0;
  return format::get_u64(cursor.value(), 0);
}

std::vector<CommitRecord> Store::commits(Scn from, Scn to) const {
  std::vector<CommitRecord> out;
  ReadTxn txn = env_->begin_read();
  Cursor cursor(*env_, txn.get(), Db::kCommits);
  for (bool ok = cursor.seek(format::u64_bytes(from)); ok; ok = cursor.next()) {
    Scn scn = format::get_u64(cursor.key(), 0);
    if (scn > to) break;
    out.push_back(format::decode_commit(scn, cursor.value()));
  }
  return out;
}

std::vector<Change> Store::changes(BranchId branch, Scn after, Scn upto) const {
  std::vector<Change> out;
  if (after >= upto) return out;
  ReadTxn txn = env_->begin_read();
  Cursor cursor(*env_, txn.get(), Db::kChanges);
  for (bool ok = cursor.seek(format::change_prefix(branch, after + 1)); ok; ok = cursor.next()) {
    if (format::key_branch(cursor.key()) != branch) break;
    Scn scn = format::change_key_scn(cursor.key());
    if (scn > upto) break;
    out.push_back(
        Change{scn, std::string(format::change_user_key(cursor.key())), static_cast<ChangeKind>(cursor.value().at(0))});
  }
  return out;
}

Store::ChangeCount Store::count_changes(BranchId branch, Scn after, Scn upto,
                                        const std::function<bool(std::string_view)>& wanted,
                                        std::uint64_t limit) const {
  ChangeCount out;
  if (after >= upto) return out;
  ReadTxn txn = env_->begin_read();
  Cursor cursor(*env_, txn.get(), Db::kChanges);
  for (bool ok = cursor.seek(format::change_prefix(branch, after + 1)); ok && out.count < limit; ok = cursor.next()) {
    if (format::key_branch(cursor.key()) != branch) break;
    const Scn scn = format::change_key_scn(cursor.key());
    if (scn > upto) break;
    if (!wanted(format::change_user_key(cursor.key()))) continue;
    if (out.count++ == 0) out.first = scn;
  }
  return out;
}

Scn Store::last_change_scn(BranchId branch) const {
  ReadTxn txn = env_->begin_read();
  Cursor cursor(*env_, txn.get(), Db::kChanges);
  // The last key before the next branch's first.
  if (!cursor.seek_last_at_or_before(format::change_prefix(branch, ~Scn{0}))) return 0;
  return format::key_branch(cursor.key()) == branch ? format::change_key_scn(cursor.key()) : 0;
}

std::uint64_t Store::branch_size_bytes(BranchId id) const {
  std::uint64_t total = 0;
  std::string prefix = format::branch_prefix(id);
  ReadTxn txn = env_->begin_read();
  for (Db db : {Db::kCurrent, Db::kHistory, Db::kChanges}) {
    Cursor cursor(*env_, txn.get(), db);
    for (bool ok = cursor.seek(prefix); ok && cursor.key().substr(0, prefix.size()) == prefix; ok = cursor.next()) {
      total += cursor.key().size() + cursor.value().size();
    }
  }
  return total;
}

}  // namespace heliosdb::storage

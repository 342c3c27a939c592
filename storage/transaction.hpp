#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory_resource>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/byte_arena.hpp"
#include "storage/lmdb_env.hpp"
#include "storage/lock_table.hpp"
#include "storage/types.hpp"
#include "storage/version_reader.hpp"

namespace heliosdb::storage {

class Store;

/// A check_from that never fails: the write is covered by a row lock.
inline constexpr Scn kUnchecked = ~Scn{0};

/// A transaction's buffered write of one key.
struct PendingWrite {
  std::optional<std::string_view> value;  ///< in the transaction's arena; nullopt: a delete
  /// Commit fails if another transaction changed the key after this SCN: the
  /// snapshot the write was made on, or the version a row lock found.
  Scn check_from = 0;
};

/// Buffered writes of a transaction, by key (in the transaction's arena).
/// Polymorphic, so the transaction's own set takes its nodes from a
/// resource freed all at once at the end (a COPY buffers a million).
using WriteSet = std::pmr::map<std::string_view, PendingWrite>;

/// A version a key is given in the past (Transaction::give_past).
struct PastVersion {
  Scn start = 0;
  Scn end = 0;  ///< 0: until the commit that gives it
  std::string value;
};

/// Pasts given to keys, by key.
using PastSet = std::map<std::string, std::vector<PastVersion>, std::less<>>;

/// What lock_row() found.
struct RowLockResult {
  bool skipped = false;  ///< SKIP LOCKED passed the row by
  /// Another transaction committed a change to the row after this one's
  /// snapshot (it waited for that transaction, or the change came between).
  bool changed = false;
  std::optional<std::string> latest;  ///< with `changed`: the newest committed value; nullopt if deleted
};

/// Iterates visible entries in [begin, end) in key order. Views returned by
/// key()/value() stay valid until the next call to next(); the scanner must
/// not outlive its transaction, and the transaction must not be written to
/// while a scanner over it is in use.
class Scanner {
 public:
  Scanner(const LmdbEnv& env, MDB_txn* txn, const ReadChain& chain, std::string_view begin, std::string_view end,
          const WriteSet* overlay);
  bool next();
  std::string_view key() const { return key_; }
  std::string_view value() const { return value_; }

 private:
  ChainScanner base_;
  bool base_valid_ = false;
  bool base_pending_ = true;  ///< base_ must be advanced before use
  WriteSet::const_iterator overlay_;
  WriteSet::const_iterator overlay_end_;
  std::string_view key_;
  std::string_view value_;
};

/// A snapshot-isolated transaction on one branch.
///
/// Reads see the snapshot taken at begin plus this transaction's own writes.
/// Writes are buffered and applied at commit, which fails with
/// StorageError(kSerializationFailure) if another transaction committed a
/// write to one of the same keys after this snapshot (first committer wins).
/// Row locks (lock_row) let writers of one row queue up instead: the second
/// waits for the first to end and then learns what it did.
/// Not thread-safe: one thread at a time. Rolls back if destroyed open.
/// Views returned by get() stay valid until the next write to this
/// transaction or its end.
class Transaction {
 public:
  Transaction(Store& store, BranchId branch);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  /// This transaction's id, assigned on first call.
  TxnId id();
  /// The id, for a client (pg_current_xact_id): the commit is then recorded
  /// in the commit log even if nothing was written, so AS OF TRANSACTION
  /// can name it.
  TxnId public_id() {
    id_public_ = true;
    return id();
  }
  /// The id if one was given (id() or public_id() called), else 0.
  TxnId assigned_id() const { return txid_; }
  BranchId branch() const { return branch_; }
  /// The store this transaction runs on (for a separate transaction beside it).
  Store& store() const { return store_; }
  /// The newest SCN this transaction's snapshot includes.
  Scn snapshot_scn() const { return snapshot_; }
  bool is_open() const { return open_; }
  bool has_writes() const { return !writes_.empty(); }
  /// Row locks this transaction holds.
  std::size_t lock_count() const { return locks_.size(); }

  /// Where this transaction reads the keys whose first byte is `space`
  /// from: what a memo of what was derived from them (the catalog's) is
  /// kept with, to be asked still_reads() of later.
  struct ReadVersion {
    std::uint64_t view = 0;    ///< 0: never made
    std::uint64_t writes = 0;  ///< own writes to the space made by then
    BranchId branch = 0;
    Scn snapshot = 0;
    bool operator==(const ReadVersion&) const = default;
  };
  ReadVersion read_version(char space) const {
    return {view_, space_writes_[static_cast<unsigned char>(space)], branch_, snapshot_};
  }
  /// Whether this transaction reads the same under `space` as when `then`
  /// was taken, by this transaction or an earlier one of the process: the
  /// same snapshot and own writes; or, with no own writes then and now, a
  /// snapshot no older on the same branch with no commit writing the space
  /// in between. So a session's memo outlives its autocommit transactions
  /// until a commit (a DDL statement's) changes the space.
  bool still_reads(const ReadVersion& then, char space) const;

  std::optional<std::string_view> get(std::string_view key);
  /// Throws StorageError(kInvalidArgument) if key is longer than kMaxKeySize.
  void put(std::string_view key, std::string_view value);
  void del(std::string_view key);
  /// Writes that a row lock this transaction holds protects (the index
  /// entries of a locked row): commit does not check them for conflicts.
  void put_unchecked(std::string_view key, std::string_view value);
  void del_unchecked(std::string_view key);

  /// Locks the row stored under `key` until this transaction ends, waiting
  /// for a transaction that holds a conflicting lock (see LockTable::acquire
  /// for `policy`, `check` and what it throws). Then says whether the row
  /// changed after this transaction's snapshot; a write to it made later is
  /// judged against the version found here, so a READ COMMITTED statement
  /// may go on with the newest version instead of failing at commit.
  RowLockResult lock_row(std::string_view key, LockMode mode, LockWaitPolicy policy,
                         const std::function<void()>& check);
  /// Entries with begin <= key < end; an empty `end` means no upper bound.
  Scanner scan(std::string_view begin, std::string_view end);
  /// A key p, begin <= p < end (an empty `end`: no upper bound), with about
  /// `count` stored keys in [p, end) on the branches this transaction reads
  /// or in its own writes; `begin` when fewer are. Only a place to cut a
  /// range at (BackwardScanner): keys the snapshot does not see count too.
  std::string boundary_before(std::string_view begin, std::string_view end, std::size_t count);

  /// The committed state as of `scn` on this branch (own writes not included).
  /// Throws kFutureScn past the snapshot, kSnapshotTooOld before retention.
  std::optional<std::string_view> get_as_of(std::string_view key, Scn scn);
  Scanner scan_as_of(std::string_view begin, std::string_view end, Scn scn);

  /// The version history of the keys in [begin, end) (an empty `end`: no
  /// upper bound) on this branch: every committed version whose lifetime
  /// [start, end) overlaps [from, to], i.e. start <= to and (end == 0 or
  /// end > from), in key order, then start order. Own writes not included;
  /// end == 0 means current as of the snapshot. On a branch, the parent's
  /// versions count up to the fork point, and the one in force there ends at
  /// the branch's own first change of the key (0 if it made none): the
  /// parent's later changes are not seen; likewise up the chain. Deletions are
  /// the ends of versions (see KeyVersion); a change committed at exactly
  /// `from` shows as the start of the new version, while the version it ended
  /// is not listed (ask from `from - 1` to classify it). from > to gives none.
  /// Throws kFutureScn if to is past the snapshot, kSnapshotTooOld if from is
  /// before the retention floor.
  std::vector<KeyVersion> versions(std::string_view begin, std::string_view end, Scn from, Scn to);

  /// What SQL's SAVEPOINT keeps: the writes buffered so far, and what the
  /// row locks found. Locks taken after it stay held until the end.
  struct Savepoint {
    WriteSet writes;
    std::map<std::string, Scn, std::less<>> lock_versions;
    PastSet pasts;
  };
  Savepoint savepoint() const {
    ensure_open();
    return {writes_, lock_versions_, pasts_};
  }
  /// ROLLBACK TO SAVEPOINT: the buffered writes are those of `point` again.
  void rollback_to(const Savepoint& point) {
    ensure_open();
    writes_ = point.writes;
    last_write_.reset();
    lock_versions_ = point.lock_versions;
    pasts_ = point.pasts;
    new_view();
  }

  /// Gives `key`, which had no versions of its own on this branch (this
  /// transaction may put or delete it), a version it would have had in the past:
  /// `version.start` must be at or before the snapshot and `version.end`
  /// after its start (0: until this transaction's commit). A key's versions
  /// must not overlap. CREATE INDEX gives its entries the history of the rows
  /// they index, so that AS OF reads from before it can use it. Checked at
  /// commit, which throws kInvalidArgument if a rule is broken.
  void give_past(std::string_view key, PastVersion version);

  /// Takes a new snapshot, keeping buffered writes (READ COMMITTED runs each
  /// statement on a fresh snapshot). Conflicts are then judged against it.
  void refresh_snapshot();

  /// Makes the writes durable and visible; returns the commit SCN (the
  /// snapshot SCN for a transaction that wrote nothing). The transaction is
  /// closed afterwards, whether it succeeded or threw.
  Scn commit();
  /// Discards the writes. Idempotent.
  void rollback() noexcept;

 private:
  void ensure_open() const;
  void take_snapshot();
  void new_view();
  ReadChain chain_as_of(Scn scn) const;
  void write(std::string_view key, std::optional<std::string_view> value, Scn check_from);
  std::string lock_key(std::string_view key) const;
  /// Drops the buffered writes and what holds them.
  void forget_writes() noexcept;
  void release_locks() noexcept;
  /// The id, if one was given, stops counting as running.
  void finish_id() noexcept;

  Store& store_;
  BranchId branch_;
  TxnId txid_ = 0;
  ReadTxn read_;
  Scn snapshot_ = 0;
  Scn floor_ = 0;  ///< retention floor as of the snapshot
  ReadChain chain_;
  std::pmr::monotonic_buffer_resource write_nodes_{&LargeBlocks::instance()};  ///< writes_'s nodes, released with them
  WriteSet writes_{&write_nodes_};
  std::optional<WriteSet::iterator> last_write_;  ///< where the last write went: the next in order goes after it
  ByteArena arena_;                               ///< writes_'s keys and values; a savepoint's copy points into it too
  PastSet pasts_;
  std::vector<std::string> locks_;  ///< lock-table keys of the row locks held
  /// Rows a lock found changed after the snapshot: the SCN of the version
  /// found, which a later write of the row is checked from. Rare (READ
  /// COMMITTED after a wait), so kept apart from the write set.
  std::map<std::string, Scn, std::less<>> lock_versions_;
  bool open_ = true;
  bool id_public_ = false;
  std::uint64_t view_ = 0;                         ///< see read_version()
  std::array<std::uint64_t, 256> space_writes_{};  ///< writes by the key's first byte
};

}  // namespace heliosdb::storage

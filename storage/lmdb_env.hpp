#pragma once

#include <lmdb.h>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/encryption_key.hpp"
#include "storage/key_cipher.hpp"

namespace heliosdb::storage {

/// The named LMDB sub-databases of one store. See version_format.hpp for what
/// each key and value holds.
enum class Db : std::uint8_t {
  kMeta,         ///< counters: last SCN, next txid, retention floor, ...
  kCommits,      ///< SCN -> commit record
  kCommitTimes,  ///< commit time -> SCN
  kCommitTxids,  ///< txid -> SCN
  kCurrent,      ///< (branch, key) -> newest version
  kHistory,      ///< (branch, escaped key, first start SCN) -> run of replaced versions
  kChanges,      ///< (branch, SCN, key) -> change kind
  kBranches,     ///< branch id -> branch record
  kBranchNames,  ///< branch name -> branch id
};
inline constexpr std::size_t kDbCount = 9;

/// How to open an environment.
struct EnvOptions {
  std::filesystem::path path;  ///< directory; created if missing. Ignored when in_memory.
  bool in_memory = false;      ///< temporary directory in /dev/shm, no fsync, removed on close
  bool sync = true;            ///< fsync on every LMDB commit (durable commits)
  std::size_t initial_map_size = std::size_t{64} << 30;  ///< virtual; the file only grows as used
  unsigned max_readers = 1024;                           ///< concurrent open read transactions
  /// Encrypts the store at rest (see StoreCipher). A new store made with a
  /// key is encrypted for good; an encrypted one opens only with its key.
  std::optional<KeyBytes> encryption_key;
};

inline MDB_val to_val(std::string_view s) { return MDB_val{s.size(), const_cast<char*>(s.data())}; }
inline std::string_view to_view(const MDB_val& v) { return {static_cast<const char*>(v.mv_data), v.mv_size}; }

/// Throws StorageError for a non-zero LMDB return code; MDB_MAP_FULL becomes
/// StorageErrc::kDiskFull so the writer can grow the map and retry.
void check_mdb(int rc, std::string_view what);

class LmdbEnv;
class StoreCipher;

/// A read-only LMDB transaction: one consistent snapshot of the whole store.
/// Movable, not copyable; aborts on destruction. May move between threads
/// (the env uses MDB_NOTLS) but must be used by one thread at a time.
class ReadTxn {
 public:
  ReadTxn() = default;
  ReadTxn(LmdbEnv& env, MDB_txn* txn) : env_(&env), txn_(txn) {}
  ReadTxn(ReadTxn&& other) noexcept;
  ReadTxn& operator=(ReadTxn&& other) noexcept;
  ReadTxn(const ReadTxn&) = delete;
  ReadTxn& operator=(const ReadTxn&) = delete;
  ~ReadTxn() { release(); }

  MDB_txn* get() const { return txn_; }
  explicit operator bool() const { return txn_ != nullptr; }
  /// Ends the snapshot now; lets the map grow if this was the last reader.
  void release() noexcept;

 private:
  LmdbEnv* env_ = nullptr;
  MDB_txn* txn_ = nullptr;
};

/// An LMDB cursor, closed on destruction. Lives no longer than its transaction.
/// Keys and values are plain: on an encrypted store the cursor codes the keys
/// it is given and decodes what it reads. Views of a plain store's key() and
/// value() live as long as the transaction; an encrypted store's decoded
/// ones until the cursor has moved twice (the previous entry's stay valid
/// while the cursor steps to the next).
class Cursor {
 public:
  Cursor(const LmdbEnv& env, MDB_txn* txn, Db db);
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  ~Cursor() { mdb_cursor_close(cursor_); }

  /// Positions at the first key >= `key`; false when there is none.
  bool seek(std::string_view key);
  /// Positions at exactly `key`; false when it is absent.
  bool find(std::string_view key);
  /// Positions at the last key <= `key`; false when there is none.
  bool seek_last_at_or_before(std::string_view key);
  bool first();
  bool last();
  bool next();
  bool prev();
  std::string_view key() const { return cipher_ == nullptr ? to_view(key_) : plain_key(); }
  std::string_view value() const { return cipher_ == nullptr ? to_view(value_) : plain_value(); }
  /// The key as stored: a view into the map, whose address tells its page.
  std::string_view stored_key() const { return to_view(key_); }
  /// Deletes the entry under the cursor (write transactions only).
  void del();
  /// Writes `key` (write transactions only). Near the cursor's last position
  /// LMDB skips the descent from the root, so sorted batches go faster.
  void put(std::string_view key, std::string_view value);
  /// Writes `key` at the end without a search (pages filled, not split in
  /// half); false, with nothing written, if `key` is not past the last key.
  bool append(std::string_view key, std::string_view value);

 private:
  bool get(MDB_cursor_op op);
  /// The stored form of `key`: itself on a plain store.
  MDB_val coded(std::string_view key);
  std::string_view plain_key() const;
  std::string_view plain_value() const;

  MDB_cursor* cursor_ = nullptr;
  MDB_val key_{};
  MDB_val value_{};
  const StoreCipher* cipher_ = nullptr;
  std::uint8_t space_ = 0;
  std::string coded_key_;  ///< a key sought or written, coded
  std::string sealed_;     ///< a value written, sealed
  // Decoded entries, two deep: the one before the cursor's last move stays valid.
  mutable std::array<std::string, 2> plain_keys_;
  mutable std::array<std::string, 2> plain_values_;
  mutable std::uint8_t slot_ = 0;
  mutable KeyCipher::Memo key_memo_;  ///< neighbouring keys share prefixes: decoded once
  mutable bool key_decoded_ = false;
  mutable bool value_decoded_ = false;
};

/// One LMDB environment: a database directory with its sub-databases.
///
/// Thread safety: begin_read() may be called from any thread. Exactly one
/// thread (the store's writer) calls begin_write() and grow().
/// The map grows when full; growing needs every read transaction of this
/// process closed, so grow() waits for readers and holds off new ones.
class LmdbEnv {
 public:
  /// Opens or creates the environment. Throws StorageError(kIo) on failure.
  static std::unique_ptr<LmdbEnv> open(const EnvOptions& options);
  ~LmdbEnv();
  LmdbEnv(const LmdbEnv&) = delete;
  LmdbEnv& operator=(const LmdbEnv&) = delete;

  MDB_dbi dbi(Db db) const { return dbis_[static_cast<std::size_t>(db)]; }
  const std::filesystem::path& path() const { return path_; }
  /// A temporary environment, removed on close.
  bool is_temporary() const { return remove_on_close_; }
  std::size_t map_size() const;
  /// LMDB's page size (the OS page size when the file was created).
  std::size_t page_size() const { return page_size_; }

  /// Starts a read snapshot; blocks while the map is being grown.
  ReadTxn begin_read();
  /// Starts the write transaction (writer thread only). Caller commits or aborts.
  MDB_txn* begin_write();
  /// Doubles the map. Waits up to `wait` for readers to finish; throws
  /// StorageError(kDiskFull) if they do not or the resize fails.
  void grow(std::chrono::milliseconds wait);
  /// Bytes the data file occupies on disk.
  std::size_t file_size() const;

  /// The cipher of an encrypted store; nullptr for a plain one.
  const StoreCipher* cipher() const { return cipher_.get(); }
  /// Point access by plain key in `txn`. A value read from an encrypted store
  /// is decoded into memory kept until the transaction ends (txn_done), so
  /// views live as long as the transaction's, as LMDB's own do.
  std::optional<std::string_view> get(MDB_txn* txn, Db db, std::string_view key) const;
  void put(MDB_txn* txn, Db db, std::string_view key, std::string_view value) const;
  /// False if `key` was absent.
  bool del(MDB_txn* txn, Db db, std::string_view key) const;
  /// A copy of `decoded` kept as get()'s values are: for a view taken from a
  /// cursor on an encrypted store, or a value rebuilt from stored pieces,
  /// that must live as long as the transaction.
  std::string_view keep(MDB_txn* txn, std::string_view decoded) const;
  /// Frees what get() decoded for a write transaction that ended (read
  /// transactions are handled by ReadTxn).
  void txn_done(MDB_txn* txn) const noexcept;

 private:
  friend class ReadTxn;
  LmdbEnv() = default;
  /// Takes back a finished read transaction (reset, for reuse).
  void reader_done(MDB_txn* txn) noexcept;
  std::string_view keep_owned(MDB_txn* txn, std::string&& value) const;
  void release_reader() noexcept;

  MDB_env* env_ = nullptr;
  std::array<MDB_dbi, kDbCount> dbis_{};
  std::unique_ptr<StoreCipher> cipher_;
  // Values get() decoded, per LMDB transaction (encrypted stores only).
  mutable std::mutex decoded_mutex_;
  mutable std::unordered_map<MDB_txn*, std::deque<std::string>> decoded_;  // deque: no element moves
  mutable std::atomic<std::size_t> kept_txns_{0};                          ///< entries of decoded_
  std::filesystem::path path_;
  bool remove_on_close_ = false;

  void abort_idle() noexcept;

  std::size_t page_size_ = 4096;
  // The reader gate: readers only touch atomics; the mutex and condition
  // variable are for the rare grow() and whoever waits on it.
  std::atomic<std::size_t> readers_{0};
  std::atomic<bool> growing_{false};
  std::mutex gate_mutex_;
  std::condition_variable gate_cv_;
  // Reset read transactions kept for reuse: mdb_txn_renew keeps the reader
  // slot, where a fresh mdb_txn_begin under MDB_NOTLS locks the reader table.
  static constexpr std::size_t kIdleSlots = 64;
  std::array<std::atomic<MDB_txn*>, kIdleSlots> idle_{};
};

}  // namespace heliosdb::storage

#pragma once

#include <lmdb.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/lmdb_env.hpp"
#include "storage/page_prefetch.hpp"
#include "storage/types.hpp"

namespace heliosdb::storage {

/// One step of a read through the branch tree: read `branch`'s own versions as
/// of `bound`. `present` means bound covers every committed version in the
/// snapshot, so the current versions alone answer it (no history walk).
struct ReadLevel {
  BranchId branch = kMainBranch;
  Scn bound = 0;
  bool present = false;
  bool root = true;
};

/// The levels a read consults, child first: a branch, then its parent as of the
/// fork point, and so on up to the root.
using ReadChain = std::vector<ReadLevel>;

/// What a branch's own versions say about a key at a level's bound.
enum class Own : std::uint8_t { kNone, kValue, kTombstone };

struct OwnVersion {
  Own own = Own::kNone;
  std::string_view payload;  ///< valid while the LMDB transaction lives
};

/// Point reads and range scans as of an SCN over one LMDB transaction (read or
/// write). Not thread-safe; returned views live as long as the transaction.
class VersionReader {
 public:
  VersionReader(const LmdbEnv& env, MDB_txn* txn) : env_(env), txn_(txn) {}

  /// The branch's own version of `key` at the level's bound.
  OwnVersion own_version(const ReadLevel& level, std::string_view key) const;
  /// The SCN of the newest committed change `branch` itself made to `key`:
  /// the start of its current version, or the end of its last history version
  /// if it was deleted since; 0 if the branch never wrote it.
  Scn last_change(BranchId branch, std::string_view key) const;
  /// The visible value of `key` through the chain, or nullopt if absent.
  std::optional<std::string_view> get(const ReadChain& chain, std::string_view key) const;

 private:
  const LmdbEnv& env_;
  MDB_txn* txn_;
};

/// Iterates one level's own versions with keys in [begin, end) in key order,
/// tombstones included (they hide the parent's keys).
class LevelIterator {
 public:
  LevelIterator(const LmdbEnv& env, MDB_txn* txn, const ReadLevel& level, std::string_view begin, std::string_view end);
  LevelIterator(const LevelIterator&) = delete;
  LevelIterator& operator=(const LevelIterator&) = delete;
  bool valid() const { return valid_; }
  std::string_view key() const { return key_; }
  Own own() const { return own_; }
  std::string_view payload() const { return payload_; }
  void next();

 private:
  bool in_range(std::string_view user_key) const;
  void load_current();
  void load_history();
  void settle();

  ReadLevel level_;
  std::string end_;
  bool unbounded_;
  bool encrypted_;  ///< cursors decode into buffers that later moves reuse
  Cursor current_;
  std::optional<Cursor> history_;
  bool current_valid_ = false;
  std::string_view current_key_;
  bool history_valid_ = false;
  std::string_view history_key_;  ///< escaped user key of the run under the cursor (views the map)
  PagePrefetcher prefetch_;       ///< for the history walk: runs are too large for the hardware's guesses

  bool valid_ = false;
  std::string_view key_;
  std::string key_buf_;
  std::string group_buf_;    ///< encrypted store: the history key group walked
  std::string payload_buf_;  ///< the history version found, when rebuilt or (encrypted store) decoded
  Own own_ = Own::kNone;
  std::string_view payload_;
};

/// Merges the levels of a chain: the first level that has a version of a key
/// decides it; tombstoned keys are skipped.
class ChainScanner {
 public:
  ChainScanner(const LmdbEnv& env, MDB_txn* txn, const ReadChain& chain, std::string_view begin, std::string_view end);
  /// Advances to the next visible entry; false at the end.
  bool next();
  std::string_view key() const { return levels_.size() == 1 ? key_ : std::string_view(key_buf_); }
  std::string_view value() const { return value_; }

 private:
  bool next_of_one();

  std::vector<std::unique_ptr<LevelIterator>> levels_;  // not movable: key_ may view key_buf_
  bool started_ = false;
  std::string key_buf_;   ///< the key returned, when several levels are merged
  std::string_view key_;  ///< the key returned, with one level
  std::string_view value_;
};

}  // namespace heliosdb::storage

#pragma once

#include <cstdint>
#include <string>

namespace heliosdb::storage {

/// System change number: the position of a commit in the global commit order.
/// SCN 0 is the empty database before the first commit.
using Scn = std::uint64_t;

/// Transaction id, as `pg_current_xact_id()` reports it. Assigned on first use,
/// recorded with the SCN when the transaction commits.
using TxnId = std::uint64_t;

/// Identifies a branch. `kMainBranch` exists in every store.
using BranchId = std::uint32_t;

/// Microseconds since the Unix epoch, UTC.
using UnixMicros = std::int64_t;

inline constexpr BranchId kMainBranch = 1;
inline constexpr const char* kMainBranchName = "main";

/// Longest user key put() accepts. LMDB keys are at most 511 bytes and a history
/// key holds the escaped user key (up to 2n+2 bytes) plus branch id and SCN.
inline constexpr std::size_t kMaxKeySize = 240;
/// The same on an encrypted store, whose coded keys are 5/4 as long.
inline constexpr std::size_t kMaxEncryptedKeySize = 192;

/// What one commit wrote, as the commit log records it.
struct CommitRecord {
  Scn scn = 0;
  TxnId txid = 0;
  UnixMicros time = 0;
  BranchId branch = kMainBranch;
};

/// What became of a transaction id (PostgreSQL's pg_xact_status).
enum class TxnStatus : std::uint8_t {
  kCommitted,
  kInProgress,
  kAborted,  ///< given out, then rolled back or lost to a crash
  kFuture,   ///< not given out yet
};

/// A branch: its own writes are stored under `id`; everything else is read
/// from `parent` as of `fork_scn`.
struct BranchInfo {
  BranchId id = 0;
  std::string name;
  BranchId parent = 0;  ///< 0 for a root branch (main)
  Scn fork_scn = 0;
  UnixMicros created = 0;
  std::string options;  ///< opaque to storage; the engine records WITH (...) here
};

/// One key's change in a branch's change log.
enum class ChangeKind : std::uint8_t { kPut = 1, kDelete = 2 };

struct Change {
  Scn scn = 0;
  std::string key;
  ChangeKind kind = ChangeKind::kPut;
};

/// One version of a key as a branch sees it: the value it had from the commit
/// `start` until the commit `end` replaced or deleted it.
///
/// Deletions are not versions: a key deleted at SCN d shows as a version with
/// end == d and no version starting at d. So, among one key's versions (in
/// start order), a version with no predecessor ending at its start was an
/// insert, one whose predecessor ends at its start an update, and an end with
/// no successor starting there a delete.
struct KeyVersion {
  std::string key;  ///< user key
  Scn start = 0;    ///< SCN of the commit that wrote this version
  Scn end = 0;      ///< SCN of the commit that replaced or deleted it; 0 = still current
  std::string value;
};

}  // namespace heliosdb::storage

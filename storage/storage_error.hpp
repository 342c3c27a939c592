#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace heliosdb::storage {

/// Why a storage call failed. The engine maps each to a SQLSTATE.
enum class StorageErrc : std::uint8_t {
  kSerializationFailure,  ///< first-committer-wins conflict (40001)
  kSnapshotTooOld,        ///< AS OF a point before retained history
  kFutureScn,             ///< AS OF a point after the reader's snapshot
  kBranchNotFound,
  kBranchExists,
  kBranchHasChildren,  ///< not thrown any more (drop_branch retires a branch with children); kept for callers
  kInvalidArgument,    ///< e.g. a key longer than kMaxKeySize
  kTransactionClosed,  ///< use after commit/rollback
  kDiskFull,           ///< the map could not grow
  kIo,                 ///< LMDB or file-system failure
  kShutdown,           ///< the store is closing
  kDeadlock,           ///< waiting for a row lock would close a cycle (40P01); the message is the cycle
  kLockNotAvailable,   ///< NOWAIT found the row locked (55P03)
  kEncryptionKey,      ///< an encrypted store opened without its key, or with another one
};

/// The one exception type storage throws for expected failures. Broken
/// invariants abort instead.
class StorageError : public std::runtime_error {
 public:
  StorageError(StorageErrc code, const std::string& message) : std::runtime_error(message), code_(code) {}
  StorageErrc code() const noexcept { return code_; }

 private:
  StorageErrc code_;
};

}  // namespace heliosdb::storage

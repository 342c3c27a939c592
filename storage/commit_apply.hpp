#pragma once

#include "storage/branch_registry.hpp"
#include "storage/transaction.hpp"
#include "storage/write_pipeline.hpp"

namespace heliosdb::storage {

/// What a commit job needs to know about the transaction it applies.
struct CommitRequest {
  BranchId branch = kMainBranch;
  TxnId txid = 0;
  Scn snapshot = 0;  ///< the oldest check_from of the writes
  const WriteSet* writes = nullptr;
  const PastSet* pasts = nullptr;  ///< none: no key is given a past
};

/// Validates `request` against everything committed after its snapshot (first
/// committer wins: throws StorageError(kSerializationFailure) before writing
/// anything) and applies it: replaced versions move to history, the change log
/// records each key, and the commit gets the next SCN.
CommitRecord apply_commit(WriteContext& ctx, const BranchRegistry& branches, const CommitRequest& request);

}  // namespace heliosdb::storage

#pragma once

#include <mutex>
#include <unordered_set>

#include "storage/types.hpp"

namespace heliosdb::storage {

/// The transaction ids given out whose transactions have neither committed
/// nor rolled back yet: what tells "in progress" from "aborted" for an id
/// that is not in the commit log (pg_xact_status).
class RunningTxids {
 public:
  void start(TxnId id) {
    std::lock_guard lock(mutex_);
    ids_.insert(id);
  }
  void finish(TxnId id) noexcept {
    std::lock_guard lock(mutex_);
    ids_.erase(id);
  }
  bool contains(TxnId id) const {
    std::lock_guard lock(mutex_);
    return ids_.contains(id);
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_set<TxnId> ids_;
};

}  // namespace heliosdb::storage

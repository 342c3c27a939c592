#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "storage/store.hpp"

namespace heliosdb::engine {

/// Keeps materialized views made WITH (auto_refresh = true) fresh: every
/// `tick`, on each live branch, refreshes the views heliosdb_mv_refresh_due()
/// names (their options decide: pending changes, DML rate, CPU share,
/// catch-up window), each by the rows that changed, on a thread of its own,
/// and records what each refresh cost (pg_mv_cpu_usage). Stops, finishing
/// the refresh under way, when destroyed; the store must outlive it.
class MatViewRefresher {
 public:
  explicit MatViewRefresher(storage::Store& store, std::chrono::milliseconds tick = std::chrono::seconds(1));
  ~MatViewRefresher();
  MatViewRefresher(const MatViewRefresher&) = delete;
  MatViewRefresher& operator=(const MatViewRefresher&) = delete;

 private:
  void run();
  void round();
  bool stopping();

  storage::Store& store_;
  std::chrono::milliseconds tick_;
  storage::Scn last_scn_ = 0;  ///< at the previous round: the commit rate lazy_update reads
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace heliosdb::engine

#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "storage/store.hpp"

namespace heliosdb::server {

/// While a statement runs in the REPL, draws the progress of index builds
/// (CREATE INDEX on a vector index over many rows) on the terminal's line:
/// `CREATE INDEX  loading tuples in tree  [#######.....]  58%`. Draws nothing
/// when stderr is not a terminal, and nothing for a statement done within a
/// moment. One per statement: the watcher thread stops with it.
class ProgressBar {
 public:
  explicit ProgressBar(storage::Store& store);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

 private:
  void watch();

  storage::Store& store_;
  std::mutex mutex_;
  std::condition_variable stop_signal_;
  bool stop_ = false;
  bool drew_ = false;
  std::thread thread_;
};

}  // namespace heliosdb::server

#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "storage/store.hpp"

namespace heliosdb::storage {

/// Runs Store::compact_expired() every `interval` on a thread of its own
/// (compact_interval_hours), until destroyed. Failures are left for the
/// next round: compaction only ever removes what retention allows.
class CompactionScheduler {
 public:
  CompactionScheduler(Store& store, std::chrono::seconds interval);
  ~CompactionScheduler();
  CompactionScheduler(const CompactionScheduler&) = delete;
  CompactionScheduler& operator=(const CompactionScheduler&) = delete;

 private:
  void run();

  Store& store_;
  std::chrono::seconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace heliosdb::storage

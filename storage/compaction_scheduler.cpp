#include "storage/compaction_scheduler.hpp"

#include "storage/storage_error.hpp"

namespace heliosdb::storage {

CompactionScheduler::CompactionScheduler(Store& store, std::chrono::seconds interval)
    : store_(store), interval_(interval), thread_([this] { run(); }) {}

CompactionScheduler::~CompactionScheduler() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void CompactionScheduler::run() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    try {
      store_.compact_expired();
    } catch (const StorageError&) {
      // the store is closing, or the disk is full: the next round tries again
    }
    lock.lock();
  }
}

}  // namespace heliosdb::storage

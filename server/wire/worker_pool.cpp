#include "server/wire/worker_pool.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

namespace heliosdb::server {

namespace {

// How long a thread idles before it looks whether it is one too many.
constexpr std::chrono::milliseconds kIdleCheck{500};

}  // namespace

WorkerPool::WorkerPool(std::size_t size)
    : work_(std::make_unique<asio::executor_work_guard<executor_type>>(context_.get_executor())), size_(size) {
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < size_; ++i) start_worker();
}

WorkerPool::~WorkerPool() { join(); }

void WorkerPool::start_worker() {
  // Reap the spares that ended, so the list stays as long as the pool.
  workers_.remove_if([](Worker& w) {
    if (!w.done.load()) return false;
    w.thread.join();
    return true;
  });
  Worker& w = workers_.emplace_back();
  ++alive_;
  w.thread = std::thread([this, &w] { run(w); });
}

void WorkerPool::run(Worker& self) {
  storage::set_blocking_observer(this);
  for (;;) {
    context_.run_one_for(kIdleCheck);
    if (context_.stopped()) break;
    std::lock_guard lock(mutex_);
    if (alive_ - blocked_ > size_) {
      --alive_;
      break;
    }
  }
  storage::set_blocking_observer(nullptr);
  self.done.store(true);
}

void WorkerPool::begin_blocking() noexcept {
  std::lock_guard lock(mutex_);
  ++blocked_;
  if (alive_ - blocked_ < size_ && !context_.stopped()) {
    try {
      start_worker();
    } catch (const std::exception& e) {
      // Out of threads: the waiter still ends with its lock or a timeout.
      spdlog::warn("could not start a spare worker thread: {}", e.what());
    }
  }
}

void WorkerPool::end_blocking() noexcept {
  std::lock_guard lock(mutex_);
  --blocked_;
}

std::size_t WorkerPool::threads() const {
  std::lock_guard lock(mutex_);
  return alive_;
}

void WorkerPool::join() {
  work_.reset();
  // Again until none is left: a thread may start a spare while others end.
  for (;;) {
    std::list<Worker> batch;
    {
      std::lock_guard lock(mutex_);
      batch.swap(workers_);
    }
    if (batch.empty()) return;
    for (Worker& w : batch) w.thread.join();
  }
}

}  // namespace heliosdb::server

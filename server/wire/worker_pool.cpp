#include "server/wire/worker_pool.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

namespace heliosdb::server {

namespace {

// How long a spare idles before it looks whether it is still needed.
constexpr std::chrono::milliseconds kIdleCheck{200};
// A statement running this long makes its thread unavailable: a spare serves the others.
constexpr std::chrono::milliseconds kStall{4};
// How often the watcher looks while statements run (each look wakes a
// thread: at 1 ms that cost a loaded server a third of its throughput), and
// how many looks without a statement before it sleeps until the next one.
constexpr std::chrono::milliseconds kWatchInterval{4};
constexpr int kQuietLooks = 100;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The pool thread the caller runs on, if any.
struct CurrentThread {
  const void* pool = nullptr;
  void* worker = nullptr;
};
thread_local CurrentThread current_thread;

}  // namespace

WorkerPool::WorkerPool(std::size_t size) {
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < std::max<std::size_t>(size, 1); ++i) {
    Lane& lane = *lanes_.emplace_back(std::make_unique<Lane>());
    lane.work = std::make_unique<asio::executor_work_guard<executor_type>>(lane.context.get_executor());
    start_worker(lane);
  }
  watcher_ = std::thread([this] { watch(); });
}

WorkerPool::~WorkerPool() { stop(); }

WorkerPool::executor_type WorkerPool::next_executor() noexcept {
  const std::size_t i = next_lane_.fetch_add(1, std::memory_order_relaxed) % lanes_.size();
  return lanes_[i]->context.get_executor();
}

void WorkerPool::start_worker(Lane& lane) {
  // Reap the spares that ended, so the list stays short.
  workers_.remove_if([](Worker& w) {
    if (!w.done.load()) return false;
    w.thread.join();
    return true;
  });
  Worker& w = workers_.emplace_back();
  w.lane = &lane;
  ++lane.alive;
  w.thread = std::thread([this, &w] { run(w); });
}

void WorkerPool::start_spare(Lane& lane) {
  if (lane.alive > lane.unavailable || stopping_) return;
  try {
    start_worker(lane);
  } catch (const std::exception& e) {
    // Out of threads: the lane's own thread still ends what holds it.
    spdlog::warn("could not start a spare worker thread: {}", e.what());
  }
}

void WorkerPool::run(Worker& self) {
  current_thread = CurrentThread{this, &self};
  storage::set_blocking_observer(this);
  asio::io_context& context = self.lane->context;
  for (;;) {
    context.run_for(kIdleCheck);
    if (context.stopped()) break;
    std::lock_guard lock(mutex_);
    if (self.lane->alive - self.lane->unavailable > 1) {
      --self.lane->alive;
      break;
    }
  }
  storage::set_blocking_observer(nullptr);
  current_thread = CurrentThread{};
  self.done.store(true);
}

WorkerPool::Statement::Statement(WorkerPool& pool) : pool_(pool), worker_(nullptr) {
  // A thread of another pool (tests run several servers) is not this one's.
  if (current_thread.pool != &pool) return;
  worker_ = static_cast<Worker*>(current_thread.worker);
  worker_->busy_since.store(now_ns());
  if (pool_.busy_.fetch_add(1) == 0 && pool_.watcher_asleep_.load()) {
    std::lock_guard lock(pool_.mutex_);
    pool_.watch_cv_.notify_one();
  }
}

WorkerPool::Statement::~Statement() {
  if (worker_ == nullptr) return;
  // Cleared before `stalled` is read: the watcher, which sets `stalled`
  // and then reads busy_since again, undoes a stall it set too late.
  worker_->busy_since.store(0);
  pool_.busy_.fetch_sub(1);
  if (worker_->stalled.load()) {
    std::lock_guard lock(pool_.mutex_);
    pool_.clear_stall(*worker_);
  }
}

void WorkerPool::clear_stall(Worker& w) {
  if (!w.stalled.load()) return;
  w.stalled.store(false);
  if (!w.blocked) --w.lane->unavailable;
}

void WorkerPool::watch() {
  std::unique_lock lock(mutex_);
  int quiet = 0;
  while (!stopping_) {
    if (busy_.load() > 0) {
      quiet = 0;
    } else if (++quiet > kQuietLooks) {
      // Nothing ran for a while: sleep until a statement starts (Statement wakes us).
      watcher_asleep_.store(true);
      watch_cv_.wait(lock, [&] { return stopping_ || busy_.load() > 0; });
      watcher_asleep_.store(false);
      quiet = 0;
      continue;
    }
    watch_cv_.wait_for(lock, kWatchInterval);
    const std::int64_t now = now_ns();
    const std::int64_t stall = std::chrono::duration_cast<std::chrono::nanoseconds>(kStall).count();
    std::vector<Lane*> short_of_threads;
    for (Worker& w : workers_) {
      const std::int64_t since = w.busy_since.load();
      if (since == 0 || now - since < stall || w.stalled.load() || w.blocked) continue;
      w.stalled.store(true);
      ++w.lane->unavailable;
      if (w.busy_since.load() == 0) {
        clear_stall(w);  // the statement ended meanwhile
        continue;
      }
      short_of_threads.push_back(w.lane);
    }
    for (Lane* lane : short_of_threads) start_spare(*lane);
  }
}

void WorkerPool::begin_blocking() noexcept {
  if (current_thread.pool != this) return;
  auto* w = static_cast<Worker*>(current_thread.worker);
  std::lock_guard lock(mutex_);
  w->blocked = true;
  if (!w->stalled.load()) ++w->lane->unavailable;
  start_spare(*w->lane);
}

void WorkerPool::end_blocking() noexcept {
  if (current_thread.pool != this) return;
  auto* w = static_cast<Worker*>(current_thread.worker);
  std::lock_guard lock(mutex_);
  w->blocked = false;
  if (!w->stalled.load()) --w->lane->unavailable;
}

std::size_t WorkerPool::threads() const {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const auto& lane : lanes_) n += lane->alive;
  return n;
}

void WorkerPool::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;  // stopped already
    stopping_ = true;
  }
  watch_cv_.notify_all();
  if (watcher_.joinable()) watcher_.join();
  for (auto& lane : lanes_) {
    lane->work.reset();
    lane->context.stop();
  }
  // Again until none is left: a thread may have started a spare meanwhile.
  for (;;) {
    std::list<Worker> batch;
    {
      std::lock_guard lock(mutex_);
      batch.swap(workers_);
    }
    if (batch.empty()) break;
    for (Worker& w : batch) w.thread.join();
  }
  lanes_.clear();  // destroys what never ran: the idle connections
}

}  // namespace heliosdb::server

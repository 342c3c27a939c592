#pragma once

#include <atomic>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <thread>

#include "server/wire/asio.hpp"
#include "storage/blocking.hpp"

namespace heliosdb::server {

/// The threads statements run on: `size` of them, plus a spare for each one
/// that waits for a row lock. Without spares, every thread could wait for a
/// transaction whose COMMIT then has no thread to run on. A spare ends once
/// enough threads are free again.
///
/// Thread-safe. join() before destruction lets queued work finish.
class WorkerPool final : public storage::BlockingObserver {
 public:
  explicit WorkerPool(std::size_t size);
  ~WorkerPool() override;
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  using executor_type = asio::io_context::executor_type;
  executor_type get_executor() noexcept { return context_.get_executor(); }

  /// Waits for the queued work to finish and the threads to end.
  void join();

  /// Threads alive now, spares included (for tests and monitoring).
  std::size_t threads() const;

  void begin_blocking() noexcept override;
  void end_blocking() noexcept override;

 private:
  struct Worker {
    std::thread thread;
    std::atomic<bool> done{false};
  };
  void start_worker();  // with mutex_ held
  void run(Worker& self);

  asio::io_context context_;
  std::unique_ptr<asio::executor_work_guard<executor_type>> work_;
  const std::size_t size_;
  mutable std::mutex mutex_;
  std::list<Worker> workers_;
  std::size_t alive_ = 0;
  std::size_t blocked_ = 0;
};

}  // namespace heliosdb::server

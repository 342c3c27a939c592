#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "server/wire/asio.hpp"
#include "storage/blocking.hpp"

namespace heliosdb::server {

/// The threads that serve the connections: their I/O and, inline, the
/// statements they run. Running a statement where its message was read
/// saves two thread hand-offs per statement, which at one client cost more
/// than a point select itself.
///
/// The pool has `size` lanes, each an io_context with one thread of its
/// own; connections are dealt to the lanes in turn. One thread per context
/// means no hand-offs between threads of a lane. A lane's thread is
/// unavailable while it waits for a row lock (without help, every thread
/// could wait for a transaction whose COMMIT then has no thread to run on)
/// or while one statement has run on it for longer than kStall (so a long
/// query holds up another session's point select by a few milliseconds at
/// most). Then a spare thread runs the lane's context too, until the lane
/// has an available thread again.
///
/// Thread-safe. stop() before destruction.
class WorkerPool final : public storage::BlockingObserver {
  struct Worker;
  struct Lane;

 public:
  explicit WorkerPool(std::size_t size);
  ~WorkerPool() override;
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  using executor_type = asio::io_context::executor_type;
  /// The executor of the next lane in turn, for a new connection.
  executor_type next_executor() noexcept;

  /// While it lives, the calling thread runs a statement (a no-op off the pool's threads).
  class Statement {
   public:
    explicit Statement(WorkerPool& pool);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

   private:
    WorkerPool& pool_;
    Worker* worker_;
  };

  /// Ends the threads after what they run now, and destroys the work that
  /// never ran (the idle connections).
  void stop();

  /// Threads alive now, spares included (for tests and monitoring).
  std::size_t threads() const;

  void begin_blocking() noexcept override;
  void end_blocking() noexcept override;

 private:
  struct Lane {
    asio::io_context context;
    std::unique_ptr<asio::executor_work_guard<executor_type>> work;
    std::size_t alive = 0;        ///< threads running `context`, under mutex_
    std::size_t unavailable = 0;  ///< of those, blocked or stalled; under mutex_
  };
  struct Worker {
    Lane* lane = nullptr;
    std::thread thread;
    std::atomic<bool> done{false};
    /// When its statement began (steady-clock ns); 0 between statements.
    std::atomic<std::int64_t> busy_since{0};
    std::atomic<bool> stalled{false};  ///< set and cleared with mutex_ held
    bool blocked = false;              ///< under mutex_
  };
  void start_worker(Lane& lane);  // with mutex_ held
  void start_spare(Lane& lane);   // with mutex_ held, if the lane has no available thread
  void run(Worker& self);
  /// The watcher thread: marks threads whose statement runs too long.
  void watch();
  /// With mutex_ held: `w` is back from a stall.
  void clear_stall(Worker& w);

  std::vector<std::unique_ptr<Lane>> lanes_;
  std::atomic<std::size_t> next_lane_{0};
  mutable std::mutex mutex_;
  std::list<Worker> workers_;
  bool stopping_ = false;             ///< stop() began: no spares, the watcher ends
  std::atomic<std::size_t> busy_{0};  ///< threads inside a statement
  std::atomic<bool> watcher_asleep_{false};
  std::condition_variable watch_cv_;
  std::thread watcher_;
};

}  // namespace heliosdb::server

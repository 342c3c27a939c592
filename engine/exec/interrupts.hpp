#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace heliosdb::engine {

/// Why a running statement should stop early: a cancel request from another
/// thread (the server's CancelRequest) or the statement_timeout deadline.
/// The executor calls check() as rows go by; it throws 57014 as PostgreSQL
/// does, and the statement fails like any other.
class Interrupts {
 public:
  /// From any thread: stops the statement running now, if any.
  void request_cancel() { cancel_.store(true, std::memory_order_relaxed); }

  /// At the start of each statement: forgets a request that came between
  /// statements and sets the deadline (zero: none).
  void start_statement(std::chrono::milliseconds timeout);

  /// Reads the clock every time: for a wait, which does not come by often.
  void check_now() {
    if (cancel_.load(std::memory_order_relaxed)) cancelled();
    if (has_deadline_ && std::chrono::steady_clock::now() > deadline_) timed_out();
  }

  /// Cheap enough to call per row: reads the clock only every 256 calls.
  void check() {
    if (cancel_.load(std::memory_order_relaxed)) cancelled();
    if (has_deadline_ && (++ticks_ & 0xFF) == 0 && std::chrono::steady_clock::now() > deadline_) timed_out();
  }

 private:
  [[noreturn]] void cancelled();
  [[noreturn]] static void timed_out();

  std::atomic<bool> cancel_{false};
  bool has_deadline_ = false;
  std::chrono::steady_clock::time_point deadline_;
  std::uint32_t ticks_ = 0;
};

}  // namespace heliosdb::engine

#include "engine/exec/interrupts.hpp"

#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

void Interrupts::start_statement(std::chrono::milliseconds timeout) {
  cancel_.store(false, std::memory_order_relaxed);
  has_deadline_ = timeout.count() > 0;
  if (has_deadline_) deadline_ = std::chrono::steady_clock::now() + timeout;
  ticks_ = 0;
}

void Interrupts::cancelled() {
  cancel_.store(false, std::memory_order_relaxed);
  throw DbError(sqlstate::kQueryCanceled, "canceling statement due to user request");
}

void Interrupts::timed_out() {
  throw DbError(sqlstate::kQueryCanceled, "canceling statement due to statement timeout");
}

}  // namespace heliosdb::engine

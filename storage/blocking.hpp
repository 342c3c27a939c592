#pragma once

namespace heliosdb::storage {

/// Told when a thread it owns is about to wait on another transaction (a row
/// lock) and when the wait is over. A fixed-size thread pool uses it to run a
/// spare thread meanwhile: otherwise every pool thread could be waiting for a
/// transaction whose next statement has no thread left to run on.
class BlockingObserver {
 public:
  virtual ~BlockingObserver() = default;
  virtual void begin_blocking() noexcept = 0;
  virtual void end_blocking() noexcept = 0;
};

/// Installs `observer` for the calling thread (nullptr: none). The observer
/// must outlive the thread's use of it.
void set_blocking_observer(BlockingObserver* observer) noexcept;

/// Tells the calling thread's observer, if any, that it waits while this lives.
class BlockingScope {
 public:
  BlockingScope() noexcept;
  ~BlockingScope();
  BlockingScope(const BlockingScope&) = delete;
  BlockingScope& operator=(const BlockingScope&) = delete;

 private:
  BlockingObserver* observer_;
};

}  // namespace heliosdb::storage

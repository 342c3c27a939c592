// Row locks: who waits for whom, NOWAIT, SKIP LOCKED, deadlocks, and what a
// transaction learns about a row it waited for.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "storage/blocking.hpp"
#include "storage/lock_table.hpp"
#include "storage/storage_error.hpp"
#include "temp_store.hpp"

using namespace heliosdb::storage;
using namespace heliosdb::storage::testing;
using namespace std::chrono_literals;

namespace {

const std::function<void()> kNoCheck = [] {};

LockOutcome take(LockTable& t, TxnId owner, std::string_view key, LockMode mode,
                 LockWaitPolicy policy = LockWaitPolicy::kNoWait) {
  return t.acquire(owner, key, mode, policy, kNoCheck);
}

StorageErrc error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const StorageError& e) {
    return e.code();
  }
  FAIL("no StorageError");
  return StorageErrc::kIo;
}

}  // namespace

TEST_CASE("shares go together, an exclusive lock excludes the rest", "[storage][locks]") {
  LockTable t;
  CHECK(take(t, 1, "k", LockMode::kShare) == LockOutcome::kTaken);
  CHECK(take(t, 2, "k", LockMode::kShare) == LockOutcome::kTaken);
  CHECK(take(t, 1, "k", LockMode::kShare) == LockOutcome::kHeld);
  CHECK(error_of([&] { take(t, 3, "k", LockMode::kExclusive); }) == StorageErrc::kLockNotAvailable);
  CHECK(take(t, 3, "k", LockMode::kExclusive, LockWaitPolicy::kSkipLocked) == LockOutcome::kSkipped);
  // Upgrading needs the other share gone.
  CHECK(error_of([&] { take(t, 1, "k", LockMode::kExclusive); }) == StorageErrc::kLockNotAvailable);
  t.release(2, {"k"});
  CHECK(take(t, 1, "k", LockMode::kExclusive) == LockOutcome::kHeld);
  CHECK(take(t, 1, "k", LockMode::kShare) == LockOutcome::kHeld);
  CHECK(error_of([&] { take(t, 2, "k", LockMode::kShare); }) == StorageErrc::kLockNotAvailable);
  CHECK(take(t, 2, "other", LockMode::kExclusive) == LockOutcome::kTaken);
  CHECK(t.size() == 2);
  t.release(1, {"k"});
  t.release(2, {"other"});
  CHECK(t.size() == 0);
  CHECK(take(t, 3, "k", LockMode::kExclusive) == LockOutcome::kTaken);
}

TEST_CASE("a waiter gets the lock when its holder releases it", "[storage][locks]") {
  LockTable t;
  take(t, 1, "k", LockMode::kExclusive);
  auto waiter = std::async(std::launch::async,
                           [&] { return t.acquire(2, "k", LockMode::kExclusive, LockWaitPolicy::kWait, kNoCheck); });
  CHECK(waiter.wait_for(100ms) == std::future_status::timeout);
  t.release(1, {"k"});
  CHECK(waiter.get() == LockOutcome::kTaken);
  CHECK(error_of([&] { take(t, 1, "k", LockMode::kShare); }) == StorageErrc::kLockNotAvailable);
}

TEST_CASE("a waiter stops when its check throws, and leaves no trace", "[storage][locks]") {
  LockTable t;
  take(t, 1, "k", LockMode::kExclusive);
  std::atomic<bool> cancel{false};
  auto waiter = std::async(std::launch::async, [&] {
    t.acquire(2, "k", LockMode::kExclusive, LockWaitPolicy::kWait, [&] {
      if (cancel) throw std::runtime_error("cancelled");
    });
  });
  std::this_thread::sleep_for(50ms);
  cancel = true;
  CHECK_THROWS_WITH(waiter.get(), "cancelled");
  t.release(1, {"k"});
  CHECK(t.size() == 0);
  CHECK(take(t, 3, "k", LockMode::kExclusive) == LockOutcome::kTaken);
}

TEST_CASE("the wait that would close a cycle fails with a deadlock", "[storage][locks]") {
  LockTable t;
  take(t, 1, "a", LockMode::kExclusive);
  take(t, 2, "b", LockMode::kExclusive);
  take(t, 3, "c", LockMode::kExclusive);
  // 1 waits for 2, 2 waits for 3; 3 asking for a closes the cycle.
  auto one = std::async(std::launch::async,
                        [&] { return t.acquire(1, "b", LockMode::kExclusive, LockWaitPolicy::kWait, kNoCheck); });
  std::this_thread::sleep_for(30ms);
  auto two = std::async(std::launch::async,
                        [&] { return t.acquire(2, "c", LockMode::kExclusive, LockWaitPolicy::kWait, kNoCheck); });
  std::this_thread::sleep_for(30ms);
  try {
    t.acquire(3, "a", LockMode::kExclusive, LockWaitPolicy::kWait, kNoCheck);
    FAIL("no deadlock");
  } catch (const StorageError& e) {
    CHECK(e.code() == StorageErrc::kDeadlock);
    CHECK(std::string(e.what()) ==
          "Transaction 3 waits for transaction 1.\nTransaction 1 waits for transaction 2.\n"
          "Transaction 2 waits for transaction 3.");
  }
  // The victim gives up its locks; the others go on.
  t.release(3, {"c"});
  CHECK(two.get() == LockOutcome::kTaken);
  t.release(2, {"b", "c"});
  CHECK(one.get() == LockOutcome::kTaken);
}

TEST_CASE("a waiting thread tells its blocking observer", "[storage][locks]") {
  struct Counting : BlockingObserver {
    std::atomic<int> blocked{0};
    std::atomic<int> ended{0};
    void begin_blocking() noexcept override { ++blocked; }
    void end_blocking() noexcept override { ++ended; }
  } observer;
  LockTable t;
  take(t, 1, "k", LockMode::kExclusive);
  auto waiter = std::async(std::launch::async, [&] {
    set_blocking_observer(&observer);
    t.acquire(2, "k", LockMode::kExclusive, LockWaitPolicy::kWait, kNoCheck);
    set_blocking_observer(nullptr);
  });
  std::this_thread::sleep_for(60ms);
  CHECK(observer.blocked == 1);
  CHECK(observer.ended == 0);
  t.release(1, {"k"});
  waiter.get();
  CHECK(observer.blocked == 1);
  CHECK(observer.ended == 1);
}

TEST_CASE("a row lock reports the version committed while it waited", "[storage][locks]") {
  auto store = Store::open_in_memory();
  put_one(*store, "row", "v1");
  put_one(*store, "gone", "x");

  auto first = store->begin();
  auto second = store->begin();
  CHECK_FALSE(first->lock_row("row", LockMode::kExclusive, LockWaitPolicy::kWait, kNoCheck).changed);
  first->put("row", "v2");
  auto waited = std::async(std::launch::async, [&] {
    return second->lock_row("row", LockMode::kExclusive, LockWaitPolicy::kWait, kNoCheck);
  });
  CHECK(waited.wait_for(50ms) == std::future_status::timeout);
  first->commit();
  RowLockResult r = waited.get();
  CHECK(r.changed);
  CHECK(r.latest == "v2");
  // Written after the lock, the row is checked from the version found: commit succeeds.
  second->put("row", "v3");
  second->commit();
  CHECK(store->row_locks() == 0);
  auto reader = store->begin();
  CHECK(*reader->get("row") == "v3");

  // A deleted row comes back as changed with no value.
  auto a = store->begin();
  del_one(*store, "gone");
  RowLockResult gone = a->lock_row("gone", LockMode::kShare, LockWaitPolicy::kWait, kNoCheck);
  CHECK(gone.changed);
  CHECK_FALSE(gone.latest);
}

TEST_CASE("writes covered by a lock skip the conflict check; others keep it", "[storage][locks]") {
  auto store = Store::open_in_memory();
  put_one(*store, "entry", "1");
  put_one(*store, "plain", "1");
  auto txn = store->begin();
  put_one(*store, "entry", "2");
  put_one(*store, "plain", "2");
  txn->del_unchecked("entry");
  txn->commit();

  auto other = store->begin();
  put_one(*store, "plain", "3");
  other->put("plain", "4");
  CHECK(error_of([&] { other->commit(); }) == StorageErrc::kSerializationFailure);
}

TEST_CASE("locks are released on rollback and by a failed commit", "[storage][locks]") {
  auto store = Store::open_in_memory();
  put_one(*store, "k", "1");
  auto a = store->begin();
  a->lock_row("k", LockMode::kExclusive, LockWaitPolicy::kWait, kNoCheck);
  CHECK(store->row_locks() == 1);
  a->rollback();
  CHECK(store->row_locks() == 0);

  auto b = store->begin();
  b->lock_row("k", LockMode::kExclusive, LockWaitPolicy::kWait, kNoCheck);
  b->put("k", "2");
  b->put("other", "x");
  put_one(*store, "other", "y");  // no lock on it: first committer wins
  CHECK(error_of([&] { b->commit(); }) == StorageErrc::kSerializationFailure);
  CHECK(store->row_locks() == 0);
}

#include "server/wire/worker_pool.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <thread>

#include "storage/blocking.hpp"

namespace heliosdb::server {
namespace {

using namespace std::chrono_literals;

// Posts `fn` to the pool's next lane; the future is ready once it has run.
template <typename Fn>
std::future<void> on_lane(WorkerPool& pool, Fn fn) {
  auto done = std::make_shared<std::promise<void>>();
  auto future = done->get_future();
  asio::post(pool.next_executor(), [fn, done] {
    fn();
    done->set_value();
  });
  return future;
}

bool eventually(const std::function<bool()>& condition) {
  for (int i = 0; i < 300; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return condition();
}

TEST_CASE("short statements run on the lanes' own threads", "[worker_pool]") {
  WorkerPool pool(2);
  std::atomic<int> ran{0};
  for (int i = 0; i < 100; ++i) {
    on_lane(pool, [&] {
      WorkerPool::Statement statement(pool);
      ++ran;
    }).wait();
  }
  CHECK(ran == 100);
  CHECK(pool.threads() == 2);
  pool.stop();
}

TEST_CASE("a long statement gets a spare that serves the rest of its lane", "[worker_pool]") {
  WorkerPool pool(1);
  std::atomic<bool> release{false};
  auto long_one = on_lane(pool, [&] {
    WorkerPool::Statement statement(pool);
    while (!release) std::this_thread::sleep_for(1ms);
  });
  // The lane's own thread is held: only a spare can run this.
  auto short_one = on_lane(pool, [&] { WorkerPool::Statement statement(pool); });
  CHECK(short_one.wait_for(5s) == std::future_status::ready);
  CHECK(pool.threads() == 2);
  release = true;
  long_one.wait();
  CHECK(eventually([&] { return pool.threads() == 1; }));  // the spare ends
  pool.stop();
}

TEST_CASE("a thread waiting for a lock gets a spare at once", "[worker_pool]") {
  WorkerPool pool(1);
  std::atomic<bool> release{false};
  std::atomic<bool> waiting{false};
  auto waiter = on_lane(pool, [&] {
    storage::BlockingScope scope;
    waiting = true;
    while (!release) std::this_thread::sleep_for(1ms);
  });
  REQUIRE(eventually([&] { return waiting.load(); }));
  CHECK(pool.threads() == 2);
  CHECK(on_lane(pool, [] {}).wait_for(5s) == std::future_status::ready);
  release = true;
  waiter.wait();
  CHECK(eventually([&] { return pool.threads() == 1; }));
  pool.stop();
}

TEST_CASE("stop destroys the work that never ran", "[worker_pool]") {
  WorkerPool pool(1);
  auto held = std::make_shared<int>(0);
  {
    // Owned by its own handler, like a connection by its coroutine.
    auto timer = std::make_shared<asio::steady_timer>(pool.next_executor(), std::chrono::hours(1));
    timer->async_wait([held, timer](const boost::system::error_code&) {});
  }
  CHECK(held.use_count() == 2);
  pool.stop();
  CHECK(held.use_count() == 1);
}

}  // namespace
}  // namespace heliosdb::server

// Storage throughput: durable commits per second with 1, 8 and 32 concurrent
// committers, with group commit and with one fsync per commit, and point
// reads per second. Prints a table; asserts nothing.
//
//   build/bench/storage_bench [--seconds N] [--dir PATH]
#include <fmt/format.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "storage/storage_error.hpp"
#include "storage/store.hpp"

using namespace heliosdb::storage;
using Clock = std::chrono::steady_clock;

namespace {

struct Args {
  double seconds = 2.0;
  std::filesystem::path dir = std::filesystem::temp_directory_path();
};

Args parse(int argc, char** argv) {
  Args args;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--seconds") == 0) args.seconds = std::stod(argv[i + 1]);
    if (std::strcmp(argv[i], "--dir") == 0) args.dir = argv[i + 1];
  }
  return args;
}

std::filesystem::path fresh_dir(const Args& args) {
  std::string templ = (args.dir / "heliosdb-bench-XXXXXX").string();
  return ::mkdtemp(templ.data());
}

StoreOptions options_for(const std::filesystem::path& dir, bool group_commit) {
  StoreOptions options;
  options.env.path = dir;
  options.group_commit = group_commit;
  return options;
}

struct CommitResult {
  double per_second;
  double batches_per_commit;
};

// Each committer updates its own keys, so no commit fails on a conflict.
CommitResult run_commits(const Args& args, int committers, bool group_commit) {
  auto dir = fresh_dir(args);
  std::uint64_t commits = 0;
  std::uint64_t batches = 0;
  double elapsed = 0;
  {
    auto store = Store::open(options_for(dir, group_commit));
    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> done{0};
    std::vector<std::thread> threads;
    auto start = Clock::now();
    for (int t = 0; t < committers; ++t) {
      threads.emplace_back([&, t] {
        std::string value(100, 'v');
        for (std::uint64_t n = 0; !stop.load(std::memory_order_relaxed); ++n) {
          auto txn = store->begin();
          txn->put(fmt::format("c{:03}/{:06}", t, n % 1000), value);
          txn->commit();
          done.fetch_add(1, std::memory_order_relaxed);
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(args.seconds));
    stop = true;
    for (auto& th : threads) th.join();
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    commits = done.load();
    batches = store->write_batches();
  }
  std::filesystem::remove_all(dir);
  return {static_cast<double>(commits) / elapsed, static_cast<double>(batches) / static_cast<double>(commits)};
}

double run_point_reads(const Args& args, int readers) {
  constexpr int kRows = 100000;
  auto dir = fresh_dir(args);
  double per_second = 0;
  {
    auto store = Store::open(options_for(dir, true));
    {
      auto txn = store->begin();
      for (int i = 0; i < kRows; ++i) txn->put(fmt::format("row{:08}", i), std::string(100, 'r'));
      txn->commit();
    }
    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> done{0};
    std::vector<std::thread> threads;
    auto start = Clock::now();
    for (int t = 0; t < readers; ++t) {
      threads.emplace_back([&, t] {
        std::mt19937 rng(static_cast<unsigned>(t));
        std::uint64_t n = 0;
        while (!stop.load(std::memory_order_relaxed)) {
          // One read-only transaction per read, as an autocommit SELECT would.
          auto txn = store->begin();
          if (!txn->get(fmt::format("row{:08}", rng() % kRows))) std::abort();
          ++n;
        }
        done.fetch_add(n);
      });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(args.seconds));
    stop = true;
    for (auto& th : threads) th.join();
    per_second = static_cast<double>(done.load()) / std::chrono::duration<double>(Clock::now() - start).count();
  }
  std::filesystem::remove_all(dir);
  return per_second;
}

}  // namespace

int main(int argc, char** argv) {
  Args args = parse(argc, argv);
  fmt::print("storage_bench: durable commits (fsync on), {} s per row, data in {}\n\n", args.seconds,
             args.dir.string());
  fmt::print("{:<12} {:>18} {:>18} {:>8} {:>16}\n", "committers", "group commit/s", "fsync each/s", "ratio",
             "LMDB txns/commit");
  for (int committers : {1, 8, 32}) {
    CommitResult group = run_commits(args, committers, true);
    CommitResult single = run_commits(args, committers, false);
    fmt::print("{:<12} {:>18.0f} {:>18.0f} {:>7.1f}x {:>16.3f}\n", committers, group.per_second, single.per_second,
               group.per_second / single.per_second, group.batches_per_commit);
  }
  fmt::print("\n{:<12} {:>18}\n", "readers", "point reads/s");
  for (int readers : {1, 2}) fmt::print("{:<12} {:>18.0f}\n", readers, run_point_reads(args, readers));
  return 0;
}

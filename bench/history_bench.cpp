// Time travel and branches at scale, embedded: branch creation time on a
// small and a large database (must not grow with size), a full scan AS OF a
// timestamp against the same scan of the present (10 versions per row), a
// present-time scan with 10 versions per row against one with 1, and merge
// time for few and many changed rows. Prints times and the ratios the issue
// sets as targets; asserts nothing.
//
//   build/bench/history_bench [--rows N] [--dir PATH] [--map-mib N]
//
// --map-mib sets the initial memory map (valgrind cannot map the default).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "heliosdb/database.hpp"

using Clock = std::chrono::steady_clock;

namespace {

struct Args {
  int rows = 1'000'000;
  std::filesystem::path dir = std::filesystem::temp_directory_path();
  std::size_t map_mib = 0;  // 0: the default
};

Args parse(int argc, char** argv) {
  Args args;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rows") == 0) args.rows = std::stoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--dir") == 0) args.dir = argv[i + 1];
    if (std::strcmp(argv[i], "--map-mib") == 0) args.map_mib = std::stoul(argv[i + 1]);
  }
  return args;
}

double seconds(const std::function<void()>& fn) {
  auto start = Clock::now();
  fn();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> times) {
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

// The median of `runs` timings: scans vary with the page cache.
double median_seconds(int runs, const std::function<void()>& fn) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) times.push_back(seconds(fn));
  return median(std::move(times));
}

std::unique_ptr<heliosdb::Database> fresh(const std::filesystem::path& path, int rows, std::size_t map_mib) {
  std::filesystem::remove_all(path);
  heliosdb::Config config;
  if (map_mib != 0) config.initial_map_size = map_mib << 20;
  config.sync_commits = false;  // loading is not what is measured
  auto db = heliosdb::Database::open(path, config);
  db->execute("CREATE TABLE t (id INT PRIMARY KEY, v INT, pad TEXT)");
  auto txn = db->begin_transaction();
  auto insert = txn.prepare("INSERT INTO t VALUES ($1, $2, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')");
  for (int i = 0; i < rows; ++i) insert.execute({i, i % 1000});
  txn.commit();
  return db;
}

// Milliseconds to create a branch, the median of 21.
double branch_ms(heliosdb::Database& db) {
  static int n = 0;
  return 1000.0 * median_seconds(21, [&] { db.execute(fmt::format("CREATE DATABASE BRANCH b{} FROM main", n++)); });
}

std::string now(heliosdb::Database& db) { return db.query("SELECT now()::text").get_string(0, 0); }

void scan(heliosdb::Database& db, const std::string& as_of) { db.query("SELECT sum(v), count(*) FROM t" + as_of); }

// Bytes the store's files take: history's share shows as the growth from one
// version per row to ten.
std::uintmax_t directory_bytes(const std::filesystem::path& dir) {
  std::uintmax_t total = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) total += entry.file_size();
  }
  return total;
}

double merge_seconds(heliosdb::Database& db, const std::string& name, int changed) {
  db.execute(fmt::format("CREATE DATABASE BRANCH {} FROM main", name));
  db.execute(fmt::format("USE BRANCH {}", name));
  db.execute(fmt::format("UPDATE t SET v = v + 1 WHERE id < {}", changed));
  db.execute("USE BRANCH main");
  return seconds([&] { db.execute(fmt::format("MERGE DATABASE BRANCH {} INTO main", name)); });
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = parse(argc, argv);
  const auto small_path = args.dir / "heliosdb_history_bench_small";
  const auto large_path = args.dir / "heliosdb_history_bench_large";

  auto small = fresh(small_path, 10'000, args.map_mib);
  const double small_branch = branch_ms(*small);
  small.reset();
  std::filesystem::remove_all(small_path);

  fmt::print("loading {} rows...\n", args.rows);
  auto large = fresh(large_path, args.rows, args.map_mib);
  const double large_branch = branch_ms(*large);
  const double present_1 = median_seconds(5, [&] { scan(*large, ""); });
  const std::uintmax_t bytes_1 = directory_bytes(large_path);

  fmt::print("writing 9 more versions of every row...\n");
  std::string middle;
  for (int version = 2; version <= 10; ++version) {
    large->execute("UPDATE t SET v = v + 1");
    if (version == 5) middle = now(*large);
  }
  const std::uintmax_t bytes_10 = directory_bytes(large_path);
  // Interleaved, so that a noisy neighbour slows both alike.
  std::vector<double> present_times;
  std::vector<double> as_of_times;
  for (int i = 0; i < 11; ++i) {
    present_times.push_back(seconds([&] { scan(*large, ""); }));
    as_of_times.push_back(seconds([&] { scan(*large, " AS OF TIMESTAMP '" + middle + "'"); }));
  }
  const double present_10 = median(present_times);
  const double as_of_10 = median(as_of_times);

  const double merge_100 = merge_seconds(*large, "m100", 100);
  const double merge_10k = merge_seconds(*large, "m10k", 10'000);

  fmt::print("\n{:<52} {:>12} {:>10}\n", "measure", "value", "target");
  fmt::print("{:<52} {:>10.2f}ms {:>10}\n", "branch creation, 10,000 rows", small_branch, "< 5 ms");
  fmt::print("{:<52} {:>10.2f}ms {:>10}\n", fmt::format("branch creation, {} rows", args.rows), large_branch, "< 5 ms");
  fmt::print("{:<52} {:>11.3f}s\n", "scan of the present, 1 version per row", present_1);
  fmt::print("{:<52} {:>11.3f}s\n", "scan of the present, 10 versions per row", present_10);
  fmt::print("{:<52} {:>11.3f}s\n", "scan AS OF TIMESTAMP (version 5 of 10)", as_of_10);
  fmt::print("{:<52} {:>11.2f}x {:>10}\n", "AS OF scan / present scan", as_of_10 / present_10, "<= 1.5x");
  fmt::print("{:<52} {:>11.2f}x {:>10}\n", "present scan, 10 versions / 1 version", present_10 / present_1, "<= 1.1x");
  fmt::print("{:<52} {:>10.1f}MB\n", "store size, 1 version per row", bytes_1 / 1e6);
  fmt::print("{:<52} {:>10.1f}MB\n", "store size, 10 versions per row", bytes_10 / 1e6);
  fmt::print("{:<52} {:>10.1f}ms\n", "merge of 100 changed rows", 1000 * merge_100);
  fmt::print("{:<52} {:>10.1f}ms\n", "merge of 10,000 changed rows", 1000 * merge_10k);
  fmt::print("{:<52} {:>11.1f}x {:>10}\n", "merge time, 10,000 / 100 rows", merge_10k / merge_100, "~100x");
  large.reset();
  std::filesystem::remove_all(large_path);
  return 0;
}

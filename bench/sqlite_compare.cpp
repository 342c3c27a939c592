// HeliosDB-Lite embedded against SQLite on the same data and the same disk:
// prepared point selects by primary key, a bulk insert in one transaction,
// range scans, a GROUP BY over every row and a two-table equi-join. Prints
// operations per second for each and the ratio (HeliosDB / SQLite, higher
// is better for us); asserts nothing.
//
//   build/bench/sqlite_compare [--rows N] [--dir PATH] [--only WORKLOAD] [--encrypted 1] [--map-mib N]
//
// --only (insert, point, range, group, join) runs the insert plus that one
// workload, on HeliosDB alone: for profiling. --encrypted 1 encrypts the
// HeliosDB side at rest (AES-256-GCM values, order-preserving keys): its
// ratios against a plain run are the cost of encryption. --map-mib sets
// the store's initial map size: valgrind cannot reserve the default 64 GiB.
#include <fmt/format.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>

#include "heliosdb/database.hpp"

using Clock = std::chrono::steady_clock;

namespace {

struct Args {
  int rows = 1'000'000;
  std::filesystem::path dir = std::filesystem::temp_directory_path();
  std::string only;  // empty: every workload on both sides
  bool encrypted = false;
  std::size_t map_mib = 0;  // 0: the default
};

Args parse(int argc, char** argv) {
  Args args;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rows") == 0) args.rows = std::stoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--dir") == 0) args.dir = argv[i + 1];
    if (std::strcmp(argv[i], "--only") == 0) args.only = argv[i + 1];
    if (std::strcmp(argv[i], "--map-mib") == 0) args.map_mib = std::stoul(argv[i + 1]);
    if (std::strcmp(argv[i], "--encrypted") == 0) args.encrypted = std::strcmp(argv[i + 1], "0") != 0;
  }
  return args;
}

// Seconds `fn` takes.
double timed(const std::function<void()>& fn) {
  auto start = Clock::now();
  fn();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

constexpr int kGroups = 100;
constexpr int kDimRows = 1000;
constexpr int kRangeWidth = 1000;

// The shared workload, each side implementing it with its own API.
struct Side {
  std::function<void(int rows)> insert;  // items(id, grp, val, name) in one transaction, plus dim(id, label)
  std::function<std::int64_t(int id)> point_select;
  std::function<std::int64_t(int from)> range_sum;  // sum(val) over kRangeWidth ids
  std::function<std::int64_t()> group_by;           // groups of a GROUP BY over every row
  std::function<std::int64_t()> join;               // count(*) of items JOIN dim
};

// --- SQLite -------------------------------------------------------------------

void check(int rc, sqlite3* db) {
  if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
}

struct SqliteSide {
  sqlite3* db = nullptr;
  explicit SqliteSide(const std::filesystem::path& path) {
    check(sqlite3_open(path.c_str(), &db), db);
    exec("PRAGMA journal_mode=WAL");  // its fastest durable mode, as our store is
    exec("PRAGMA synchronous=FULL");
    exec("CREATE TABLE items (id INTEGER PRIMARY KEY, grp INTEGER NOT NULL, val INTEGER NOT NULL, name TEXT)");
    exec("CREATE TABLE dim (id INTEGER PRIMARY KEY, label TEXT)");
  }
  ~SqliteSide() { sqlite3_close(db); }
  void exec(const char* sql) { check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db); }
  sqlite3_stmt* prepare(const char* sql) {
    sqlite3_stmt* s = nullptr;
    check(sqlite3_prepare_v2(db, sql, -1, &s, nullptr), db);
    return s;
  }
  std::int64_t scalar(sqlite3_stmt* s) {
    check(sqlite3_step(s), db);
    std::int64_t v = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return v;
  }

  Side side() {
    Side s;
    s.insert = [this](int rows) {
      exec("BEGIN");
      sqlite3_stmt* ins = prepare("INSERT INTO items VALUES (?, ?, ?, ?)");
      for (int i = 0; i < rows; ++i) {
        std::string name = "item-" + std::to_string(i);
        sqlite3_bind_int64(ins, 1, i);
        sqlite3_bind_int64(ins, 2, i % kGroups);
        sqlite3_bind_int64(ins, 3, static_cast<int>((i * 7919LL) % 1000));
        sqlite3_bind_text(ins, 4, name.c_str(), -1, SQLITE_TRANSIENT);
        check(sqlite3_step(ins), db);
        sqlite3_reset(ins);
      }
      sqlite3_finalize(ins);
      sqlite3_stmt* dim = prepare("INSERT INTO dim VALUES (?, ?)");
      for (int i = 0; i < kDimRows; ++i) {
        std::string label = "label-" + std::to_string(i);
        sqlite3_bind_int64(dim, 1, i);
        sqlite3_bind_text(dim, 2, label.c_str(), -1, SQLITE_TRANSIENT);
        check(sqlite3_step(dim), db);
        sqlite3_reset(dim);
      }
      sqlite3_finalize(dim);
      exec("COMMIT");
    };
    sqlite3_stmt* point = prepare("SELECT val FROM items WHERE id = ?");
    s.point_select = [this, point](int id) {
      sqlite3_bind_int64(point, 1, id);
      return scalar(point);
    };
    sqlite3_stmt* range = prepare("SELECT sum(val) FROM items WHERE id >= ? AND id < ?");
    s.range_sum = [this, range](int from) {
      sqlite3_bind_int64(range, 1, from);
      sqlite3_bind_int64(range, 2, from + kRangeWidth);
      return scalar(range);
    };
    s.group_by = [this] {
      sqlite3_stmt* q = prepare("SELECT grp, count(*), sum(val) FROM items GROUP BY grp");
      std::int64_t groups = 0;
      while (sqlite3_step(q) == SQLITE_ROW) ++groups;
      sqlite3_finalize(q);
      return groups;
    };
    s.join = [this] {
      // items.val is in [0, 1000): every item finds its dim row.
      sqlite3_stmt* q = prepare("SELECT count(*) FROM items JOIN dim ON items.val = dim.id");
      std::int64_t n = scalar(q);
      sqlite3_finalize(q);
      return n;
    };
    return s;
  }
};

// --- HeliosDB -----------------------------------------------------------------

struct HeliosSide {
  std::unique_ptr<heliosdb::Database> db;
  std::optional<heliosdb::PreparedStatement> point, range;
  HeliosSide(const std::filesystem::path& path, const heliosdb::Config& config)
      : db(heliosdb::Database::open(path, config)) {
    db->execute("CREATE TABLE items (id BIGINT PRIMARY KEY, grp INT NOT NULL, val INT NOT NULL, name TEXT)");
    db->execute("CREATE TABLE dim (id INT PRIMARY KEY, label TEXT)");
  }

  Side side() {
    Side s;
    s.insert = [this](int rows) {
      auto tx = db->begin_transaction();
      auto ins = tx.prepare("INSERT INTO items VALUES ($1, $2, $3, $4)");
      for (int i = 0; i < rows; ++i)
        ins.execute({i, i % kGroups, static_cast<int>((i * 7919LL) % 1000), "item-" + std::to_string(i)});
      auto dim = tx.prepare("INSERT INTO dim VALUES ($1, $2)");
      for (int i = 0; i < kDimRows; ++i) dim.execute({i, "label-" + std::to_string(i)});
      tx.commit();
    };
    s.point_select = [this](int id) {
      if (!point) point = db->prepare("SELECT val FROM items WHERE id = $1");
      return point->query({id}).get_int(0, 0);
    };
    s.range_sum = [this](int from) {
      if (!range) range = db->prepare("SELECT sum(val) FROM items WHERE id >= $1 AND id < $2");
      return range->query({from, from + kRangeWidth}).get_int(0, 0);
    };
    s.group_by = [this] {
      return static_cast<std::int64_t>(db->query("SELECT grp, count(*), sum(val) FROM items GROUP BY grp").row_count());
    };
    s.join = [this] { return db->query("SELECT count(*) FROM items JOIN dim ON items.val = dim.id").get_int(0, 0); };
    return s;
  }
};

struct Line {
  std::string name;
  double helios_per_sec;
  double sqlite_per_sec;  // 0 when SQLite did not run (--only)
};

// Runs each workload on both sides, or only the one --only names on HeliosDB.
struct Runner {
  Side& helios;
  Side& sqlite;
  std::string only;
  std::vector<Line> lines;

  // `ops` is how many operations `fn` does.
  void measure(const std::string& key, const std::string& name, int ops, const std::function<std::int64_t(Side&)>& fn) {
    const bool profiling = !only.empty();
    if (profiling && key != only && key != "insert") return;
    std::int64_t a = 0, b = 0;
    double th = timed([&] { a = fn(helios); });
    double ts = profiling ? 0 : timed([&] { b = fn(sqlite); });
    if (!profiling && a != b) throw std::runtime_error(fmt::format("{}: results differ ({} vs {})", name, a, b));
    lines.push_back({name, ops / th, profiling ? 0 : ops / ts});
  }
};

}  // namespace

int main(int argc, char** argv) {
  Args args = parse(argc, argv);
  std::string templ = (args.dir / "heliosdb-vs-sqlite-XXXXXX").string();
  const char* made = ::mkdtemp(templ.data());
  if (made == nullptr) {
    fmt::print(stderr, "sqlite_compare: cannot make a directory under {}: {}\n", args.dir.string(),
               std::strerror(errno));
    return 1;
  }
  const std::filesystem::path dir = made;
  int status = 0;
  try {
    heliosdb::Config config;
    if (args.encrypted) config.encryption_key = heliosdb::EncryptionKey::generate();
    if (args.map_mib != 0) config.initial_map_size = args.map_mib << 20;
    HeliosSide helios_db(dir / "helios", config);
    SqliteSide sqlite_db(dir / "sqlite.db");
    Side helios = helios_db.side();
    Side sqlite = sqlite_db.side();
    const int n = args.rows;
    Runner run{helios, sqlite, args.only, {}};
    run.measure("insert", fmt::format("insert {} rows, one transaction", n), n, [&](Side& s) {
      s.insert(n);
      return std::int64_t{0};
    });
    std::mt19937 rng(42);
    std::vector<int> ids(100'000);
    for (int& id : ids) id = static_cast<int>(rng() % static_cast<unsigned>(n));
    run.measure("point", "point select by primary key (prepared)", static_cast<int>(ids.size()), [&](Side& s) {
      std::int64_t sum = 0;
      for (int id : ids) sum += s.point_select(id);
      return sum;
    });
    const int ranges = 1000;
    run.measure("range", fmt::format("range scan of {} rows (prepared)", kRangeWidth), ranges, [&](Side& s) {
      std::int64_t sum = 0;
      for (int i = 0; i < ranges; ++i) sum += s.range_sum(ids[static_cast<std::size_t>(i)]);
      return sum;
    });
    run.measure("group", fmt::format("GROUP BY over {} rows", n), 1, [&](Side& s) { return s.group_by(); });
    run.measure("join", fmt::format("hash join {} x {} rows", n, kDimRows), 1, [&](Side& s) { return s.join(); });
    const std::vector<Line>& lines = run.lines;

    if (args.encrypted) fmt::print("HeliosDB encrypted at rest\n");
    fmt::print("{:<44} {:>14} {:>14} {:>8}\n", "workload", "HeliosDB op/s", "SQLite op/s", "ratio");
    for (const Line& l : lines) {
      fmt::print("{:<44} {:>14.1f} {:>14.1f} {:>8.2f}\n", l.name, l.helios_per_sec, l.sqlite_per_sec,
                 l.sqlite_per_sec > 0 ? l.helios_per_sec / l.sqlite_per_sec : 0.0);
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "sqlite_compare: {}\n", e.what());
    status = 1;
  }
  std::filesystem::remove_all(dir);
  return status;
}

// Vector search benchmark: a deterministic clustered, normalised dataset with
// exact ground truth; FAISS in-process (the physical limit) beside the
// server measured over the wire with one and two connections. Prints, per
// index kind and search knob: build time, index memory, QPS and recall@10.
//
//   vector_bench --server build/server/heliosdb-lite [--rows 100000] [--dims 128] [--queries 1000] [--only hnsw]
#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <fmt/format.h>
#include <libpq-fe.h>
#include <omp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <latch>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "engine/vector/distance_kernels.hpp"
#include "engine/vector/hnsw_search.hpp"
#include "engine/vector/simd_flat.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct Dataset {
  std::size_t rows = 0, dims = 0;
  std::vector<float> data, queries;
  std::vector<std::vector<long>> truth;  // the 10 nearest ids (0-based) per query, by cosine
};

void normalise(float* v, std::size_t d) {
  double n = 0;
  for (std::size_t i = 0; i < d; ++i) n += double(v[i]) * v[i];
  n = std::sqrt(n);
  for (std::size_t i = 0; i < d; ++i) v[i] = float(v[i] / n);
}

// Clusters around random centres, every vector normalised, as embeddings are.
Dataset make_dataset(std::size_t rows, std::size_t dims, std::size_t queries) {
  Dataset ds{rows, dims, std::vector<float>(rows * dims), std::vector<float>(queries * dims), {}};
  std::mt19937 rng(20261202);
  std::normal_distribution<float> gauss(0, 1);
  const std::size_t clusters = std::max<std::size_t>(rows / 1000, 10);
  std::vector<float> centres(clusters * dims);
  for (float& x : centres) x = gauss(rng);
  auto sample = [&](float* out) {
    const std::size_t c = rng() % clusters;
    for (std::size_t j = 0; j < dims; ++j) out[j] = centres[c * dims + j] + 0.35f * gauss(rng);
    normalise(out, dims);
  };
  for (std::size_t i = 0; i < rows; ++i) sample(&ds.data[i * dims]);
  for (std::size_t i = 0; i < queries; ++i) sample(&ds.queries[i * dims]);
  faiss::IndexFlatIP exact(static_cast<int>(dims));
  exact.add(static_cast<faiss::Index::idx_t>(rows), ds.data.data());
  std::vector<float> dist(queries * 10);
  std::vector<faiss::Index::idx_t> ids(queries * 10);
  exact.search(static_cast<faiss::Index::idx_t>(queries), ds.queries.data(), 10, dist.data(), ids.data());
  for (std::size_t q = 0; q < queries; ++q) ds.truth.emplace_back(ids.begin() + q * 10, ids.begin() + q * 10 + 10);
  return ds;
}

double recall(const std::vector<long>& got, const std::vector<long>& truth) {
  std::set<long> t(truth.begin(), truth.end());
  std::size_t hit = 0;
  for (long g : got) hit += t.count(g);
  return double(hit) / double(truth.size());
}

std::string literal(const float* v, std::size_t d) {
  std::string s = "[";
  for (std::size_t i = 0; i < d; ++i) s += (i ? "," : "") + fmt::format("{}", v[i]);
  return s + "]";
}

// --- the server --------------------------------------------------------------

struct Server {
  pid_t pid = -1;
  int port = 0;
  std::filesystem::path dir;
  ~Server() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
    if (!dir.empty()) std::filesystem::remove_all(dir);
  }
};

PGconn* connect(int port) {
  PGconn* c = PQconnectdb(fmt::format("host=127.0.0.1 port={} user=postgres dbname=bench", port).c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string e = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error(e);
  }
  return c;
}

void exec(PGconn* c, const std::string& sql) {
  PGresult* r = PQexec(c, sql.c_str());
  const auto status = PQresultStatus(r);
  std::string error = PQresultErrorMessage(r);
  PQclear(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw std::runtime_error(sql + ": " + error);
}

std::string scalar(PGconn* c, const std::string& sql) {
  PGresult* r = PQexec(c, sql.c_str());
  std::string v = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
  PQclear(r);
  return v;
}

void start(Server& s, const std::string& binary) {
  s.dir = std::filesystem::temp_directory_path() / fmt::format("heliosdb-vbench-{}", getpid());
  s.port = 20000 + static_cast<int>(getpid() % 20000);
  s.pid = fork();
  if (s.pid == 0) {
    const std::string port = std::to_string(s.port);
    const std::string dir = s.dir.string();
    execl(binary.c_str(), binary.c_str(), "--log-level", "warn", "server", "--port", port.c_str(), "--data",
          dir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 200; ++i) {
    PGconn* c = PQconnectdb(fmt::format("host=127.0.0.1 port={} user=postgres dbname=bench", s.port).c_str());
    const bool ok = PQstatus(c) == CONNECTION_OK;
    PQfinish(c);
    if (ok) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("the server did not start");
}

void load(PGconn* c, const Dataset& ds) {
  exec(c, fmt::format("CREATE TABLE items (id int PRIMARY KEY, embedding vector({}))", ds.dims));
  PGresult* started = PQexec(c, "COPY items FROM STDIN");
  const bool copying = PQresultStatus(started) == PGRES_COPY_IN;
  PQclear(started);
  if (!copying) throw std::runtime_error(std::string("COPY: ") + PQerrorMessage(c));
  for (std::size_t i = 0; i < ds.rows; ++i) {
    std::string line = fmt::format("{}\t{}\n", i, literal(&ds.data[i * ds.dims], ds.dims));
    if (PQputCopyData(c, line.data(), static_cast<int>(line.size())) != 1) throw std::runtime_error("COPY failed");
  }
  PQputCopyEnd(c, nullptr);
  PGresult* r = PQgetResult(c);
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string error = PQresultErrorMessage(r);
  PQclear(r);
  while ((r = PQgetResult(c)) != nullptr) PQclear(r);
  if (!ok) throw std::runtime_error("COPY: " + error);
}

struct Measured {
  double qps = 0, recall = 0;
};

// Every query once over `clients` connections (each its own thread), the
// query vector a text parameter of a prepared statement. The clock starts
// once every connection is open and has prepared, as FAISS's starts with
// its index built.
Measured run_queries(int port, const Dataset& ds, int clients, const std::string& knob) {
  const std::size_t n = ds.truth.size();
  // The parameters' text is made before the clock starts, as FAISS gets
  // its queries as floats.
  std::vector<std::string> texts(n);
  for (std::size_t q = 0; q < n; ++q) texts[q] = literal(&ds.queries[q * ds.dims], ds.dims);
  std::vector<std::vector<long>> got(n);
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> threads;
  std::latch ready(clients + 1);
  for (int t = 0; t < clients; ++t) {
    threads.emplace_back([&] {
      PGconn* c = connect(port);
      if (!knob.empty()) exec(c, knob);
      PGresult* p = PQprepare(c, "knn", "SELECT id FROM items ORDER BY embedding <=> $1 LIMIT 10", 1, nullptr);
      PQclear(p);
      ready.arrive_and_wait();
      for (std::size_t q; (q = next++) < n;) {
        const char* values[] = {texts[q].c_str()};
        PGresult* r = PQexecPrepared(c, "knn", 1, values, nullptr, nullptr, 0);
        for (int i = 0; i < PQntuples(r); ++i) got[q].push_back(std::atol(PQgetvalue(r, i, 0)));
        PQclear(r);
      }
      PQfinish(c);
    });
  }
  ready.arrive_and_wait();
  const auto t0 = Clock::now();
  for (auto& t : threads) t.join();
  Measured m;
  m.qps = double(n) / seconds_since(t0);
  for (std::size_t q = 0; q < n; ++q) m.recall += recall(got[q], ds.truth[q]);
  m.recall /= double(n);
  return m;
}

void header();

void faiss_in_process(const Dataset& ds, const std::string& title, bool simd) {
  fmt::print("{}\n", title);
  faiss::IndexHNSWFlat hnsw(static_cast<int>(ds.dims), 16, faiss::METRIC_INNER_PRODUCT);
  if (simd) heliosdb::engine::use_simd_storage(hnsw);
  hnsw.hnsw.efConstruction = 200;
  omp_set_num_threads(omp_get_num_procs());
  auto t = Clock::now();
  hnsw.add(static_cast<faiss::Index::idx_t>(ds.rows), ds.data.data());
  const double build = seconds_since(t);
  omp_set_num_threads(1);  // one query, one thread: as the server searches
  header();
  const std::size_t queries = ds.truth.size();
  for (int ef : {16, 40, 100, 200}) {
    hnsw.hnsw.efSearch = ef;  // FAISS 1.7.3 ignores SearchParametersHNSW's efSearch
    std::vector<float> dist(10);
    std::vector<faiss::Index::idx_t> ids(10);
    double r = 0;
    t = Clock::now();
    for (std::size_t q = 0; q < queries; ++q) {
      hnsw.search(1, &ds.queries[q * ds.dims], 10, dist.data(), ids.data());
      r += recall(std::vector<long>(ids.begin(), ids.end()), ds.truth[q]);
    }
    fmt::print("{:<34} {:>10.2f} {:>14} {:>12.0f} {:>9.3f} {:>12} {:>9}\n", fmt::format("hnsw ef_search={}", ef), build,
               "-", double(queries) / seconds_since(t), r / double(queries), "-", "-");
  }
  if (simd) {
    // The server's own graph walk in-process: what its searches cost
    // before parsing, planning, reading rows and the wire.
    for (int ef : {16, 40, 100, 200}) {
      std::vector<float> dist;
      std::vector<std::int64_t> ids;
      double r = 0;
      t = Clock::now();
      for (std::size_t q = 0; q < queries; ++q) {
        heliosdb::engine::hnsw_search(hnsw, &ds.queries[q * ds.dims], 10, {ef, nullptr, nullptr}, dist, ids);
        r += recall(std::vector<long>(ids.begin(), ids.end()), ds.truth[q]);
      }
      fmt::print("{:<34} {:>10.2f} {:>14} {:>12.0f} {:>9.3f} {:>12} {:>9}\n",
                 fmt::format("heliosdb hnsw_search ef={}", ef), build, "-", double(queries) / seconds_since(t),
                 r / double(queries), "-", "-");
    }
  }
  fmt::print("\n");
}

void header() {
  fmt::print("{:<34} {:>10} {:>14} {:>12} {:>9} {:>12} {:>9}\n", "index / knob", "build s", "MiB / ratio", "QPS 1 conn",
             "recall", "QPS 2 conn", "recall");
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each line as it is measured
  std::string binary;
  std::size_t rows = 100000, dims = 128, queries = 1000;
  std::string only;  // one index kind ("exact", "hnsw", "hnsw + PQ 8x", ...): the rest is skipped
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--server") binary = argv[i + 1];
    if (a == "--rows") rows = std::stoul(argv[i + 1]);
    if (a == "--dims") dims = std::stoul(argv[i + 1]);
    if (a == "--queries") queries = std::stoul(argv[i + 1]);
    if (a == "--only") only = argv[i + 1];
  }
  if (binary.empty()) {
    fmt::print(stderr,
               "usage: vector_bench --server PATH/heliosdb-lite [--rows N] [--dims D] [--queries Q] [--only KIND]\n");
    return 2;
  }
  try {
    auto t = Clock::now();
    Dataset ds = make_dataset(rows, dims, queries);
    fmt::print("dataset: {} x {} normalised, {} queries, ground truth in {:.1f} s\n\n", rows, dims, queries,
               seconds_since(t));

    // FAISS in-process: the limit a server built on it can approach. Twice:
    // with the distance kernels Debian's FAISS was built with (scalar on
    // x86-64), and over the SIMD storage the server's HNSW indexes use.
    faiss_in_process(ds,
                     "FAISS in-process (HNSW flat, inner product, M=16, efConstruction=200), its own kernels:", false);
    faiss_in_process(ds,
                     fmt::format("FAISS in-process over heliosdb's SimdFlat storage ({} kernels):",
                                 heliosdb::engine::chosen_distance_kernels().name),
                     true);

    fmt::print("heliosdb-lite over the wire (libpq, prepared statement, text parameter):\n");
    Server server;
    start(server, binary);
    PGconn* c = connect(server.port);
    t = Clock::now();
    load(c, ds);
    fmt::print("COPY of {} vectors: {:.1f} s\n", rows, seconds_since(t));
    header();
    if (only.empty() || only == "exact") {
      const Measured one = run_queries(server.port, ds, 1, "");
      const Measured two = run_queries(server.port, ds, 2, "");
      fmt::print("{:<34} {:>10} {:>14} {:>12.0f} {:>9.3f} {:>12.0f} {:>9.3f}\n", "exact (no index)", "-", "-", one.qps,
                 one.recall, two.qps, two.recall);
    }
    struct Kind {
      const char* name;
      std::string create;
      const char* knob;
      std::vector<int> values;
    };
    // 8x and 16x smaller than flat float32: a byte per subquantizer.
    const std::string pq = fmt::format("pq_subquantizers = {}", dims / 4);
    const std::string pq8 = fmt::format("pq_subquantizers = {}", dims / 2);
    const std::vector<Kind> kinds = {
        {"hnsw",
         "USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 200)",
         "hnsw.ef_search",
         {16, 40, 100, 200}},
        {"hnsw + PQ 8x",
         "USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 200, "
         "quantization = 'product', " +
             pq8 + ")",
         "hnsw.ef_search",
         {40, 100, 200}},
        {"hnsw + PQ 16x",
         "USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 200, "
         "quantization = 'product', " +
             pq + ")",
         "hnsw.ef_search",
         {40, 100, 200}},
        {"ivfpq",
         fmt::format("USING ivfpq (embedding vector_cosine_ops) WITH (lists = {}, {})",
                     std::max<std::size_t>(rows / 1000, 10), pq),
         "ivf.probes",
         {1, 8, 32}},
    };
    for (const Kind& k : kinds) {
      if (!only.empty() && only != k.name) continue;
      t = Clock::now();
      exec(c, "CREATE INDEX vi ON items " + k.create);
      const double build = seconds_since(t);
      const std::string mib = scalar(c,
                                     "SELECT round(memory_bytes / 1048576.0, 1) || ' / ' || "
                                     "round(compression_ratio::numeric, 0) || 'x' FROM pg_vector_index_stats()");
      for (int v : k.values) {
        const std::string knob = fmt::format("SET {} = {}", k.knob, v);
        const Measured one = run_queries(server.port, ds, 1, knob);
        const Measured two = run_queries(server.port, ds, 2, knob);
        fmt::print("{:<34} {:>10.2f} {:>14} {:>12.0f} {:>9.3f} {:>12.0f} {:>9.3f}\n",
                   fmt::format("{} {}={}", k.name, k.knob, v), build, mib, one.qps, one.recall, two.qps, two.recall);
      }
      exec(c, "DROP INDEX vi");
    }
    PQfinish(c);
  } catch (const std::exception& e) {
    fmt::print(stderr, "vector_bench: {}\n", e.what());
    return 1;
  }
  return 0;
}

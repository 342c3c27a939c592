#include "engine/vector/ann_index.hpp"

#include "storage/store_cipher.hpp"

#include <unistd.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "tests/unit/engine/vector/vector_data.hpp"

using namespace heliosdb::engine;

namespace {

constexpr int kDims = 8;

VectorIndexDef def(const std::string& method, VectorMetric metric,
                   std::vector<std::pair<std::string, std::int64_t>> options, const std::string& quantization = "") {
  VectorIndexDef d;
  d.oid = 1;
  d.name = "i";
  d.column = 0;
  d.method = method;
  d.metric = metric;
  d.options = std::move(options);
  d.quantization = quantization;
  return d;
}

std::vector<float> random_vectors(std::size_t n, unsigned seed) { return testing::random_vectors(n, kDims, seed); }

std::vector<std::string> keys(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back("k" + std::to_string(i));
  return out;
}

std::vector<std::string> exact(const std::vector<float>& data, std::span<const float> q, std::size_t k) {
  std::vector<std::string> out;
  for (std::int64_t row : testing::nearest_rows(data, kDims, q.data(), k, false))
    out.push_back("k" + std::to_string(row));
  return out;
}

std::vector<std::string> keys_of(const std::vector<AnnCandidate>& found) {
  std::vector<std::string> out;
  for (const AnnCandidate& c : found) out.push_back(c.key);
  return out;
}

// A directory of its own, removed at the end.
struct TempDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("heliosdb-ann-" + std::to_string(::getpid()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() { std::filesystem::remove_all(path); }
};

}  // namespace

TEST_CASE("an HNSW index finds the exact neighbours of a small set", "[vector]") {
  AnnIndex index(def("hnsw", VectorMetric::kL2, {{"m", 16}, {"ef_construction", 64}}), kDims);
  const auto data = random_vectors(500, 1);
  index.add_batch(keys(500), data);
  CHECK(index.serving());
  CHECK(index.size() == 500);
  std::span<const float> q(data.data() + 7 * kDims, kDims);
  auto got = keys_of(index.search(q, 10, {200, 1}));
  CHECK(got.size() == 10);
  CHECK(got.front() == "k7");
  auto want = exact(data, q, 10);
  CHECK(std::set<std::string>(got.begin(), got.end()) == std::set<std::string>(want.begin(), want.end()));
  // Asking for more than there is gives what there is.
  CHECK(index.search(q, 1000, {40, 1}).size() == 500);
}

TEST_CASE("a row's new vector is added beside the old one; the same vector again adds nothing", "[vector]") {
  AnnIndex index(def("hnsw", VectorMetric::kL2, {}), kDims);
  const auto data = random_vectors(3, 2);
  index.add_batch(keys(3), data);
  index.add("k0", std::span<const float>(data.data(), kDims));
  CHECK(index.stats().num_vectors == 3);
  CHECK(index.stats().deleted_vectors == 0);
  std::vector<float> moved(kDims, 100.0f);
  index.add("k0", moved);
  CHECK(index.stats().num_vectors == 4);
  CHECK(index.stats().deleted_vectors == 1);
  // Both entries lead to k0; each carries its own vector's fingerprint.
  auto got = index.search(moved, 4, {40, 1});
  REQUIRE(got.size() == 4);
  CHECK(got.front().key == "k0");
  CHECK(got.front().fingerprint == AnnIndex::fingerprint(moved));
  CHECK(std::count_if(got.begin(), got.end(), [](const AnnCandidate& c) { return c.key == "k0"; }) == 2);
  CHECK(AnnIndex::fingerprint(std::span<const float>(data.data(), kDims)) != AnnIndex::fingerprint(moved));
  index.note_removed("k1");
  CHECK(index.stats().deleted_vectors == 2);
}

TEST_CASE("quantized and IVF indexes serve once trained, not before", "[vector]") {
  AnnIndex ivfpq(
      def("ivfpq", VectorMetric::kL2, {{"lists", 4}, {"pq_subquantizers", 4}, {"pq_centroids", 16}}, "product"), kDims);
  const auto data = random_vectors(200, 3);
  ivfpq.add_batch({"a"}, std::vector<float>(data.begin(), data.begin() + kDims));
  CHECK_FALSE(ivfpq.serving());
  CHECK(ivfpq.search(std::span<const float>(data.data(), kDims), 5, {}).empty());
  ivfpq.add_batch(keys(200), data);
  CHECK(ivfpq.serving());
  CHECK(ivfpq.stats().compression_ratio == 16.0);  // 8 floats (32 bytes) in 4 codes of 4 bits
  // Probing one list may find too few: it probes more until k are found.
  CHECK(ivfpq.search(std::span<const float>(data.data(), kDims), 50, {1, 1}).size() == 50);

  AnnIndex hnsw_pq(def("hnsw", VectorMetric::kInnerProduct, {{"pq_subquantizers", 2}, {"pq_centroids", 16}}, "product"),
                   kDims);
  hnsw_pq.add_batch(keys(200), data);
  CHECK(hnsw_pq.serving());
  CHECK(hnsw_pq.oversampling() > 1);
  CHECK(hnsw_pq.search(std::span<const float>(data.data(), kDims), 10, {40, 1}).size() == 10);
}

TEST_CASE("cosine indexes rank by angle, not length", "[vector]") {
  AnnIndex index(def("hnsw", VectorMetric::kCosine, {}), 2);
  index.add_batch({"short", "long", "across"}, {1, 0.1f, 100, 12, 0, 1});
  std::vector<float> q{1, 0.1f};
  auto got = keys_of(index.search(q, 3, {40, 1}));
  REQUIRE(got.size() == 3);
  CHECK(got[2] == "across");
  CHECK(std::set<std::string>{got[0], got[1]} == std::set<std::string>{"short", "long"});
}

TEST_CASE("a saved index reads back with its entries, and only for the same definition", "[vector]") {
  TempDir dir;
  const auto base = dir.path / "idx";
  const auto d = def("hnsw", VectorMetric::kCosine, {{"m", 8}, {"ef_construction", 40}});
  const auto data = random_vectors(300, 5);
  AnnIndex index(d, kDims);
  index.set_key_columns({0});
  index.add_batch(keys(300), data);
  std::vector<float> moved(kDims, 3.0f);
  index.add("k1", moved);
  index.save(base, 42, nullptr);

  std::uint64_t covered = 0;
  auto copy = AnnIndex::load(base, d, kDims, {0}, &covered, nullptr);
  REQUIRE(copy);
  CHECK(covered == 42);
  CHECK(copy->stats().num_vectors == 301);
  CHECK(copy->stats().deleted_vectors == 1);
  std::span<const float> q(data.data() + 9 * kDims, kDims);
  CHECK(keys_of(copy->search(q, 10, {100, 1})) == keys_of(index.search(q, 10, {100, 1})));
  CHECK(std::chrono::duration_cast<std::chrono::seconds>(copy->built_at() - index.built_at()).count() == 0);
  // The row's newest vector is known: adding it again adds nothing.
  copy->add("k1", moved);
  CHECK(copy->stats().num_vectors == 301);

  CHECK_FALSE(AnnIndex::load(base, d, kDims + 1, {0}, &covered, nullptr));  // another dimension
  CHECK_FALSE(AnnIndex::load(base, d, kDims, {1}, &covered, nullptr));      // rows keyed otherwise
  auto other = def("hnsw", VectorMetric::kL2, {{"m", 8}, {"ef_construction", 40}});
  CHECK_FALSE(AnnIndex::load(base, other, kDims, {0}, &covered, nullptr));  // another metric
  CHECK_FALSE(AnnIndex::load(dir.path / "none", d, kDims, {0}, &covered, nullptr));
  // A damaged copy is refused, not trusted.
  std::filesystem::resize_file(dir.path / "idx.keys", std::filesystem::file_size(dir.path / "idx.keys") - 5);
  CHECK_FALSE(AnnIndex::load(base, d, kDims, {0}, &covered, nullptr));
}

TEST_CASE("a holding index gives what it was given meanwhile to the copy it adopts, or to itself", "[vector]") {
  TempDir dir;
  const auto base = dir.path / "idx";
  const auto d = def("ivfflat", VectorMetric::kL2, {{"lists", 2}});
  const auto data = random_vectors(100, 6);
  {
    AnnIndex index(d, kDims);
    index.add_batch(keys(100), data);
    REQUIRE(index.serving());
    index.save(base, 7, nullptr);
  }
  std::vector<float> extra(kDims, 9.0f);
  AnnIndex holding(d, kDims, true);
  holding.add("new", extra);
  holding.add("k0", std::span<const float>(data.data(), kDims));
  std::uint64_t covered = 0;
  auto copy = AnnIndex::load(base, d, kDims, {}, &covered, nullptr);
  REQUIRE(copy);
  holding.adopt(std::move(*copy));
  CHECK(holding.stats().num_vectors == 101);  // k0's vector was there already
  auto got = holding.search(extra, 1, {1, 1});
  REQUIRE(got.size() == 1);
  CHECK(got.front().key == "new");

  AnnIndex released(d, kDims, true);
  released.add_batch(keys(100), data);
  CHECK(released.search(extra, 1, {1, 1}).empty());  // held aside, not in the structure
  released.release();
  CHECK(released.serving());
  CHECK(released.search(extra, 1, {1, 1}).size() == 1);
}

TEST_CASE("every kind of index saves and reads back", "[vector]") {
  TempDir dir;
  const auto data = random_vectors(300, 8);
  for (const auto& d : {def("hnsw", VectorMetric::kL2, {{"pq_subquantizers", 2}, {"pq_centroids", 16}}, "product"),
                        def("ivfpq", VectorMetric::kInnerProduct,
                            {{"lists", 4}, {"pq_subquantizers", 4}, {"pq_centroids", 16}}, "product"),
                        def("ivfflat", VectorMetric::kCosine, {{"lists", 4}})}) {
    INFO(d.method << " " << d.quantization);
    AnnIndex index(d, kDims);
    index.add_batch(keys(300), data);
    REQUIRE(index.serving());
    index.save(dir.path / d.method, 1, nullptr);
    std::uint64_t covered = 0;
    auto copy = AnnIndex::load(dir.path / d.method, d, kDims, {}, &covered, nullptr);
    REQUIRE(copy);
    std::span<const float> q(data.data(), kDims);
    CHECK(keys_of(copy->search(q, 5, {40, 4})) == keys_of(index.search(q, 5, {40, 4})));
    // It goes on taking vectors as the original would.
    std::vector<float> extra(kDims, 0.5f);
    copy->add("extra", extra);
    CHECK(copy->stats().num_vectors == 301);
  }
}

namespace {

// Keeps the keys whose number is a multiple of three; throws for "k7" when asked to.
class EveryThird : public AnnEntryFilter {
 public:
  bool throw_on_seven = false;
  bool keep(const std::string& key, std::uint64_t) override {
    const int n = std::stoi(key.substr(1));
    if (throw_on_seven && n == 7) throw std::runtime_error("filter failed");
    return n % 3 == 0;
  }
};

}  // namespace

TEST_CASE("a filtered search returns only the entries the filter keeps, for HNSW and IVF", "[vector]") {
  const auto data = random_vectors(1200, 11);
  for (const char* method : {"hnsw", "ivfflat"}) {
    INFO(method);
    AnnIndex index(def(method, VectorMetric::kL2, {{"m", 16}, {"lists", 10}}), kDims);
    index.add_batch(keys(1200), data);
    REQUIRE(index.serving());
    std::span<const float> q(data.data() + 5 * kDims, kDims);
    EveryThird filter;
    auto got = index.search(q, 10, {100, 10}, &filter);
    REQUIRE(got.size() == 10);
    for (const AnnCandidate& c : got) CHECK(std::stoi(c.key.substr(1)) % 3 == 0);
    // The truth among the kept keys: every third row's own exact neighbours.
    std::vector<float> kept;
    for (std::size_t i = 0; i < 1200; i += 3)
      kept.insert(kept.end(), data.begin() + i * kDims, data.begin() + (i + 1) * kDims);
    std::set<std::string> truth;
    for (const std::string& k : exact(kept, q, 10)) truth.insert("k" + std::to_string(std::stoi(k.substr(1)) * 3));
    std::size_t hits = 0;
    for (const AnnCandidate& c : got) hits += truth.contains(c.key) ? 1 : 0;
    CHECK(hits >= 9);
    EveryThird failing;
    failing.throw_on_seven = true;
    CHECK_THROWS_WITH(index.search(std::span<const float>(data.data() + 7 * kDims, kDims), 10, {100, 10}, &failing),
                      "filter failed");
  }
}

TEST_CASE("an encrypted store's saved index is sealed: no vector readable, only its key opens it", "[vector]") {
  TempDir dir;
  const auto base = dir.path / "idx";
  const auto d = def("hnsw", VectorMetric::kL2, {{"m", 8}, {"ef_construction", 40}});
  std::vector<float> data = random_vectors(200, 11);
  data[0] = 1234.5f;  // a value to look for in the files
  AnnIndex index(d, kDims);
  index.set_key_columns({0});
  index.add_batch(keys(200), data);
  const heliosdb::storage::StoreCipher cipher(heliosdb::storage::generate_key(), "salt");
  index.save(base, 9, &cipher);

  for (const char* suffix : {".faiss", ".keys"}) {
    std::ifstream in(base.string() + suffix, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const float needle = 1234.5f;
    CHECK(bytes.find(std::string_view(reinterpret_cast<const char*>(&needle), sizeof needle)) == std::string::npos);
    CHECK(bytes.find("k199") == std::string::npos);
  }
  std::uint64_t covered = 0;
  auto copy = AnnIndex::load(base, d, kDims, {0}, &covered, &cipher);
  REQUIRE(copy);
  CHECK(covered == 9);
  CHECK(copy->stats().num_vectors == 200);
  const heliosdb::storage::StoreCipher other(heliosdb::storage::generate_key(), "salt");
  CHECK_FALSE(AnnIndex::load(base, d, kDims, {0}, &covered, &other));
  CHECK_FALSE(AnnIndex::load(base, d, kDims, {0}, &covered, nullptr));
}

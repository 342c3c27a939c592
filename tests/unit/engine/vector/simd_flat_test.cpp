#include "engine/vector/simd_flat.hpp"

#include <faiss/IndexHNSW.h>
#include <faiss/IndexPQ.h>
#include <faiss/impl/io.h>
#include <faiss/index_io.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <random>
#include <set>

#include "engine/vector/hnsw_search.hpp"
#include "tests/unit/engine/vector/vector_data.hpp"

using namespace heliosdb::engine;

namespace {

constexpr int kDims = 24;  // not a multiple of 32: the kernels' tails count too
constexpr int kRows = 2000;

std::vector<float> random_vectors(std::size_t n, unsigned seed) { return testing::random_vectors(n, kDims, seed); }

std::set<std::int64_t> nearest(const std::vector<float>& data, const float* q, std::size_t k, bool inner) {
  return testing::nearest_set(data, kDims, q, k, inner);
}

bool simd_storage(const faiss::IndexHNSW& index) { return dynamic_cast<const SimdFlat*>(index.storage) != nullptr; }

}  // namespace

TEST_CASE("an HNSW graph linked and searched over SimdFlat storage finds the nearest entries", "[vector]") {
  const auto data = random_vectors(kRows, 21);
  const auto queries = random_vectors(40, 22);
  for (const bool inner : {false, true}) {
    INFO("inner product: " << inner);
    faiss::IndexHNSWFlat index(kDims, 16, inner ? faiss::METRIC_INNER_PRODUCT : faiss::METRIC_L2);
    use_simd_storage(index);
    REQUIRE(simd_storage(index));
    index.hnsw.efConstruction = 64;
    index.add(kRows, data.data());
    CHECK(index.storage->ntotal == kRows);
    double ours = 0, faiss_own = 0;
    for (int q = 0; q < 40; ++q) {
      const float* query = &queries[static_cast<std::size_t>(q * kDims)];
      const auto truth = nearest(data, query, 10, inner);
      std::vector<float> distances;
      std::vector<std::int64_t> labels;
      hnsw_search(index, query, 10, {200, nullptr, nullptr}, distances, labels);
      REQUIRE(labels.size() == 10);
      CHECK(std::is_sorted(distances.begin(), distances.end()));
      for (std::int64_t id : labels) ours += truth.contains(id) ? 0.1 : 0;
      // FAISS's own search goes through the storage's distance computer.
      index.hnsw.efSearch = 200;
      std::vector<float> fd(10);
      std::vector<faiss::Index::idx_t> fl(10);
      index.search(1, query, 10, fd.data(), fl.data());
      for (faiss::Index::idx_t id : fl) faiss_own += truth.contains(id) ? 0.1 : 0;
      // The distance is the measure the index is for (inner product negated by our search).
      double want = 0;
      for (int j = 0; j < kDims; ++j) {
        const double a = data[static_cast<std::size_t>(labels[0] * kDims + j)];
        want += inner ? -a * query[j] : (a - query[j]) * (a - query[j]);
      }
      CHECK(distances[0] == Approx(want).epsilon(1e-5));
    }
    CHECK(ours / 40 >= 0.98);
    CHECK(faiss_own / 40 >= 0.98);
  }
}

TEST_CASE("a saved HNSW index reads back as FAISS's flat storage and searches alike once swapped", "[vector]") {
  const auto data = random_vectors(kRows, 23);
  faiss::IndexHNSWFlat index(kDims, 16);
  use_simd_storage(index);
  index.add(kRows, data.data());
  faiss::VectorIOWriter writer;
  faiss::write_index(&index, &writer);
  faiss::VectorIOReader reader;
  reader.data = std::move(writer.data);
  std::unique_ptr<faiss::Index> loaded(faiss::read_index(&reader));
  auto* hnsw = dynamic_cast<faiss::IndexHNSW*>(loaded.get());
  REQUIRE(hnsw != nullptr);
  CHECK_FALSE(simd_storage(*hnsw));
  use_simd_storage(*loaded);
  REQUIRE(simd_storage(*hnsw));
  CHECK(hnsw->storage->ntotal == kRows);
  std::vector<float> row(kDims);
  hnsw->storage->reconstruct(1234, row.data());
  CHECK(std::equal(row.begin(), row.end(), data.begin() + 1234 * kDims));
  const auto queries = random_vectors(20, 24);
  for (int q = 0; q < 20; ++q) {
    const float* query = &queries[static_cast<std::size_t>(q * kDims)];
    std::vector<float> d1, d2;
    std::vector<std::int64_t> l1, l2;
    hnsw_search(index, query, 10, {40, nullptr, nullptr}, d1, l1);
    hnsw_search(*hnsw, query, 10, {40, nullptr, nullptr}, d2, l2);
    CHECK(l1 == l2);
    CHECK(d1 == d2);
  }
  // Swapping twice changes nothing.
  const faiss::Index* storage = hnsw->storage;
  use_simd_storage(*loaded);
  CHECK(hnsw->storage == storage);
}

TEST_CASE("storage that is not plain flat vectors keeps FAISS's own", "[vector]") {
  const auto data = random_vectors(kRows, 25);
  faiss::IndexHNSWPQ pq(kDims, 4, 16);
  pq.train(kRows, data.data());
  const faiss::Index* before = pq.storage;
  use_simd_storage(pq);
  CHECK(pq.storage == before);
  faiss::IndexFlatL2 flat(kDims);
  flat.add(kRows, data.data());
  use_simd_storage(flat);  // not a graph: nothing to do
  CHECK(flat.ntotal == kRows);
  // A graph over PQ codes still searches through FAISS's computer.
  pq.add(kRows, data.data());
  std::vector<float> distances;
  std::vector<std::int64_t> labels;
  hnsw_search(pq, data.data(), 10, {64, nullptr, nullptr}, distances, labels);
  REQUIRE(labels.size() == 10);
  CHECK(std::find(labels.begin(), labels.end(), 0) != labels.end());
}

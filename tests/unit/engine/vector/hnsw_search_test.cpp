#include "engine/vector/hnsw_search.hpp"

#include <faiss/IndexHNSW.h>
#include <faiss/impl/IDSelector.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <set>

#include "tests/unit/engine/vector/vector_data.hpp"

using namespace heliosdb::engine;

namespace {

constexpr int kDims = 16;
constexpr int kRows = 3000;

std::vector<float> random_vectors(std::size_t n, unsigned seed) { return testing::random_vectors(n, kDims, seed); }

struct EvenIds : faiss::IDSelector {
  mutable int asked = 0;
  bool is_member(faiss::Index::idx_t id) const override {
    ++asked;
    return id % 2 == 0;
  }
};

double recall(const std::vector<std::int64_t>& got, const std::set<std::int64_t>& truth) {
  std::size_t hit = 0;
  for (std::int64_t id : got) hit += truth.contains(id) ? 1 : 0;
  return static_cast<double>(hit) / static_cast<double>(truth.size());
}

}  // namespace

TEST_CASE("the graph search finds the nearest entries, nearest first, at the beam width it is given", "[vector]") {
  const auto data = random_vectors(kRows, 3);
  for (const bool inner : {false, true}) {
    faiss::IndexHNSWFlat index(kDims, 16, inner ? faiss::METRIC_INNER_PRODUCT : faiss::METRIC_L2);
    index.hnsw.efConstruction = 64;
    index.add(kRows, data.data());
    const auto queries = random_vectors(50, 4);
    double narrow = 0, wide = 0;
    for (int q = 0; q < 50; ++q) {
      const float* query = &queries[static_cast<std::size_t>(q * kDims)];
      const auto truth = testing::nearest_set(data, kDims, query, 10, inner);
      std::vector<float> distances;
      std::vector<std::int64_t> labels;
      hnsw_search(index, query, 10, {1, nullptr, nullptr}, distances, labels);
      REQUIRE(labels.size() == 10);
      narrow += recall(labels, truth);
      hnsw_search(index, query, 10, {200, nullptr, nullptr}, distances, labels);
      REQUIRE(labels.size() == 10);
      CHECK(std::is_sorted(distances.begin(), distances.end()));
      wide += recall(labels, truth);
    }
    INFO("inner product: " << inner);
    CHECK(wide / 50 >= 0.98);
    CHECK(narrow < wide);  // ef really applies
  }
}

TEST_CASE("a selector's entries are the only ones returned, and the walk goes through the others", "[vector]") {
  const auto data = random_vectors(kRows, 5);
  faiss::IndexHNSWFlat index(kDims, 16);
  index.hnsw.efConstruction = 64;
  index.add(kRows, data.data());
  const auto queries = random_vectors(30, 6);
  double total = 0;
  for (int q = 0; q < 30; ++q) {
    const float* query = &queries[static_cast<std::size_t>(q * kDims)];
    EvenIds even;
    std::vector<float> distances;
    std::vector<std::int64_t> labels;
    hnsw_search(index, query, 10, {64, &even, nullptr}, distances, labels);
    REQUIRE(labels.size() == 10);
    for (std::int64_t id : labels) CHECK(id % 2 == 0);
    total +=
        recall(labels, testing::nearest_set(data, kDims, query, 10, false, [](std::int64_t i) { return i % 2 == 0; }));
  }
  CHECK(total / 30 >= 0.95);
}

TEST_CASE("a search told to stop ends with what it has", "[vector]") {
  const auto data = random_vectors(kRows, 7);
  faiss::IndexHNSWFlat index(kDims, 16);
  index.add(kRows, data.data());
  const bool stop = true;
  EvenIds even;
  std::vector<float> distances;
  std::vector<std::int64_t> labels;
  hnsw_search(index, data.data(), 10, {64, &even, &stop}, distances, labels);
  CHECK(labels.size() <= 1);
  CHECK(even.asked <= 1);
  faiss::IndexHNSWFlat empty(kDims, 16);
  hnsw_search(empty, data.data(), 10, {64, nullptr, nullptr}, distances, labels);
  CHECK(labels.empty());
}

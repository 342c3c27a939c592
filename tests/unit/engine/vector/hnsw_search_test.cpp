#include "engine/vector/hnsw_search.hpp"

#include <faiss/IndexHNSW.h>
#include <faiss/impl/IDSelector.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <set>

using namespace heliosdb::engine;

namespace {

constexpr int kDims = 16;
constexpr int kRows = 3000;

std::vector<float> random_vectors(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> gauss(0, 1);
  std::vector<float> out(n * kDims);
  for (float& x : out) x = gauss(rng);
  return out;
}

// The k nearest by squared L2 (or largest inner product) among the rows `keep` accepts.
template <typename Keep>
std::set<std::int64_t> brute_force(const std::vector<float>& data, const float* q, std::size_t k, bool inner,
                                   Keep keep) {
  std::vector<std::pair<float, std::int64_t>> d;
  for (std::int64_t i = 0; i < kRows; ++i) {
    if (!keep(i)) continue;
    float s = 0;
    for (int j = 0; j < kDims; ++j) {
      const float a = data[static_cast<std::size_t>(i * kDims + j)];
      s += inner ? -a * q[j] : (a - q[j]) * (a - q[j]);
    }
    d.emplace_back(s, i);
  }
  std::sort(d.begin(), d.end());
  std::set<std::int64_t> out;
  for (std::size_t i = 0; i < k && i < d.size(); ++i) out.insert(d[i].second);
  return out;
}

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
      const auto truth = brute_force(data, query, 10, inner, [](std::int64_t) { return true; });
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
    total += recall(labels, brute_force(data, query, 10, false, [](std::int64_t i) { return i % 2 == 0; }));
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

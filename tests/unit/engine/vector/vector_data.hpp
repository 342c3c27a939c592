#pragma once
// Data for the vector index tests: random vectors and the exact answer a
// search is held to.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <random>
#include <set>
#include <utility>
#include <vector>

namespace heliosdb::engine::testing {

/// n vectors of `dims` normal floats, row after row, the same for a seed.
inline std::vector<float> random_vectors(std::size_t n, std::size_t dims, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> gauss(0, 1);
  std::vector<float> out(n * dims);
  for (float& x : out) x = gauss(rng);
  return out;
}

/// The ids of the k rows of `data` nearest `q` among those `keep` accepts
/// (null: all), nearest first: by squared L2, or by largest inner product,
/// summed in double.
inline std::vector<std::int64_t> nearest_rows(const std::vector<float>& data, std::size_t dims, const float* q,
                                              std::size_t k, bool inner,
                                              const std::function<bool(std::int64_t)>& keep = nullptr) {
  std::vector<std::pair<double, std::int64_t>> d;
  const auto rows = static_cast<std::int64_t>(data.size() / dims);
  for (std::int64_t i = 0; i < rows; ++i) {
    if (keep && !keep(i)) continue;
    double s = 0;
    for (std::size_t j = 0; j < dims; ++j) {
      const double a = data[static_cast<std::size_t>(i) * dims + j];
      s += inner ? -a * q[j] : (a - q[j]) * (a - q[j]);
    }
    d.emplace_back(s, i);
  }
  std::sort(d.begin(), d.end());
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < k && i < d.size(); ++i) out.push_back(d[i].second);
  return out;
}

/// The same as a set, for recall.
inline std::set<std::int64_t> nearest_set(const std::vector<float>& data, std::size_t dims, const float* q,
                                          std::size_t k, bool inner,
                                          const std::function<bool(std::int64_t)>& keep = nullptr) {
  const std::vector<std::int64_t> rows = nearest_rows(data, dims, q, k, inner, keep);
  return {rows.begin(), rows.end()};
}

}  // namespace heliosdb::engine::testing

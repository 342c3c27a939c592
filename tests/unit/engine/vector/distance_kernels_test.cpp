#include "engine/vector/distance_kernels.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace heliosdb::engine;

namespace {

struct Sums {
  double squared_l2 = 0, inner_product = 0, magnitude = 0;  // magnitude: the terms' absolute sum, for the tolerance
};

Sums reference(const std::vector<float>& a, const std::vector<float>& b) {
  Sums s;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double d = double(a[i]) - double(b[i]);
    s.squared_l2 += d * d;
    s.inner_product += double(a[i]) * double(b[i]);
    s.magnitude += std::fabs(double(a[i]) * double(b[i])) + d * d;
  }
  return s;
}

}  // namespace

TEST_CASE("every distance kernel this CPU runs sums what a double-precision loop sums", "[vector]") {
  const std::vector<DistanceKernels> kernels = runnable_distance_kernels();
  REQUIRE(!kernels.empty());
  CHECK(std::string(kernels.back().name) == chosen_distance_kernels().name);
  std::mt19937 rng(11);
  std::normal_distribution<float> gauss(0, 3);
  // Lengths around every lane and unroll boundary, and the common sizes.
  std::vector<std::size_t> lengths;
  for (std::size_t n = 0; n <= 70; ++n) lengths.push_back(n);
  for (std::size_t n : {127, 128, 129, 384, 768, 1536, 16000}) lengths.push_back(n);
  for (const DistanceKernels& k : kernels) {
    INFO("kernel " << k.name);
    for (std::size_t n : lengths) {
      INFO("length " << n);
      std::vector<float> a(n), b(n);
      for (std::size_t i = 0; i < n; ++i) {
        a[i] = gauss(rng);
        b[i] = gauss(rng);
      }
      const Sums want = reference(a, b);
      // A float sum of n terms in any order is within n ulps of the exact one.
      const double tolerance = 1e-7 * double(n + 1) * want.magnitude + 1e-30;
      CHECK(std::fabs(double(k.squared_l2(a.data(), b.data(), n)) - want.squared_l2) <= tolerance);
      CHECK(std::fabs(double(k.inner_product(a.data(), b.data(), n)) - want.inner_product) <= tolerance);
      // Unaligned starts: the kernels load without alignment.
      if (n > 1) {
        std::vector<float> a1(a.begin() + 1, a.end()), b1(b.begin() + 1, b.end());
        const Sums shifted = reference(a1, b1);
        const double tol1 = 1e-7 * double(n) * shifted.magnitude + 1e-30;
        CHECK(std::fabs(double(k.squared_l2(a.data() + 1, b.data() + 1, n - 1)) - shifted.squared_l2) <= tol1);
        CHECK(std::fabs(double(k.inner_product(a.data() + 1, b.data() + 1, n - 1)) - shifted.inner_product) <= tol1);
      }
    }
    const float x[3] = {1, 2, 3}, y[3] = {1, 2, 3};
    CHECK(k.squared_l2(x, y, 3) == 0.0f);
    CHECK(k.inner_product(x, y, 3) == 14.0f);
    CHECK(k.squared_l2(x, y, 0) == 0.0f);
  }
  // The dispatching entry points are the chosen kernels.
  const float p[9] = {1, -2, 3, 4, 5, 6, 7, 8, 9}, q[9] = {0, 1, 0, 1, 0, 1, 0, 1, -1};
  CHECK(squared_l2_kernel(p, q, 9) == chosen_distance_kernels().squared_l2(p, q, 9));
  CHECK(inner_product_kernel(p, q, 9) == chosen_distance_kernels().inner_product(p, q, 9));
}

#include "engine/vector/distance_kernels.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace heliosdb::engine {

namespace {

// Eight independent partial sums: without -ffast-math a compiler may not
// reorder a float sum, so one accumulator is one add per element in series.
template <typename Term>
float portable_sum(std::size_t n, Term term) {
  float lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    for (std::size_t j = 0; j < 8; ++j) lanes[j] += term(i + j);
  }
  float sum = ((lanes[0] + lanes[4]) + (lanes[1] + lanes[5])) + ((lanes[2] + lanes[6]) + (lanes[3] + lanes[7]));
  for (; i < n; ++i) sum += term(i);
  return sum;
}

float portable_squared_l2(const float* a, const float* b, std::size_t n) {
  return portable_sum(n, [&](std::size_t i) {
    const float d = a[i] - b[i];
    return d * d;
  });
}

float portable_inner_product(const float* a, const float* b, std::size_t n) {
  return portable_sum(n, [&](std::size_t i) { return a[i] * b[i]; });
}

#if defined(__x86_64__)

// SSE2 is part of x86-64 itself, so this needs no check.
float horizontal_sum(__m128 v) {
  const __m128 high = _mm_movehl_ps(v, v);
  const __m128 pair = _mm_add_ps(v, high);
  return _mm_cvtss_f32(_mm_add_ss(pair, _mm_shuffle_ps(pair, pair, 1)));
}

template <bool kSquaredDifference>
float sse2_sum(const float* a, const float* b, std::size_t n) {
  auto term = [&](std::size_t i) {
    const __m128 x = _mm_loadu_ps(a + i), y = _mm_loadu_ps(b + i);
    if constexpr (kSquaredDifference) {
      const __m128 d = _mm_sub_ps(x, y);
      return _mm_mul_ps(d, d);
    } else {
      return _mm_mul_ps(x, y);
    }
  };
  __m128 s0 = _mm_setzero_ps(), s1 = s0, s2 = s0, s3 = s0;
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    s0 = _mm_add_ps(s0, term(i));
    s1 = _mm_add_ps(s1, term(i + 4));
    s2 = _mm_add_ps(s2, term(i + 8));
    s3 = _mm_add_ps(s3, term(i + 12));
  }
  for (; i + 4 <= n; i += 4) s0 = _mm_add_ps(s0, term(i));
  float sum = horizontal_sum(_mm_add_ps(_mm_add_ps(s0, s1), _mm_add_ps(s2, s3)));
  for (; i < n; ++i) {
    sum += kSquaredDifference ? (a[i] - b[i]) * (a[i] - b[i]) : a[i] * b[i];
  }
  return sum;
}

float sse2_squared_l2(const float* a, const float* b, std::size_t n) { return sse2_sum<true>(a, b, n); }
float sse2_inner_product(const float* a, const float* b, std::size_t n) { return sse2_sum<false>(a, b, n); }

template <bool kSquaredDifference>
__attribute__((target("avx2,fma"))) float avx2_sum(const float* a, const float* b, std::size_t n) {
  auto add_term = [&](__m256 sum, std::size_t i) __attribute__((target("avx2,fma"))) {
    const __m256 x = _mm256_loadu_ps(a + i), y = _mm256_loadu_ps(b + i);
    if constexpr (kSquaredDifference) {
      const __m256 d = _mm256_sub_ps(x, y);
      return _mm256_fmadd_ps(d, d, sum);
    } else {
      return _mm256_fmadd_ps(x, y, sum);
    }
  };
  __m256 s0 = _mm256_setzero_ps(), s1 = s0, s2 = s0, s3 = s0;
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    s0 = add_term(s0, i);
    s1 = add_term(s1, i + 8);
    s2 = add_term(s2, i + 16);
    s3 = add_term(s3, i + 24);
  }
  for (; i + 8 <= n; i += 8) s0 = add_term(s0, i);
  const __m256 all = _mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3));
  __m128 half = _mm_add_ps(_mm256_castps256_ps128(all), _mm256_extractf128_ps(all, 1));
  float sum = horizontal_sum(half);
  for (; i < n; ++i) {
    sum += kSquaredDifference ? (a[i] - b[i]) * (a[i] - b[i]) : a[i] * b[i];
  }
  return sum;
}

__attribute__((target("avx2,fma"))) float avx2_squared_l2(const float* a, const float* b, std::size_t n) {
  return avx2_sum<true>(a, b, n);
}
__attribute__((target("avx2,fma"))) float avx2_inner_product(const float* a, const float* b, std::size_t n) {
  return avx2_sum<false>(a, b, n);
}

#endif

}  // namespace

std::vector<DistanceKernels> runnable_distance_kernels() {
  std::vector<DistanceKernels> out = {{"portable", portable_squared_l2, portable_inner_product}};
#if defined(__x86_64__)
  out.push_back({"sse2", sse2_squared_l2, sse2_inner_product});
  __builtin_cpu_init();  // may run before the constructors that would call it
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    out.push_back({"avx2+fma", avx2_squared_l2, avx2_inner_product});
  }
#endif
  return out;
}

const DistanceKernels& chosen_distance_kernels() {
  static const DistanceKernels chosen = runnable_distance_kernels().back();
  return chosen;
}

float squared_l2_kernel(const float* a, const float* b, std::size_t n) {
  return chosen_distance_kernels().squared_l2(a, b, n);
}

float inner_product_kernel(const float* a, const float* b, std::size_t n) {
  return chosen_distance_kernels().inner_product(a, b, n);
}

}  // namespace heliosdb::engine

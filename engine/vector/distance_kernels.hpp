#pragma once

#include <cstddef>
#include <vector>

namespace heliosdb::engine {

// Distances for ranking inside vector indexes, at the widest SIMD the CPU
// running us has (chosen once, at first use). Debian builds FAISS for the
// x86-64 baseline, where its own kernels are scalar loops: one add per
// element, each waiting for the last. These sum in several lanes at once,
// so their float rounding differs from a sequential sum in the last bits —
// fine for ranking candidates, not for the values SQL shows (those come
// from engine/types/vector.hpp, in pgvector's order).

/// Sum over i of (a[i] - b[i])^2.
float squared_l2_kernel(const float* a, const float* b, std::size_t n);

/// Sum over i of a[i] * b[i].
float inner_product_kernel(const float* a, const float* b, std::size_t n);

/// One implementation of both kernels.
struct DistanceKernels {
  const char* name;  ///< "avx2+fma", "sse2" or "portable"
  float (*squared_l2)(const float* a, const float* b, std::size_t n);
  float (*inner_product)(const float* a, const float* b, std::size_t n);
};

/// The implementation the two functions above use.
const DistanceKernels& chosen_distance_kernels();

/// Every implementation this CPU can run, the chosen one among them: so
/// tests can hold each to the same answers.
std::vector<DistanceKernels> runnable_distance_kernels();

}  // namespace heliosdb::engine

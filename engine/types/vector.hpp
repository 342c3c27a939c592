#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/types/value.hpp"

namespace heliosdb::engine {

/// pgvector's `vector`: float32 elements, held in a Value as their packed
/// bytes (host order), its typmod the dimension count (-1: any).
inline constexpr int kMaxVectorDimensions = 16000;

/// The elements of a non-NULL vector value.
inline std::span<const float> vector_elements(const Value& v) {
  const std::string& bytes = v.as_string();
  return {reinterpret_cast<const float*>(bytes.data()), bytes.size() / sizeof(float)};
}
Value make_vector(std::span<const float> elements);

/// vector_in: `[1, 2.5, -3]`, checked for dimension limits, NaN and
/// infinity, and against `typmod` when it is >= 0. Throws 22P02 for bad
/// syntax, 22000 for NaN/inf/empty/wrong dimension, 54000 past 16,000.
Value parse_vector(std::string_view text, std::int32_t typmod);
/// vector_out: `[1,2.5,-3]`, each element as real prints it.
std::string format_vector(const Value& v);
/// The cast to vector(n): 22000 "expected n dimensions, not m".
Value fit_vector(const Value& v, std::int32_t typmod);
/// pgvector's array_to_vector: a 1-D integer[], real[], double precision[]
/// or numeric[] without NULLs, checked as vector input is.
Value vector_from_array(const Value& array, std::int32_t typmod);
/// pgvector's vector_to_float4: the elements as real[].
Value vector_to_real_array(const Value& v);
/// Checks a vector(n) modifier as pgvector's typmod_in does (22023).
void check_vector_typmod(std::int32_t dims);

/// Throws 22000 "different vector dimensions a and b" unless they match.
void check_same_dimensions(std::span<const float> a, std::span<const float> b);
/// Throws 22000 for a NaN or infinite element (pgvector refuses both).
void check_vector_elements(std::span<const float> elements);

// The distances pgvector's operators compute, on the same float arithmetic:
// <-> l2, <=> cosine, <#> the negative inner product, <+> l1.
double l2_distance(std::span<const float> a, std::span<const float> b);
double inner_product(std::span<const float> a, std::span<const float> b);
double cosine_distance(std::span<const float> a, std::span<const float> b);
double l1_distance(std::span<const float> a, std::span<const float> b);
double vector_norm(std::span<const float> a);

/// Orders vectors as pgvector's btree operator class: element by element,
/// then the shorter first.
int compare_vectors(std::span<const float> a, std::span<const float> b);

}  // namespace heliosdb::engine

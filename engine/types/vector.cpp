#include "engine/types/vector.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "engine/common/db_error.hpp"
#include "engine/types/array.hpp"

namespace heliosdb::engine {

namespace {

[[noreturn]] void bad_vector(std::string_view text, const char* detail) {
  DbError error(sqlstate::kInvalidTextRepresentation,
                "invalid input syntax for type vector: \"" + std::string(text) + "\"");
  if (detail != nullptr) error.with_detail(detail);
  throw error;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

void check_dimension_count(std::size_t dims) {
  if (dims < 1) throw DbError(sqlstate::kDataException, "vector must have at least 1 dimension");
  if (dims > kMaxVectorDimensions) {
    throw DbError(sqlstate::kProgramLimitExceeded,
                  "vector cannot have more than " + std::to_string(kMaxVectorDimensions) + " dimensions");
  }
}

// Distance kernels over float in four partial sums, the order of pgvector's
// loops as GCC vectorizes them for x86-64's SSE2 (pgvector builds with
// -fassociative-math): lane i % 4, then (l0 + l2) + (l1 + l3), then the
// elements past the last multiple of four. Same order, same floats, and
// the compiler keeps the lanes in one SIMD register (Debian's FAISS is
// built for any x86-64 and its kernels run an element at a time).
template <typename Term>
float lane_sum(std::size_t n, Term term) {
  float lanes[4] = {0, 0, 0, 0};
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    for (std::size_t l = 0; l < 4; ++l) lanes[l] += term(i + l);
  }
  float sum = (lanes[0] + lanes[2]) + (lanes[1] + lanes[3]);
  for (; i < n; ++i) sum += term(i);
  return sum;
}

float squared_l2(const float* a, const float* b, std::size_t n) {
  return lane_sum(n, [&](std::size_t i) {
    const float d = a[i] - b[i];
    return d * d;
  });
}

float dot(const float* a, const float* b, std::size_t n) {
  return lane_sum(n, [&](std::size_t i) { return a[i] * b[i]; });
}

// a·b, a·a and b·b in one pass over both (as pgvector's cosine loop), each
// summed in lane_sum's order: the same floats as three dot() calls.
struct CosineSums {
  float ab, aa, bb;
};
CosineSums cosine_sums(const float* a, const float* b, std::size_t n) {
  float ab[4] = {0, 0, 0, 0}, aa[4] = {0, 0, 0, 0}, bb[4] = {0, 0, 0, 0};
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    for (std::size_t l = 0; l < 4; ++l) {
      ab[l] += a[i + l] * b[i + l];
      aa[l] += a[i + l] * a[i + l];
      bb[l] += b[i + l] * b[i + l];
    }
  }
  CosineSums s{(ab[0] + ab[2]) + (ab[1] + ab[3]), (aa[0] + aa[2]) + (aa[1] + aa[3]), (bb[0] + bb[2]) + (bb[1] + bb[3])};
  for (; i < n; ++i) {
    s.ab += a[i] * b[i];
    s.aa += a[i] * a[i];
    s.bb += b[i] * b[i];
  }
  return s;
}

}  // namespace

Value make_vector(std::span<const float> elements) {
  return Value::string(TypeId::kVector,
                       std::string(reinterpret_cast<const char*>(elements.data()), elements.size() * sizeof(float)));
}

void check_vector_elements(std::span<const float> elements) {
  for (float x : elements) {
    if (std::isnan(x)) throw DbError(sqlstate::kDataException, "NaN not allowed in vector");
    if (std::isinf(x)) throw DbError(sqlstate::kDataException, "infinite value not allowed in vector");
  }
}

namespace {

// An element as std::from_chars reads it, several times faster than strtof
// and rounded alike (both round correctly). Where the two could differ —
// a '+' sign, hex digits, a value out of float's range, anything not
// followed by a separator — this declines (null) and strtof decides, as
// pgvector's parser does.
const char* fast_element(const char* p, const char* last, float& out) {
  const auto [end, error] = std::from_chars(p, last, out);
  if (error != std::errc() || end == p) return nullptr;
  if (*end != ',' && *end != ']' && !is_space(*end)) return nullptr;
  return end;
}

}  // namespace

Value parse_vector(std::string_view text, std::int32_t typmod) {
  // strtof needs a terminated string; the text is copied once.
  const std::string owned(text);
  const char* p = owned.c_str();
  while (is_space(*p)) ++p;
  if (*p != '[') bad_vector(text, "Vector contents must start with \"[\".");
  ++p;
  std::vector<float> elements;
  while (is_space(*p)) ++p;
  if (*p == ']') {
    check_dimension_count(0);
  }
  for (;;) {
    while (is_space(*p)) ++p;
    if (*p == '\0') bad_vector(text, "Unexpected end of input.");
    float x = 0;
    const char* end = fast_element(p, owned.c_str() + owned.size(), x);
    if (end == nullptr) {
      char* strtof_end = nullptr;
      errno = 0;
      x = std::strtof(p, &strtof_end);
      end = strtof_end;
      if (end == p) bad_vector(text, nullptr);
      if (errno == ERANGE && std::isinf(x)) {
        throw DbError(sqlstate::kNumericValueOutOfRange,
                      "\"" + std::string(p, static_cast<std::size_t>(end - p)) + "\" is out of range for type vector");
      }
    }
    elements.push_back(x);
    if (elements.size() > static_cast<std::size_t>(kMaxVectorDimensions)) check_dimension_count(elements.size());
    p = end;
    while (is_space(*p)) ++p;
    if (*p == ',') {
      ++p;
      continue;
    }
    if (*p == ']') {
      ++p;
      break;
    }
    bad_vector(text, nullptr);
  }
  while (is_space(*p)) ++p;
  if (*p != '\0') bad_vector(text, "Junk after closing right brace.");
  check_vector_elements(elements);
  Value v = make_vector(elements);
  return typmod >= 0 ? fit_vector(v, typmod) : v;
}

std::string format_vector(const Value& v) {
  std::string out = "[";
  bool first = true;
  for (float x : vector_elements(v)) {
    if (!first) out.push_back(',');
    first = false;
    out += format_value(Value::floating(TypeId::kFloat4, x));
  }
  out.push_back(']');
  return out;
}

Value fit_vector(const Value& v, std::int32_t typmod) {
  const std::size_t dims = vector_elements(v).size();
  if (typmod >= 0 && dims != static_cast<std::size_t>(typmod)) {
    throw DbError(sqlstate::kDataException,
                  "expected " + std::to_string(typmod) + " dimensions, not " + std::to_string(dims));
  }
  return v;
}

Value vector_from_array(const Value& array, std::int32_t typmod) {
  const ArrayData data = decode_array(array);
  if (data.dims.size() > 1) throw DbError(sqlstate::kDataException, "array must be 1-D");
  std::vector<float> elements;
  elements.reserve(data.items.size());
  for (const Value& item : data.items) {
    if (item.is_null()) throw DbError(sqlstate::kNullValueNotAllowed, "array must not contain nulls");
    elements.push_back(static_cast<float>(item.to_double()));
  }
  check_dimension_count(elements.size());
  Value v = fit_vector(make_vector(elements), typmod);
  check_vector_elements(elements);
  return v;
}

Value vector_to_real_array(const Value& v) {
  std::vector<Value> items;
  for (float x : vector_elements(v)) items.push_back(Value::floating(TypeId::kFloat4, x));
  return encode_array(ArrayData::of(TypeId::kFloat4, std::move(items)));
}

void check_vector_typmod(std::int32_t dims) {
  if (dims < 1) throw DbError(sqlstate::kInvalidParameterValue, "dimensions for type vector must be at least 1");
  if (dims > kMaxVectorDimensions) {
    throw DbError(sqlstate::kInvalidParameterValue,
                  "dimensions for type vector cannot exceed " + std::to_string(kMaxVectorDimensions));
  }
}

void check_same_dimensions(std::span<const float> a, std::span<const float> b) {
  if (a.size() != b.size()) {
    throw DbError(sqlstate::kDataException,
                  "different vector dimensions " + std::to_string(a.size()) + " and " + std::to_string(b.size()));
  }
}

double l2_distance(std::span<const float> a, std::span<const float> b) {
  check_same_dimensions(a, b);
  return std::sqrt(static_cast<double>(squared_l2(a.data(), b.data(), a.size())));
}

double inner_product(std::span<const float> a, std::span<const float> b) {
  check_same_dimensions(a, b);
  return static_cast<double>(dot(a.data(), b.data(), a.size()));
}

double cosine_distance(std::span<const float> a, std::span<const float> b) {
  check_same_dimensions(a, b);
  const CosineSums s = cosine_sums(a.data(), b.data(), a.size());
  const auto ab = static_cast<double>(s.ab);
  const auto norm_a = static_cast<double>(s.aa);
  const auto norm_b = static_cast<double>(s.bb);
  // A zero vector has no direction: NaN, as pgvector returns.
  double similarity = ab / std::sqrt(norm_a * norm_b);
  if (std::isnan(similarity)) return similarity;
  similarity = std::clamp(similarity, -1.0, 1.0);
  return 1.0 - similarity;
}

double l1_distance(std::span<const float> a, std::span<const float> b) {
  check_same_dimensions(a, b);
  return static_cast<double>(lane_sum(a.size(), [&](std::size_t i) { return std::fabs(a[i] - b[i]); }));
}

double vector_norm(std::span<const float> a) {
  double sum = 0;
  for (float x : a) sum += static_cast<double>(x) * static_cast<double>(x);
  return std::sqrt(sum);
}

int compare_vectors(std::span<const float> a, std::span<const float> b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

}  // namespace heliosdb::engine

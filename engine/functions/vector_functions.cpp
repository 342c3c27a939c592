// pgvector's functions: distances, norms and element-wise arithmetic on
// vector. The operators <-> <=> <#> <+> + - * bind to these (binder).
#include <cmath>

#include "engine/common/db_error.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/types/vector.hpp"

namespace heliosdb::engine {

namespace {

constexpr TypeId kV = TypeId::kVector;
constexpr TypeId kF8 = TypeId::kFloat8;

Value f8(double v) { return Value::floating(kF8, v); }

template <double (*Distance)(std::span<const float>, std::span<const float>)>
Value distance(const std::vector<Value>& a) {
  return f8(Distance(vector_elements(a[0]), vector_elements(a[1])));
}

Value negative_inner_product(const std::vector<Value>& a) {
  return f8(-inner_product(vector_elements(a[0]), vector_elements(a[1])));
}

// + - * element by element, refusing what overflows float (as pgvector).
template <char Op>
Value elementwise(const std::vector<Value>& a) {
  auto x = vector_elements(a[0]);
  auto y = vector_elements(a[1]);
  check_same_dimensions(x, y);
  std::vector<float> out(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    out[i] = Op == '+' ? x[i] + y[i] : Op == '-' ? x[i] - y[i] : x[i] * y[i];
    if (std::isinf(out[i])) throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
    if (Op == '*' && out[i] == 0 && x[i] != 0 && y[i] != 0) {
      throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
    }
  }
  return make_vector(out);
}

Value vector_concat(const std::vector<Value>& a) {
  auto x = vector_elements(a[0]);
  auto y = vector_elements(a[1]);
  if (x.size() + y.size() > static_cast<std::size_t>(kMaxVectorDimensions)) {
    throw DbError(sqlstate::kProgramLimitExceeded,
                  "vector cannot have more than " + std::to_string(kMaxVectorDimensions) + " dimensions");
  }
  std::vector<float> out(x.begin(), x.end());
  out.insert(out.end(), y.begin(), y.end());
  return make_vector(out);
}

Value dims(const std::vector<Value>& a) {
  return Value::integer(TypeId::kInt4, static_cast<std::int64_t>(vector_elements(a[0]).size()));
}

Value norm(const std::vector<Value>& a) { return f8(vector_norm(vector_elements(a[0]))); }

Value normalize(const std::vector<Value>& a) {
  auto x = vector_elements(a[0]);
  const double n = vector_norm(x);
  std::vector<float> out(x.begin(), x.end());
  // The zero vector has no direction and stays as it is.
  if (n > 0) {
    for (float& v : out) v = static_cast<float>(static_cast<double>(v) / n);
  }
  return make_vector(out);
}

// subvector(v, start, count): 1-based, clipped to the vector as pgvector clips it.
Value subvector(const std::vector<Value>& a) {
  auto x = vector_elements(a[0]);
  std::int64_t start = a[1].as_int();
  const std::int64_t count = a[2].as_int();
  const auto dim = static_cast<std::int64_t>(x.size());
  if (count < 1 || count > kMaxVectorDimensions || start > dim) {
    throw DbError(sqlstate::kDataException, "vector must have at least 1 dimension");
  }
  std::int64_t end = start + count;
  if (start < 1) start = 1;
  if (end > dim + 1) end = dim + 1;
  if (end <= start) throw DbError(sqlstate::kDataException, "vector must have at least 1 dimension");
  return make_vector(x.subspan(static_cast<std::size_t>(start - 1), static_cast<std::size_t>(end - start)));
}

}  // namespace

void register_vector_functions(FunctionRegistry& r) {
  r.add("l2_distance", {{kV, kV}, {kF8, -1}, distance<l2_distance>});
  r.add("cosine_distance", {{kV, kV}, {kF8, -1}, distance<cosine_distance>});
  r.add("inner_product", {{kV, kV}, {kF8, -1}, distance<inner_product>});
  r.add("vector_negative_inner_product", {{kV, kV}, {kF8, -1}, negative_inner_product});
  r.add("l1_distance", {{kV, kV}, {kF8, -1}, distance<l1_distance>});
  r.add("vector_dims", {{kV}, {TypeId::kInt4, -1}, dims});
  r.add("vector_norm", {{kV}, {kF8, -1}, norm});
  r.add("l2_normalize", {{kV}, {kV, -1}, normalize});
  r.add("subvector", {{kV, TypeId::kInt4, TypeId::kInt4}, {kV, -1}, subvector});
  r.add("vector_add", {{kV, kV}, {kV, -1}, elementwise<'+'>});
  r.add("vector_sub", {{kV, kV}, {kV, -1}, elementwise<'-'>});
  r.add("vector_mul", {{kV, kV}, {kV, -1}, elementwise<'*'>});
  r.add("vector_concat", {{kV, kV}, {kV, -1}, vector_concat});
}

}  // namespace heliosdb::engine

#include "engine/types/vector.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>

#include "engine/common/db_error.hpp"
#include "engine/types/cast.hpp"
#include "engine/types/value_codec.hpp"
#include "tests/unit/error_state.hpp"

using namespace heliosdb::engine;
using Catch::Matchers::WithinRel;
using heliosdb::testing::state_of;

namespace {

std::vector<float> elements(const Value& v) {
  auto s = vector_elements(v);
  return {s.begin(), s.end()};
}

}  // namespace

TEST_CASE("vector text form: pgvector's input rules and real's output", "[vector]") {
  CHECK(elements(parse_vector(" [1, 2.5 ,-3e-2] ", -1)) == std::vector<float>{1, 2.5f, -0.03f});
  CHECK(format_vector(parse_vector("[1,2.5,-0.03]", -1)) == "[1,2.5,-0.03]");
  CHECK(format_vector(parse_vector("[1e10,1e-7,0.1]", -1)) == "[1e+10,1e-07,0.1]");
  CHECK(state_of([] { parse_vector("1,2", -1); }) == "22P02");
  CHECK(state_of([] { parse_vector("[1,,2]", -1); }) == "22P02");
  CHECK(state_of([] { parse_vector("[1,2", -1); }) == "22P02");
  CHECK(state_of([] { parse_vector("[1,2] 3", -1); }) == "22P02");
  CHECK(state_of([] { parse_vector("[]", -1); }) == "22000");
  CHECK(state_of([] { parse_vector("[nan]", -1); }) == "22000");
  CHECK(state_of([] { parse_vector("[-inf]", -1); }) == "22000");
  CHECK(state_of([] { parse_vector("[1e39]", -1); }) == "22003");
  CHECK(state_of([] { parse_vector("[1,2]", 3); }) == "22000");
  std::string big = "[";
  for (int i = 0; i <= kMaxVectorDimensions; ++i) big += (i ? ",1" : "1");
  // What strtof reads and std::from_chars does not: the parser agrees with strtof.
  CHECK(elements(parse_vector("[+1.5,0x1p3,\t.25\n]", -1)) == std::vector<float>{1.5f, 8, 0.25f});
  CHECK(elements(parse_vector("[1e-50,-1e-50]", -1)) == std::vector<float>{0, -0.0f});
  CHECK(elements(parse_vector("[1e-40]", -1)) == std::vector<float>{std::strtof("1e-40", nullptr)});
  CHECK(elements(parse_vector("[3.4028235e38,0.1,16777217]", -1)) ==
        std::vector<float>{3.4028235e38f, std::strtof("0.1", nullptr), std::strtof("16777217", nullptr)});
  CHECK(state_of([] { parse_vector("[1e]", -1); }) == "22P02");
  CHECK(state_of([] { parse_vector("[1 2]", -1); }) == "22P02");
  CHECK(state_of([] { parse_vector("[1x]", -1); }) == "22P02");
  CHECK(state_of([] { parse_vector("[infinity]", -1); }) == "22000");
  CHECK(state_of([] { parse_vector("[-3.5e38]", -1); }) == "22003");
  // Every float's shortest text reads back as that float.
  std::mt19937 rng(5);
  std::uniform_int_distribution<std::uint32_t> bits;
  for (int i = 0; i < 2000; ++i) {
    std::uint32_t b = bits(rng);
    float x = 0;
    std::memcpy(&x, &b, sizeof x);
    if (!std::isfinite(x)) continue;
    CHECK(elements(parse_vector(format_vector(make_vector(std::vector<float>{x})), -1)) == std::vector<float>{x});
  }
  CHECK(state_of([&] { parse_vector(big + "]", -1); }) == "54000");
}

TEST_CASE("vector casts, storage and typmods", "[vector]") {
  Value v = cast_value(Value::string(TypeId::kUnknown, "[1,2,3]"), {TypeId::kVector, 3}, CastContext::kAssignment);
  CHECK(v.type() == TypeId::kVector);
  CHECK(state_of([&] { cast_value(v, {TypeId::kVector, 4}, CastContext::kAssignment); }) == "22000");
  CHECK(format_value(cast_value(v, {TypeId::kText, -1}, CastContext::kExplicit)) == "[1,2,3]");
  std::string stored;
  append_value(stored, v);
  std::string_view in = stored;
  CHECK(elements(read_value(in, TypeId::kVector)) == elements(v));
  CHECK(state_of([] { check_vector_typmod(0); }) == "22023");
  CHECK(state_of([] { check_vector_typmod(kMaxVectorDimensions + 1); }) == "22023");
  CHECK(compare_values(parse_vector("[1,2]", -1), parse_vector("[1,2,3]", -1)) < 0);
  CHECK(compare_values(parse_vector("[1,3]", -1), parse_vector("[1,2,3]", -1)) > 0);
  CHECK(compare_values(parse_vector("[1,2]", -1), parse_vector("[1,2]", -1)) == 0);
}

TEST_CASE("vector distances agree with a double-precision reference", "[vector]") {
  std::mt19937 rng(42);
  std::normal_distribution<float> gauss(0, 1);
  for (std::size_t dims : {1u, 3u, 16u, 384u, 1536u}) {
    std::vector<float> a(dims), b(dims);
    for (std::size_t i = 0; i < dims; ++i) {
      a[i] = gauss(rng);
      b[i] = gauss(rng);
    }
    double l2 = 0, dot = 0, na = 0, nb = 0, l1 = 0;
    for (std::size_t i = 0; i < dims; ++i) {
      l2 += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
      dot += double(a[i]) * b[i];
      na += double(a[i]) * a[i];
      nb += double(b[i]) * b[i];
      l1 += std::fabs(double(a[i]) - b[i]);
    }
    // pgvector accumulates in float: within float's rounding of the double result.
    CHECK_THAT(l2_distance(a, b), WithinRel(std::sqrt(l2), 1e-5));
    CHECK_THAT(inner_product(a, b), WithinRel(dot, 1e-4) || Catch::Matchers::WithinAbs(dot, 1e-4));
    CHECK_THAT(cosine_distance(a, b), WithinRel(1 - dot / std::sqrt(na * nb), 1e-4) ||
                                          Catch::Matchers::WithinAbs(1 - dot / std::sqrt(na * nb), 1e-5));
    CHECK_THAT(l1_distance(a, b), WithinRel(l1, 1e-5));
    CHECK_THAT(vector_norm(a), WithinRel(std::sqrt(na), 1e-12));
  }
  std::vector<float> zero{0, 0}, one{1, 1};
  CHECK(std::isnan(cosine_distance(zero, one)));
  CHECK(cosine_distance(one, one) == 0);
  std::vector<float> three{1, 2, 3};
  CHECK(state_of([&] { l2_distance(three, one); }) == "22000");
}

// Equality keys group values that SQL's "not distinct" calls equal, across
// numeric types, and keep all others apart.
#include "engine/exec/equality_key.hpp"
#include "engine/types/record.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

using namespace heliosdb::engine;

namespace {

std::string key(const Value& v) { return equality_key({v}); }

}  // namespace

TEST_CASE("numbers of every type meet when equal", "[equality_key]") {
  const std::string one = key(Value::integer(TypeId::kInt4, 1));
  CHECK(key(Value::integer(TypeId::kInt2, 1)) == one);
  CHECK(key(Value::integer(TypeId::kInt8, 1)) == one);
  CHECK(key(Value::floating(TypeId::kFloat8, 1.0)) == one);
  CHECK(key(Value::floating(TypeId::kFloat4, 1.0)) == one);
  CHECK(key(Value::string(TypeId::kNumeric, "1.000")) == one);
  CHECK(key(Value::floating(TypeId::kFloat8, -0.0)) == key(Value::integer(TypeId::kInt4, 0)));
  CHECK(key(Value::floating(TypeId::kFloat8, std::nan(""))) ==
        key(Value::floating(TypeId::kFloat8, -std::numeric_limits<double>::quiet_NaN())));
  CHECK(key(Value::null(TypeId::kInt4)) == key(Value::null(TypeId::kText)));
}

TEST_CASE("distinct values keep distinct keys", "[equality_key]") {
  CHECK(key(Value::integer(TypeId::kInt4, 1)) != key(Value::integer(TypeId::kInt4, 2)));
  CHECK(key(Value::integer(TypeId::kInt4, -1)) != key(Value::integer(TypeId::kInt4, 1)));
  CHECK(key(Value::floating(TypeId::kFloat8, 1.5)) != key(Value::floating(TypeId::kFloat8, 2.5)));
  CHECK(key(Value::floating(TypeId::kFloat8, 1.5)) != key(Value::integer(TypeId::kInt4, 1)));
  // Beyond 2^53 integers keep their exact value apart from their neighbours.
  const std::int64_t big = (std::int64_t{1} << 60) + 1;
  CHECK(key(Value::integer(TypeId::kInt8, big)) != key(Value::integer(TypeId::kInt8, big + 1)));
  CHECK(key(Value::null(TypeId::kInt4)) != key(Value::integer(TypeId::kInt4, 0)));
  CHECK(key(Value::string(TypeId::kText, "1")) != key(Value::integer(TypeId::kInt4, 1)));
  // Several columns: ("a", "bc") is not ("ab", "c").
  CHECK(equality_key({Value::string(TypeId::kText, "a"), Value::string(TypeId::kText, "bc")}) !=
        equality_key({Value::string(TypeId::kText, "ab"), Value::string(TypeId::kText, "c")}));
}

TEST_CASE("records meet when their fields do, each by its type", "[equality_key]") {
  const std::int32_t typmod = record_typmod({{"a", {TypeId::kNumeric, -1}}, {"b", {TypeId::kText, -1}}});
  auto record = [&](const char* a, const char* b) {
    return make_record(
        {Value::string(TypeId::kNumeric, a), b ? Value::string(TypeId::kText, b) : Value::null(TypeId::kText)}, typmod);
  };
  CHECK(key(record("1.0", "x")) == key(record("1.00", "x")));
  CHECK(key(record("2", nullptr)) == key(record("2.0", nullptr)));
  CHECK(key(record("1", "x")) != key(record("1", "y")));
  CHECK(key(record("1", "")) != key(record("1", nullptr)));  // an empty text is not NULL
  // A record whose type is not known keys on its text.
  CHECK(key(Value::record("(1.0,x)", -1)) != key(Value::record("(1.00,x)", -1)));
}

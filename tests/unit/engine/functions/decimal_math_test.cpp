#include "engine/functions/decimal_math.hpp"

#include <catch2/catch.hpp>

using namespace heliosdb::engine;

namespace {

std::string rounded(const Decimal& d, int scale) { return d.round(scale).to_string(); }

}  // namespace

TEST_CASE("decimal sqrt, ln and exp are right to the last place asked", "[numeric]") {
  CHECK(rounded(sqrt_decimal(Decimal::parse("2"), 40), 30) == "1.414213562373095048801688724210");
  CHECK(rounded(sqrt_decimal(Decimal::parse("100"), 20), 10) == "10.0000000000");
  CHECK(rounded(ln_decimal(Decimal::parse("2"), 40), 30) == "0.693147180559945309417232121458");
  CHECK(rounded(ln_decimal(Decimal::parse("0.001"), 30), 20) == "-6.90775527898213705205");
  CHECK(rounded(exp_decimal(Decimal::parse("1"), 40), 30) == "2.718281828459045235360287471353");
  CHECK(rounded(exp_decimal(Decimal::parse("-1"), 40), 30) == "0.367879441171442321595523770161");
  CHECK(rounded(exp_decimal(Decimal::parse("100"), 10), 1) == "26881171418161354484126255515800135873611118.8");
}

TEST_CASE("decimal_weight is the exponent of the leading digit", "[numeric]") {
  CHECK(decimal_weight(Decimal::parse("123.4")) == 2);
  CHECK(decimal_weight(Decimal::parse("1")) == 0);
  CHECK(decimal_weight(Decimal::parse("0.05")) == -2);
  CHECK(decimal_weight(Decimal::parse("-9999")) == 3);
}

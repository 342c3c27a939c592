#include "engine/functions/number_format.hpp"

#include <catch2/catch.hpp>
#include <functional>

#include "engine/common/db_error.hpp"

using namespace heliosdb::engine;

namespace {

std::string num(std::string_view format, std::string_view value) {
  return format_number(format, Decimal::parse(value));
}

}  // namespace

TEST_CASE("number to_char: digit positions, sign slot and zero padding", "[to_char]") {
  CHECK(num("999", "123") == " 123");
  CHECK(num("999", "-12") == " -12");
  CHECK(num("999", "0") == "   0");
  CHECK(num("999.99", "0") == "    .00");
  CHECK(num("0000", "5") == " 0005");
  CHECK(num("0.99", "0.5") == " 0.50");
  CHECK(num("9.99", "-0.5") == " -.50");
  CHECK(num("999.9", "123.45") == " 123.5");  // half away from zero
}

TEST_CASE("number to_char: FM, groups and overflow", "[to_char]") {
  CHECK(num("FM999.00", "12.5") == "12.50");
  CHECK(num("FM999.99", "12") == "12.");
  CHECK(num("FM999.99", "0.5") == ".5");
  CHECK(num("9,999.99", "-1234.5") == "-1,234.50");
  CHECK(num("9,999", "12") == "    12");
  CHECK(num("999", "1234") == " ###");
  CHECK(num("9G999D99", "12345") == " #,###.##");
}

TEST_CASE("number to_char: sign patterns", "[to_char]") {
  CHECK(num("S999", "-5") == "  -5");
  CHECK(num("999S", "5") == "  5+");
  CHECK(num("999PR", "-5") == "  <5>");
  CHECK(num("999PR", "5") == "   5 ");
  CHECK(num("MI999", "-5") == "-  5");
  CHECK(num("99th", "12") == " 12th");
  CHECK(num("9999999.99", "NaN") == "     NaN");
}

TEST_CASE("number to_char of doubles rounds the binary value", "[to_char]") {
  CHECK(format_float("999.99", 123.456, 15) == " 123.46");
  CHECK(format_float("FM990.0", -2.5, 15) == "-2.5");
  CHECK(format_float("9.99999", 3.14159f, 6) == " 3.14159");
}

TEST_CASE("number to_char rejects two decimal points", "[to_char]") { CHECK_THROWS_AS(num("9.9.9", "5"), DbError); }

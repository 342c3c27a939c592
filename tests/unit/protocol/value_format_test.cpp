// Values in binary form round-trip and match PostgreSQL's send functions;
// malformed binary parameters are refused with 22P03.
#include <catch2/catch.hpp>

#include <functional>

#include "engine/common/db_error.hpp"
#include "engine/types/record.hpp"
#include "protocol/value_format.hpp"
#include "tests/unit/error_state.hpp"

using namespace heliosdb;
using engine::TypeId;
using engine::Value;
using heliosdb::testing::state_of;
using protocol::decode_param;
using protocol::encode_value;

TEST_CASE("binary values have PostgreSQL's layouts", "[protocol]") {
  CHECK(encode_value(Value::integer(TypeId::kInt4, -2), 1) == std::string("\xff\xff\xff\xfe", 4));
  CHECK(encode_value(Value::integer(TypeId::kInt8, 1), 1) == std::string("\0\0\0\0\0\0\0\1", 8));
  CHECK(encode_value(Value::boolean(true), 1) == std::string("\1", 1));
  CHECK(encode_value(Value::floating(TypeId::kFloat8, 1.0), 1) == std::string("\x3f\xf0\0\0\0\0\0\0", 8));
  CHECK(encode_value(Value::string(TypeId::kJsonb, "{}"), 1) == std::string("\1{}", 3));
  CHECK(encode_value(Value::integer(TypeId::kInt4, 42), 0) == "42");
}

TEST_CASE("numeric's binary form is base-10000 digits with weight, sign and scale", "[protocol]") {
  auto numeric = [](const char* text) { return Value::string(TypeId::kNumeric, text); };
  // ndigits, weight, sign, dscale, digits: as numeric_send lays them out.
  CHECK(encode_value(numeric("1.5"), 1) == std::string("\0\2\0\0\0\0\0\1\0\1\x13\x88", 12));
  CHECK(encode_value(numeric("10000"), 1) == std::string("\0\1\0\1\0\0\0\0\0\1", 10));
  CHECK(encode_value(numeric("-0.0001"), 1) == std::string("\0\1\xff\xff\x40\0\0\4\0\1", 10));
  CHECK(encode_value(numeric("0.00"), 1) == std::string("\0\0\0\0\0\0\0\2", 8));
  CHECK(encode_value(numeric("NaN"), 1) == std::string("\0\0\0\0\xc0\0\0\0", 8));
  for (const char* text : {"1.5", "-1234.5600", "0.00000001", "123456789012345678901234567890", "0", "0.10",
                           "99990000.0001", "NaN", "Infinity", "-Infinity"}) {
    Value back = decode_param(encode_value(numeric(text), 1), 1, 1700, 1);
    CHECK(engine::format_value(back) == text);
  }
  CHECK(state_of([] { decode_param(std::string("\0\1\0\0\0\0\0\0", 8), 1, 1700, 1); }) == "22P03");
  CHECK(state_of([] { decode_param(std::string("\0\1\0\0\0\0\0\0\x27\x10", 10), 1, 1700, 1); }) == "22P03");
}

TEST_CASE("parameters decode from text and binary", "[protocol]") {
  for (TypeId type : {TypeId::kInt2, TypeId::kInt4, TypeId::kInt8, TypeId::kDate, TypeId::kTimestamp}) {
    Value v = Value::integer(type, -12345);
    Value back = decode_param(encode_value(v, 1), 1, engine::type_oid(type), 1);
    CHECK(back.type() == type);
    CHECK(back.as_int() == -12345);
  }
  Value f = decode_param(encode_value(Value::floating(TypeId::kFloat4, 0.5), 1), 1, 700, 1);
  CHECK(f.as_float() == 0.5);
  CHECK(decode_param(std::string("42"), 0, 23, 1).as_int() == 42);
  CHECK(decode_param(std::string("42"), 0, 0, 1).type() == TypeId::kUnknown);  // typed by context later
  CHECK(decode_param(std::nullopt, 1, 23, 1).is_null());
  CHECK(state_of([] { decode_param(std::string("abc"), 0, 23, 1); }) == "22P02");
  CHECK(state_of([] { decode_param(std::string("\0\0", 2), 1, 23, 1); }) == "22P03");
  // A binary parameter of no declared type is taken as bytea (node-postgres' Buffers).
  CHECK(decode_param(std::string("x"), 1, 0, 1).type() == TypeId::kBytea);
  CHECK(state_of([] { decode_param(std::string("x"), 0, 600, 1); }) == "0A000");  // point: not a type we have
}

TEST_CASE("an enum value is its label in binary, both ways", "[protocol][enum]") {
  CHECK(encode_value(Value::enum_label(16400, 16402, 1, "sad"), 1) == "sad");
  CHECK(encode_value(Value::enum_label(16400, 16402, 1, "sad"), 0) == "sad");
  // A parameter of an enum type (an oid of a user's) arrives as a literal would.
  const Value label = decode_param(std::string("happy"), 1, 16400, 1);
  CHECK(label.type() == TypeId::kUnknown);
  CHECK(label.as_string() == "happy");
  CHECK(decode_param(std::string("{sad,ok}"), 0, 16401, 1).as_string() == "{sad,ok}");
}

TEST_CASE("an array of an enum in binary arrives as its text", "[protocol][enum]") {
  // One dimension of two labels, elements of type 16400 (the array type is 16401).
  std::string b("\0\0\0\1\0\0\0\0\0\0\x40\x10\0\0\0\2\0\0\0\1", 20);
  b += std::string("\0\0\0\3", 4) + "sad" + std::string("\0\0\0\3", 4) + "a b";
  const Value array = decode_param(b, 1, 16401, 1);
  CHECK(array.type() == TypeId::kUnknown);
  CHECK(array.as_string() == "{sad,\"a b\"}");
  // Elements of another type are not this array's.
  b[11] = '\x11';
  CHECK(decode_param(b, 1, 16401, 1).as_string() == b);
}

TEST_CASE("a record in binary is record_send's: count, then each field's oid, length and value", "[protocol][record]") {
  const std::int32_t type =
      engine::record_typmod({{"f1", {TypeId::kInt4, -1}}, {"f2", {TypeId::kText, -1}}, {"f3", {TypeId::kInt2, -1}}});
  const Value r = engine::make_record(
      {Value::integer(TypeId::kInt4, 7), Value::string(TypeId::kText, "a b"), Value::null(TypeId::kInt2)}, type);
  const std::string expected = std::string("\0\0\0\3", 4)                       // three fields
                               + std::string("\0\0\0\x17\0\0\0\4\0\0\0\7", 12)  // int4 7
                               + std::string("\0\0\0\x19\0\0\0\3", 8) + "a b"   // text 'a b'
                               + std::string("\0\0\0\x15\xff\xff\xff\xff", 8);  // int2 NULL
  CHECK(encode_value(r, 1) == expected);
  CHECK(encode_value(engine::make_record({}, engine::record_typmod({})), 1) == std::string("\0\0\0\0", 4));
  // Without its type, a record's fields cannot be sent in binary.
  CHECK(state_of([] { encode_value(Value::record("(1,2)", -1), 1); }) == "0A000");
}

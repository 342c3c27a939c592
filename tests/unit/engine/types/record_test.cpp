// Records: record_out's quoting, reading a field back from the text, and the
// registry that names a record type's fields by its modifier.
#include <catch2/catch.hpp>

#include "engine/types/record.hpp"

using namespace heliosdb::engine;

TEST_CASE("records print as record_out does and give their fields back", "[types][record]") {
  const Value r =
      make_record({Value::integer(TypeId::kInt4, 7), Value::null(TypeId::kText), Value::string(TypeId::kText, ""),
                   Value::string(TypeId::kText, "a \"b\"\\c"), Value::string(TypeId::kText, "(x,y)")});
  CHECK(r.type() == TypeId::kRecord);
  CHECK(r.as_string() == R"rec((7,,"","a ""b""\\c","(x,y)"))rec");
  CHECK(record_field_text(r.as_string(), 0) == "7");
  CHECK(record_field_text(r.as_string(), 1) == std::nullopt);  // NULL
  CHECK(record_field_text(r.as_string(), 2) == "");            // an empty string is not NULL
  CHECK(record_field_text(r.as_string(), 3) == "a \"b\"\\c");
  CHECK(record_field_text(r.as_string(), 4) == "(x,y)");
  CHECK(record_field_text(r.as_string(), 5) == std::nullopt);  // past the end
  CHECK(make_record({}).as_string() == "()");
}

TEST_CASE("the same fields name the same record type", "[types][record]") {
  const std::vector<RecordField> xn = {{"x", {TypeId::kInt2, -1}}, {"n", {TypeId::kInt4, -1}}};
  const std::vector<RecordField> other = {{"x", {TypeId::kText, -1}}, {"n", {TypeId::kInt4, -1}}};
  const std::int32_t a = record_typmod(xn);
  CHECK(record_typmod(xn) == a);
  CHECK(record_typmod(other) != a);
  CHECK(record_fields(a) == xn);
  CHECK(record_fields(-1).empty());
  CHECK(record_fields(1 << 30).empty());
}

TEST_CASE("records of a known type compare field by field, NULL last", "[types][record]") {
  const std::int32_t type = record_typmod({{"n", {TypeId::kInt4, -1}}, {"s", {TypeId::kText, -1}}});
  auto rec = [&](std::optional<std::int64_t> n, std::optional<std::string> s) {
    return make_record({n ? Value::integer(TypeId::kInt4, *n) : Value::null(TypeId::kInt4),
                        s ? Value::string(TypeId::kText, *s) : Value::null(TypeId::kText)},
                       type);
  };
  CHECK(compare_values(rec(9, "a"), rec(10, "a")) < 0);  // as numbers, where the texts order "(10" first
  CHECK(compare_values(rec(10, "b"), rec(10, "a")) > 0);
  CHECK(compare_values(rec(10, "a b"), rec(10, "a b")) == 0);
  CHECK(compare_values(rec(std::nullopt, "a"), rec(10, "a")) > 0);  // NULL after any value
  CHECK(compare_values(rec(std::nullopt, "a"), rec(std::nullopt, "a")) == 0);
  CHECK(compare_values(rec(1, std::nullopt), rec(1, "z")) > 0);
  // A record whose type is not known compares by its text.
  CHECK(compare_values(Value::record("(10,a)", -1), Value::record("(9,a)", -1)) < 0);
}

TEST_CASE("a record IS NULL when every field is, IS NOT NULL when none is", "[types][record]") {
  const std::int32_t type = record_typmod({{"a", {TypeId::kInt4, -1}}, {"b", {TypeId::kInt4, -1}}});
  const Value none = make_record({Value::null(TypeId::kInt4), Value::null(TypeId::kInt4)}, type);
  const Value some = make_record({Value::integer(TypeId::kInt4, 1), Value::null(TypeId::kInt4)}, type);
  const Value all = make_record({Value::integer(TypeId::kInt4, 1), Value::integer(TypeId::kInt4, 2)}, type);
  CHECK(record_null_test(none, false));
  CHECK_FALSE(record_null_test(none, true));
  CHECK_FALSE(record_null_test(some, false));
  CHECK_FALSE(record_null_test(some, true));
  CHECK_FALSE(record_null_test(all, false));
  CHECK(record_null_test(all, true));
  CHECK(record_field(all, 1, {TypeId::kInt4, -1}).as_int() == 2);
  CHECK(record_field(some, 1, {TypeId::kInt4, -1}).is_null());
}

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

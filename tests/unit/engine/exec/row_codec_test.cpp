// A column's stored bytes read in place, without decoding the row.
#include "engine/exec/row_codec.hpp"

#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "engine/types/vector.hpp"

using namespace heliosdb::engine;

namespace {

TableDef table_of(std::vector<SqlType> types) {
  TableDef t;
  for (std::size_t i = 0; i < types.size(); ++i) {
    ColumnDef c;
    c.name = "c" + std::to_string(i);
    c.type = types[i];
    t.columns.push_back(c);
  }
  return t;
}

}  // namespace

TEST_CASE("a column's stored bytes are found past the columns before it", "[row_codec]") {
  const TableDef t = table_of({{TypeId::kInt4, -1}, {TypeId::kText, -1}, {TypeId::kVector, 2}, {TypeId::kText, -1}});
  const float v[] = {1.5f, -2.0f};
  const Row row = {Value::integer(TypeId::kInt4, 7), Value::string(TypeId::kText, "abc"), make_vector(v),
                   Value::null(TypeId::kText)};
  const std::string raw = encode_row(t, row);
  CHECK(stored_column_bytes(t, raw, 1) == std::optional<std::string_view>("abc"));
  const auto bytes = stored_column_bytes(t, raw, 2);
  REQUIRE(bytes);
  CHECK(*bytes == std::string_view(row[2].as_string()));
  CHECK_FALSE(stored_column_bytes(t, raw, 3));
}

TEST_CASE("a row stored before its column was added gives the column's missing value", "[row_codec]") {
  TableDef t = table_of({{TypeId::kInt4, -1}});
  const std::string raw = encode_row(t, {Value::integer(TypeId::kInt4, 1)});
  t.columns.push_back(table_of({{TypeId::kText, -1}}).columns[0]);
  CHECK_FALSE(stored_column_bytes(t, raw, 1));
  t.columns[1].missing_value = Value::string(TypeId::kText, "later");
  CHECK(stored_column_bytes(t, raw, 1) == std::optional<std::string_view>("later"));
}

TEST_CASE("truncated rows are reported, not read past", "[row_codec]") {
  const TableDef t = table_of({{TypeId::kText, -1}});
  std::string raw = encode_row(t, {Value::string(TypeId::kText, "abcdef")});
  raw.resize(raw.size() - 2);
  CHECK_THROWS_AS(stored_column_bytes(t, raw, 0), DbError);
}

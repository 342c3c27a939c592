// A column's stored bytes read in place, without decoding the row.
#include "engine/exec/row_codec.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

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

TEST_CASE("a scan's column selection decodes the columns it wants and no more", "[row_codec]") {
  TableDef t = table_of({{TypeId::kInt4, -1}, {TypeId::kText, -1}, {TypeId::kInt8, -1}, {TypeId::kText, -1}});
  const Row row = {Value::integer(TypeId::kInt4, 7), Value::string(TypeId::kText, "abc"),
                   Value::integer(TypeId::kInt8, 9), Value::string(TypeId::kText, "tail")};
  const std::string raw = encode_row(t, row);
  const Row all = decode_row(t, raw);
  CHECK(all[0].as_int() == 7);
  CHECK(all[3].as_string() == "tail");

  const std::vector<bool> second{false, true, false, false};
  const ColumnSelection selection = select_columns(t, &second);
  CHECK(selection.end == 2);
  Row out = row;  // a reused slot: what is not wanted comes back NULL
  decode_row_into(t, raw, selection, out);
  CHECK(out[0].is_null());
  CHECK(out[1].as_string() == "abc");
  CHECK(out[2].is_null());
  CHECK(out[3].is_null());

  const std::vector<bool> none(4, false);
  decode_row_into(t, raw, select_columns(t, &none), out);
  CHECK(std::all_of(out.begin(), out.end(), [](const Value& v) { return v.is_null(); }));

  // A row stored before the last two columns were added: their missing values when wanted.
  const std::string old_raw = encode_row(table_of({{TypeId::kInt4, -1}, {TypeId::kText, -1}}), {row[0], row[1]});
  t.columns[2].missing_value = Value::integer(TypeId::kInt8, 42);
  const std::vector<bool> third{false, false, true};  // shorter than the table: the rest unwanted
  decode_row_into(t, old_raw, select_columns(t, &third), out);
  CHECK(out[2].as_int() == 42);
  CHECK(out[3].is_null());
  CHECK(decode_row(t, old_raw)[3].is_null());
}

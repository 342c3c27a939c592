// COPY data formats: rows survive any split of the data into CopyData
// messages, CSV quoting and text escapes read as PostgreSQL reads them, and
// malformed data gives 22P04 naming the line.
#include <catch2/catch.hpp>

#include <functional>

#include "engine/common/db_error.hpp"
#include "protocol/copy_format.hpp"

using namespace heliosdb;
using engine::CopyFormat;
using engine::CopyOptions;
using engine::ResultColumn;
using engine::Row;
using engine::TypeId;
using engine::Value;
using protocol::CopyDecoder;
using protocol::CopyEncoder;

namespace {

std::vector<ResultColumn> columns() { return {{"id", {TypeId::kInt4, -1}, 0, 1}, {"name", {TypeId::kText, -1}, 0, 2}}; }

CopyOptions options_for(CopyFormat format) {
  CopyOptions o;
  o.format = format;
  if (format == CopyFormat::kCsv) {
    o.delimiter = ',';
    o.null_string = "";
  }
  o.force_quote = o.force_not_null = o.force_null = {false, false};
  return o;
}

// Every row of `data`, fed `piece` bytes at a time, as "id|name" strings.
std::vector<std::string> decode(const CopyOptions& options, const std::string& data, std::size_t piece) {
  CopyDecoder decoder("t", options, columns());
  std::vector<std::string> rows;
  Row row;
  auto drain = [&] {
    while (decoder.next_row(row)) {
      rows.push_back((row[0].is_null() ? "NULL" : engine::format_value(row[0])) + "|" +
                     (row[1].is_null() ? "NULL" : engine::format_value(row[1])));
    }
  };
  for (std::size_t i = 0; i < data.size(); i += piece) {
    decoder.feed(std::string_view(data).substr(i, piece));
    drain();
  }
  decoder.finish();
  drain();
  CHECK(decoder.done());
  return rows;
}

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const engine::DbError& e) {
    return std::string(e.state().code()) + " " + e.what() + " / " + e.context();
  }
  return "none";
}

}  // namespace

TEST_CASE("text format: escapes, NULL and any split of the data", "[protocol]") {
  const std::string data = "1\ta\\tb\\\\c\n2\t\\N\n3\t\\x41\\101\\n\n4\tlast without newline";
  const std::vector<std::string> expected = {"1|a\tb\\c", "2|NULL", "3|AA\n", "4|last without newline"};
  for (std::size_t piece : {1, 2, 3, 7, 1000}) CHECK(decode(options_for(CopyFormat::kText), data, piece) == expected);
  CHECK(decode(options_for(CopyFormat::kText), "1\tx\r\n2\ty\r\n", 1) == std::vector<std::string>{"1|x", "2|y"});
  CHECK(decode(options_for(CopyFormat::kText), "1\tx\n\\.\nignored\n", 4) == std::vector<std::string>{"1|x"});
}

TEST_CASE("text format: a backslash run before a newline escapes it when odd", "[protocol]") {
  // \<LF> is a newline in the field; \\<LF> is a backslash, and the line ends.
  const std::string data =
      "1\ta\\\nb\n2\tc\\\\\n3\t\\\\\\\nd\n4\t\\N\n5\ta long value, longer than any small string\n6\t\\N\n";
  const std::vector<std::string> expected = {
      "1|a\nb", "2|c\\", "3|\\\nd", "4|NULL", "5|a long value, longer than any small string", "6|NULL"};
  for (std::size_t piece : {1, 2, 5, 1000}) CHECK(decode(options_for(CopyFormat::kText), data, piece) == expected);
}

TEST_CASE("CSV: quotes, doubled quotes, line breaks inside quotes, NULL vs empty", "[protocol]") {
  const std::string data = "1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\n5,\"\"\n";
  const std::vector<std::string> expected = {"1|a,b", "2|say \"hi\"", "3|two\nlines", "4|NULL", "5|"};
  for (std::size_t piece : {1, 5, 1000}) CHECK(decode(options_for(CopyFormat::kCsv), data, piece) == expected);
}

TEST_CASE("malformed data names its line", "[protocol]") {
  auto text = options_for(CopyFormat::kText);
  CHECK(error_of([&] { decode(text, "1\ta\n2\n", 100); }) ==
        "22P04 missing data for column \"name\" / COPY t, line 2: \"2\"");
  CHECK(error_of([&] { decode(text, "1\ta\tb\n", 100); }) ==
        "22P04 extra data after last expected column / COPY t, line 1: \"1\ta\tb\"");
  CHECK(error_of([&] { decode(text, "x\ta\n", 100); }) ==
        "22P02 invalid input syntax for type integer: \"x\" / COPY t, line 1, column id: \"x\"");
  CHECK(error_of([&] { decode(text, "1\ta\rb\n", 100); }).starts_with("22P04 literal carriage return"));
  CHECK(error_of([&] {
          decode(options_for(CopyFormat::kCsv), "1,\"open\n", 100);
        }).starts_with("22P04 unterminated CSV quoted field"));
}

TEST_CASE("binary format round-trips and checks its framing", "[protocol]") {
  auto binary = options_for(CopyFormat::kBinary);
  CopyEncoder encoder(binary, columns());
  std::string data = encoder.start();
  encoder.add_row({Value::integer(TypeId::kInt4, 7), Value::string(TypeId::kText, "seven")}, data);
  encoder.add_row({Value::integer(TypeId::kInt4, 8), Value::null(TypeId::kText)}, data);
  data += encoder.end();
  for (std::size_t piece : {1, 3, 1000}) {
    CHECK(decode(binary, data, piece) == std::vector<std::string>{"7|seven", "8|NULL"});
  }
  CHECK(error_of([&] {
          decode(binary, std::string("PGCOPY\n\xff\r\n\1") + std::string(8, '\0'), 100);
        }).starts_with("22P04 COPY file signature"));
  std::string short_row = data.substr(0, 19) + std::string("\0\1", 2);
  CHECK(error_of([&] { decode(binary, short_row, 100); }) == "22P04 row field count is 1, expected 2 / COPY t, line 1");
  CHECK(error_of([&] {
          decode(binary, data.substr(0, data.size() - 6), 100);
        }).starts_with("22P04 unexpected EOF in COPY data"));
}

TEST_CASE("text and CSV output escape and quote what would be misread", "[protocol]") {
  CopyEncoder text(options_for(CopyFormat::kText), columns());
  std::string out;
  text.add_row({Value::integer(TypeId::kInt4, 1), Value::string(TypeId::kText, "a\tb\\c\nd")}, out);
  text.add_row({Value::integer(TypeId::kInt4, 2), Value::null(TypeId::kText)}, out);
  CHECK(out == "1\ta\\tb\\\\c\\nd\n2\t\\N\n");
  CopyEncoder csv(options_for(CopyFormat::kCsv), columns());
  out.clear();
  csv.add_row({Value::integer(TypeId::kInt4, 1), Value::string(TypeId::kText, "say \"hi\", ok")}, out);
  csv.add_row({Value::integer(TypeId::kInt4, 2), Value::string(TypeId::kText, "")}, out);
  csv.add_row({Value::integer(TypeId::kInt4, 3), Value::null(TypeId::kText)}, out);
  CHECK(out == "1,\"say \"\"hi\"\", ok\"\n2,\"\"\n3,\n");
}

#include "engine/functions/datetime_format.hpp"

#include <catch2/catch.hpp>
#include <functional>

#include "engine/common/db_error.hpp"

using namespace heliosdb::engine;

namespace {

std::string state_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const DbError& e) {
    return std::string(e.state().code());
  }
  return "none";
}

DateTimeParts march_fifth() {
  DateTimeParts p;
  p.year = 2024;
  p.month = 3;
  p.day = 5;
  p.hour = 14;
  p.minute = 7;
  p.second = 9;
  p.micros = 123456;
  return p;
}

std::string show(std::string_view format, const DateTimeParts& p = march_fifth()) {
  return format_datetime(parse_datetime_format(format), p);
}

DateTimeParts read(std::string_view text, std::string_view format) {
  return parse_datetime(text, parse_datetime_format(format));
}

}  // namespace

TEST_CASE("datetime template: longest pattern first, modifiers and literals", "[to_char]") {
  auto nodes = parse_datetime_format("FMMonth DDth, \"at\" HH24");
  REQUIRE(nodes.size() == 7);
  CHECK(nodes[0].text == "Month");
  CHECK(nodes[0].fill_mode);
  CHECK(nodes[1].kind == DateTimeFormatNode::Kind::kSpace);
  CHECK(nodes[2].text == "DD");
  CHECK(nodes[2].ordinal);
  CHECK(nodes[4].kind == DateTimeFormatNode::Kind::kLiteral);
  CHECK(nodes[4].text == "at");
  CHECK(nodes[5].kind == DateTimeFormatNode::Kind::kSpace);
  CHECK(nodes[6].text == "HH24");
  CHECK(parse_datetime_format("YYYYMMDD").size() == 3);
  CHECK(parse_datetime_format("Y,YYY")[0].text == "Y,YYY");
}

TEST_CASE("to_char pads names and numbers unless FM", "[to_char]") {
  CHECK(show("YYYY-MM-DD HH24:MI:SS.US") == "2024-03-05 14:07:09.123456");
  CHECK(show("Month|FMMonth|MON|mon") == "March    |March|MAR|mar");
  CHECK(show("Day Dy D ID") == "Tuesday   Tue 3 2");
  CHECK(show("HH12 AM a.m. FMHH12") == "02 PM p.m. 2");
  CHECK(show("DDD IW IYYY Q WW W CC J") == "065 10 2024 1 10 1 21 2460375");
  CHECK(show("DDth FMDDTH") == "05th 5TH");
  CHECK(show("\"Q\"Q") == "Q1");
}

TEST_CASE("to_char of BC years and intervals", "[to_char]") {
  DateTimeParts bc = march_fifth();
  bc.year = -43;  // 44 BC
  CHECK(show("YYYY BC CC", bc) == "0044 BC -01");
  DateTimeParts iv;
  iv.interval = true;
  iv.year = 1;
  iv.month = 2;
  iv.day = 3;
  iv.hour = 30;
  CHECK(show("YYYY MM DD HH24 HH12 DDD", iv) == "0001 02 03 30 06 423");
  CHECK(state_of([&] { show("Day", iv); }) == "22007");
}

TEST_CASE("to_date reads fixed-width and separated fields", "[to_date]") {
  DateTimeParts p = read("20240115", "YYYYMMDD");
  CHECK((p.year == 2024 && p.month == 1 && p.day == 15));
  p = read("2024-1-5", "YYYY-MM-DD");
  CHECK((p.month == 1 && p.day == 5));
  p = read("15 january 2024", "DD Month YYYY");
  CHECK(p.month == 1);
  p = read("24-03-05", "YY-MM-DD");
  CHECK(p.year == 2024);
  p = read("01:30 PM", "HH12:MI AM");
  CHECK((p.hour == 13 && p.minute == 30 && p.year == 0));
  p = read("12:00 AM", "HH12:MI AM");
  CHECK(p.hour == 0);
  p = read("10:00:00.25", "HH24:MI:SS.MS");
  CHECK(p.micros == 250000);
}

TEST_CASE("to_date rejects what does not fit with PostgreSQL's SQLSTATEs", "[to_date]") {
  CHECK(state_of([] { read("2024-13-01", "YYYY-MM-DD"); }) == "22008");
  CHECK(state_of([] { read("2023-02-29", "YYYY-MM-DD"); }) == "22008");
  CHECK(state_of([] { read("xx", "DD"); }) == "22007");
  CHECK(state_of([] { read("15 Foo", "DD Mon"); }) == "22007");
  CHECK(state_of([] { read("13:00 PM", "HH12:MI AM"); }) == "22007");
  CHECK(state_of([] { read("202401", "YYYYMMDD"); }) == "none");
  CHECK(state_of([] { read("2024011", "YYYYMMDDHH24"); }) == "22007");
  CHECK(state_of([] { read("UTC", "TZ"); }) == "0A000");
}

#include "engine/functions/time_zone.hpp"

#include <catch2/catch.hpp>

using namespace heliosdb::engine;

namespace {

// Unix seconds of a UTC date and time.
constexpr std::int64_t k2024_07_01 = 1'719'792'000;
constexpr std::int64_t k2024_01_01 = 1'704'067'200;

}  // namespace

TEST_CASE("POSIX specifications count offsets west of Greenwich", "[time zone]") {
  auto plus2 = TimeZone::parse_posix("+02");
  REQUIRE(plus2);
  CHECK(plus2->offset_at(k2024_01_01) == -7200);
  auto utc3 = TimeZone::parse_posix("UTC-3");
  REQUIRE(utc3);
  CHECK(utc3->offset_at(k2024_01_01) == 10800);
  auto half = TimeZone::parse_posix("<+0530>-5:30");
  REQUIRE(half);
  CHECK(half->offset_at(k2024_01_01) == 19800);
  CHECK_FALSE(TimeZone::parse_posix("PST"));
  CHECK_FALSE(TimeZone::parse_posix("Foo/Bar"));
  CHECK_FALSE(TimeZone::parse_posix("EST5EDT,M3.2.0"));
}

TEST_CASE("POSIX rules switch to daylight time and back", "[time zone]") {
  auto eastern = TimeZone::parse_posix("EST5EDT,M3.2.0,M11.1.0");
  REQUIRE(eastern);
  CHECK(eastern->offset_at(k2024_01_01) == -18000);
  CHECK(eastern->offset_at(k2024_07_01) == -14400);
  // 2024-03-10 07:00 UTC is 02:00 EST, the switch.
  constexpr std::int64_t kSwitch = 1'710'054'000;
  CHECK(eastern->offset_at(kSwitch - 1) == -18000);
  CHECK(eastern->offset_at(kSwitch) == -14400);
  // 02:30 local does not exist that day: read with the offset before.
  constexpr std::int64_t kLocal0230 = 1'710'037'800;
  CHECK(eastern->offset_for_local(kLocal0230) == -18000);
  // 01:30 on 2024-11-03 happens twice: the later (standard) reading wins.
  constexpr std::int64_t kLocal0130 = 1'730'597'400;
  CHECK(eastern->offset_for_local(kLocal0130) == -18000);
}

TEST_CASE("TZif data is checked before it is read", "[time zone]") {
  CHECK_FALSE(TimeZone::parse_tzif(""));
  CHECK_FALSE(TimeZone::parse_tzif("TZif2"));
  std::string header = "TZif2" + std::string(15, '\0') + std::string(24, '\0');
  CHECK_FALSE(TimeZone::parse_tzif(header));  // no local time types
  header[39] = 1;                             // one type, but no bytes for it
  CHECK_FALSE(TimeZone::parse_tzif(header));
}

TEST_CASE("zone names resolve case-insensitively and never leave the zone directory", "[time zone]") {
  auto new_york = TimeZone::find("america/new_york");
  REQUIRE(new_york);
  CHECK(new_york->offset_at(k2024_07_01) == -14400);
  CHECK(new_york->offset_at(k2024_01_01) == -18000);
  // Past the table of transitions the file's POSIX rule takes over.
  CHECK(new_york->offset_at(k2024_07_01 + 30LL * 365 * 86400) == -14400);
  CHECK(TimeZone::find("../../etc/passwd") == nullptr);
  CHECK(TimeZone::find("/etc/localtime") == nullptr);
  CHECK(TimeZone::find("Nowhere") == nullptr);
}

TEST_CASE("PostgreSQL's abbreviations come before zone files of the same name", "[time zone]") {
  auto cet = TimeZone::find("CET");
  REQUIRE(cet);
  CHECK(cet->offset_at(k2024_07_01) == 3600);  // the zone file CET would say +02 in summer
  auto pst = TimeZone::find("pst");
  REQUIRE(pst);
  CHECK(pst->offset_at(k2024_07_01) == -28800);
}

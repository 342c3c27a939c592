// History runs: what is encoded reads back, the version in force at a bound
// is found, runs stay within their limits, and format 1's one-version entries
// still read.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "storage/version_format.hpp"
#include "storage/version_run.hpp"

using namespace heliosdb::storage;
using format::HistoryVersion;
using format::VersionRun;

namespace {

std::string key_starting(Scn start) { return format::history_key(1, "k", start); }

}  // namespace

TEST_CASE("a run reads back the versions it was built from", "[storage][format]") {
  const std::string large(300, 'x');  // outlives the views the versions hold
  const std::vector<HistoryVersion> versions = {
      {10, 12, false, "first"}, {12, 15, false, ""}, {15, 20, true, ""}, {30, 31, false, large}};
  std::string raw;
  format::encode_run(raw, versions);
  VersionRun run(key_starting(10), raw);
  REQUIRE(run.size() == versions.size());
  for (std::size_t i = 0; i < versions.size(); ++i) {
    HistoryVersion v = run.at(i);
    CHECK(v.start == versions[i].start);
    CHECK(v.end == versions[i].end);
    CHECK(v.tombstone == versions[i].tombstone);
    CHECK(v.payload == versions[i].payload);
  }
  CHECK(run.first_start() == 10);
  CHECK(run.last_end() == 31);
}

TEST_CASE("the version in force at a bound is the last that started by then", "[storage][format]") {
  const std::vector<HistoryVersion> versions = {{10, 12, false, "a"}, {12, 15, false, "b"}, {20, 25, false, "c"}};
  std::string raw;
  format::encode_run(raw, versions);
  VersionRun run(key_starting(10), raw);
  CHECK_FALSE(run.started_by(9));
  CHECK(run.started_by(10)->payload == "a");
  CHECK(run.started_by(11)->payload == "a");
  CHECK(run.started_by(12)->payload == "b");
  // Between 15 and 20 the key was deleted: the caller sees b's end passed.
  CHECK(run.started_by(17)->end == 15);
  CHECK(run.started_by(99)->payload == "c");
}

TEST_CASE("appending keeps the run's versions and respects its limits", "[storage][format]") {
  std::string raw;
  const HistoryVersion first{1, 2, false, "v1"};
  format::encode_run(raw, std::span(&first, 1));
  for (Scn s = 2; VersionRun(key_starting(1), raw).has_room_for(2); ++s) {
    std::string next;
    format::append_to_run(next, VersionRun(key_starting(1), raw), {s, s + 1, false, "v" + std::to_string(s % 10)});
    raw = next;
  }
  VersionRun full(key_starting(1), raw);
  CHECK(full.size() == format::kMaxRunVersions);
  CHECK(full.at(format::kMaxRunVersions - 1).start == format::kMaxRunVersions);
  CHECK(full.at(7).payload == "v8");

  // Large payloads fill a run by bytes: one that alone passes the limit still
  // gets a run of its own.
  const std::string big(format::kMaxRunBytes, 'b');
  const HistoryVersion large{1, 2, false, big};
  format::encode_run(raw, std::span(&large, 1));
  VersionRun one(key_starting(1), raw);
  CHECK_FALSE(one.has_room_for(0));
  const HistoryVersion small{1, 2, false, "s"};
  format::encode_run(raw, std::span(&small, 1));
  CHECK_FALSE(VersionRun(key_starting(1), raw).has_room_for(format::kMaxRunBytes));
  CHECK(VersionRun(key_starting(1), raw).has_room_for(100));
}

TEST_CASE("a format 1 history entry reads as a run of one", "[storage][format]") {
  // flags(1) | end SCN(8) | payload, the start in the key.
  std::string legacy;
  format::encode_version_into(legacy, 42, false, "old value");
  VersionRun run(key_starting(40), legacy);
  REQUIRE(run.size() == 1);
  CHECK(run.at(0).start == 40);
  CHECK(run.at(0).end == 42);
  CHECK_FALSE(run.at(0).tombstone);
  CHECK(run.at(0).payload == "old value");
  CHECK(run.started_by(41)->payload == "old value");
  // Appending turns it into a run of the new layout.
  std::string appended;
  format::append_to_run(appended, run, {42, 50, true, ""});
  VersionRun two(key_starting(40), appended);
  REQUIRE(two.size() == 2);
  CHECK(two.at(0).payload == "old value");
  CHECK(two.at(1).tombstone);
  CHECK(two.last_end() == 50);
}

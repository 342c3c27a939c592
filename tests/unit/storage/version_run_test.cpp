// History runs: what is encoded reads back (packed, with payloads stored as
// differences from the first), the version in force at a bound is found, runs
// stay within their limits, and the layouts older builds wrote still read.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "storage/version_format.hpp"
#include "storage/version_run.hpp"

using namespace heliosdb::storage;
using format::HistoryVersion;
using format::VersionRun;

namespace {

std::string key_starting(Scn start) { return format::history_key(1, "k", start); }

std::optional<HistoryVersion> started_by(const VersionRun& run, Scn bound, std::string& buf) {
  HistoryVersion v;
  if (!run.started_by(bound, buf, v)) return std::nullopt;
  return v;
}

void check_reads_back(const VersionRun& run, const std::vector<HistoryVersion>& versions) {
  REQUIRE(run.size() == versions.size());
  for (std::size_t i = 0; i < versions.size(); ++i) {
    std::string buf;
    HistoryVersion v = run.at(i, buf);
    CHECK(v.start == versions[i].start);
    CHECK(v.end == versions[i].end);
    CHECK(v.tombstone == versions[i].tombstone);
    CHECK(v.payload == versions[i].payload);
  }
  CHECK(run.first_start() == versions.front().start);
  CHECK(run.last_end() == versions.back().end);
}

}  // namespace

TEST_CASE("a run reads back the versions it was built from", "[storage][format]") {
  const std::string large(300, 'x');  // outlives the views the versions hold
  const std::vector<HistoryVersion> versions = {
      {10, 12, false, "first"}, {12, 15, false, ""}, {15, 20, true, ""}, {30, 31, false, large}};
  std::string raw;
  format::encode_run(raw, versions);
  VersionRun run(key_starting(10), raw);
  CHECK(run.layout() == VersionRun::Layout::kPacked);
  check_reads_back(run, versions);

  format::encode_fixed_run(raw, versions);  // as builds before packing wrote them
  VersionRun fixed(key_starting(10), raw);
  CHECK(fixed.layout() == VersionRun::Layout::kFixed);
  check_reads_back(fixed, versions);
}

TEST_CASE("a packed run stores later payloads as differences from the first", "[storage][format]") {
  const std::string row = "id=000042|v=0001|" + std::string(40, 'p');
  std::vector<std::string> payloads = {row};
  for (const char* v : {"0002", "0003", "0999"}) {
    std::string next = row;
    next.replace(12, 4, v);
    payloads.push_back(next);
  }
  payloads.push_back("id=000042|v=1|" + std::string(40, 'p'));                        // shorter: shares both ends
  payloads.push_back(row + "|grown");                                                 // longer: shares the front
  payloads.push_back("X" + row.substr(1));                                            // shares the back
  payloads.push_back("something else entirely");                                      // shares nothing
  payloads.push_back("");                                                             // empty
  payloads.push_back(row);                                                            // the same
  payloads.push_back(row.substr(0, 10) + row.substr(row.size() - 10));                // a middle removed
  payloads.push_back(row.substr(0, 20) + std::string("\0\1\2", 3) + row.substr(20));  // a middle inserted
  std::vector<HistoryVersion> versions;
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    versions.push_back({100 + 10 * i, 100 + 10 * i + 10, false, payloads[i]});
  }
  std::string raw;
  format::encode_run(raw, versions);
  check_reads_back(VersionRun(key_starting(100), raw), versions);

  std::string fixed;
  format::encode_fixed_run(fixed, versions);
  CHECK(raw.size() * 2 < fixed.size());

  // A version that differs from the first in a few bytes costs a few bytes.
  std::string four;
  format::encode_run(four, std::span(versions.data(), 4));
  std::string one;
  format::encode_run(one, std::span(versions.data(), 1));
  CHECK(four.size() - one.size() <= 3 * 12);
}

TEST_CASE("a packed run keeps SCNs of any size and gap", "[storage][format]") {
  const Scn far = Scn{1} << 40;
  const std::vector<HistoryVersion> versions = {{5, 6, false, "a"},
                                                {6, 300, true, ""},
                                                {300, 70'000, false, "abc"},
                                                {80'000, far, false, "abd"},
                                                {far, far + (Scn{1} << 33), false, "abe"},
                                                {far + (Scn{1} << 35), ~Scn{0} >> 1, false, "b"}};
  std::string raw;
  format::encode_run(raw, versions);
  VersionRun run(key_starting(5), raw);
  CHECK(run.layout() == VersionRun::Layout::kPacked);
  check_reads_back(run, versions);
  std::string buf;
  CHECK(started_by(run, 79'999, buf)->payload == "abc");
  CHECK(started_by(run, far - 1, buf)->payload == "abd");
  CHECK(started_by(run, far, buf)->end == far + (Scn{1} << 33));
}

TEST_CASE("the version in force at a bound is the last that started by then", "[storage][format]") {
  const std::vector<HistoryVersion> versions = {{10, 12, false, "aaaa"}, {12, 15, false, "aaba"}, {20, 25, false, "c"}};
  for (bool packed : {true, false}) {
    std::string raw;
    packed ? format::encode_run(raw, versions) : format::encode_fixed_run(raw, versions);
    VersionRun run(key_starting(10), raw);
    std::string buf;
    CHECK_FALSE(started_by(run, 9, buf));
    CHECK(started_by(run, 10, buf)->payload == "aaaa");
    CHECK(started_by(run, 11, buf)->payload == "aaaa");
    CHECK(started_by(run, 12, buf)->payload == "aaba");
    // Between 15 and 20 the key was deleted: the caller sees b's end passed.
    CHECK(started_by(run, 17, buf)->end == 15);
    CHECK(started_by(run, 99, buf)->payload == "c");
    CHECK(started_by(run, 99, buf)->start == 20);
  }
}

TEST_CASE("appending keeps the run's versions and respects its limits", "[storage][format]") {
  std::string raw;
  std::vector<std::string> payloads = {"row 1 with a common tail"};
  std::vector<HistoryVersion> versions = {{1, 2, false, payloads[0]}};
  payloads.reserve(format::kMaxRunVersions + 1);
  format::encode_run(raw, versions);
  for (Scn s = 2; VersionRun(key_starting(1), raw).has_room_for(30); ++s) {
    payloads.push_back("row " + std::to_string(s) + " with a common tail");
    versions.push_back({s, s + 1, s % 5 == 0, payloads.back()});
    std::string next;
    format::append_to_run(next, VersionRun(key_starting(1), raw), versions.back());
    raw = next;
  }
  VersionRun full(key_starting(1), raw);
  CHECK(full.size() == format::kMaxRunVersions);
  check_reads_back(full, versions);

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

TEST_CASE("appending to a run of an older layout packs it", "[storage][format]") {
  const std::vector<HistoryVersion> versions = {{5, 7, false, "version five"}, {7, 9, true, ""}};
  std::string raw;
  format::encode_fixed_run(raw, versions);
  std::string appended;
  format::append_to_run(appended, VersionRun(key_starting(5), raw), {9, 12, false, "version nine"});
  VersionRun run(key_starting(5), appended);
  CHECK(run.layout() == VersionRun::Layout::kPacked);
  check_reads_back(run, {versions[0], versions[1], {9, 12, false, "version nine"}});
}

TEST_CASE("a run too large for 16-bit offsets keeps the fixed layout", "[storage][format]") {
  const std::string huge(70'000, 'h');
  const std::vector<HistoryVersion> versions = {{1, 2, false, huge}, {2, 3, false, "small"}};
  std::string raw;
  format::encode_run(raw, versions);
  VersionRun run(key_starting(1), raw);
  CHECK(run.layout() == VersionRun::Layout::kFixed);
  check_reads_back(run, versions);
  // Appending to it stays readable too.
  std::string appended;
  format::append_to_run(appended, run, {3, 4, false, "smaller"});
  check_reads_back(VersionRun(key_starting(1), appended), {versions[0], versions[1], {3, 4, false, "smaller"}});
}

TEST_CASE("a format 1 history entry reads as a run of one", "[storage][format]") {
  // flags(1) | end SCN(8) | payload, the start in the key.
  std::string legacy;
  format::encode_version_into(legacy, 42, false, "old value");
  VersionRun run(key_starting(40), legacy);
  CHECK(run.layout() == VersionRun::Layout::kSingle);
  check_reads_back(run, {{40, 42, false, "old value"}});
  std::string buf;
  CHECK(started_by(run, 41, buf)->payload == "old value");
  // Appending turns it into a run of the current layout.
  std::string appended;
  format::append_to_run(appended, run, {42, 50, true, ""});
  VersionRun two(key_starting(40), appended);
  CHECK(two.layout() == VersionRun::Layout::kPacked);
  check_reads_back(two, {{40, 42, false, "old value"}, {42, 50, true, ""}});
}

TEST_CASE("a run of no versions encodes without reading any", "[storage][format]") {
  // Compaction encodes what it keeps before it knows nothing is kept.
  std::string raw = "stale";
  format::encode_run(raw, std::span<const HistoryVersion>());
  CHECK(raw.size() == 2);
  CHECK(raw[1] == '\0');
}

TEST_CASE("a damaged packed run is an error, not a read past its end", "[storage][format]") {
  const std::vector<HistoryVersion> versions = {{1, 2, false, "abcdef"}, {2, 3, false, "abXdef"}};
  std::string raw;
  format::encode_run(raw, versions);
  // Cut inside the second version's difference, and lengths past the first payload.
  std::string cut = raw.substr(0, raw.size() - 2);
  cut.back() = '\x7f';
  std::string buf;
  CHECK_THROWS(VersionRun(key_starting(1), cut).at(1, buf));
}

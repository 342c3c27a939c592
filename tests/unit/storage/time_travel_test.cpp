// Reads as of an SCN, the commit log, and what retention keeps.
#include <catch2/catch.hpp>

#include <deque>
#include <map>
#include <random>
#include <thread>

#include "storage/lmdb_env.hpp"
#include "storage/storage_error.hpp"
#include "storage/version_format.hpp"
#include "storage/version_run.hpp"
#include "temp_store.hpp"

using namespace heliosdb::storage;
using namespace heliosdb::storage::testing;
using Map = std::map<std::string, std::string>;

namespace {

// Commits random puts and deletes; returns the model state after every SCN.
std::map<Scn, Map> random_history(Store& store, std::mt19937& rng, int commits) {
  std::map<Scn, Map> states;
  Map model;
  states[store.last_scn()] = model;
  for (int c = 0; c < commits; ++c) {
    auto txn = store.begin();
    int ops = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < ops; ++i) {
      std::string key = "k" + std::to_string(rng() % 40);
      if (rng() % 3 == 0) {
        txn->del(key);
        model.erase(key);
      } else {
        std::string value = "v" + std::to_string(c) + "." + std::to_string(i);
        txn->put(key, value);
        model[key] = value;
      }
    }
    states[txn->commit()] = model;
  }
  return states;
}

}  // namespace

TEST_CASE("reading as of every SCN of a random history matches the model", "[storage][time_travel]") {
  auto store = Store::open_in_memory();
  std::mt19937 rng(7);
  auto states = random_history(*store, rng, 300);

  auto txn = store->begin();
  for (const auto& [scn, model] : states) {
    INFO("SCN " << scn);
    REQUIRE(scan_all_as_of<Map>(*txn, scn) == model);
    for (int k = 0; k < 40; ++k) {
      std::string key = "k" + std::to_string(k);
      auto got = txn->get_as_of(key, scn);
      auto want = model.find(key);
      REQUIRE(got.has_value() == (want != model.end()));
      if (got) REQUIRE(*got == want->second);
    }
  }
  // Bounded scans as of a point combine with history correctly too.
  Scn mid = states.begin()->first + 150;
  Map bounded;
  Scanner s = txn->scan_as_of("k1", "k3", mid);
  while (s.next()) bounded.emplace(s.key(), s.value());
  Map want;
  for (const auto& [k, v] : states.at(mid)) {
    if (k >= "k1" && k < "k3") want.emplace(k, v);
  }
  CHECK(bounded == want);
}

TEST_CASE("as-of reads survive reopening the store", "[storage][time_travel]") {
  TempDir dir;
  std::map<Scn, Map> states;
  {
    auto store = Store::open(disk_options(dir.path()));
    std::mt19937 rng(11);
    states = random_history(*store, rng, 60);
  }
  auto store = Store::open(disk_options(dir.path()));
  auto txn = store->begin();
  CHECK(txn->snapshot_scn() == states.rbegin()->first);
  for (const auto& [scn, model] : states) REQUIRE(scan_all_as_of<Map>(*txn, scn) == model);
  // SCNs and txids continue after the reopen, never reused.
  auto last = store->commit_at(store->last_scn());
  REQUIRE(last);
  auto next = store->begin();
  next->put("after", "reopen");
  CHECK(next->id() > last->txid);
  CHECK(next->commit() == last->scn + 1);
}

TEST_CASE("history in the fixed run layout of format 2 still reads and grows", "[storage][time_travel]") {
  TempDir dir;
  std::map<Scn, Map> states;
  std::mt19937 rng(17);
  {
    auto store = Store::open(disk_options(dir.path()));
    states = random_history(*store, rng, 80);
  }
  {
    // Rewrites every run as a format 2 build wrote it.
    auto env = LmdbEnv::open(disk_options(dir.path()).env);
    MDB_txn* txn = env->begin_write();
    std::vector<std::pair<std::string, std::string>> runs;
    {
      Cursor cursor(*env, txn, Db::kHistory);
      for (bool ok = cursor.first(); ok; ok = cursor.next()) {
        format::VersionRun run(cursor.key(), cursor.value());
        REQUIRE(run.layout() == format::VersionRun::Layout::kPacked);
        std::deque<std::string> payloads;
        std::vector<format::HistoryVersion> versions;
        for (std::size_t i = 0; i < run.size(); ++i) versions.push_back(run.at(i, payloads.emplace_back()));
        std::string fixed;
        format::encode_fixed_run(fixed, versions);
        runs.emplace_back(cursor.key(), fixed);
      }
    }
    REQUIRE_FALSE(runs.empty());
    for (const auto& [key, value] : runs) env->put(txn, Db::kHistory, key, value);
    REQUIRE(mdb_txn_commit(txn) == MDB_SUCCESS);
  }
  auto store = Store::open(disk_options(dir.path()));
  {
    auto txn = store->begin();
    for (const auto& [scn, model] : states) REQUIRE(scan_all_as_of<Map>(*txn, scn) == model);
  }
  // New versions join the old runs, which are packed as they grow.
  Map model = states.rbegin()->second;
  for (int c = 0; c < 40; ++c) {
    auto txn = store->begin();
    std::string key = "k" + std::to_string(rng() % 40);
    std::string value = "after." + std::to_string(c);
    txn->put(key, value);
    model[key] = value;
    states[txn->commit()] = model;
  }
  auto txn = store->begin();
  for (const auto& [scn, want] : states) REQUIRE(scan_all_as_of<Map>(*txn, scn) == want);
}

TEST_CASE("commit times map to SCNs both ways", "[storage][time_travel]") {
  auto store = Store::open_in_memory();
  std::vector<CommitRecord> records;
  for (int i = 0; i < 20; ++i) {
    Scn scn = put_one(*store, "k", std::to_string(i));
    records.push_back(*store->commit_at(scn));
  }
  CHECK(store->scn_at_time(records.front().time - 1) == 0);
  for (std::size_t i = 0; i < records.size(); ++i) {
    CHECK(store->scn_at_time(records[i].time) == records[i].scn);
    if (i + 1 < records.size()) {
      REQUIRE(records[i].time < records[i + 1].time);
      // A moment between two commits sees exactly the first.
      CHECK(store->scn_at_time(records[i + 1].time - 1) == records[i].scn);
    }
    CHECK(store->commit_by_txid(records[i].txid)->scn == records[i].scn);
  }
  auto listed = store->commits(records[3].scn, records[6].scn);
  REQUIRE(listed.size() == 4);
  CHECK(listed.front().txid == records[3].txid);
  CHECK(listed.back().time == records[6].time);
  CHECK_FALSE(store->commit_at(9999));
  CHECK_FALSE(store->commit_by_txid(9999));
}

TEST_CASE("a key given a past reads it as of every point", "[storage][time_travel]") {
  auto store = Store::open_in_memory();
  const Scn s1 = put_one(*store, "other", "1");
  const Scn s2 = put_one(*store, "other", "2");
  const Scn s3 = put_one(*store, "other", "3");
  auto txn = store->begin();
  txn->put("new", "now");
  txn->give_past("new", {s1, s2, "first"});
  txn->give_past("new", {s3, 0, "until the commit"});  // 0: up to the commit
  txn->give_past("gone", {s1, s3, "deleted since"});   // a key not written now: history alone
  const Scn c = txn->commit();
  auto reader = store->begin();
  CHECK_FALSE(reader->get_as_of("new", s1 - 1));
  CHECK(*reader->get_as_of("new", s1) == "first");
  CHECK_FALSE(reader->get_as_of("new", s2));  // the gap between its versions
  CHECK(*reader->get_as_of("new", s3) == "until the commit");
  CHECK(*reader->get_as_of("new", c) == "now");
  CHECK(*reader->get_as_of("gone", s2) == "deleted since");
  CHECK_FALSE(reader->get_as_of("gone", s3));
  CHECK_FALSE(reader->get("gone"));
  // Many versions: more than one run holds them.
  auto many = store->begin();
  many->put("long", "now");
  for (Scn s = 1; s < s3; ++s) many->give_past("long", {s, s + 1, std::string(100, static_cast<char>('a' + s))});
  many->commit();
  auto again = store->begin();
  for (Scn s = 1; s < s3; ++s) CHECK(*again->get_as_of("long", s) == std::string(100, static_cast<char>('a' + s)));
}

TEST_CASE("a past is refused when it overlaps, ends before it starts or meets versions of the key's own",
          "[storage][time_travel]") {
  auto store = Store::open_in_memory();
  const Scn s1 = put_one(*store, "k", "1");
  const Scn s2 = put_one(*store, "k", "2");
  put_one(*store, "filler", "x");
  auto txn = store->begin();
  CHECK(error_code([&] { txn->give_past("a", {s2, s1, "backwards"}); }) == StorageErrc::kInvalidArgument);
  CHECK(error_code([&] {
          txn->give_past("a", {store->last_scn() + 1, 0, "future"});
        }) == StorageErrc::kInvalidArgument);
  txn->rollback();
  auto overlapping = [&] {
    auto t = store->begin();
    t->give_past("a", {s1, s2 + 1, "x"});
    t->give_past("a", {s2, 0, "y"});
    t->commit();
  };
  CHECK(error_code(overlapping) == StorageErrc::kInvalidArgument);
  auto own_versions = [&] {
    auto t = store->begin();
    t->put("k", "3");
    t->give_past("k", {s1, s2, "x"});
    t->commit();
  };
  CHECK(error_code(own_versions) == StorageErrc::kInvalidArgument);
  auto deleted = [&] {
    auto t = store->begin();
    t->del("k");
    t->give_past("k", {s1, s2, "x"});
    t->commit();
  };
  CHECK(error_code(deleted) == StorageErrc::kInvalidArgument);
  // Nothing of the refused commits was written.
  auto reader = store->begin();
  CHECK(*reader->get("k") == "2");
  CHECK_FALSE(reader->get_as_of("a", s2));
}

TEST_CASE("as-of reads refuse points in the future", "[storage][time_travel]") {
  auto store = Store::open_in_memory();
  put_one(*store, "k", "v");
  auto txn = store->begin();
  CHECK(error_code([&] { txn->get_as_of("k", txn->snapshot_scn() + 1); }) == StorageErrc::kFutureScn);
  // A commit after the snapshot is the future for this transaction too.
  put_one(*store, "k", "w");
  CHECK(error_code([&] { txn->scan_as_of("", "", store->last_scn()); }) == StorageErrc::kFutureScn);
  CHECK(*txn->get_as_of("k", txn->snapshot_scn()) == "v");
}

TEST_CASE("compaction removes old history and raises the retention floor", "[storage][time_travel][retention]") {
  auto store = Store::open_in_memory();
  std::mt19937 rng(3);
  auto states = random_history(*store, rng, 200);
  Scn cutoff = states.begin()->first + 120;

  CompactionStats stats = store->compact(cutoff);
  CHECK(stats.history_removed > 0);
  CHECK(stats.changes_removed > 0);
  CHECK(store->retention_floor() == cutoff);

  auto txn = store->begin();
  CHECK(error_code([&] { txn->get_as_of("k1", cutoff - 1); }) == StorageErrc::kSnapshotTooOld);
  for (const auto& [scn, model] : states) {
    if (scn >= cutoff) REQUIRE(scan_all_as_of<Map>(*txn, scn) == model);
  }
  CHECK(scan_all<Map>(*txn) == states.rbegin()->second);
  // Compacting again to the same point removes nothing more.
  CHECK(store->compact(cutoff).history_removed == 0);
  CHECK(error_code([&] { store->compact(store->last_scn() + 1); }) == StorageErrc::kFutureScn);
}

TEST_CASE("a reader that began before compaction keeps its view", "[storage][time_travel][retention]") {
  auto store = Store::open_in_memory();
  Scn first = put_one(*store, "k", "old");
  put_one(*store, "k", "new");
  auto reader = store->begin();
  store->compact(store->last_scn());
  // The LMDB snapshot still holds the history the reader may ask for.
  CHECK(*reader->get_as_of("k", first) == "old");
  auto later = store->begin();
  CHECK(error_code([&] { later->get_as_of("k", first); }) == StorageErrc::kSnapshotTooOld);
}

TEST_CASE("compaction running alongside commits loses none of them", "[storage][retention]") {
  auto store = Store::open_in_memory();
  std::mt19937 rng(5);
  auto states = random_history(*store, rng, 300);
  std::atomic<int> commits{0};
  std::atomic<bool> done{false};
  std::thread writer([&] {
    while (!done || commits < 20) {
      int i = commits;
      put_one(*store, "w" + std::to_string(i % 10), std::to_string(i));
      ++commits;
    }
  });
  store->compact(states.begin()->first + 150);
  done = true;
  writer.join();
  auto txn = store->begin();
  Map want = states.rbegin()->second;
  for (int i = commits - 10; i < commits; ++i) want["w" + std::to_string(i % 10)] = std::to_string(i);
  CHECK(scan_all<Map>(*txn) == want);
}

TEST_CASE("keys with many versions of any size read and compact correctly", "[storage][time_travel][retention]") {
  // Payload sizes from a few bytes to past a run's byte limit: a key's history
  // spans several runs, of many small versions or of one large one.
  auto store = Store::open_in_memory();
  std::mt19937 rng(13);
  std::map<Scn, Map> states;
  Map model;
  for (int c = 0; c < 400; ++c) {
    auto txn = store->begin();
    std::string key = "k" + std::to_string(rng() % 3);
    if (rng() % 10 == 0) {
      txn->del(key);
      model.erase(key);
    } else {
      std::size_t size = rng() % 4 == 0 ? rng() % 1500 : rng() % 40;
      std::string value = std::to_string(c) + std::string(size, static_cast<char>('a' + c % 26));
      txn->put(key, value);
      model[key] = value;
    }
    states[txn->commit()] = model;
  }
  auto check_from = [&](Scn first) {
    auto txn = store->begin();
    for (const auto& [scn, want] : states) {
      if (scn < first) continue;
      INFO("SCN " << scn);
      REQUIRE(scan_all_as_of<Map>(*txn, scn) == want);
      for (int k = 0; k < 3; ++k) {
        std::string key = "k" + std::to_string(k);
        auto got = txn->get_as_of(key, scn);
        REQUIRE(got.has_value() == want.contains(key));
        if (got) REQUIRE(*got == want.at(key));
      }
    }
  };
  check_from(0);

  // A branch forked in the middle pins the versions in force at its fork,
  // whatever run they sit in.
  const Scn fork = states.begin()->first + 150;
  BranchId dev = store->create_branch("dev", kMainBranch, fork);
  const Scn cutoff = states.begin()->first + 250;
  CHECK(store->compact(cutoff).history_removed > 0);
  check_from(cutoff);
  auto txn = store->begin(dev);
  CHECK(scan_all<Map>(*txn) == states.at(fork));
  CHECK(store->compact(cutoff).history_removed == 0);
}

TEST_CASE("a data directory in a newer storage format is refused on open", "[storage]") {
  TempDir dir;
  Scn scn = 0;
  {
    auto store = Store::open(disk_options(dir.path()));
    scn = put_one(*store, "k", "v");
  }
  auto write_format = [&](std::uint64_t version) {
    auto env = LmdbEnv::open(disk_options(dir.path()).env);
    MDB_txn* txn = env->begin_write();
    std::string key(format::kMetaFormat);
    std::string value = format::u64_bytes(version);
    MDB_val k{key.size(), key.data()};
    MDB_val v{value.size(), value.data()};
    REQUIRE(mdb_put(txn, env->dbi(Db::kMeta), &k, &v, 0) == MDB_SUCCESS);
    REQUIRE(mdb_txn_commit(txn) == MDB_SUCCESS);
  };
  write_format(format::kFormatVersion + 1);  // as a later build would leave it
  CHECK(error_code([&] { Store::open(disk_options(dir.path())); }) == StorageErrc::kIo);
  // Its own format opens, and what was written is there.
  write_format(format::kFormatVersion);
  auto store = Store::open(disk_options(dir.path()));
  auto txn = store->begin();
  CHECK(*txn->get("k") == "v");
  CHECK(store->last_scn() == scn);
}

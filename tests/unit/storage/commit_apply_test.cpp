// apply_commit: keys past the end of the stored ones are appended without a
// search; the result must be the same as writing each one in place.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <string>

#include "temp_store.hpp"

using namespace heliosdb::storage;
using namespace heliosdb::storage::testing;
using Map = std::map<std::string, std::string>;

namespace {

std::string key_of(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "k%07d", i);
  return buf;
}

}  // namespace

TEST_CASE("a commit mixing keys before, between and past the stored ones stores them all", "[storage][commit]") {
  TempDir dir;
  auto store = Store::open(disk_options(dir.path()));
  Map expected;
  {
    auto txn = store->begin();
    for (int i = 0; i < 5000; i += 2) txn->put(key_of(i), "a" + std::to_string(i));  // ascending into an empty store
    txn->commit();
    for (int i = 0; i < 5000; i += 2) expected[key_of(i)] = "a" + std::to_string(i);
  }
  {
    auto txn = store->begin();
    for (int i = 1; i < 8000; i += 3) {
      if (i < 5000 && i % 2 == 0 && i % 5 == 0) {
        txn->del(key_of(i));
        expected.erase(key_of(i));
      } else {
        txn->put(key_of(i), "b" + std::to_string(i));  // in between, over old ones and past the end
        expected[key_of(i)] = "b" + std::to_string(i);
      }
    }
    txn->commit();
  }
  auto reader = store->begin();
  CHECK(scan_all<Map>(*reader) == expected);
  for (const auto& [key, value] : expected) REQUIRE(reader->get(key) == std::optional<std::string_view>(value));

  // Replaced versions went to history: the first commit's state reads as of its SCN.
  Map first;
  for (int i = 0; i < 5000; i += 2) first[key_of(i)] = "a" + std::to_string(i);
  CHECK(scan_all_as_of<Map>(*reader, reader->snapshot_scn() - 1) == first);
}

TEST_CASE("changes recorded out of order still judge conflicts", "[storage][commit]") {
  TempDir dir;
  auto store = Store::open(disk_options(dir.path()));
  const Scn fork = put_one(*store, "x", "0");
  BranchId dev = store->create_branch("dev", kMainBranch, fork);
  put_one(*store, "y", "dev", dev);  // the later branch's changes now follow main's in the change log

  auto first = store->begin();
  auto second = store->begin();
  first->put("x", "1");
  second->put("x", "2");
  first->commit();
  CHECK(error_code([&] { second->commit(); }) == StorageErrc::kSerializationFailure);
  auto reader = store->begin();
  CHECK(reader->get("x") == std::optional<std::string_view>("1"));
}

TEST_CASE("a bulk load in random order reads back the same as in key order", "[storage][commit]") {
  TempDir dir;
  auto store = Store::open(disk_options(dir.path()));
  put_one(*store, key_of(500), "mid");
  std::vector<int> order(2000);
  for (int i = 0; i < 2000; ++i) order[static_cast<std::size_t>(i)] = i;
  std::shuffle(order.begin(), order.end(), std::mt19937(7));
  Map expected;
  auto txn = store->begin();
  for (int i : order) {
    txn->put(key_of(i), std::to_string(i));
    expected[key_of(i)] = std::to_string(i);
  }
  CHECK(scan_all<Map>(*txn) == expected);  // the write set, before commit
  txn->commit();
  auto reader = store->begin();
  CHECK(scan_all<Map>(*reader) == expected);
}

TEST_CASE("a load into a gap below stored keys, with rewrites and a savepoint, reads back as written",
          "[storage][commit]") {
  TempDir dir;
  auto store = Store::open(disk_options(dir.path()));
  Map expected;
  {
    // Stored keys on both sides of the gap [k0001000, k0009000).
    auto txn = store->begin();
    for (int i : {0, 500, 999, 9000, 9500}) {
      txn->put(key_of(i), "old" + std::to_string(i));
      expected[key_of(i)] = "old" + std::to_string(i);
    }
    txn->commit();
  }
  {
    auto txn = store->begin();
    txn->put(key_of(9999), "late");  // a write after the gap first, as a load into an older table
    expected[key_of(9999)] = "late";
    for (int i = 1000; i < 3000; ++i) txn->put(key_of(i), "a" + std::to_string(i));
    auto point = txn->savepoint();
    for (int i = 3000; i < 4000; ++i) txn->put(key_of(i), "lost");
    txn->rollback_to(point);
    for (int i = 3000; i < 9000; ++i) txn->put(key_of(i), "a" + std::to_string(i));     // over a stored key at the end
    for (int i = 1000; i < 9000; i += 7) txn->put(key_of(i), "b" + std::to_string(i));  // rewrites, ascending again
    txn->del(key_of(500));
    expected.erase(key_of(500));
    for (int i = 1000; i < 9000; ++i)
      expected[key_of(i)] = (i - 1000) % 7 == 0 ? "b" + std::to_string(i) : "a" + std::to_string(i);
    CHECK(scan_all<Map>(*txn) == expected);  // own writes, before the commit
    txn->commit();
  }
  auto reader = store->begin();
  CHECK(scan_all<Map>(*reader) == expected);
  for (const auto& [key, value] : expected) REQUIRE(reader->get(key) == std::optional<std::string_view>(value));
  // The stored key 9000 that the load overwrote kept its old version in history.
  CHECK(scan_all_as_of<Map>(*reader, reader->snapshot_scn() - 1).at(key_of(9000)) == "old9000");
}

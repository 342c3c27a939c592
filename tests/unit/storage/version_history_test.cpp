// Transaction::versions: the version history of a key range, on main and
// through branches, checked by hand and against as-of reads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <tuple>
#include <vector>

#include "storage/storage_error.hpp"
#include "temp_store.hpp"

using namespace heliosdb::storage;
using namespace heliosdb::storage::testing;
using Map = std::map<std::string, std::string>;

namespace {

// key, start, end, value: comparable and printable in failure messages.
using Row = std::tuple<std::string, Scn, Scn, std::string>;

std::vector<Row> rows(const std::vector<KeyVersion>& versions) {
  std::vector<Row> out;
  for (const KeyVersion& v : versions) out.emplace_back(v.key, v.start, v.end, v.value);
  return out;
}

std::vector<Row> versions_of(Store& store, BranchId branch, std::string_view begin, std::string_view end, Scn from,
                             Scn to) {
  auto txn = store.begin(branch);
  return rows(txn->versions(begin, end, from, to));
}

// The versions a branch's as-of reads imply: a version starts where a key's
// value changes and ends where it changes again or disappears. Every write
// in these tests stores a distinct value, so equal values are one version.
std::vector<Row> versions_from_reads(Transaction& txn) {
  std::map<std::string, std::vector<Row>> by_key;
  Map prev;
  for (Scn at = 0; at <= txn.snapshot_scn(); ++at) {
    Map now = scan_all_as_of<Map>(txn, at);
    for (const auto& [key, value] : prev) {
      auto it = now.find(key);
      if (it == now.end() || it->second != value) std::get<2>(by_key[key].back()) = at;
    }
    for (const auto& [key, value] : now) {
      auto it = prev.find(key);
      if (it == prev.end() || it->second != value) by_key[key].emplace_back(key, at, 0, value);
    }
    prev = std::move(now);
  }
  std::vector<Row> out;
  for (const auto& [key, list] : by_key) out.insert(out.end(), list.begin(), list.end());
  return out;
}

std::vector<Row> all_in_keys(const std::vector<Row>& all, const std::string& begin, const std::string& end) {
  std::vector<Row> out;
  for (const Row& r : all) {
    if (std::get<0>(r) >= begin && std::get<0>(r) < end) out.push_back(r);
  }
  return out;
}

// The rows whose lifetime [start, end) overlaps [from, to].
std::vector<Row> in_window(const std::vector<Row>& all, Scn from, Scn to) {
  std::vector<Row> out;
  for (const Row& r : all) {
    if (std::get<1>(r) <= to && (std::get<2>(r) == 0 || std::get<2>(r) > from)) out.push_back(r);
  }
  return out;
}

}  // namespace

TEST_CASE("versions on main show inserts, updates, deletes and reinserts", "[storage][versions]") {
  auto store = Store::open_in_memory();
  Scn s1 = put_one(*store, "a", "1");
  auto txn = store->begin();
  txn->put("a", "2");
  txn->put("b", "x");
  Scn s2 = txn->commit();
  Scn s3 = del_one(*store, "a");
  Scn s4 = put_one(*store, "a", "3");
  Scn s5 = put_one(*store, "c", "gone-later");
  Scn s6 = del_one(*store, "c");

  CHECK(versions_of(*store, kMainBranch, "", "", 0, s6) == std::vector<Row>{
                                                               {"a", s1, s2, "1"},
                                                               {"a", s2, s3, "2"},
                                                               {"a", s4, 0, "3"},
                                                               {"b", s2, 0, "x"},
                                                               {"c", s5, s6, "gone-later"},
                                                           });
}

TEST_CASE("versions are those whose lifetime overlaps the SCN window", "[storage][versions]") {
  auto store = Store::open_in_memory();
  Scn s1 = put_one(*store, "a", "1");
  Scn s2 = put_one(*store, "a", "2");
  Scn s3 = del_one(*store, "a");
  Scn s4 = put_one(*store, "a", "3");

  // A version replaced at exactly `from` is not listed; its successor is.
  CHECK(versions_of(*store, kMainBranch, "", "", s2, s4) == std::vector<Row>{{"a", s2, s3, "2"}, {"a", s4, 0, "3"}});
  CHECK(versions_of(*store, kMainBranch, "", "", s2 - 1, s2) ==
        std::vector<Row>{{"a", s1, s2, "1"}, {"a", s2, s3, "2"}});
  // Between the delete and the reinsert the key had no version.
  CHECK(versions_of(*store, kMainBranch, "", "", s3, s3).empty());
  CHECK(versions_of(*store, kMainBranch, "", "", s1, s1) == std::vector<Row>{{"a", s1, s2, "1"}});
  CHECK(versions_of(*store, kMainBranch, "", "", s4, s4) == std::vector<Row>{{"a", s4, 0, "3"}});
  CHECK(versions_of(*store, kMainBranch, "", "", 0, 0).empty());
  CHECK(versions_of(*store, kMainBranch, "", "", s4, s1).empty());  // from > to
}

TEST_CASE("versions keep to the key range, in key order", "[storage][versions]") {
  auto store = Store::open_in_memory();
  // Keys that are prefixes of each other and hold zero bytes sort as bytes do.
  const std::vector<std::string> keys{"a", std::string("a\0", 2), std::string("a\0b", 3), "ab", "b", "c"};
  std::map<std::string, Scn> written;
  for (const std::string& k : keys) written[k] = put_one(*store, k, "v-" + k);
  put_one(*store, "b", "v2-b");

  auto key_list = [&](std::string_view begin, std::string_view end) {
    std::vector<std::string> out;
    auto txn = store->begin();
    for (const KeyVersion& v : txn->versions(begin, end, 0, txn->snapshot_scn())) out.push_back(v.key);
    return out;
  };
  CHECK(key_list("", "") ==
        std::vector<std::string>{"a", std::string("a\0", 2), std::string("a\0b", 3), "ab", "b", "b", "c"});
  CHECK(key_list(std::string("a\0", 2), "ab") ==
        std::vector<std::string>{std::string("a\0", 2), std::string("a\0b", 3)});
  CHECK(key_list("b", "c") == std::vector<std::string>{"b", "b"});
  CHECK(key_list("b", "") == std::vector<std::string>{"b", "b", "c"});
  CHECK(key_list("c", "b").empty());
  CHECK(key_list("d", "").empty());
  CHECK(versions_of(*store, kMainBranch, "b", "c", 0, store->last_scn()) ==
        std::vector<Row>{{"b", written["b"], store->last_scn(), "v-b"}, {"b", store->last_scn(), 0, "v2-b"}});
}

TEST_CASE("versions on a branch show the parent's history up to the fork only", "[storage][versions][branch]") {
  auto store = Store::open_in_memory();
  Scn m1 = put_one(*store, "k", "m1");
  Scn m2 = put_one(*store, "k", "m2");
  Scn g1 = put_one(*store, "gone", "before-fork");
  Scn g2 = del_one(*store, "gone");
  Scn u1 = put_one(*store, "untouched", "u");
  BranchId dev = store->create_branch("dev", kMainBranch, u1);
  Scn m3 = put_one(*store, "k", "m3");                 // after the fork: not dev's
  put_one(*store, "main-only", "x");                   // likewise
  Scn m5 = put_one(*store, "untouched", "u-on-main");  // likewise

  CHECK(versions_of(*store, dev, "", "", 0, store->last_scn()) == std::vector<Row>{
                                                                      {"gone", g1, g2, "before-fork"},
                                                                      {"k", m1, m2, "m1"},
                                                                      {"k", m2, 0, "m2"},
                                                                      {"untouched", u1, 0, "u"},
                                                                  });
  Scn d1 = put_one(*store, "k", "d1", dev);
  Scn d2 = del_one(*store, "k", dev);
  Scn d3 = put_one(*store, "k", "d3", dev);
  Scn d4 = put_one(*store, "gone", "back-on-dev", dev);
  CHECK(versions_of(*store, dev, "", "", 0, store->last_scn()) == std::vector<Row>{
                                                                      {"gone", g1, g2, "before-fork"},
                                                                      {"gone", d4, 0, "back-on-dev"},
                                                                      {"k", m1, m2, "m1"},
                                                                      {"k", m2, d1, "m2"},
                                                                      {"k", d1, d2, "d1"},
                                                                      {"k", d3, 0, "d3"},
                                                                      {"untouched", u1, 0, "u"},
                                                                  });
  // A window after the fork still lists the parent's version in force there.
  CHECK(versions_of(*store, dev, "k", "l", d1, d1) == std::vector<Row>{{"k", d1, d2, "d1"}});
  CHECK(versions_of(*store, dev, "k", "l", d1 - 1, d1) == std::vector<Row>{{"k", m2, d1, "m2"}, {"k", d1, d2, "d1"}});
  CHECK(versions_of(*store, dev, "u", "", m5, m5) == std::vector<Row>{{"untouched", u1, 0, "u"}});
  // Main's own view is untouched by the branch.
  CHECK(versions_of(*store, kMainBranch, "k", "l", 0, store->last_scn()) ==
        std::vector<Row>{{"k", m1, m2, "m1"}, {"k", m2, m3, "m2"}, {"k", m3, 0, "m3"}});
}

TEST_CASE("versions through a grandchild forked before its parent's fork", "[storage][versions][branch]") {
  auto store = Store::open_in_memory();
  Scn s1 = put_one(*store, "k", "1");
  Scn s2 = put_one(*store, "k", "2");
  Scn s3 = put_one(*store, "k", "3");
  BranchId dev = store->create_branch("dev", kMainBranch, s3);
  put_one(*store, "k", "dev", dev);
  // dev2 reads dev as of s1, which is main as of s1.
  BranchId dev2 = store->create_branch("dev2", dev, s1);
  CHECK(versions_of(*store, dev2, "", "", 0, store->last_scn()) == std::vector<Row>{{"k", s1, 0, "1"}});
  Scn own = put_one(*store, "k", "own", dev2);
  CHECK(versions_of(*store, dev2, "", "", 0, store->last_scn()) ==
        std::vector<Row>{{"k", s1, own, "1"}, {"k", own, 0, "own"}});
  CHECK(versions_of(*store, dev2, "", "", s2, s3) == std::vector<Row>{{"k", s1, own, "1"}});
}

TEST_CASE("versions refuse windows outside the retained history and the snapshot", "[storage][versions]") {
  auto store = Store::open_in_memory();
  put_one(*store, "k", "1");
  Scn s2 = put_one(*store, "k", "2");
  Scn s3 = put_one(*store, "k", "3");
  auto txn = store->begin();
  CHECK(error_code([&] { txn->versions("", "", 0, s3 + 1); }) == StorageErrc::kFutureScn);
  put_one(*store, "k", "4");  // after the snapshot: still the future for txn
  CHECK(error_code([&] { txn->versions("", "", 0, s3 + 1); }) == StorageErrc::kFutureScn);
  CHECK(rows(txn->versions("", "", s3, s3)) == std::vector<Row>{{"k", s3, 0, "3"}});  // end as of the snapshot

  store->compact(s2);
  auto later = store->begin();
  CHECK(error_code([&] { later->versions("", "", s2 - 1, s2); }) == StorageErrc::kSnapshotTooOld);
  CHECK(rows(later->versions("", "", s2, s2)) == std::vector<Row>{{"k", s2, s3, "2"}});
  txn->rollback();
  CHECK(error_code([&] { txn->versions("", "", s3, s3); }) == StorageErrc::kTransactionClosed);
}

TEST_CASE("versions of a random branch tree match what as-of reads imply", "[storage][versions][branch]") {
  TempDir dir;
  auto store = Store::open(disk_options(dir.path()));
  std::mt19937 rng(99);
  std::vector<BranchId> ids{kMainBranch};
  std::set<BranchId> dropped;
  for (int step = 0; step < 300; ++step) {
    std::vector<BranchId> live;
    for (BranchId b : ids) {
      if (!dropped.contains(b)) live.push_back(b);
    }
    BranchId b = live[rng() % live.size()];
    if (step % 40 == 20 && live.size() < 6) {
      Scn last = store->last_scn();
      Scn fork = last - rng() % (std::min<Scn>(last, 15) + 1);
      ids.push_back(store->create_branch("b" + std::to_string(step), b, fork));
      continue;
    }
    if (step == 200) {
      // Retire a branch with children (main if none other has them): reads go through it.
      for (BranchId cand : live) {
        auto info = store->branch(cand);
        bool parent_of_some =
            std::any_of(live.begin(), live.end(), [&](BranchId o) { return store->branch(o)->parent == cand; });
        if (info && parent_of_some) {
          store->drop_branch(cand);
          dropped.insert(cand);
          break;
        }
      }
      continue;
    }
    auto txn = store->begin(b);
    for (int i = 0, n = 1 + static_cast<int>(rng() % 3); i < n; ++i) {
      std::string key = "k" + std::to_string(rng() % 10);
      if (rng() % 4 == 0) {
        txn->del(key);
      } else {
        txn->put(key, std::to_string(b) + ":" + std::to_string(step) + "." + std::to_string(i));
      }
    }
    txn->commit();
  }
  store.reset();
  store = Store::open(disk_options(dir.path()));

  // Expected versions per live branch, from as-of reads before any compaction.
  std::map<BranchId, std::vector<Row>> expected;
  for (BranchId b : ids) {
    if (dropped.contains(b)) continue;
    auto txn = store->begin(b);
    expected[b] = versions_from_reads(*txn);
  }
  auto check_all = [&](Scn floor) {
    for (const auto& [b, all] : expected) {
      INFO("branch " << b);
      auto txn = store->begin(b);
      Scn snap = txn->snapshot_scn();
      Scn third = (snap - floor) / 3;
      for (auto [from, to] : {std::pair{floor, snap}, std::pair{floor + third, floor + 2 * third},
                              std::pair{snap - 5, snap}, std::pair{floor + third, floor + third}}) {
        INFO("window " << from << ".." << to);
        REQUIRE(rows(txn->versions("", "", from, to)) == in_window(all, from, to));
        REQUIRE(rows(txn->versions("k3", "k6", from, to)) == in_window(all_in_keys(all, "k3", "k6"), from, to));
      }
    }
  };
  check_all(0);
  // Compaction removes only versions that ended at or before its cutoff:
  // windows from the cutoff on list what they listed before.
  Scn cutoff = store->last_scn() - 100;
  CHECK(store->compact(cutoff).history_removed > 0);
  check_all(cutoff);
}

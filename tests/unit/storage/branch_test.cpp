// Branches: copy-on-write views of a parent as of a fork point.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>

#include "storage/storage_error.hpp"
#include "temp_store.hpp"

using namespace heliosdb::storage;
using namespace heliosdb::storage::testing;
using Map = std::map<std::string, std::string>;

namespace {

// An in-memory model of a branch tree: every commit's resulting state, per branch.
struct Model {
  struct Branch {
    BranchId parent = 0;
    Scn fork = 0;
    std::map<Scn, Map> states;  // after each of this branch's own commits
  };
  std::map<BranchId, Branch> branches{{kMainBranch, {}}};

  Map state(BranchId id, Scn at) const {
    const Branch& b = branches.at(id);
    auto it = b.states.upper_bound(at);
    if (it != b.states.begin()) return std::prev(it)->second;
    if (b.parent == 0) return {};
    return state(b.parent, std::min(at, b.fork));
  }
};

}  // namespace

TEST_CASE("a branch sees its parent as of the fork, never the parent's later writes", "[storage][branch]") {
  auto store = Store::open_in_memory();
  put_one(*store, "a", "1");
  put_one(*store, "b", "2");
  Scn fork = put_one(*store, "c", "3");
  BranchId dev = store->create_branch("dev", kMainBranch, fork);
  CHECK(store->branch_size_bytes(dev) == 0);

  put_one(*store, "a", "main-changed");
  del_one(*store, "b");
  put_one(*store, "d", "main-new");

  auto on_dev = store->begin(dev);
  CHECK(scan_all<Map>(*on_dev) == Map{{"a", "1"}, {"b", "2"}, {"c", "3"}});

  on_dev->put("a", "dev-changed");
  on_dev->del("c");
  on_dev->put("e", "dev-new");
  on_dev->commit();

  auto main_txn = store->begin();
  CHECK(scan_all<Map>(*main_txn) == Map{{"a", "main-changed"}, {"c", "3"}, {"d", "main-new"}});
  auto dev_txn = store->begin(dev);
  CHECK(scan_all<Map>(*dev_txn) == Map{{"a", "dev-changed"}, {"b", "2"}, {"e", "dev-new"}});
  CHECK_FALSE(dev_txn->get("c"));
  CHECK_FALSE(dev_txn->get("d"));
  CHECK(store->branch_size_bytes(dev) > 0);
}

TEST_CASE("branch changes and the parent's changes since the fork are listed", "[storage][branch]") {
  auto store = Store::open_in_memory();
  put_one(*store, "x", "0");
  Scn fork = store->last_scn();
  BranchId dev = store->create_branch("dev", kMainBranch, fork);
  Scn d1 = put_one(*store, "x", "dev", dev);
  Scn d2 = del_one(*store, "x", dev);
  del_one(*store, "never-existed", dev);  // a no-op delete records nothing
  Scn m1 = put_one(*store, "y", "main");

  auto dev_changes = store->changes(dev, fork, store->last_scn());
  REQUIRE(dev_changes.size() == 2);
  CHECK(dev_changes[0].scn == d1);
  CHECK(dev_changes[0].kind == ChangeKind::kPut);
  CHECK(dev_changes[1].scn == d2);
  CHECK(dev_changes[1].kind == ChangeKind::kDelete);
  CHECK(dev_changes[1].key == "x");

  auto main_changes = store->changes(kMainBranch, fork, store->last_scn());
  REQUIRE(main_changes.size() == 1);
  CHECK(main_changes[0].scn == m1);
  CHECK(main_changes[0].key == "y");
}

TEST_CASE("random operations on a branch tree match the model", "[storage][branch]") {
  auto store = Store::open_in_memory();
  std::mt19937 rng(42);
  Model model;
  std::vector<BranchId> ids{kMainBranch};
  std::map<BranchId, Map> live{{kMainBranch, {}}};

  for (int step = 0; step < 600; ++step) {
    if (step % 100 == 50 && ids.size() < 5) {
      // Fork a random branch at a random past point of its history.
      BranchId parent = ids[rng() % ids.size()];
      Scn fork = store->last_scn() == 0 ? 0 : store->last_scn() - rng() % std::min<Scn>(store->last_scn(), 20);
      BranchId id = store->create_branch("b" + std::to_string(step), parent, fork);
      model.branches[id] = Model::Branch{parent, fork, {}};
      live[id] = model.state(parent, fork);
      ids.push_back(id);
      continue;
    }
    BranchId b = ids[rng() % ids.size()];
    auto txn = store->begin(b);
    Map& state = live[b];
    int ops = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < ops; ++i) {
      std::string key = "k" + std::to_string(rng() % 30);
      if (rng() % 3 == 0) {
        txn->del(key);
        state.erase(key);
      } else {
        std::string value = std::to_string(b) + ":" + std::to_string(step);
        txn->put(key, value);
        state[key] = value;
      }
    }
    Scn scn = txn->commit();
    model.branches[b].states[scn] = state;
  }

  for (BranchId b : ids) {
    INFO("branch " << b);
    auto txn = store->begin(b);
    REQUIRE(scan_all<Map>(*txn) == live[b]);
    for (int k = 0; k < 30; ++k) {
      std::string key = "k" + std::to_string(k);
      auto got = txn->get(key);
      REQUIRE(got.has_value() == live[b].count(key) > 0);
    }
    // Every past point of every branch, including before its fork.
    for (Scn at = 0; at <= txn->snapshot_scn(); at += 7) {
      INFO("as of " << at);
      REQUIRE(scan_all_as_of<Map>(*txn, at) == model.state(b, at));
    }
  }
}

TEST_CASE("branch creation, rename and drop check their arguments", "[storage][branch]") {
  auto store = Store::open_in_memory();
  Scn scn = put_one(*store, "k", "v");
  BranchId dev = store->create_branch("dev", kMainBranch, scn);
  BranchId feature = store->create_branch("feature", dev, scn);

  CHECK(error_code([&] { store->create_branch("dev", kMainBranch, scn); }) == StorageErrc::kBranchExists);
  CHECK(error_code([&] { store->create_branch("x", 999, scn); }) == StorageErrc::kBranchNotFound);
  CHECK(error_code([&] { store->create_branch("x", kMainBranch, scn + 5); }) == StorageErrc::kFutureScn);
  CHECK(error_code([&] { store->create_branch("", kMainBranch, scn); }) == StorageErrc::kInvalidArgument);
  CHECK(error_code([&] { store->begin(999); }) == StorageErrc::kBranchNotFound);
  CHECK(error_code([&] { store->rename_branch(feature, "dev"); }) == StorageErrc::kBranchExists);

  store->rename_branch(feature, "feature-2");
  CHECK(store->find_branch("feature-2")->id == feature);
  CHECK_FALSE(store->find_branch("feature"));

  put_one(*store, "f", "1", feature);
  store->drop_branch(feature);
  CHECK_FALSE(store->branch(feature));
  CHECK(store->branch_size_bytes(feature) == 0);
  store->drop_branch(dev);
  CHECK(store->branches().size() == 1);
  CHECK(store->branches()[0].name == "main");
  CHECK(error_code([&] { store->drop_branch(dev); }) == StorageErrc::kBranchNotFound);
}

TEST_CASE("a transaction on a branch dropped meanwhile fails to commit and keeps its snapshot", "[storage][branch]") {
  auto store = Store::open_in_memory();
  Scn scn = put_one(*store, "k", "v");
  BranchId dev = store->create_branch("dev", kMainBranch, scn);
  put_one(*store, "k", "dev", dev);
  auto txn = store->begin(dev);
  store->drop_branch(dev);
  CHECK(*txn->get("k") == "dev");
  txn->put("k", "late");
  CHECK(error_code([&] { txn->commit(); }) == StorageErrc::kBranchNotFound);
}

TEST_CASE("branches and their data survive a reopen", "[storage][branch]") {
  TempDir dir;
  BranchId dev = 0;
  {
    auto store = Store::open(disk_options(dir.path()));
    Scn scn = put_one(*store, "k", "main");
    dev = store->create_branch("dev", kMainBranch, scn, "replication_factor=3");
    put_one(*store, "k", "dev", dev);
  }
  auto store = Store::open(disk_options(dir.path()));
  auto info = store->find_branch("dev");
  REQUIRE(info);
  CHECK(info->id == dev);
  CHECK(info->parent == kMainBranch);
  CHECK(info->options == "replication_factor=3");
  CHECK(*store->begin(dev)->get("k") == "dev");
  CHECK(*store->begin()->get("k") == "main");
  BranchId next = store->create_branch("next", kMainBranch, store->last_scn());
  CHECK(next > dev);
}

TEST_CASE("compaction keeps the history a branch's fork point needs", "[storage][branch][retention]") {
  auto store = Store::open_in_memory();
  put_one(*store, "k", "at-fork");
  put_one(*store, "gone", "at-fork");
  Scn fork = store->last_scn();
  BranchId dev = store->create_branch("dev", kMainBranch, fork);
  BranchId grandchild = store->create_branch("dev2", dev, fork);
  for (int i = 0; i < 10; ++i) put_one(*store, "k", "later" + std::to_string(i));
  del_one(*store, "gone");

  CompactionStats stats = store->compact(store->last_scn());
  CHECK(stats.history_removed > 0);
  for (BranchId b : {dev, grandchild}) {
    auto txn = store->begin(b);
    CHECK(scan_all<Map>(*txn) == Map{{"gone", "at-fork"}, {"k", "at-fork"}});
  }
  auto txn = store->begin();
  CHECK(scan_all<Map>(*txn) == Map{{"k", "later9"}});
  // Parent's changes since the fork are still listed for a merge.
  CHECK(store->changes(kMainBranch, fork, store->last_scn()).size() == 11);
}

// Dropping branches: a branch with branches of its own is retired (name freed,
// data kept for its descendants) and purged when its last descendant goes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "storage/storage_error.hpp"
#include "storage/version_format.hpp"
#include "temp_store.hpp"

using namespace heliosdb::storage;
using namespace heliosdb::storage::testing;
using Map = std::map<std::string, std::string>;

namespace {

bool listed(const Store& store, BranchId id) {
  auto all = store.branches();
  return std::any_of(all.begin(), all.end(), [&](const BranchInfo& b) { return b.id == id; });
}

// Everything `branch` sees now, in a fresh transaction.
Map contents(Store& store, BranchId branch) {
  auto txn = store.begin(branch);
  return scan_all<Map>(*txn);
}

}  // namespace

TEST_CASE("dropping a branch with children retires it and frees its name", "[storage][branch][drop]") {
  auto store = Store::open_in_memory();
  Scn fork = put_one(*store, "k", "main");
  BranchId dev = store->create_branch("dev", kMainBranch, fork);
  Scn dev_fork = put_one(*store, "k", "dev", dev);
  BranchId feature = store->create_branch("feature", dev, dev_fork);
  put_one(*store, "f", "feature", feature);

  store->drop_branch(dev);

  CHECK_FALSE(store->branch(dev));
  CHECK_FALSE(store->find_branch("dev"));
  CHECK_FALSE(listed(*store, dev));
  CHECK(error_code([&] { store->begin(dev); }) == StorageErrc::kBranchNotFound);
  CHECK(error_code([&] { store->create_branch("x", dev, dev_fork); }) == StorageErrc::kBranchNotFound);
  CHECK(error_code([&] { store->rename_branch(dev, "dev2"); }) == StorageErrc::kBranchNotFound);
  CHECK(error_code([&] { store->drop_branch(dev); }) == StorageErrc::kBranchNotFound);
  // The data stays: the child still reads through it.
  CHECK(store->branch_size_bytes(dev) > 0);
  CHECK(contents(*store, feature) == Map{{"f", "feature"}, {"k", "dev"}});
  CHECK(store->find_branch("feature")->parent == dev);

  // The name is free for a new, unrelated branch.
  BranchId again = store->create_branch("dev", kMainBranch, store->last_scn());
  CHECK(again != dev);
  CHECK(store->find_branch("dev")->id == again);
  CHECK(contents(*store, again) == Map{{"k", "main"}});
  // And a live branch may be renamed to it as well, once it is free again.
  store->drop_branch(again);
  store->rename_branch(feature, "dev");
  CHECK(store->find_branch("dev")->id == feature);
}

TEST_CASE("a transaction open on a branch that is retired keeps its snapshot and fails to commit",
          "[storage][branch][drop]") {
  auto store = Store::open_in_memory();
  Scn fork = put_one(*store, "k", "main");
  BranchId dev = store->create_branch("dev", kMainBranch, fork);
  put_one(*store, "k", "dev", dev);
  store->create_branch("child", dev, store->last_scn());
  auto txn = store->begin(dev);
  store->drop_branch(dev);
  CHECK(*txn->get("k") == "dev");
  txn->put("k", "late");
  CHECK(error_code([&] { txn->commit(); }) == StorageErrc::kBranchNotFound);
}

TEST_CASE("main can be replaced by a branch of a backup of it, also across a reopen", "[storage][branch][drop]") {
  // CREATE BRANCH backup_daily FROM main; CREATE BRANCH main_new FROM
  // backup_daily; DROP BRANCH main; ALTER BRANCH main_new RENAME TO main.
  TempDir dir;
  BranchId backup = 0;
  BranchId main_new = 0;
  Scn before_backup = 0;
  {
    auto store = Store::open(disk_options(dir.path()));
    put_one(*store, "a", "1");
    before_backup = put_one(*store, "b", "1");
    backup = store->create_branch("backup_daily", kMainBranch, store->last_scn());
    main_new = store->create_branch("main_new", backup, store->last_scn());
    put_one(*store, "a", "main-after-fork");  // main's later writes are not main_new's
    put_one(*store, "c", "new", main_new);

    store->drop_branch(kMainBranch);
    store->rename_branch(main_new, kMainBranchName);

    CHECK(store->find_branch("main")->id == main_new);
    CHECK_FALSE(store->branch(kMainBranch));
    CHECK(error_code([&] { store->begin(kMainBranch); }) == StorageErrc::kBranchNotFound);
    CHECK(contents(*store, main_new) == Map{{"a", "1"}, {"b", "1"}, {"c", "new"}});
  }
  auto store = Store::open(disk_options(dir.path()));
  auto names = store->branches();
  REQUIRE(names.size() == 2);
  CHECK(store->find_branch("main")->id == main_new);
  CHECK(store->find_branch("backup_daily")->id == backup);
  CHECK_FALSE(store->branch(kMainBranch));
  CHECK(contents(*store, main_new) == Map{{"a", "1"}, {"b", "1"}, {"c", "new"}});
  CHECK(contents(*store, backup) == Map{{"a", "1"}, {"b", "1"}});
  // As-of reads go through the retired main too.
  auto txn = store->begin(main_new);
  CHECK(scan_all_as_of<Map>(*txn, before_backup - 1) == Map{{"a", "1"}});
  // New writes on the renamed branch work after the reopen.
  put_one(*store, "a", "2", main_new);
  CHECK(*store->begin(main_new)->get("a") == "2");
}

TEST_CASE("dropping the last descendant purges the retired ancestors it kept", "[storage][branch][drop]") {
  auto store = Store::open_in_memory();
  put_one(*store, "k", "main");
  BranchId a = store->create_branch("a", kMainBranch, store->last_scn());
  put_one(*store, "k", "a", a);
  BranchId b = store->create_branch("b", a, store->last_scn());
  put_one(*store, "k", "b", b);
  BranchId b2 = store->create_branch("b2", a, store->last_scn());
  BranchId c = store->create_branch("c", b, store->last_scn());
  put_one(*store, "k", "c", c);

  store->drop_branch(a);  // retired: b and b2 read through it
  store->drop_branch(b);  // retired: c reads through it
  CHECK(contents(*store, c) == Map{{"k", "c"}});
  CHECK(contents(*store, b2) == Map{{"k", "a"}});

  store->drop_branch(c);  // b goes with it; a stays for b2
  CHECK(store->branch_size_bytes(c) == 0);
  CHECK(store->branch_size_bytes(b) == 0);
  CHECK(store->changes(b, 0, store->last_scn()).empty());
  CHECK(store->branch_size_bytes(a) > 0);
  CHECK(contents(*store, b2) == Map{{"k", "a"}});

  store->drop_branch(b2);  // the last one: a goes too
  CHECK(store->branch_size_bytes(a) == 0);
  CHECK(store->changes(a, 0, store->last_scn()).empty());
  REQUIRE(store->branches().size() == 1);
  CHECK(contents(*store, kMainBranch) == Map{{"k", "main"}});
  // Names of purged retired branches were freed at retirement; nothing is left.
  for (std::string name : {"a", "b", "b2", "c"}) CHECK_FALSE(store->find_branch(name));
  CHECK(store->create_branch("a", kMainBranch, store->last_scn()) > c);
}

TEST_CASE("a retired branch whose name was taken is purged without touching the new owner", "[storage][branch][drop]") {
  TempDir dir;
  BranchId fresh = 0;
  {
    auto store = Store::open(disk_options(dir.path()));
    put_one(*store, "k", "main");
    BranchId dev = store->create_branch("dev", kMainBranch, store->last_scn());
    BranchId child = store->create_branch("child", dev, store->last_scn());
    store->drop_branch(dev);
    fresh = store->create_branch("dev", kMainBranch, store->last_scn());
    put_one(*store, "k", "fresh", fresh);
    store->drop_branch(child);  // purges the old dev
  }
  auto store = Store::open(disk_options(dir.path()));
  REQUIRE(store->find_branch("dev"));
  CHECK(store->find_branch("dev")->id == fresh);
  CHECK(contents(*store, fresh) == Map{{"k", "fresh"}});
  CHECK(error_code([&] { store->create_branch("dev", kMainBranch, store->last_scn()); }) == StorageErrc::kBranchExists);
}

TEST_CASE("main without branches of its own is removed for good", "[storage][branch][drop]") {
  TempDir dir;
  {
    auto store = Store::open(disk_options(dir.path()));
    put_one(*store, "k", "v");
    store->drop_branch(kMainBranch);
    CHECK(store->branches().empty());
    CHECK_FALSE(store->find_branch("main"));
    CHECK(store->branch_size_bytes(kMainBranch) == 0);
    CHECK(error_code([&] { store->begin(); }) == StorageErrc::kBranchNotFound);
  }
  // Reopening does not bring back an empty main in its place.
  auto store = Store::open(disk_options(dir.path()));
  CHECK(store->branches().empty());
  CHECK(error_code([&] { store->begin(); }) == StorageErrc::kBranchNotFound);
}

TEST_CASE("a new store that was never written still gets its main branch on every open", "[storage][branch][drop]") {
  TempDir dir;
  { auto store = Store::open(disk_options(dir.path())); }
  auto store = Store::open(disk_options(dir.path()));
  REQUIRE(store->branches().size() == 1);
  CHECK(store->find_branch("main")->id == kMainBranch);
}

TEST_CASE("compaction keeps history that a branch pins through a retired ancestor",
          "[storage][branch][drop][retention]") {
  TempDir dir;
  BranchId feature = 0;
  const Map want{{"gone", "at-fork"}, {"k", "at-fork"}, {"x", "dev-2"}};
  {
    auto store = Store::open(disk_options(dir.path()));
    put_one(*store, "k", "at-fork");
    put_one(*store, "gone", "at-fork");
    BranchId dev = store->create_branch("dev", kMainBranch, store->last_scn());
    // Main moves on: what it had at dev's fork is history that feature,
    // through dev, still reads.
    for (int i = 0; i < 5; ++i) put_one(*store, "k", "later" + std::to_string(i));
    del_one(*store, "gone");
    put_one(*store, "x", "dev-1", dev);
    put_one(*store, "x", "dev-2", dev);
    feature = store->create_branch("feature", dev, store->last_scn());
    put_one(*store, "x", "dev-3", dev);  // after feature's fork: dev's history of x is pinned
    put_one(*store, "x", "dev-4", dev);
    store->drop_branch(dev);
    store->drop_branch(kMainBranch);  // main is retired too: dev reads it
    CHECK(contents(*store, feature) == want);
  }
  auto store = Store::open(disk_options(dir.path()));
  // Compaction runs after the reopen, from the reloaded registry.
  CompactionStats stats = store->compact(store->last_scn());
  CHECK(stats.history_removed > 0);  // main's later0..3, dev-1 and dev-3: nothing reads them
  CHECK(contents(*store, feature) == want);
  auto txn = store->begin(feature);
  CHECK(scan_all_as_of<Map>(*txn, store->last_scn()) == want);
}

TEST_CASE("a branch record in the encoding from before retirement decodes as live", "[storage][branch][drop]") {
  // parent(4) | fork SCN(8) | created(8) | name length(4) | name | options
  std::string old;
  format::put_u32(old, kMainBranch);
  format::put_u64(old, 42);
  format::put_u64(old, 1'700'000'000'000'000);
  format::put_u32(old, 3);
  old += "devopts";
  format::BranchRecord decoded = format::decode_branch(7, old);
  CHECK_FALSE(decoded.retired);
  CHECK(decoded.info.id == 7);
  CHECK(decoded.info.parent == kMainBranch);
  CHECK(decoded.info.fork_scn == 42);
  CHECK(decoded.info.name == "dev");
  CHECK(decoded.info.options == "opts");
  // The same branch retired differs only in the flag bit, and round-trips.
  format::BranchRecord retired{decoded.info, true};
  std::string encoded = format::encode_branch(retired);
  CHECK(encoded.size() == old.size());
  CHECK(format::encode_branch(decoded) == old);
  format::BranchRecord back = format::decode_branch(7, encoded);
  CHECK(back.retired);
  CHECK(back.info.name == "dev");
  CHECK(back.info.options == "opts");
}

TEST_CASE("random branching and dropping keeps every live branch's reads right", "[storage][branch][drop]") {
  TempDir dir;
  auto store = Store::open(disk_options(dir.path(), /*group_commit=*/false));
  std::mt19937 rng(1234);
  // Each branch's state after each of its own commits, and its place in the tree.
  struct Node {
    BranchId parent = 0;
    Scn fork = 0;
    std::map<Scn, Map> states;
  };
  std::map<BranchId, Node> nodes{{kMainBranch, {}}};
  std::set<BranchId> live{kMainBranch};
  std::function<Map(BranchId, Scn)> state = [&](BranchId id, Scn at) -> Map {
    const Node& n = nodes.at(id);
    auto it = n.states.upper_bound(at);
    if (it != n.states.begin()) return std::prev(it)->second;
    if (n.parent == 0) return {};
    return state(n.parent, std::min(at, n.fork));
  };

  for (int step = 0; step < 400; ++step) {
    std::vector<BranchId> ids(live.begin(), live.end());
    if (ids.empty()) break;
    BranchId b = ids[rng() % ids.size()];
    unsigned op = rng() % 20;
    if (op == 0 && live.size() < 8) {
      Scn last = store->last_scn();
      Scn fork = last - rng() % (std::min<Scn>(last, 10) + 1);
      BranchId id = store->create_branch("b" + std::to_string(step), b, fork);
      nodes[id] = Node{b, fork, {}};
      live.insert(id);
    } else if (op == 1 && live.size() > 2) {
      store->drop_branch(b);
      live.erase(b);
    } else if (op == 2) {
      store.reset();
      store = Store::open(disk_options(dir.path(), false));
    } else {
      Map now = state(b, store->last_scn());
      auto txn = store->begin(b);
      std::string key = "k" + std::to_string(rng() % 12);
      if (rng() % 3 == 0) {
        txn->del(key);
        now.erase(key);
      } else {
        std::string value = std::to_string(b) + ":" + std::to_string(step);
        txn->put(key, value);
        now[key] = value;
      }
      nodes[b].states[txn->commit()] = now;
    }
  }

  REQUIRE(store->branches().size() == live.size());
  for (BranchId b : live) {
    INFO("branch " << b);
    auto txn = store->begin(b);
    for (Scn at = 0; at <= txn->snapshot_scn(); at += 5) {
      INFO("as of " << at);
      REQUIRE(scan_all_as_of<Map>(*txn, at) == state(b, at));
    }
    REQUIRE(scan_all<Map>(*txn) == state(b, txn->snapshot_scn()));
  }
  // What no live branch reads any more is gone.
  std::set<BranchId> reachable;
  for (BranchId b : live) {
    for (BranchId id = b; id != 0; id = nodes.at(id).parent) reachable.insert(id);
  }
  for (const auto& [id, node] : nodes) {
    INFO("branch " << id);
    if (!reachable.contains(id)) CHECK(store->branch_size_bytes(id) == 0);
  }
}

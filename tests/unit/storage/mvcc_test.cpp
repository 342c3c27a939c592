// Snapshot isolation: what one transaction sees of another, and who wins a conflict.
#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <random>
#include <thread>
#include <vector>

#include "storage/storage_error.hpp"
#include "temp_store.hpp"

using namespace heliosdb::storage;
using namespace heliosdb::storage::testing;
using Map = std::map<std::string, std::string>;

namespace {

std::string value_of(Transaction& txn, std::string_view key) {
  auto v = txn.get(key);
  return v ? std::string(*v) : std::string("<absent>");
}

}  // namespace

TEST_CASE("a transaction reads the snapshot taken when it began", "[storage][mvcc]") {
  auto store = Store::open_in_memory();
  put_one(*store, "k", "v1");

  auto reader = store->begin();
  put_one(*store, "k", "v2");
  put_one(*store, "new", "x");
  del_one(*store, "k");

  CHECK(value_of(*reader, "k") == "v1");
  CHECK(value_of(*reader, "new") == "<absent>");
  CHECK(scan_all<Map>(*reader) == Map{{"k", "v1"}});

  auto fresh = store->begin();
  CHECK(value_of(*fresh, "k") == "<absent>");
  CHECK(scan_all<Map>(*fresh) == Map{{"new", "x"}});
}

TEST_CASE("a transaction reads its own writes in gets and scans", "[storage][mvcc]") {
  auto store = Store::open_in_memory();
  put_one(*store, "a", "1");
  put_one(*store, "b", "2");
  put_one(*store, "c", "3");

  auto txn = store->begin();
  txn->put("b", "20");
  txn->del("c");
  txn->put("d", "4");
  txn->put("0", "0");
  CHECK(value_of(*txn, "b") == "20");
  CHECK(value_of(*txn, "c") == "<absent>");
  CHECK(scan_all<Map>(*txn) == Map{{"0", "0"}, {"a", "1"}, {"b", "20"}, {"d", "4"}});

  // Another transaction sees none of it until commit.
  auto other = store->begin();
  CHECK(scan_all<Map>(*other) == Map{{"a", "1"}, {"b", "2"}, {"c", "3"}});
  txn->commit();
  auto after = store->begin();
  CHECK(scan_all<Map>(*after) == Map{{"0", "0"}, {"a", "1"}, {"b", "20"}, {"d", "4"}});
}

TEST_CASE("range scans honour begin and end bounds", "[storage][mvcc]") {
  auto store = Store::open_in_memory();
  for (char c = 'a'; c <= 'h'; ++c) put_one(*store, std::string(1, c), std::string(1, c));
  auto txn = store->begin();
  txn->put("c2", "new");
  txn->del("e");
  Map got;
  Scanner s = txn->scan("c", "g");
  while (s.next()) got.emplace(s.key(), s.value());
  CHECK(got == Map{{"c", "c"}, {"c2", "new"}, {"d", "d"}, {"f", "f"}});
}

TEST_CASE("rollback discards every write", "[storage][mvcc]") {
  auto store = Store::open_in_memory();
  put_one(*store, "k", "v");
  Scn before = store->last_scn();
  {
    auto txn = store->begin();
    txn->put("k", "changed");
    txn->put("other", "x");
    txn->rollback();
    CHECK_THROWS_AS(txn->get("k"), StorageError);
  }
  {
    auto txn = store->begin();
    txn->put("k", "dropped by destructor");
  }
  auto txn = store->begin();
  CHECK(scan_all<Map>(*txn) == Map{{"k", "v"}});
  CHECK(store->last_scn() == before);
}

TEST_CASE("the second committer of a write to the same key gets a serialization failure", "[storage][mvcc]") {
  auto store = Store::open_in_memory();
  put_one(*store, "k", "0");

  SECTION("update vs update") {
    auto t1 = store->begin();
    auto t2 = store->begin();
    t1->put("k", "1");
    t2->put("k", "2");
    t1->commit();
    try {
      t2->commit();
      FAIL("second commit succeeded");
    } catch (const StorageError& e) {
      CHECK(e.code() == StorageErrc::kSerializationFailure);
    }
  }
  SECTION("delete committed after the snapshot conflicts with an update") {
    auto t1 = store->begin();
    t1->put("k", "1");
    del_one(*store, "k");
    CHECK_THROWS_MATCHES(t1->commit(), StorageError, Catch::Predicate<StorageError>([](const auto& e) {
                           return e.code() == StorageErrc::kSerializationFailure;
                         }));
  }
  SECTION("insert of a key someone inserted after the snapshot conflicts") {
    auto t1 = store->begin();
    t1->put("fresh", "mine");
    put_one(*store, "fresh", "theirs");
    CHECK_THROWS_AS(t1->commit(), StorageError);
  }
  // Commits check the change log since their snapshot when it is short and
  // complete, and each written key otherwise: both must find the conflict.
  SECTION("a conflict among more later commits than keys written is found") {
    auto t1 = store->begin();
    t1->put("k", "1");
    for (int i = 0; i < 20; ++i) put_one(*store, "other" + std::to_string(i), "x");
    put_one(*store, "k", "theirs");
    CHECK_THROWS_AS(t1->commit(), StorageError);
  }
  SECTION("a conflict whose change record compaction removed is found") {
    auto t1 = store->begin();
    t1->put("k", "1");
    put_one(*store, "k", "theirs");
    store->compact(store->last_scn());
    CHECK_THROWS_AS(t1->commit(), StorageError);
  }
  SECTION("later commits to other keys do not conflict") {
    auto t1 = store->begin();
    t1->put("k", "1");
    t1->put("j", "1");
    put_one(*store, "a", "x");
    t1->commit();
  }
  SECTION("writes to different keys both commit") {
    auto t1 = store->begin();
    auto t2 = store->begin();
    t1->put("a", "1");
    t2->put("b", "2");
    t1->commit();
    t2->commit();
  }
  // A failed commit changes nothing and the store stays usable.
  auto txn = store->begin();
  CHECK(txn->get("k").has_value() == (value_of(*txn, "k") != "<absent>"));
  put_one(*store, "after", "ok");
}

TEST_CASE("a long reader is unaffected by many writers", "[storage][mvcc]") {
  auto store = Store::open_in_memory();
  for (int i = 0; i < 100; ++i) put_one(*store, "key" + std::to_string(i), "v0");
  auto reader = store->begin();
  Map before = scan_all<Map>(*reader);

  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < 50; ++i) {
        auto txn = store->begin();
        txn->put("key" + std::to_string((i * 7 + w) % 100), "w" + std::to_string(w));
        txn->del("key" + std::to_string((i * 13 + w) % 100));
        try {
          txn->commit();
        } catch (const StorageError&) {
          // conflicts between writers are expected here
        }
      }
    });
  }
  for (auto& t : writers) t.join();
  CHECK(scan_all<Map>(*reader) == before);
  CHECK(value_of(*reader, "key42") == "v0");
}

TEST_CASE("concurrent bank transfers lose no update", "[storage][mvcc]") {
  auto store = Store::open_in_memory();
  constexpr int kAccounts = 10;
  constexpr int kInitial = 1000;
  {
    auto txn = store->begin();
    for (int i = 0; i < kAccounts; ++i) txn->put("acct" + std::to_string(i), std::to_string(kInitial));
    txn->commit();
  }
  auto balance = [](Transaction& txn, int i) { return std::stoi(std::string(*txn.get("acct" + std::to_string(i)))); };
  auto total = [&](Transaction& txn) {
    int sum = 0;
    for (int i = 0; i < kAccounts; ++i) sum += balance(txn, i);
    return sum;
  };

  std::atomic<int> committed{0};
  std::atomic<int> conflicts{0};
  std::atomic<bool> done{false};
  std::atomic<int> bad_sums{0};
  std::thread auditor([&] {
    while (!done) {
      auto txn = store->begin();
      if (total(*txn) != kAccounts * kInitial) ++bad_sums;
    }
  });
  std::vector<std::thread> tellers;
  for (int t = 0; t < 8; ++t) {
    tellers.emplace_back([&, t] {
      std::mt19937 rng(static_cast<unsigned>(t));
      for (int n = 0; n < 150; ++n) {
        int from = static_cast<int>(rng() % kAccounts);
        int to = static_cast<int>(rng() % kAccounts);
        if (from == to) continue;
        int amount = static_cast<int>(rng() % 50);
        for (;;) {
          auto txn = store->begin();
          txn->put("acct" + std::to_string(from), std::to_string(balance(*txn, from) - amount));
          txn->put("acct" + std::to_string(to), std::to_string(balance(*txn, to) + amount));
          try {
            txn->commit();
            ++committed;
            break;
          } catch (const StorageError& e) {
            REQUIRE(e.code() == StorageErrc::kSerializationFailure);
            ++conflicts;
          }
        }
      }
    });
  }
  for (auto& t : tellers) t.join();
  done = true;
  auditor.join();

  auto txn = store->begin();
  CHECK(total(*txn) == kAccounts * kInitial);
  CHECK(bad_sums == 0);
  CHECK(committed > 1000);
  // Group commit batches concurrent committers.
  CHECK(store->write_batches() < static_cast<std::uint64_t>(committed + conflicts + 1));
}

TEST_CASE("transaction ids are unique and recorded with the commit", "[storage][mvcc]") {
  auto store = Store::open_in_memory();
  auto t1 = store->begin();
  auto t2 = store->begin();
  CHECK(t1->id() != t2->id());
  CHECK(t1->id() == t1->id());
  t1->put("k", "v");
  TxnId id = t1->id();
  Scn scn = t1->commit();
  auto record = store->commit_by_txid(id);
  REQUIRE(record);
  CHECK(record->scn == scn);
  CHECK(store->commit_at(scn)->txid == id);
  CHECK(t2->commit() == t2->snapshot_scn());  // read-only: no SCN of its own
}

TEST_CASE("keys longer than the maximum are refused", "[storage][mvcc]") {
  auto store = Store::open_in_memory();
  auto txn = store->begin();
  CHECK_THROWS_MATCHES(
      txn->put(std::string(kMaxKeySize + 1, 'x'), "v"), StorageError,
      Catch::Predicate<StorageError>([](const auto& e) { return e.code() == StorageErrc::kInvalidArgument; }));
  txn->put(std::string(kMaxKeySize, '\0'), "max");
  txn->commit();
  auto reader = store->begin();
  CHECK(value_of(*reader, std::string(kMaxKeySize, '\0')) == "max");
}

TEST_CASE("keys with zero and 0xff bytes keep their order", "[storage][mvcc]") {
  auto store = Store::open_in_memory();
  std::vector<std::string> keys = {std::string("a"),        std::string("a\0", 2), std::string("a\0\0", 3),
                                   std::string("a\xff", 2), std::string("b"),      std::string("\0", 1)};
  for (const auto& k : keys) put_one(*store, k, "v" + k);
  for (const auto& k : keys) put_one(*store, k, "w" + k);  // gives every key a history version
  auto txn = store->begin();
  Map all = scan_all<Map>(*txn);
  REQUIRE(all.size() == keys.size());
  for (const auto& k : keys) CHECK(all.at(k) == "w" + k);
  Map first = scan_all_as_of<Map>(*txn, static_cast<Scn>(keys.size()));
  for (const auto& k : keys) CHECK(first.at(k) == "v" + k);
}

TEST_CASE("a savepoint brings back the writes made before it, and only those commit", "[storage][mvcc]") {
  auto store = Store::open_in_memory();
  put_one(*store, "kept", "old");

  auto txn = store->begin();
  txn->put("a", "1");
  Transaction::Savepoint point = txn->savepoint();
  txn->put("b", "2");
  txn->put("a", "changed");
  txn->del("kept");
  CHECK(scan_all<Map>(*txn) == Map{{"a", "changed"}, {"b", "2"}});

  txn->rollback_to(point);
  CHECK(scan_all<Map>(*txn) == Map{{"a", "1"}, {"kept", "old"}});
  txn->put("c", "3");
  txn->commit();

  auto reader = store->begin();
  CHECK(scan_all<Map>(*reader) == Map{{"a", "1"}, {"c", "3"}, {"kept", "old"}});
}

// BackwardScanner: the entries a forward scan of the same range sees, last
// first, whatever mix of stored keys, deletions, own writes and branch
// levels the range holds, and however long it is.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "storage/backward_scanner.hpp"
#include "storage/transaction.hpp"
#include "temp_store.hpp"

using namespace heliosdb::storage;
using namespace heliosdb::storage::testing;

namespace {

using Entries = std::vector<std::pair<std::string, std::string>>;

Entries forward(Transaction& txn, std::string_view begin, std::string_view end) {
  Entries out;
  Scanner scanner = txn.scan(begin, end);
  while (scanner.next()) out.emplace_back(scanner.key(), scanner.value());
  return out;
}

Entries backward(Transaction& txn, std::string_view begin, std::string_view end, std::size_t limit = SIZE_MAX) {
  Entries out;
  BackwardScanner scanner(txn, begin, end);
  while (out.size() < limit && scanner.next()) out.emplace_back(scanner.key(), scanner.value());
  return out;
}

Entries reversed(Entries e) {
  std::reverse(e.begin(), e.end());
  return e;
}

std::string key(int i) {
  std::string digits = std::to_string(i);
  return "r" + std::string(6 - digits.size(), '0') + digits;
}

}  // namespace

TEST_CASE("a backward scan sees what a forward scan sees, last first", "[storage][scan]") {
  auto store = Store::open_in_memory();
  {
    auto txn = store->begin();
    for (int i = 0; i < 3000; ++i) txn->put(key(i), std::to_string(i));
    txn->put("a-before", "x");  // outside the range on both sides
    txn->put("s-after", "x");
    txn->commit();
  }
  {
    auto txn = store->begin();
    for (int i = 100; i < 2900; i += 3) txn->del(key(i));  // committed deletions inside chunks
    for (int i = 2500; i < 2999; ++i) txn->del(key(i));    // a long stretch with nothing visible
    txn->commit();
  }
  auto txn = store->begin();
  CHECK(backward(*txn, "r", "s") == reversed(forward(*txn, "r", "s")));
  CHECK(backward(*txn, key(10), key(2000)) == reversed(forward(*txn, key(10), key(2000))));
  CHECK(backward(*txn, "r", "") == reversed(forward(*txn, "r", "")));  // no upper bound
  CHECK(backward(*txn, "r", "s", 3) == Entries{{key(2999), "2999"}, {key(2499), "2499"}, {key(2498), "2498"}});
  CHECK(backward(*txn, key(5), key(5)).empty());
  CHECK(backward(*txn, "t", "u").empty());

  // The transaction's own writes, over stored keys and past them.
  txn->put(key(5000), "new");
  txn->put(key(2998), "again");
  txn->del(key(7));
  txn->put(key(50), "changed");
  for (int i = 3000; i < 3200; ++i) txn->put(key(i), "own");
  CHECK(backward(*txn, "r", "s") == reversed(forward(*txn, "r", "s")));
  CHECK(backward(*txn, "r", "s", 2) == Entries{{key(5000), "new"}, {key(3199), "own"}});
}

TEST_CASE("a backward scan of a branch merges its parent's keys as of the fork", "[storage][scan]") {
  auto store = Store::open_in_memory();
  Scn fork = 0;
  {
    auto txn = store->begin();
    for (int i = 0; i < 1000; ++i) txn->put(key(i), "main");
    fork = txn->commit();
  }
  const BranchId dev = store->create_branch("dev", kMainBranch, fork);
  put_one(*store, key(2000), "main later");  // not seen by the branch
  {
    auto txn = store->begin(dev);
    std::mt19937 rng(3);
    for (int n = 0; n < 300; ++n) {
      const int i = static_cast<int>(rng() % 1200);
      if (n % 3 == 0) {
        txn->del(key(i));
      } else {
        txn->put(key(i), "dev");
      }
    }
    txn->commit();
  }
  auto txn = store->begin(dev);
  const Entries all = forward(*txn, "r", "s");
  CHECK(all.size() > 900);
  CHECK(backward(*txn, "r", "s") == reversed(all));
  CHECK(backward(*txn, key(100), key(900)) == reversed(forward(*txn, key(100), key(900))));
}

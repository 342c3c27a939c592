// Transaction::read_version and still_reads: what a memo of catalog lookups
// relies on.
#include <catch2/catch.hpp>

#include "temp_store.hpp"

using namespace heliosdb::storage;
using namespace heliosdb::storage::testing;

TEST_CASE("own writes change what a transaction reads of that space only", "[storage][transaction]") {
  auto store = Store::open_in_memory();
  auto txn = store->begin();
  const auto catalog = txn->read_version('\x01');
  const auto rows = txn->read_version('\x02');
  CHECK(txn->still_reads(catalog, '\x01'));
  txn->put("\x02row", "v");
  CHECK(txn->still_reads(catalog, '\x01'));
  CHECK_FALSE(txn->still_reads(rows, '\x02'));
  txn->del("\x01table");
  CHECK_FALSE(txn->still_reads(catalog, '\x01'));
  CHECK(txn->still_reads(txn->read_version('\x01'), '\x01'));
}

TEST_CASE("a rollback to a savepoint is a new view", "[storage][transaction]") {
  auto store = Store::open_in_memory();
  auto txn = store->begin();
  auto point = txn->savepoint();
  txn->put("\x01table", "def");
  const auto with_write = txn->read_version('\x01');
  txn->rollback_to(point);
  CHECK_FALSE(txn->still_reads(with_write, '\x01'));
}

TEST_CASE("later transactions read the same until a commit writes the space", "[storage][transaction]") {
  auto store = Store::open_in_memory();
  put_one(*store, "\x01table", "def");
  Transaction::ReadVersion then;
  {
    auto first = store->begin();
    then = first->read_version('\x01');
  }
  put_one(*store, "\x02row", "1");  // another space: no matter
  {
    auto second = store->begin();
    CHECK(second->still_reads(then, '\x01'));
  }
  auto old = store->begin();  // a snapshot from before the change below
  put_one(*store, "\x01table", "def2");
  auto third = store->begin();
  CHECK_FALSE(third->still_reads(then, '\x01'));
  CHECK_FALSE(old->still_reads(third->read_version('\x01'), '\x01'));  // an older snapshot never borrows a newer one
}

TEST_CASE("a memo made with own writes is never borrowed by another transaction", "[storage][transaction]") {
  auto store = Store::open_in_memory();
  Transaction::ReadVersion then;
  {
    auto writer = store->begin();
    writer->put("\x01table", "uncommitted");
    then = writer->read_version('\x01');
  }  // rolled back
  auto next = store->begin();
  CHECK_FALSE(next->still_reads(then, '\x01'));
  CHECK_FALSE(next->still_reads(Transaction::ReadVersion{}, '\x01'));
}

TEST_CASE("a memo is kept per branch", "[storage][transaction]") {
  auto store = Store::open_in_memory();
  const Scn fork = put_one(*store, "\x01table", "def");
  const BranchId dev = store->create_branch("dev", kMainBranch, fork);
  auto on_main = store->begin();
  auto on_dev = store->begin(dev);
  CHECK_FALSE(on_dev->still_reads(on_main->read_version('\x01'), '\x01'));
}

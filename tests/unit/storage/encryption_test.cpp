// A store encrypted at rest: everything a plain store does, with no key or
// value readable in its files, and opened only with its key.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "storage/encryption_key.hpp"
#include "storage/store_cipher.hpp"
#include "tests/unit/storage/temp_store.hpp"

using namespace heliosdb::storage;
using namespace heliosdb::storage::testing;

namespace {

StoreOptions encrypted(const std::filesystem::path& dir, const KeyBytes& key) {
  StoreOptions options = disk_options(dir);
  options.env.encryption_key = key;
  return options;
}

// Every byte the store's directory holds.
std::string files_of(const std::filesystem::path& dir) {
  std::string all;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return all;
}

std::string value_of(Store& store, std::string_view key) {
  auto txn = store.begin();
  auto v = txn->get(key);
  return v ? std::string(*v) : "<none>";
}

}  // namespace

TEST_CASE("an encrypted store reads, scans, time-travels and branches as a plain one", "[encryption]") {
  TempDir dir;
  const KeyBytes key = generate_key();
  auto store = Store::open(encrypted(dir.path(), key));
  REQUIRE(store->cipher() != nullptr);
  const Scn first = put_one(*store, "user/alice", "Alice Liddell");
  put_one(*store, "user/bob", "Bob Builder");
  put_one(*store, "user/alice", "Alice in Wonderland");
  del_one(*store, "user/bob");
  {
    auto txn = store->begin();
    for (int i = 0; i < 500; ++i)
      txn->put("item/" + std::to_string(1000 + i), std::string(40, 'v') + std::to_string(i));
    txn->commit();
  }
  CHECK(value_of(*store, "user/alice") == "Alice in Wonderland");
  CHECK(value_of(*store, "user/bob") == "<none>");
  {
    auto txn = store->begin();
    CHECK(txn->get_as_of("user/alice", first) == "Alice Liddell");
    auto past = scan_all_as_of<std::map<std::string, std::string>>(*txn, first + 1);
    CHECK(past == std::map<std::string, std::string>{{"user/alice", "Alice Liddell"}, {"user/bob", "Bob Builder"}});
    auto now = scan_all<std::map<std::string, std::string>>(*txn);
    CHECK(now.size() == 501);
    CHECK(now.begin()->first == "item/1000");
    Scanner range = txn->scan("item/1100", "item/1103");
    std::vector<std::string> keys;
    while (range.next()) keys.emplace_back(range.key());
    CHECK(keys == std::vector<std::string>{"item/1100", "item/1101", "item/1102"});
    auto versions = txn->versions("user/", "user0", 0, txn->snapshot_scn());
    CHECK(versions.size() == 3);
  }
  const BranchId dev = store->create_branch("develop-branch", kMainBranch, store->last_scn());
  put_one(*store, "user/carol", "Carol on dev", dev);
  CHECK(value_of(*store, "user/carol") == "<none>");
  {
    auto txn = store->begin(dev);
    CHECK(txn->get("user/carol") == "Carol on dev");
    CHECK(txn->get("user/alice") == "Alice in Wonderland");
  }
  store.reset();

  const std::string files = files_of(dir.path());
  for (const char* secret :
       {"Alice", "Wonderland", "Bob Builder", "user/", "item/1", "vvvvvvvv", "Carol", "develop-branch"}) {
    INFO(secret);
    CHECK(files.find(secret) == std::string::npos);
  }

  store = Store::open(encrypted(dir.path(), key));
  CHECK(value_of(*store, "user/alice") == "Alice in Wonderland");
  CHECK(value_of(*store, "item/1499") == std::string(40, 'v') + "499");
}

TEST_CASE("an encrypted store opens only with its key; a plain one refuses a key", "[encryption]") {
  TempDir dir;
  const KeyBytes key = generate_key();
  put_one(*Store::open(encrypted(dir.path(), key)), "k", "v");
  CHECK(error_code([&] { Store::open(disk_options(dir.path())); }) == StorageErrc::kEncryptionKey);
  CHECK(error_code([&] { Store::open(encrypted(dir.path(), generate_key())); }) == StorageErrc::kEncryptionKey);
  CHECK(value_of(*Store::open(encrypted(dir.path(), key)), "k") == "v");  // refusals changed nothing

  TempDir plain;
  put_one(*Store::open(disk_options(plain.path())), "k", "v");
  CHECK(error_code([&] { Store::open(encrypted(plain.path(), key)); }) == StorageErrc::kEncryptionKey);
  CHECK_FALSE(StoreCipher::is_encrypted(plain.path()));
  CHECK(value_of(*Store::open(disk_options(plain.path())), "k") == "v");
}

TEST_CASE("an encrypted store takes keys up to kMaxEncryptedKeySize", "[encryption]") {
  TempDir dir;
  auto store = Store::open(encrypted(dir.path(), generate_key()));
  CHECK(store->max_key_size() == kMaxEncryptedKeySize);
  // The longest key, escaped at its worst in history, still fits LMDB's 511 bytes.
  const std::string longest(kMaxEncryptedKeySize, '\0');
  put_one(*store, longest, "first");
  put_one(*store, longest, "second");
  {
    auto txn = store->begin();
    CHECK(txn->get_as_of(longest, txn->snapshot_scn() - 1) == "first");
  }
  CHECK(error_code([&] { put_one(*store, std::string(kMaxEncryptedKeySize + 1, 'x'), "v"); }) ==
        StorageErrc::kInvalidArgument);
}

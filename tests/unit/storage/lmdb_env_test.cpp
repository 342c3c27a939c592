// The LMDB environment: map growth and in-memory lifetime.
#include "storage/lmdb_env.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

#include "storage/storage_error.hpp"
#include "temp_store.hpp"

using namespace heliosdb::storage;
using namespace heliosdb::storage::testing;

TEST_CASE("the map grows instead of failing when it is full", "[storage][lmdb]") {
  TempDir dir;
  StoreOptions options = disk_options(dir.path());
  options.env.initial_map_size = std::size_t{1} << 20;  // 1 MiB
  std::size_t initial = 0;
  {
    auto store = Store::open(options);
    initial = store->map_size();
    std::string value(4000, 'x');
    for (int batch = 0; batch < 10; ++batch) {
      auto txn = store->begin();
      for (int i = 0; i < 500; ++i) txn->put("k" + std::to_string(batch * 1000 + i), value);
      txn->commit();
    }
    CHECK(store->map_size() >= 16 * initial);
  }
  auto store = Store::open(options);
  auto txn = store->begin();
  int count = 0;
  Scanner scanner = txn->scan("", "");
  while (scanner.next()) ++count;
  CHECK(count == 5000);
  CHECK(txn->get("k9499")->size() == 4000);
}

TEST_CASE("growing the map waits for an open reader, which keeps its snapshot", "[storage][lmdb]") {
  TempDir dir;
  StoreOptions options = disk_options(dir.path());
  options.env.initial_map_size = std::size_t{1} << 20;
  auto store = Store::open(options);
  put_one(*store, "seen", "before");
  auto reader = store->begin();
  std::thread late_reader([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    // Still reading its snapshot while the writer waits to grow.
    CHECK(*reader->get("seen") == "before");
    CHECK_FALSE(reader->get("big0"));
    reader->rollback();
  });
  std::size_t before = store->map_size();
  auto txn = store->begin();
  for (int i = 0; i < 1000; ++i) txn->put("big" + std::to_string(i), std::string(4000, 'x'));
  txn->commit();
  late_reader.join();
  CHECK(store->map_size() > before);
  CHECK(store->begin()->get("big999")->size() == 4000);
}

TEST_CASE("an in-memory environment lives in a temporary directory removed on close", "[storage][lmdb]") {
  EnvOptions options;
  options.in_memory = true;
  options.initial_map_size = std::size_t{1} << 24;
  std::filesystem::path path;
  {
    auto env = LmdbEnv::open(options);
    path = env->path();
    CHECK(std::filesystem::exists(path / "data.mdb"));
  }
  CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("opening a path that cannot be a directory fails cleanly", "[storage][lmdb]") {
  TempDir dir;
  std::filesystem::path file = dir.path() / "plain-file";
  { std::ofstream(file) << "not a database"; }
  EnvOptions options;
  options.path = file / "db";
  CHECK_THROWS_AS(LmdbEnv::open(options), StorageError);
}

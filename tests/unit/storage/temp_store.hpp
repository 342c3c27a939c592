#pragma once

// Test helpers: a store in a fresh temporary directory, removed afterwards.

#include <stdlib.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "storage/storage_error.hpp"
#include "storage/store.hpp"

namespace heliosdb::storage::testing {

/// A directory under $TMPDIR that is removed with everything in it on scope exit.
class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "heliosdb-test-XXXXXX").string();
    path_ = ::mkdtemp(templ.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// Options for a durable store in `dir` with a modest map, as tests use.
inline StoreOptions disk_options(const std::filesystem::path& dir, bool group_commit = true) {
  StoreOptions options;
  options.env.path = dir;
  options.env.initial_map_size = std::size_t{1} << 30;
  options.group_commit = group_commit;
  return options;
}

/// Commits one put in its own transaction; returns the commit SCN.
inline Scn put_one(Store& store, std::string_view key, std::string_view value, BranchId branch = kMainBranch) {
  auto txn = store.begin(branch);
  txn->put(key, value);
  return txn->commit();
}

/// Commits one delete in its own transaction; returns the commit SCN.
inline Scn del_one(Store& store, std::string_view key, BranchId branch = kMainBranch) {
  auto txn = store.begin(branch);
  txn->del(key);
  return txn->commit();
}

/// The code of the StorageError `fn` throws; fails the test if it throws none.
inline StorageErrc error_code(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const StorageError& e) {
    return e.code();
  }
  FAIL("no StorageError thrown");
  return StorageErrc::kIo;
}

/// Everything visible to `txn`'s present snapshot, as an ordered map.
template <typename Map>
Map scan_all(Transaction& txn) {
  Map out;
  Scanner scanner = txn.scan("", "");
  while (scanner.next()) out.emplace(std::string(scanner.key()), std::string(scanner.value()));
  return out;
}

template <typename Map>
Map scan_all_as_of(Transaction& txn, Scn scn) {
  Map out;
  Scanner scanner = txn.scan_as_of("", "", scn);
  while (scanner.next()) out.emplace(std::string(scanner.key()), std::string(scanner.value()));
  return out;
}

}  // namespace heliosdb::storage::testing

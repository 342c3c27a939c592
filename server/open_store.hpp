#pragma once

#include <memory>
#include <string>

#include "storage/store.hpp"

namespace heliosdb::server {

/// The database a command serves: in memory, or kept in `data_dir`
/// (created if missing). Throws storage::StorageError if it cannot open.
inline std::unique_ptr<storage::Store> open_store(bool memory, const std::string& data_dir) {
  if (memory) return storage::Store::open_in_memory();
  storage::StoreOptions options;
  options.env.path = data_dir;
  return storage::Store::open(options);
}

}  // namespace heliosdb::server

#pragma once

#include <memory>
#include <string>

#include "storage/store.hpp"

namespace heliosdb::server {

/// The database a command serves: in memory, or kept in `data_dir`
/// (created if missing). Encrypted at rest with the key in
/// `encryption_key_file` (64 hexadecimal digits), or else the one in the
/// environment variable HELIOSDB_ENCRYPTION_KEY, if either is given.
/// Throws storage::StorageError if it cannot open (kEncryptionKey for a
/// key missing, wrong, unreadable or malformed).
std::unique_ptr<storage::Store> open_store(bool memory, const std::string& data_dir,
                                           const std::string& encryption_key_file);

}  // namespace heliosdb::server

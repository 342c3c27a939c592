#include "server/open_store.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>

#include "storage/encryption_key.hpp"
#include "storage/storage_error.hpp"

namespace heliosdb::server {

namespace {

std::optional<storage::KeyBytes> encryption_key(const std::string& file) {
  using storage::StorageErrc;
  using storage::StorageError;
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) throw StorageError(StorageErrc::kEncryptionKey, "could not read encryption key file \"" + file + "\"");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto key = storage::parse_key_hex(text);
    if (!key) {
      throw StorageError(StorageErrc::kEncryptionKey, "encryption key file \"" + file +
                                                          "\" must hold 64 hexadecimal digits "
                                                          "(heliosdb-lite keygen writes one)");
    }
    return key;
  }
  // Not a flag: a key on the command line is visible to every local user.
  if (const char* hex = std::getenv("HELIOSDB_ENCRYPTION_KEY"); hex != nullptr && *hex != '\0') {
    auto key = storage::parse_key_hex(hex);
    if (!key) throw StorageError(StorageErrc::kEncryptionKey, "HELIOSDB_ENCRYPTION_KEY must be 64 hexadecimal digits");
    return key;
  }
  return std::nullopt;
}

}  // namespace

std::unique_ptr<storage::Store> open_store(bool memory, const std::string& data_dir,
                                           const std::string& encryption_key_file) {
  storage::StoreOptions options;
  if (memory) {
    options.env.in_memory = true;
    options.env.initial_map_size = std::size_t{4} << 30;
  } else {
    options.env.path = data_dir;
  }
  options.env.encryption_key = encryption_key(encryption_key_file);
  return storage::Store::open(options);
}

}  // namespace heliosdb::server

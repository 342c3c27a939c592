#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "storage/encryption_key.hpp"
#include "storage/key_cipher.hpp"
#include "storage/value_cipher.hpp"

namespace heliosdb::storage {

/// Encryption at rest for one store: what sits between the engine's keys and
/// values and the bytes LMDB writes. Keys go through the KeyCipher (order
/// preserved, so B-trees still work), values through the ValueCipher
/// (AES-256-GCM, bound to the coded key). Both ciphers' keys are derived from
/// the master key and a salt of the store's own, so one master key gives
/// different ciphertexts in different stores.
///
/// The store's directory holds kFileName: the salt and a value sealed with
/// the derived key, which tells a wrong key from the right one before any
/// data is read. The master key itself is never written.
class StoreCipher {
 public:
  static constexpr const char* kFileName = "encryption";

  /// The cipher for the store in `dir`: nullptr for a plain store opened
  /// without a key. `fresh` says the store holds no data yet; a key then
  /// makes it an encrypted store. Throws StorageError(kEncryptionKey) when
  /// the key is missing, wrong, or given for a store made without one.
  static std::unique_ptr<StoreCipher> open(const std::filesystem::path& dir, const std::optional<KeyBytes>& key,
                                           bool fresh);
  /// Whether `dir` holds an encrypted store.
  static bool is_encrypted(const std::filesystem::path& dir);

  StoreCipher(const KeyBytes& key, std::string_view salt);

  const KeyCipher& keys() const { return keys_; }
  const ValueCipher& values() const { return values_; }

  /// A whole file's contents sealed (vector indexes kept beside the store),
  /// bound to `name` so that files cannot be swapped; open_file gives
  /// nullopt for a file this key did not seal under that name.
  std::string seal_file(std::string_view contents, std::string_view name) const;
  std::optional<std::string> open_file(std::string_view sealed, std::string_view name) const;

 private:
  KeyCipher keys_;
  ValueCipher values_;
  ValueCipher files_;
};

}  // namespace heliosdb::storage

#include "storage/store_cipher.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "storage/hex.hpp"
#include "storage/storage_error.hpp"

namespace heliosdb::storage {

namespace {

constexpr std::string_view kMagic = "HeliosDB-Lite encryption 1";
constexpr std::string_view kCheckText = "HeliosDB-Lite key check";

KeyBytes derive(const KeyBytes& master, std::string_view purpose, std::string_view salt) {
  std::string message(purpose);
  message.push_back('\0');
  message.append(salt);
  KeyBytes out{};
  unsigned int len = 0;
  if (HMAC(EVP_sha256(), master.data(), static_cast<int>(master.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), out.data(), &len) == nullptr ||
      len != out.size()) {
    throw StorageError(StorageErrc::kIo, "could not derive the encryption keys (HMAC-SHA-256 failed)");
  }
  return out;
}

struct CheckFile {
  std::string salt;
  std::string check;  ///< kCheckText sealed with the derived file key
};

std::optional<CheckFile> read_check_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string magic, salt_word, salt_hex, check_word, check_hex;
  if (!std::getline(in, magic) || magic != kMagic || !(in >> salt_word >> salt_hex >> check_word >> check_hex) ||
      salt_word != "salt" || check_word != "check") {
    return std::nullopt;
  }
  auto salt = from_hex(salt_hex);
  auto check = from_hex(check_hex);
  if (!salt || !check) return std::nullopt;
  return CheckFile{std::move(*salt), std::move(*check)};
}

void write_check_file(const std::filesystem::path& path, const CheckFile& file) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << kMagic << "\nsalt " << to_hex(file.salt) << "\ncheck " << to_hex(file.check) << "\n";
    out.flush();
    if (!out) throw StorageError(StorageErrc::kIo, fmt::format("could not write \"{}\"", tmp.string()));
  }
  const int fd = ::open(tmp.c_str(), O_RDONLY);
  const bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced) throw StorageError(StorageErrc::kIo, fmt::format("could not sync \"{}\"", tmp.string()));
  std::filesystem::rename(tmp, path);
}

}  // namespace

StoreCipher::StoreCipher(const KeyBytes& key, std::string_view salt)
    : keys_(derive(key, "keys", salt)), values_(derive(key, "values", salt)), files_(derive(key, "files", salt)) {}

bool StoreCipher::is_encrypted(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::exists(dir / kFileName, ec);
}

std::unique_ptr<StoreCipher> StoreCipher::open(const std::filesystem::path& dir, const std::optional<KeyBytes>& key,
                                               bool fresh) {
  const std::filesystem::path path = dir / kFileName;
  if (!is_encrypted(dir)) {
    if (!key) return nullptr;
    if (!fresh) {
      throw StorageError(StorageErrc::kEncryptionKey,
                         fmt::format("database \"{}\" is not encrypted; open it without an encryption key "
                                     "(it cannot be encrypted in place: dump it and restore into an encrypted one)",
                                     dir.string()));
    }
    CheckFile file;
    file.salt.resize(32);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(file.salt.data()), static_cast<int>(file.salt.size())) != 1) {
      throw StorageError(StorageErrc::kIo, "could not make an encryption salt: the random number generator failed");
    }
    auto cipher = std::make_unique<StoreCipher>(*key, file.salt);
    file.check = cipher->seal_file(kCheckText, kMagic);
    write_check_file(path, file);
    return cipher;
  }
  if (!key) {
    throw StorageError(
        StorageErrc::kEncryptionKey,
        fmt::format("database \"{}\" is encrypted; an encryption key is needed to open it", dir.string()));
  }
  const std::optional<CheckFile> file = read_check_file(path);
  if (!file) throw StorageError(StorageErrc::kIo, fmt::format("\"{}\" is damaged", path.string()));
  auto cipher = std::make_unique<StoreCipher>(*key, file->salt);
  if (cipher->open_file(file->check, kMagic) != kCheckText) {
    throw StorageError(StorageErrc::kEncryptionKey,
                       fmt::format("the encryption key does not open database \"{}\"", dir.string()));
  }
  return cipher;
}

std::string StoreCipher::seal_file(std::string_view contents, std::string_view name) const {
  std::string out;
  files_.seal(out, contents, name);
  return out;
}

std::optional<std::string> StoreCipher::open_file(std::string_view sealed, std::string_view name) const {
  std::string out;
  if (!files_.open(out, sealed, name)) return std::nullopt;
  return out;
}

}  // namespace heliosdb::storage

// The seed's Encrypted Mode through the embedded API: a database encrypted at
// rest with a generated key, closed, and opened again with the key kept as
// hex (what a key file holds). Built and run by the tests; prints what it finds.
#include <unistd.h>
#include <heliosdb/database.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

int main() {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("heliosdb-encryption-example-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  int status = 0;
  try {
    heliosdb::Config config;
    config.encryption_key = heliosdb::EncryptionKey::generate();
    const std::string saved_key = config.encryption_key->to_hex();  // keep it apart from the database
    {
      auto db = heliosdb::Database::open(dir, config);
      db->execute("CREATE TABLE secrets (id INT PRIMARY KEY, body TEXT NOT NULL)");
      db->execute("INSERT INTO secrets VALUES ($1, $2)", {1, "the launch code"});
    }
    heliosdb::Config again;
    again.encryption_key = heliosdb::EncryptionKey::from_hex(saved_key);
    auto db = heliosdb::Database::open(dir, again);
    std::cout << "read back: " << db->query("SELECT body FROM secrets WHERE id = 1").get_string(0, 0) << "\n";
    db.reset();
    try {
      heliosdb::Database::open(dir);  // no key
    } catch (const heliosdb::Error& e) {
      std::cout << "without the key: " << e.sqlstate() << "\n";
    }
  } catch (const heliosdb::Error& e) {
    std::cerr << "ERROR " << e.sqlstate() << ": " << e.what() << "\n";
    status = 1;
  }
  std::filesystem::remove_all(dir);
  return status;
}

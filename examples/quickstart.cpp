// The seed's Quick Start through the embedded API: create a table, insert,
// query, update, delete. Built and run by the tests; prints what it finds.
#include <heliosdb/database.hpp>

#include <iostream>

int main() {
  try {
    auto db = heliosdb::Database::open_in_memory();
    db->execute("CREATE TABLE users (id INT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, age INT)");
    db->execute("INSERT INTO users VALUES (1, 'Alice Johnson', 'alice@example.com', 30)");
    db->execute("INSERT INTO users VALUES (2, 'Bob Smith', 'bob@example.com', 25)");
    db->execute("INSERT INTO users VALUES ($1, $2, $3, $4)", {3, "Charlie Brown", "charlie@example.com", 35});

    heliosdb::Result older = db->query("SELECT name, age FROM users WHERE age > 28 ORDER BY id");
    for (std::size_t i = 0; i < older.row_count(); ++i) {
      std::cout << older.get_string(i, 0) << " is " << older.get_int(i, 1) << "\n";
    }
    std::cout << "total users: " << db->query("SELECT COUNT(*) AS total_users FROM users").get_int(0, 0) << "\n";

    db->execute("UPDATE users SET age = 31 WHERE name = 'Alice Johnson'");
    std::cout << "deleted: " << db->execute("DELETE FROM users WHERE age < 28") << "\n";

    auto tx = db->begin_transaction();
    tx.execute("INSERT INTO users VALUES (4, 'Dana', 'dana@example.com', 41)");
    tx.commit();
    std::cout << "remaining: " << db->query("SELECT count(*) FROM users").get_int(0, 0) << "\n";
  } catch (const heliosdb::Error& e) {
    std::cerr << "ERROR " << e.sqlstate() << ": " << e.what() << "\n";
    return 1;
  }
  return 0;
}

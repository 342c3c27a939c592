// The embedded API: what an application linking HeliosDB-Lite sees.
#include "heliosdb/database.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <future>
#include <iterator>

#include <thread>

using heliosdb::Database;
using heliosdb::Error;

namespace {

std::string sqlstate_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.sqlstate();
  }
  return "no error";
}

}  // namespace

TEST_CASE("execute and query with parameters and typed accessors", "[api]") {
  auto db = Database::open_in_memory();
  CHECK(db->execute("CREATE TABLE users (id INT PRIMARY KEY, name TEXT NOT NULL, score FLOAT, active BOOLEAN)") == 0);
  CHECK(db->execute("INSERT INTO users VALUES ($1, $2, $3, $4), (2, 'Bob', NULL, false)", {1, "Alice", 9.5, true}) ==
        2);
  auto r = db->query("SELECT id, name, score, active FROM users WHERE id >= $1 ORDER BY id", {1});
  REQUIRE(r.row_count() == 2);
  REQUIRE(r.column_count() == 4);
  CHECK(r.column_name(1) == "name");
  CHECK(r.column_type(0) == "integer");
  CHECK(r.column_type_oid(1) == 25);
  CHECK(r.get_int(0, 0) == 1);
  CHECK(r.get_string(0, 1) == "Alice");
  CHECK(r.get_double(0, 2) == 9.5);
  CHECK(r.get_bool(0, 3));
  CHECK(r.is_null(1, 2));
  CHECK(r.get_string(1, 2).empty());
  CHECK(r.command_tag() == "SELECT 2");
  // A text parameter takes the type its place needs, like a quoted literal.
  CHECK(db->query("SELECT name FROM users WHERE id = $1", {"2"}).get_string(0, 0) == "Bob");
  CHECK(db->execute("UPDATE users SET score = $1 WHERE name = $2", {nullptr, "Alice"}) == 1);
}

TEST_CASE("errors carry PostgreSQL's SQLSTATE and leave the database usable", "[api]") {
  auto db = Database::open_in_memory();
  db->execute("CREATE TABLE t (id INT PRIMARY KEY)");
  db->execute("INSERT INTO t VALUES (1)");
  CHECK(sqlstate_of([&] { db->execute("INSERT INTO t VALUES (1)"); }) == "23505");
  CHECK(sqlstate_of([&] { db->query("SELECT * FROM nowhere"); }) == "42P01");
  CHECK(sqlstate_of([&] { db->query("SELECT $2", {1}); }) == "42P02");
  try {
    db->query("SELECT nope FROM t");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.sqlstate() == "42703");
    CHECK(e.position() == 8);
  }
  auto r = db->query("SELECT id FROM t");
  CHECK_THROWS_AS(r.get_string(5, 0), std::out_of_range);
  CHECK(sqlstate_of([&] { (void)r.get_bool(0, 0); }) == "42804");
  CHECK(db->query("SELECT count(*) FROM t").get_int(0, 0) == 1);
}

TEST_CASE("transactions commit, roll back, and roll back when dropped", "[api]") {
  auto db = Database::open_in_memory();
  db->execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance INT)");
  {
    auto tx = db->begin_transaction();
    tx.execute("INSERT INTO accounts VALUES (1, 1000)");
    tx.execute("INSERT INTO accounts VALUES (2, 500)");
    tx.execute("UPDATE accounts SET balance = balance - 100 WHERE id = 1");
    tx.execute("UPDATE accounts SET balance = balance + 100 WHERE id = 2");
    CHECK(db->query("SELECT count(*) FROM accounts").get_int(0, 0) == 0);  // not visible yet
    tx.commit();
  }
  CHECK(db->query("SELECT sum(balance) FROM accounts").get_int(0, 0) == 1500);
  {
    auto tx = db->begin_transaction();
    tx.execute("DELETE FROM accounts");
  }  // dropped without commit
  CHECK(db->query("SELECT count(*) FROM accounts").get_int(0, 0) == 2);
  {
    auto tx = db->begin_transaction();
    CHECK(sqlstate_of([&] { tx.execute("INSERT INTO accounts VALUES (1, 0)"); }) == "23505");
    CHECK(sqlstate_of([&] { tx.execute("SELECT 1"); }) == "25P02");
    CHECK(sqlstate_of([&] { tx.commit(); }) == "25P02");
  }
  // Write-write conflict between two transactions: the second writer waits
  // for the first and fails once it commits.
  auto t1 = db->begin_transaction();
  auto t2 = db->begin_transaction();
  t1.execute("UPDATE accounts SET balance = 1 WHERE id = 1");
  auto second = std::async(std::launch::async, [&] {
    return sqlstate_of([&] { t2.execute("UPDATE accounts SET balance = 2 WHERE id = 1"); });
  });
  CHECK(second.wait_for(std::chrono::milliseconds(50)) == std::future_status::timeout);
  t1.commit();
  CHECK(second.get() == "40001");
  CHECK(db->query("SELECT balance FROM accounts WHERE id = 1").get_int(0, 0) == 1);
}

TEST_CASE("prepared statements parse once and run with new parameters", "[api]") {
  auto db = Database::open_in_memory();
  db->execute("CREATE TABLE kv (k INT PRIMARY KEY, v TEXT)");
  auto insert = db->prepare("INSERT INTO kv VALUES ($1, $2)");
  for (int i = 0; i < 50; ++i) CHECK(insert.execute({i, "v" + std::to_string(i)}) == 1);
  auto lookup = db->prepare("SELECT v FROM kv WHERE k = $1");
  CHECK(lookup.query({42}).get_string(0, 0) == "v42");
  CHECK(lookup.query({7}).get_string(0, 0) == "v7");
  CHECK(sqlstate_of([&] { db->prepare("SELEC 1"); }) == "42601");
}

TEST_CASE("a statement prepared in a transaction runs inside it", "[api]") {
  auto db = Database::open_in_memory();
  db->execute("CREATE TABLE kv (k INT PRIMARY KEY, v TEXT)");
  {
    auto tx = db->begin_transaction();
    auto insert = tx.prepare("INSERT INTO kv VALUES ($1, $2)");
    for (int i = 0; i < 10; ++i) insert.execute({i, "x"});
    CHECK(tx.query("SELECT count(*) FROM kv").get_int(0, 0) == 10);
    CHECK(db->query("SELECT count(*) FROM kv").get_int(0, 0) == 0);  // not committed yet
    tx.rollback();
    CHECK(sqlstate_of([&] { insert.execute({99, "late"}); }) == "25000");
  }
  CHECK(db->query("SELECT count(*) FROM kv").get_int(0, 0) == 0);
  auto tx = db->begin_transaction();
  tx.prepare("INSERT INTO kv VALUES ($1, $2)").execute({1, "kept"});
  tx.commit();
  CHECK(db->query("SELECT v FROM kv").get_string(0, 0) == "kept");
}

TEST_CASE("one database serves many threads", "[api]") {
  auto db = Database::open_in_memory();
  db->execute("CREATE TABLE hits (id BIGINT PRIMARY KEY, worker INT)");
  std::vector<std::thread> threads;
  for (int w = 0; w < 4; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < 50; ++i) db->execute("INSERT INTO hits VALUES ($1, $2)", {w * 1000 + i, w});
    });
  }
  for (auto& t : threads) t.join();
  CHECK(db->query("SELECT count(*) FROM hits").get_int(0, 0) == 200);
  CHECK(db->query("SELECT count(DISTINCT worker) FROM hits").get_int(0, 0) == 4);
}

TEST_CASE("a database on disk keeps its data across opens", "[api]") {
  auto dir = std::filesystem::temp_directory_path() / ("heliosdb-api-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  heliosdb::Config config;
  config.initial_map_size = std::size_t{1} << 28;
  {
    auto db = Database::open(dir, config);
    db->execute("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('persisted')");
  }
  {
    auto db = Database::open(dir, config);
    CHECK(db->query("SELECT x FROM t").get_string(0, 0) == "persisted");
  }
  std::filesystem::remove_all(dir);
  CHECK(sqlstate_of([&] { Database::open("/proc/no-such-place/db"); }) == "58030");
}

TEST_CASE("an encrypted database opens only with its key and shows nothing in its files", "[api]") {
  auto dir = std::filesystem::temp_directory_path() / ("heliosdb-api-enc-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  heliosdb::Config config;
  config.initial_map_size = std::size_t{1} << 28;
  config.encryption_key = heliosdb::EncryptionKey::generate();
  {
    auto db = Database::open(dir, config);
    db->execute("CREATE TABLE patient_records (id INT PRIMARY KEY, diagnosis TEXT)");
    db->execute("CREATE INDEX by_diagnosis ON patient_records (diagnosis)");
    db->execute("INSERT INTO patient_records VALUES (1, 'confidential-diagnosis-alpha')");
  }
  std::string files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    files.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  CHECK(files.find("patient_records") == std::string::npos);
  CHECK(files.find("confidential-diagnosis") == std::string::npos);
  CHECK(files.find("by_diagnosis") == std::string::npos);

  const heliosdb::EncryptionKey same = heliosdb::EncryptionKey::from_hex(config.encryption_key->to_hex() + "\n");
  heliosdb::Config reopen = config;
  reopen.encryption_key = same;
  CHECK(Database::open(dir, reopen)
            ->query("SELECT id FROM patient_records WHERE diagnosis LIKE 'confidential%'")
            .get_int(0, 0) == 1);
  heliosdb::Config without = config;
  without.encryption_key.reset();
  CHECK(sqlstate_of([&] { Database::open(dir, without); }) == "28000");
  heliosdb::Config wrong = config;
  wrong.encryption_key = heliosdb::EncryptionKey::generate();
  CHECK(sqlstate_of([&] { Database::open(dir, wrong); }) == "28000");
  CHECK(sqlstate_of([&] { heliosdb::EncryptionKey::from_hex("abc"); }) == "22023");
  std::filesystem::remove_all(dir);
}

TEST_CASE("cursors declared in a transaction fetch its rows in steps", "[api]") {
  auto db = Database::open_in_memory();
  db->execute("CREATE TABLE n (i INT PRIMARY KEY)");
  db->execute("INSERT INTO n SELECT g FROM generate_series(1, 10) g");
  CHECK(sqlstate_of([&] { db->execute("DECLARE c CURSOR FOR SELECT i FROM n"); }) == "25P01");
  auto tx = db->begin_transaction();
  tx.execute("DECLARE c SCROLL CURSOR FOR SELECT i FROM n ORDER BY i");
  auto first = tx.query("FETCH 4 FROM c");
  REQUIRE(first.row_count() == 4);
  CHECK(first.get_int(3, 0) == 4);
  CHECK(tx.query("FETCH PRIOR FROM c").get_int(0, 0) == 3);
  CHECK(tx.query("FETCH LAST FROM c").get_int(0, 0) == 10);
  auto listed = tx.query("SELECT name, statement FROM pg_cursors");
  CHECK(listed.get_string(0, 1) == "DECLARE c SCROLL CURSOR FOR SELECT i FROM n ORDER BY i");
  tx.execute("CLOSE c");
  CHECK(sqlstate_of([&] { tx.execute("FETCH c"); }) == "34000");
}

// SQL end to end through a session: results, command tags, errors and
// transaction blocks, as PostgreSQL 15 gives them.
#include "engine/session/session.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <thread>

#include "engine/common/db_error.hpp"
#include "tests/unit/engine/result_text.hpp"
#include "tests/unit/storage/temp_store.hpp"

using namespace heliosdb;
using namespace heliosdb::engine;
using heliosdb::engine::testing::rows_of;

namespace {

struct Fixture {
  std::unique_ptr<storage::Store> store = storage::Store::open_in_memory();
  Session session{*store};

  QueryResult one(std::string_view sql) {
    auto results = session.execute(sql);
    REQUIRE(results.size() == 1);
    return std::move(results[0]);
  }
  std::vector<std::string> rows(std::string_view sql) { return rows_of(one(sql)); }
  std::string tag(std::string_view sql) { return one(sql).command_tag; }
  DbError error(std::string_view sql) {
    try {
      session.execute(sql);
    } catch (const DbError& e) {
      return e;
    }
    FAIL("no error for: " << sql);
    return DbError(sqlstate::kInternalError, "unreachable");
  }
  std::string state(std::string_view sql) { return std::string(error(sql).state().code()); }
};

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("the seed's quick start runs as written", "[engine][session]") {
  Fixture f;
  CHECK(f.tag("CREATE TABLE users ( id INT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, age INT);") ==
        "CREATE TABLE");
  CHECK(f.tag("INSERT INTO users VALUES (1, 'Alice Johnson', 'alice@example.com', 30);") == "INSERT 0 1");
  f.session.execute(
      "INSERT INTO users VALUES (2, 'Bob Smith', 'bob@example.com', 25);"
      "INSERT INTO users VALUES (3, 'Charlie Brown', 'charlie@example.com', 35);");
  QueryResult all = f.one("SELECT * FROM users;");
  CHECK(all.command_tag == "SELECT 3");
  REQUIRE(all.columns.size() == 4);
  CHECK(all.columns[1].name == "name");
  CHECK(all.columns[0].type.id == TypeId::kInt4);
  CHECK(rows_of(all) == V{"1|Alice Johnson|alice@example.com|30", "2|Bob Smith|bob@example.com|25",
                          "3|Charlie Brown|charlie@example.com|35"});
  CHECK(f.rows("SELECT name, age FROM users WHERE age > 28;") == V{"Alice Johnson|30", "Charlie Brown|35"});
  QueryResult count = f.one("SELECT COUNT(*) as total_users FROM users;");
  CHECK(count.columns[0].name == "total_users");
  CHECK(count.columns[0].type.id == TypeId::kInt8);
  CHECK(rows_of(count) == V{"3"});
  CHECK(f.tag("UPDATE users SET age = 31 WHERE name = 'Alice Johnson';") == "UPDATE 1");
  CHECK(f.tag("DELETE FROM users WHERE age < 28;") == "DELETE 1");
  CHECK(f.rows("SELECT * FROM users;") ==
        V{"1|Alice Johnson|alice@example.com|31", "3|Charlie Brown|charlie@example.com|35"});
}

TEST_CASE("filters, ordering and limits follow PostgreSQL", "[engine][session]") {
  Fixture f;
  f.session.execute(
      "CREATE TABLE products (id INT PRIMARY KEY, name TEXT NOT NULL, price FLOAT, stock INT DEFAULT 0);"
      "INSERT INTO products (id, name, price, stock) VALUES (1, 'Laptop', 1299.99, 50);"
      "INSERT INTO products VALUES (2, 'Mouse', 29.99, 200), (3, 'Keyboard', 79.99, 150), (4, 'Monitor', 399.99, 75);"
      "INSERT INTO products (id, name) VALUES (5, 'Cable');"
      "INSERT INTO products (id, name, price, stock) VALUES (6, 'Dock', NULL, NULL)");
  CHECK(f.rows("SELECT name, stock FROM products WHERE id = 5") == V{"Cable|0"});
  CHECK(f.rows("SELECT name FROM products WHERE price > 100 ORDER BY name") == V{"Laptop", "Monitor"});
  CHECK(f.rows("SELECT name FROM products WHERE price > 50 AND stock > 0 ORDER BY id") ==
        V{"Laptop", "Keyboard", "Monitor"});
  CHECK(f.rows("SELECT name FROM products WHERE name = 'Laptop' OR name = 'Monitor' ORDER BY 1") ==
        V{"Laptop", "Monitor"});
  CHECK(f.rows("SELECT name FROM products WHERE name LIKE '%top%'") == V{"Laptop"});
  CHECK(f.rows("SELECT name FROM products WHERE name LIKE 'Key%'") == V{"Keyboard"});
  CHECK(f.rows("SELECT name FROM products WHERE price BETWEEN 50 AND 500 ORDER BY price") == V{"Keyboard", "Monitor"});
  CHECK(f.rows("SELECT id FROM products WHERE id IN (1, 3, 5, 7) ORDER BY id DESC") == V{"5", "3", "1"});
  CHECK(f.rows("SELECT id FROM products WHERE stock IS NULL") == V{"6"});
  CHECK(f.rows("SELECT count(*) FROM products WHERE stock IS NOT NULL") == V{"5"});
  // NULLs sort last ascending and first descending, unless told otherwise.
  CHECK(f.rows("SELECT id FROM products ORDER BY price, id") == V{"2", "3", "4", "1", "5", "6"});
  CHECK(f.rows("SELECT id FROM products ORDER BY price DESC, id LIMIT 3") == V{"5", "6", "1"});
  CHECK(f.rows("SELECT id FROM products ORDER BY price NULLS FIRST, id LIMIT 2") == V{"5", "6"});
  CHECK(f.rows("SELECT id FROM products ORDER BY id LIMIT 2 OFFSET 3") == V{"4", "5"});
  CHECK(f.rows("SELECT DISTINCT stock > 100 AS big FROM products ORDER BY big") == V{"f", "t", "NULL"});
  CHECK(f.rows("SELECT price * 2 AS double_price FROM products WHERE id = 2") == V{"59.98"});
}

TEST_CASE("aggregates with GROUP BY and HAVING", "[engine][session]") {
  Fixture f;
  f.session.execute(
      "CREATE TABLE sales (id INT PRIMARY KEY, region TEXT, amount FLOAT, units INT);"
      "INSERT INTO sales VALUES (1, 'north', 10.5, 1), (2, 'north', 20, 2), (3, 'south', 5, 5),"
      " (4, NULL, 1, 1), (5, 'south', NULL, NULL)");
  CHECK(f.rows("SELECT region, count(*), sum(amount), min(units), max(units), avg(amount) FROM sales "
               "GROUP BY region ORDER BY region") == V{"north|2|30.5|1|2|15.25", "south|2|5|5|5|5", "NULL|1|1|1|1|1"});
  CHECK(f.rows("SELECT region FROM sales GROUP BY region HAVING count(*) > 1 ORDER BY 1") == V{"north", "south"});
  CHECK(f.rows("SELECT count(units), count(DISTINCT region), sum(units) FROM sales") == V{"4|2|9"});
  CHECK(f.rows("SELECT count(*), max(amount) FROM sales WHERE id > 100") == V{"0|NULL"});
  CHECK(f.rows("SELECT region FROM sales WHERE id > 100 GROUP BY region").empty());
  CHECK(f.rows("SELECT units * 2 FROM sales GROUP BY units * 2 ORDER BY 1") == V{"2", "4", "10", "NULL"});
  CHECK(f.state("SELECT region, units FROM sales GROUP BY region") == "42803");
  CHECK(f.state("SELECT id FROM sales WHERE count(*) > 1") == "42803");
  CHECK(f.state("SELECT sum(sum(units)) FROM sales") == "42803");
}

TEST_CASE("expressions: arithmetic, CASE, COALESCE, casts and NULL logic", "[engine][session]") {
  Fixture f;
  CHECK(f.rows("SELECT 7 / 2, 7 % 3, -7 / 2, 2 + 3 * 4, 1.5::float8 * 2") == V{"3|1|-3|14|3"});
  CHECK(f.rows("SELECT 'abc' || 'def', 'n=' || 42, NULL || 'x'") == V{"abcdef|n=42|NULL"});
  CHECK(
      f.rows("SELECT CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' END, CASE 3 WHEN 3 THEN 'three' ELSE 'other' END") ==
      V{"b|three"});
  CHECK(f.rows("SELECT COALESCE(NULL, NULL, 3), NULLIF(5, 5), NULLIF(5, 6)") == V{"3|NULL|5"});
  CHECK(f.rows("SELECT NULL AND false, NULL OR true, NOT NULL::boolean, NULL = NULL") == V{"f|t|NULL|NULL"});
  CHECK(f.rows("SELECT 1 IN (2, NULL), 1 NOT IN (2, 3), 1 IS DISTINCT FROM NULL, NULL IS NOT DISTINCT FROM NULL") ==
        V{"NULL|t|t|t"});
  CHECK(f.rows("SELECT '42'::int + 1, CAST('t' AS boolean), 3.7::float8::int, 2.5::float8::int, 'x'::varchar(3)") ==
        V{"43|t|4|2|x"});
  CHECK(f.rows("SELECT 'abcdef'::varchar(3), 1e20::float8, 0.0001::float8, 1.0::float4 / 3") ==
        V{"abc|1e+20|0.0001|0.3333333333333333"});
  CHECK(f.rows("SELECT 'Hello' ILIKE 'h%', 'a_c' LIKE 'a\\_c', 'abc' LIKE 'a_c', 'x' NOT LIKE 'x'") == V{"t|t|t|f"});
  QueryResult named = f.one("SELECT 1, 'a', count(*), 1 + 1 AS two");
  CHECK(named.columns[0].name == "?column?");
  CHECK(named.columns[1].type.id == TypeId::kText);
  CHECK(named.columns[2].name == "count");
  CHECK(named.columns[3].name == "two");
}

TEST_CASE("bad input gives PostgreSQL's SQLSTATE and changes nothing", "[engine][session]") {
  Fixture f;
  f.session.execute(
      "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(5) NOT NULL, n SMALLINT);"
      "INSERT INTO t VALUES (1, 'one', 1)");
  CHECK(f.state("SELEC 1") == "42601");
  CHECK(f.error("SELECT * FROM t WHERE").position().has_value());
  CHECK(f.state("SELECT 1 / 0") == "22012");
  CHECK(f.state("SELECT 2147483647 + 1") == "22003");
  CHECK(f.state("INSERT INTO t VALUES (2, 'two', 40000)") == "22003");
  CHECK(f.state("INSERT INTO t VALUES (2, 'too long', 1)") == "22001");
  CHECK(f.state("INSERT INTO t VALUES (2, NULL, 1)") == "23502");
  CHECK(f.state("INSERT INTO t VALUES (1, 'dup', 1)") == "23505");
  CHECK(f.error("INSERT INTO t VALUES (1, 'dup', 1)").detail() == "Key (id)=(1) already exists.");
  CHECK(f.state("INSERT INTO t VALUES ('x', 'a', 1)") == "22P02");
  CHECK(f.state("INSERT INTO t VALUES (3, 'a', 1, 4)") == "42601");
  CHECK(f.state("SELECT nope FROM t") == "42703");
  CHECK(f.error("SELECT nope FROM t").position() == 8);
  CHECK(f.state("SELECT * FROM missing") == "42P01");
  CHECK(f.state("SELECT name + 1 FROM t") == "42883");
  CHECK(f.state("SELECT * FROM t WHERE 1") == "42804");
  CHECK(f.state("CREATE TABLE t (x INT)") == "42P07");
  CHECK(f.state("CREATE TABLE u (x nosuchtype)") == "42704");
  CHECK(f.state("SELECT 'abc'::numeric") == "22P02");
  CHECK(f.state("SELECT 1.5 / 0") == "22012");
  CHECK(f.state("SELECT 123.456::numeric(4,2)") == "22003");
  CHECK(f.state("SELECT * FROM t, t") == "42712");
  CHECK(f.state("SELECT '1' + '2'") == "42725");
  // Multi-row statements are all or nothing.
  CHECK(f.state("INSERT INTO t VALUES (5, 'five', 5), (1, 'dup', 1)") == "23505");
  CHECK(f.rows("SELECT id, name, n FROM t") == V{"1|one|1"});
  CHECK(f.session.status() == TransactionStatus::kIdle);
}

TEST_CASE("transaction blocks: commit, rollback and the aborted state", "[engine][session]") {
  Fixture f;
  f.session.execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance INT)");
  CHECK(f.tag("BEGIN") == "BEGIN");
  CHECK(f.session.status() == TransactionStatus::kInBlock);
  f.session.execute("INSERT INTO accounts VALUES (1, 1000); INSERT INTO accounts VALUES (2, 500)");
  f.session.execute("UPDATE accounts SET balance = balance - 100 WHERE id = 1");
  CHECK(f.tag("COMMIT") == "COMMIT");
  CHECK(f.rows("SELECT balance FROM accounts ORDER BY id") == V{"900", "500"});

  f.session.execute("BEGIN");
  f.session.execute("DELETE FROM accounts");
  CHECK(f.rows("SELECT count(*) FROM accounts") == V{"0"});
  CHECK(f.tag("ROLLBACK") == "ROLLBACK");
  CHECK(f.rows("SELECT count(*) FROM accounts") == V{"2"});

  // An error aborts the block: everything fails with 25P02 until it ends.
  f.session.execute("BEGIN");
  f.session.execute("UPDATE accounts SET balance = 0 WHERE id = 1");
  CHECK(f.state("SELECT 1 / 0") == "22012");
  CHECK(f.session.status() == TransactionStatus::kFailed);
  CHECK(f.state("SELECT 1") == "25P02");
  CHECK(f.tag("COMMIT") == "ROLLBACK");
  CHECK(f.session.status() == TransactionStatus::kIdle);
  CHECK(f.rows("SELECT balance FROM accounts WHERE id = 1") == V{"900"});

  // Several statements in one call share an implicit transaction.
  CHECK(f.state("INSERT INTO accounts VALUES (3, 1); SELECT 1 / 0") == "22012");
  CHECK(f.rows("SELECT count(*) FROM accounts") == V{"2"});
}

TEST_CASE("concurrent sessions get snapshot isolation and write conflicts", "[engine][session]") {
  Fixture f;
  f.session.execute("CREATE TABLE c (id INT PRIMARY KEY, v INT); INSERT INTO c VALUES (1, 0)");
  Session other(*f.store);
  f.session.execute("BEGIN");
  CHECK(f.rows("SELECT v FROM c") == V{"0"});
  other.execute("UPDATE c SET v = 5 WHERE id = 1");
  CHECK(f.rows("SELECT v FROM c") == V{"0"});  // still the snapshot
  // The row changed after the snapshot: under snapshot isolation the UPDATE
  // fails at once, as in PostgreSQL's REPEATABLE READ.
  CHECK(f.state("UPDATE c SET v = v + 1 WHERE id = 1") == "40001");
  f.session.execute("ROLLBACK");
  CHECK(f.rows("SELECT v FROM c") == V{"5"});

  f.session.execute("BEGIN ISOLATION LEVEL READ COMMITTED");
  other.execute("UPDATE c SET v = 6 WHERE id = 1");
  CHECK(f.rows("SELECT v FROM c") == V{"6"});  // each statement sees the latest commits
  f.session.execute("COMMIT");
}

TEST_CASE("a second writer of a row waits for the first, then fails or goes on by isolation", "[engine][session]") {
  Fixture f;
  f.session.execute("CREATE TABLE c (id INT PRIMARY KEY, v INT); INSERT INTO c VALUES (1, 0), (2, 0)");
  Session other(*f.store);
  auto in_background = [&](const std::string& sql) {
    return std::async(std::launch::async, [&other, sql]() -> std::string {
      try {
        other.execute(sql);
        return "ok";
      } catch (const DbError& e) {
        return std::string(e.state().code());
      }
    });
  };

  // READ COMMITTED: the waiter goes on with the committed version (no lost update).
  other.execute("SET default_transaction_isolation = 'read committed'");
  f.session.execute("BEGIN");
  f.session.execute("UPDATE c SET v = v + 1 WHERE id = 1");
  auto waiter = in_background("UPDATE c SET v = v + 10 WHERE id = 1");
  CHECK(waiter.wait_for(std::chrono::milliseconds(100)) == std::future_status::timeout);
  f.session.execute("COMMIT");
  CHECK(waiter.get() == "ok");
  CHECK(f.rows("SELECT v FROM c WHERE id = 1") == V{"11"});

  // ... and rechecks WHERE against it: the row no longer qualifies.
  f.session.execute("BEGIN");
  f.session.execute("UPDATE c SET v = 100 WHERE id = 2");
  auto rechecked = std::async(std::launch::async, [&] { return other.execute("UPDATE c SET v = -1 WHERE v = 0"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  f.session.execute("COMMIT");
  CHECK(rechecked.get()[0].command_tag == "UPDATE 0");
  CHECK(f.rows("SELECT v FROM c ORDER BY id") == V{"11", "100"});

  // A first writer that rolls back lets the waiter have the row as it was.
  f.session.execute("BEGIN");
  f.session.execute("DELETE FROM c WHERE id = 2");
  auto after_rollback = in_background("UPDATE c SET v = v + 1 WHERE id = 2");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  f.session.execute("ROLLBACK");
  CHECK(after_rollback.get() == "ok");
  CHECK(f.rows("SELECT v FROM c WHERE id = 2") == V{"101"});

  // Snapshot isolation: the waiter fails once the first commits.
  other.execute("SET default_transaction_isolation = 'repeatable read'");
  f.session.execute("BEGIN");
  f.session.execute("DELETE FROM c WHERE id = 2");
  auto loser = in_background("UPDATE c SET v = 0 WHERE id = 2");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  f.session.execute("COMMIT");
  CHECK(loser.get() == "40001");
  CHECK(f.rows("SELECT count(*) FROM c") == V{"1"});
}

TEST_CASE("lock waits end with lock_timeout, statement_timeout, cancel and deadlocks", "[engine][session]") {
  Fixture f;
  f.session.execute("CREATE TABLE c (id INT PRIMARY KEY, v INT); INSERT INTO c VALUES (1, 0), (2, 0)");
  Session other(*f.store);
  f.session.execute("BEGIN");
  f.session.execute("UPDATE c SET v = 1 WHERE id = 1");

  other.execute("SET lock_timeout = 50");
  DbError lock_timeout = [&] {
    try {
      other.execute("DELETE FROM c WHERE id = 1");
    } catch (const DbError& e) {
      return e;
    }
    return DbError(sqlstate::kInternalError, "no error");
  }();
  CHECK(std::string(lock_timeout.state().code()) == "55P03");
  CHECK(std::string(lock_timeout.what()) == "canceling statement due to lock timeout");
  other.execute("RESET lock_timeout");
  other.execute("SET statement_timeout = 50");
  CHECK_THROWS_WITH(other.execute("DELETE FROM c WHERE id = 1"), "canceling statement due to statement timeout");
  other.execute("RESET statement_timeout");
  auto cancelled = std::async(std::launch::async, [&] { other.execute("DELETE FROM c WHERE id = 1"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  other.interrupts().request_cancel();
  CHECK_THROWS_WITH(cancelled.get(), "canceling statement due to user request");

  // other holds row 2 and waits for row 1; asking for row 2 here closes the cycle.
  other.execute("BEGIN");
  other.execute("UPDATE c SET v = 2 WHERE id = 2");
  auto waiting = std::async(std::launch::async, [&] { other.execute("UPDATE c SET v = 2 WHERE id = 1"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(f.state("UPDATE c SET v = 1 WHERE id = 2") == "40P01");
  f.session.execute("ROLLBACK");
  waiting.get();
  other.execute("COMMIT");
  CHECK(f.rows("SELECT v FROM c ORDER BY id") == V{"2", "2"});
}

TEST_CASE("tables and rows persist across reopening the database", "[engine][session]") {
  storage::testing::TempDir dir;
  const storage::StoreOptions options = storage::testing::disk_options(dir.path());
  {
    auto store = storage::Store::open(options);
    Session s(*store);
    s.execute("CREATE TABLE notes (body TEXT, n BIGINT); INSERT INTO notes VALUES ('kept', 1), ('also', 2)");
  }
  {
    auto store = storage::Store::open(options);
    Session s(*store);
    auto results = s.execute("SELECT body FROM notes ORDER BY n");
    CHECK(rows_of(results[0]) == V{"kept", "also"});
    s.execute("DROP TABLE notes");
    CHECK_THROWS_AS(s.execute("SELECT * FROM notes"), DbError);
  }
}

TEST_CASE("table definitions cached in a transaction follow DDL, rollback and other sessions", "[engine][session]") {
  auto store = storage::Store::open_in_memory();
  Session a(*store);
  Session b(*store);
  a.execute("CREATE TABLE t (x INT)");
  a.execute("BEGIN");
  a.execute("INSERT INTO t VALUES (1)");
  a.execute("ALTER TABLE t ADD COLUMN y INT DEFAULT 7");
  CHECK(rows_of(a.execute("INSERT INTO t VALUES (2) RETURNING y")[0]) == std::vector<std::string>{"7"});
  a.execute("ROLLBACK");
  CHECK(rows_of(a.execute("SELECT * FROM t")[0]).empty());
  CHECK(a.execute("SELECT * FROM t")[0].columns.size() == 1);
  // Another session's committed DDL is seen by the next transaction.
  a.execute("BEGIN");
  a.execute("SELECT * FROM t");
  b.execute("ALTER TABLE t ADD COLUMN z TEXT DEFAULT 'b'");
  CHECK(a.execute("SELECT * FROM t")[0].columns.size() == 1);  // the snapshot still has the old table
  a.execute("COMMIT");
  a.execute("INSERT INTO t VALUES (3)");
  CHECK(rows_of(a.execute("SELECT * FROM t")[0]) == std::vector<std::string>{"3|b"});
}

TEST_CASE("settings refuse values we cannot honour, and isolation follows its default", "[engine][session]") {
  Fixture f;
  // Output in another time zone or date style would be wrong, so it is refused.
  CHECK(f.state("SET TimeZone = 'Europe/Paris'") == "0A000");
  CHECK(f.state("SET DateStyle = 'German'") == "0A000");
  CHECK(f.state("SET client_encoding = 'LATIN1'") == "0A000");
  CHECK(f.state("SET IntervalStyle = 'iso_8601'") == "0A000");
  f.session.execute("SET lock_timeout = 5000");
  CHECK(f.rows("SHOW lock_timeout") == V{"5s"});
  CHECK(f.state("SET statement_timeout = '5 parsecs'") == "22023");
  CHECK(f.state("SET statement_timeout = -1") == "22023");
  CHECK(f.state("SET extra_float_digits = 0") == "0A000");
  CHECK(f.rows("SHOW TimeZone") == V{"UTC"});
  f.session.execute("SET client_encoding = 'unicode'");
  CHECK(f.rows("SHOW client_encoding") == V{"UTF8"});
  // Snapshot isolation by default, shown as repeatable read.
  CHECK(f.rows("SHOW default_transaction_isolation") == V{"repeatable read"});
  CHECK(f.rows("SHOW transaction_isolation") == V{"repeatable read"});
  f.session.execute("SET default_transaction_isolation = 'read committed'");
  f.session.execute("BEGIN");
  CHECK(f.rows("SHOW transaction_isolation") == V{"read committed"});
  f.session.execute("ROLLBACK");
  // ... and the rollback did not undo a SET made outside it.
  CHECK(f.rows("SHOW default_transaction_isolation") == V{"read committed"});
  f.session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
  CHECK(f.rows("SHOW transaction_isolation") == V{"repeatable read"});
  f.session.execute("COMMIT");
  // SET TRANSACTION (pg_dump's REPEATABLE READ, READ ONLY) changes the open transaction's level ...
  f.session.execute("BEGIN");
  f.session.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
  CHECK(f.rows("SHOW transaction_isolation") == V{"repeatable read"});
  f.session.execute("COMMIT");
  // ... and outside a transaction block only warns, changing nothing.
  f.session.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
  CHECK(f.rows("SHOW default_transaction_isolation") == V{"read committed"});
  CHECK(f.rows("SHOW ALL").size() > 20);
}

TEST_CASE("statement_timeout stops a long statement with 57014, and the session goes on", "[engine][session]") {
  Fixture f;
  f.session.execute("CREATE TABLE big (n INT)");
  std::string values = "INSERT INTO big VALUES (0)";
  for (int i = 1; i < 3000; ++i) values += ", (" + std::to_string(i) + ")";
  f.session.execute(values);
  f.session.execute("SET statement_timeout = 20");
  CHECK(f.rows("SHOW statement_timeout") == V{"20ms"});
  // Nine million joined rows take far longer than 20 ms.
  DbError e = f.error("SELECT count(*) FROM big a, big b WHERE a.n + b.n < 0");
  CHECK(std::string(e.state().code()) == "57014");
  CHECK(std::string(e.what()) == "canceling statement due to statement timeout");
  f.session.execute("RESET statement_timeout");
  CHECK(f.rows("SELECT count(*) FROM big WHERE n < 10") == V{"10"});
  // A cancel request stops the statement running; one made between statements is forgotten.
  f.session.interrupts().request_cancel();
  CHECK(f.rows("SELECT count(*) FROM big WHERE n < 10") == V{"10"});
}

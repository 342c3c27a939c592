// The REPL's output format and meta-commands, as the seed shows them.
#include "server/repl/repl.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using heliosdb::server::Repl;

namespace {

struct Shell {
  std::unique_ptr<heliosdb::storage::Store> store = heliosdb::storage::Store::open_in_memory();
  std::ostringstream out;
  std::ostringstream err;
  Repl repl{*store, out, err};

  Shell() { repl.set_timing(false); }
  bool feed(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      if (!repl.feed_line(line)) return false;
    }
    repl.finish();
    return true;
  }
};

}  // namespace

TEST_CASE("the quick start prints the seed's tables and messages", "[server][repl]") {
  Shell s;
  s.feed(
      "CREATE TABLE users ( id INT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, age INT);\n"
      "INSERT INTO users VALUES (1, 'Alice Johnson', 'alice@example.com', 30);\n"
      "INSERT INTO users VALUES (2, 'Bob Smith', 'bob@example.com', 25);\n"
      "INSERT INTO users VALUES (3, 'Charlie Brown', 'charlie@example.com', 35);\n"
      "SELECT * FROM users;\n");
  CHECK(s.out.str() ==
        "Query OK\n"
        "Query OK, 1 row affected\n"
        "Query OK, 1 row affected\n"
        "Query OK, 1 row affected\n"
        "+----+---------------+---------------------+-----+\n"
        "| id | name          | email               | age |\n"
        "+----+---------------+---------------------+-----+\n"
        "| 1  | Alice Johnson | alice@example.com   | 30  |\n"
        "| 2  | Bob Smith     | bob@example.com     | 25  |\n"
        "| 3  | Charlie Brown | charlie@example.com | 35  |\n"
        "+----+---------------+---------------------+-----+\n"
        "(3 rows)\n");
  CHECK(s.err.str().empty());
}

TEST_CASE("timings are printed after each result when on", "[server][repl]") {
  Shell s;
  s.repl.set_timing(true);
  s.feed("SELECT 1 AS one;\nCREATE TABLE t (x INT);\nINSERT INTO t VALUES (1), (2);\n");
  std::string out = s.out.str();
  CHECK(out.find("(1 row) (0.0") != std::string::npos);
  CHECK(out.find("Query OK (0.0") != std::string::npos);
  CHECK(out.find("Query OK, 2 rows affected (0.0") != std::string::npos);
}

TEST_CASE("meta-commands list and describe tables", "[server][repl]") {
  Shell s;
  s.feed(
      "\\d\nCREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, stock INT DEFAULT 0);\n"
      "\\d\n\\d products\n\\timing\n\\dS\n");
  std::string out = s.out.str();
  CHECK(out.find("Did not find any relations.") != std::string::npos);
  CHECK(out.find("| public | products | table |") != std::string::npos);
  CHECK(out.find("Table \"public.products\"") != std::string::npos);
  CHECK(out.find("| name   | character varying(20) | not null |         |") != std::string::npos);
  CHECK(out.find("| stock  | integer               |          | 0       |") != std::string::npos);
  CHECK(out.find("\"products_pkey\" PRIMARY KEY, btree (id)") != std::string::npos);
  CHECK(out.find("Timing is on.") != std::string::npos);
  s.feed("\\d nothing\n\\nosuch\n");
  CHECK(s.err.str().find("Did not find any relation named \"nothing\".") != std::string::npos);
  CHECK(s.err.str().find("invalid command \\nosuch") != std::string::npos);
  CHECK_FALSE(s.repl.feed_line("\\q"));
}

TEST_CASE("describing a table shows its indexes, constraints and references", "[server][repl]") {
  Shell s;
  s.feed(
      "CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT UNIQUE, age INT CHECK (age >= 0));\n"
      "CREATE TABLE orders (id INT PRIMARY KEY, user_id INT REFERENCES users (id) ON DELETE CASCADE, total INT);\n"
      "CREATE INDEX orders_by_total ON orders (total DESC, user_id);\n"
      "\\d\n\\d users\n\\d orders\n\\d users_id_seq\n\\d \"USERS\"\n");
  std::string out = s.out.str();
  CHECK(out.find("| public | users_id_seq | sequence |") != std::string::npos);
  CHECK(out.find("| id     | integer | not null | nextval('users_id_seq'::regclass) |") != std::string::npos);
  CHECK(out.find("Indexes:\n    \"users_pkey\" PRIMARY KEY, btree (id)\n"
                 "    \"users_email_key\" UNIQUE CONSTRAINT, btree (email)\n") != std::string::npos);
  CHECK(out.find("Check constraints:\n    \"users_age_check\" CHECK (age >= 0)\n") != std::string::npos);
  CHECK(out.find("Referenced by:\n    TABLE \"orders\" CONSTRAINT \"orders_user_id_fkey\" FOREIGN KEY (user_id) "
                 "REFERENCES users(id) ON DELETE CASCADE\n") != std::string::npos);
  CHECK(out.find("    \"orders_by_total\" btree (total DESC, user_id)\n") != std::string::npos);
  CHECK(out.find("Foreign-key constraints:\n    \"orders_user_id_fkey\" FOREIGN KEY (user_id) REFERENCES "
                 "users(id) ON DELETE CASCADE\n") != std::string::npos);
  CHECK(out.find("Sequence \"public.users_id_seq\"") != std::string::npos);
  CHECK(out.find("| integer | 1     | 1       | 2147483647 | 1         | no      | 1     |") != std::string::npos);
  CHECK(out.find("Owned by: public.users.id") != std::string::npos);
  CHECK(s.err.str() == "Did not find any relation named \"\"USERS\"\".\n");
}

TEST_CASE("errors print PostgreSQL-style and the shell goes on unless told to stop", "[server][repl]") {
  Shell s;
  s.feed("CREATE TABLE t (id INT PRIMARY KEY);\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (1);\nSELECT 1;\n");
  CHECK(s.err.str() ==
        "ERROR:  duplicate key value violates unique constraint \"t_pkey\"\n"
        "DETAIL:  Key (id)=(1) already exists.\n");
  CHECK(s.out.str().find("(1 row)") != std::string::npos);
  CHECK(s.repl.had_error());

  Shell stop;
  stop.repl.set_stop_on_error(true);
  CHECK_FALSE(stop.feed("SELECT 1/0;\nSELECT 2;\n"));
  CHECK(stop.out.str().empty());
}

// Deciding where a statement typed over several lines ends.
#include "server/repl/statement_splitter.hpp"

#include <catch2/catch.hpp>

using heliosdb::server::StatementSplitter;
using V = std::vector<std::string>;

TEST_CASE("statements end at a semicolon, across lines", "[server][repl]") {
  StatementSplitter s;
  CHECK(s.add_line("SELECT 1;").size() == 1);
  CHECK(s.add_line("SELECT").empty());
  CHECK_FALSE(s.empty());
  CHECK(s.add_line("  2;  SELECT 3; SELECT") == V{"SELECT\n  2;", "  SELECT 3;"});
  CHECK(s.add_line("4;") == V{" SELECT\n4;"});
  CHECK(s.empty());
}

TEST_CASE("semicolons inside quotes, comments and dollar quotes do not end a statement", "[server][repl]") {
  StatementSplitter s;
  CHECK(s.add_line("SELECT 'a;b', \"c;d\" -- e;f").empty());
  CHECK(s.add_line("/* g; /* nested; */ h; */ , 'it''s;';").size() == 1);
  CHECK(s.add_line("SELECT $$x;y$$, $tag$ ; $$ ; $tag$;").size() == 1);
  CHECK(s.add_line("SELECT $1;").size() == 1);  // a parameter, not a dollar quote
  CHECK(s.add_line("SELECT 'open").empty());
  CHECK(s.add_line("still; open';") == V{"SELECT 'open\nstill; open';"});
}

TEST_CASE("comments and blank lines alone leave nothing pending", "[server][repl]") {
  StatementSplitter s;
  s.add_line("-- just a comment");
  CHECK(s.empty());
  s.add_line("   ");
  CHECK(s.empty());
  s.add_line("SELECT 1");
  CHECK(s.take_pending() == "-- just a comment\n   \nSELECT 1");
  CHECK(s.empty());
}

TEST_CASE("a BEGIN ATOMIC body's semicolons do not end CREATE FUNCTION, as in psql", "[server][repl]") {
  StatementSplitter s;
  CHECK(s.add_line("CREATE FUNCTION f(n int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT n; SELECT n + 1;").empty());
  CHECK(s.add_line("END; BEGIN;").size() == 2);
  // CASE ... END balances; a transaction's BEGIN opens nothing.
  CHECK(s.add_line("SELECT CASE WHEN true THEN 1 END; begin; commit;").size() == 3);
  CHECK(s.empty());
}

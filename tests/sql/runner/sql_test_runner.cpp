// Runs a tests/sql file against a fresh in-memory database and prints what
// `psql -X -a -A -F'|' -v VERBOSITY=sqlstate -P null=NULL` prints for it on
// PostgreSQL 15: each input line echoed, then each statement's rows with a
// header and "(N rows)", its command tag, or "ERROR:  SQLSTATE".
//
//   sql_test_runner FILE.sql [EXPECTED.out]
// With EXPECTED, compares and exits 1 on the first difference, showing it.
#include <fstream>
#include <iostream>
#include <sstream>

#include "engine/common/db_error.hpp"
#include "engine/session/session.hpp"
#include "server/repl/statement_splitter.hpp"

using namespace heliosdb;

namespace {

void print_result(std::ostream& out, const engine::QueryResult& r) {
  for (const engine::Notice& n : r.notices) out << n.severity << ":  " << n.sqlstate << "\n";
  if (!r.returns_rows) {
    out << r.command_tag << "\n";
    return;
  }
  for (std::size_t i = 0; i < r.columns.size(); ++i) out << (i ? "|" : "") << r.columns[i].name;
  out << "\n";
  for (const engine::Row& row : r.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      out << (i ? "|" : "") << (row[i].is_null() ? "NULL" : engine::format_value(row[i]));
    }
    out << "\n";
  }
  out << "(" << r.rows.size() << (r.rows.size() == 1 ? " row)" : " rows)") << "\n";
  // psql shows the command status after RETURNING rows too.
  if (!r.command_tag.starts_with("SELECT")) out << r.command_tag << "\n";
}

void run_statement(std::ostream& out, engine::Session& session, const std::string& sql) {
  try {
    session.execute(sql, [&](engine::QueryResult&& r) { print_result(out, r); });
  } catch (const engine::DbError& e) {
    out << "ERROR:  " << e.state().code() << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: sql_test_runner FILE.sql [EXPECTED.out]\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "cannot read " << argv[1] << "\n";
    return 2;
  }
  auto store = storage::Store::open_in_memory();
  engine::Session session(*store);
  server::StatementSplitter splitter;
  std::ostringstream actual;
  std::string line;
  while (std::getline(in, line)) {
    actual << line << "\n";
    for (const std::string& statement : splitter.add_line(line)) run_statement(actual, session, statement);
  }
  if (!splitter.empty()) run_statement(actual, session, splitter.take_pending());

  if (argc < 3) {
    std::cout << actual.str();
    return 0;
  }
  std::ifstream expected_file(argv[2]);
  std::stringstream expected;
  expected << expected_file.rdbuf();
  if (expected.str() == actual.str()) return 0;

  // Show where they part, with a little context.
  std::istringstream want(expected.str()), got(actual.str());
  std::string w, g;
  int number = 0;
  std::vector<std::string> context;
  while (true) {
    bool have_w = static_cast<bool>(std::getline(want, w));
    bool have_g = static_cast<bool>(std::getline(got, g));
    ++number;
    if (!have_w && !have_g) break;
    if (have_w != have_g || w != g) {
      std::cout << argv[1] << ": output differs from PostgreSQL 15 at line " << number << "\n";
      for (const auto& c : context) std::cout << "   " << c << "\n";
      std::cout << " - " << (have_w ? w : "<end of expected output>") << "\n";
      std::cout << " + " << (have_g ? g : "<end of our output>") << "\n";
      return 1;
    }
    context.push_back(w);
    if (context.size() > 4) context.erase(context.begin());
  }
  return 1;
}

// Runs a tests/sql file against a fresh in-memory database and prints what
// `psql -X -a -A -F'|' -v VERBOSITY=sqlstate -P null=NULL` prints for it on
// PostgreSQL 15: each input line echoed, then each statement's rows with a
// header and "(N rows)", its command tag, or "ERROR:  SQLSTATE".
//
//   sql_test_runner FILE.sql [EXPECTED.out]
// With EXPECTED, compares and exits 1 on the first difference, showing it.
// In a file with the line "-- unordered", the rows of a statement without
// ORDER BY compare as a multiset: their order is unspecified in SQL, and
// PostgreSQL's heap order is not ours.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "engine/common/db_error.hpp"
#include "engine/session/session.hpp"
#include "server/repl/statement_splitter.hpp"
#include "storage/encryption_key.hpp"
#include "storage/store.hpp"

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
  // psql shows the command status after rows only for INSERT/UPDATE/DELETE ... RETURNING.
  for (const char* dml : {"INSERT", "UPDATE", "DELETE"}) {
    if (r.command_tag.starts_with(dml)) out << r.command_tag << "\n";
  }
}

bool has_order_by(const std::string& sql) {
  std::string lower = sql;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower.find("order by") != std::string::npos;
}

// Output lines, and the line ranges holding rows whose order is unspecified.
struct Output {
  std::ostringstream text;
  std::vector<std::pair<std::size_t, std::size_t>> unordered;

  std::size_t lines() const {
    std::string t = text.str();
    return static_cast<std::size_t>(std::count(t.begin(), t.end(), '\n'));
  }
};

void run_statement(Output& output, engine::Session& session, const std::string& sql, bool unordered_file) {
  std::ostream& out = output.text;
  try {
    session.execute(sql, [&](engine::QueryResult&& r) {
      // Rows start after the notices and the header line.
      std::size_t first_row = output.lines() + r.notices.size() + 1;
      print_result(out, r);
      if (unordered_file && r.returns_rows && r.rows.size() > 1 && !has_order_by(sql)) {
        output.unordered.emplace_back(first_row, first_row + r.rows.size());
      }
    });
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
  // HELIOSDB_TEST_ENCRYPTION=1: the same file on a store encrypted at rest,
  // which must answer exactly as a plain one.
  storage::StoreOptions options;
  options.env.in_memory = true;
  options.env.initial_map_size = std::size_t{4} << 30;
  if (const char* flag = std::getenv("HELIOSDB_TEST_ENCRYPTION"); flag != nullptr && std::string(flag) == "1") {
    options.env.encryption_key = storage::generate_key();
  }
  auto store = storage::Store::open(options);
  engine::Session session(*store);
  server::StatementSplitter splitter;
  Output output;
  std::string line;
  bool unordered_file = false;
  while (std::getline(in, line)) {
    output.text << line << "\n";
    unordered_file = unordered_file || line == "-- unordered";
    for (const std::string& statement : splitter.add_line(line)) {
      run_statement(output, session, statement, unordered_file);
    }
  }
  if (!splitter.empty()) run_statement(output, session, splitter.take_pending(), unordered_file);

  if (argc < 3) {
    std::cout << output.text.str();
    return 0;
  }
  std::ifstream expected_file(argv[2]);
  std::stringstream expected;
  expected << expected_file.rdbuf();
  if (expected.str() == output.text.str()) return 0;

  auto split = [](const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream stream(text);
    std::string l;
    while (std::getline(stream, l)) lines.push_back(l);
    return lines;
  };
  std::vector<std::string> want = split(expected.str());
  std::vector<std::string> got = split(output.text.str());
  for (const auto& [begin, end] : output.unordered) {
    for (auto* lines : {&want, &got}) {
      if (end <= lines->size()) {
        std::sort(lines->begin() + static_cast<std::ptrdiff_t>(begin),
                  lines->begin() + static_cast<std::ptrdiff_t>(end));
      }
    }
  }
  if (want == got) return 0;

  // Show where they part, with a little context.
  std::vector<std::string> context;
  for (std::size_t i = 0;; ++i) {
    bool have_w = i < want.size();
    bool have_g = i < got.size();
    const std::string w = have_w ? want[i] : std::string();
    const std::string g = have_g ? got[i] : std::string();
    const std::size_t number = i + 1;
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

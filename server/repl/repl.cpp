#include "server/repl/repl.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>

#include "engine/catalog/catalog.hpp"
#include "engine/common/db_error.hpp"
#include "engine/exec/branch_lookup.hpp"
#include "engine/exec/sequence_ops.hpp"
#include "engine/session/matview_refresher.hpp"
#include "heliosdb/version.hpp"
#include "server/open_store.hpp"
#include "server/repl/describe.hpp"
#include "server/repl/line_reader.hpp"
#include "server/repl/progress_bar.hpp"
#include "server/repl/system_views.hpp"
#include "server/repl/table_printer.hpp"
#include "storage/storage_error.hpp"

namespace heliosdb::server {

namespace {

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::string elapsed_text(std::chrono::steady_clock::duration d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "(%.3fs)", std::chrono::duration<double>(d).count());
  return buf;
}

bool is_row_count_tag(const std::string& tag) {
  return tag.starts_with("INSERT ") || tag.starts_with("UPDATE ") || tag.starts_with("DELETE ");
}

}  // namespace

Repl::Repl(storage::Store& store, std::ostream& out, std::ostream& err)
    : store_(store), session_(store), out_(out), err_(err) {}

void Repl::print_banner(std::ostream& out) {
  out << "HeliosDB Lite v" << kVersion << "\n"
      << "PostgreSQL-compatible embedded database with Phase 3 features\n\n"
      << "\u2728 New in v2.0:\n"
      << "  \u2022 8-16x vector compression (Product Quantization)\n"
      << "  \u2022 Database branching (git-like workflows)\n"
      << "  \u2022 Time-travel queries (AS OF TIMESTAMP)\n"
      << "  \u2022 Intelligent materialized views\n\n"
      << "Type \\h for help, \\dS for system views, \\q to quit\n";
}

std::string Repl::prompt() const {
  // On a branch other than main the prompt names it: heliosdb@staging>
  const std::string branch = session_.branch_name();
  const std::string name = branch == storage::kMainBranchName ? "heliosdb" : "heliosdb@" + branch;
  return splitter_.empty() ? name + "> " : std::string(name.size() - 2, ' ') + "-> ";
}

bool Repl::feed_line(const std::string& line) {
  if (splitter_.empty() && trim(line).starts_with("\\")) {
    splitter_.take_pending();  // drop whitespace or comments before the command
    return run_meta(trim(line));
  }
  for (const std::string& statement : splitter_.add_line(line)) {
    if (!run_statement(statement)) return false;
  }
  return true;
}

void Repl::finish() {
  if (!splitter_.empty()) run_statement(splitter_.take_pending());
}

bool Repl::run_statement(const std::string& sql) {
  auto start = std::chrono::steady_clock::now();
  try {
    std::vector<engine::QueryResult> results;
    {
      ProgressBar progress(store_);
      results = session_.execute(sql);
    }
    std::string took = timing_ ? " " + elapsed_text(std::chrono::steady_clock::now() - start) : "";
    for (const engine::QueryResult& r : results) {
      for (const engine::Notice& n : r.notices) {
        err_ << n.severity << ":  " << n.message << "\n";
        if (!n.detail.empty()) err_ << "DETAIL:  " << n.detail << "\n";
      }
      if (r.returns_rows) {
        std::vector<std::string> header;
        for (const auto& c : r.columns) header.push_back(c.name);
        std::vector<std::vector<std::string>> rows;
        for (const auto& row : r.rows) {
          std::vector<std::string> cells;
          for (const auto& v : row) cells.push_back(v.is_null() ? std::string() : engine::format_value(v));
          rows.push_back(std::move(cells));
        }
        print_table(out_, header, rows);
        out_ << "(" << r.rows.size() << (r.rows.size() == 1 ? " row)" : " rows)") << took << "\n";
      } else if (is_row_count_tag(r.command_tag)) {
        out_ << "Query OK, " << r.rows_affected << (r.rows_affected == 1 ? " row" : " rows") << " affected" << took
             << "\n";
      } else {
        out_ << "Query OK" << took << "\n";
      }
    }
    return true;
  } catch (const engine::DbError& e) {
    had_error_ = true;
    out_.flush();  // keep output and errors in order when both go to one pipe
    err_ << "ERROR:  " << e.what() << "\n";
    if (!e.detail().empty()) err_ << "DETAIL:  " << e.detail() << "\n";
    if (!e.hint().empty()) err_ << "HINT:  " << e.hint() << "\n";
    return !stop_on_error_;
  }
}

bool Repl::run_meta(const std::string& line) {
  std::string command = line.substr(0, line.find_first_of(" \t"));
  std::string arg = trim(line.size() > command.size() ? line.substr(command.size()) : std::string());
  if (command == "\\q") return false;
  if (command == "\\h" || command == "\\?" || command == "\\help") {
    print_help();
  } else if (command == "\\timing") {
    timing_ = arg.empty() ? !timing_ : (arg == "on");
    out_ << "Timing is " << (timing_ ? "on." : "off.") << "\n";
  } else if (command == "\\d") {
    if (arg.empty()) {
      list_tables();
    } else {
      describe_table(arg);
    }
  } else if (command == "\\dS") {
    list_system_views(arg);
  } else {
    had_error_ = true;
    err_ << "invalid command " << command << "\nTry \\h for help.\n";
    return !stop_on_error_;
  }
  return true;
}

void Repl::print_help() {
  out_ << "Meta-commands:\n"
       << "  \\h             this help\n"
       << "  \\d             list tables and sequences\n"
       << "  \\d NAME        describe a table or sequence\n"
       << "  \\dS            list system views\n"
       << "  \\dS NAME       describe a system view\n"
       << "  \\timing [on|off]  show how long each statement takes\n"
       << "  \\q             quit\n"
       << "SQL statements end with ';' and may span lines.\n";
}

std::unique_ptr<storage::Transaction> Repl::begin_describe() {
  // The branch the session's next statement runs on: after DROP DATABASE
  // BRANCH main and a rename of another branch to main, that is the new main.
  const storage::BranchId branch = session_.follows_main() ? engine::default_branch(store_) : session_.branch();
  try {
    return store_.begin(branch);
  } catch (const storage::StorageError& e) {
    had_error_ = true;
    err_ << "ERROR:  " << e.what() << "\n";
    return nullptr;
  }
}

void Repl::list_tables() {
  auto txn = begin_describe();
  if (!txn) return;
  engine::Catalog catalog(*txn);
  list_relations(catalog, out_);
}

void Repl::describe_table(const std::string& name) {
  auto txn = begin_describe();
  if (!txn) return;
  engine::ExecContext ctx(*txn);
  if (!describe_relation(ctx, name, out_)) {
    had_error_ = true;
    err_ << "Did not find any relation named \"" << name << "\".\n";
  }
}

void Repl::list_system_views(const std::string& name) {
  if (name.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const SystemView& v : system_views()) {
      rows.push_back({std::string(v.signature), std::string(v.kind), std::string(v.description)});
    }
    out_ << "List of system views\n";
    print_table(out_, {"Name", "Type", "Description"}, rows);
    return;
  }
  const SystemView* view = find_system_view(name);
  if (view == nullptr) {
    had_error_ = true;
    err_ << "Did not find any system view named \"" << name << "\".\n";
    return;
  }
  // The engine knows the columns: ask it with a call that returns no rows.
  std::vector<engine::QueryResult> results;
  try {
    results = session_.execute(std::string(view->probe));
  } catch (const engine::DbError& e) {
    had_error_ = true;
    err_ << "ERROR:  " << e.what() << "\n";
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const engine::ResultColumn& c : results.back().columns)
    rows.push_back({c.name, engine::type_display_name(c.type)});
  out_ << "System view \"" << view->signature << "\"\n" << view->description << "\n";
  print_table(out_, {"Column", "Type"}, rows);
}

int run_repl(const ReplOptions& options) {
  std::unique_ptr<storage::Store> store;
  try {
    store = open_store(options.memory, options.data_dir, options.encryption_key_file);
  } catch (const storage::StorageError& e) {
    std::cerr << "heliosdb-lite: " << e.what() << "\n";
    return 1;
  }
  engine::MatViewRefresher refresher(*store);  // WITH (auto_refresh = true) views, as under the server
  Repl repl(*store, std::cout, std::cerr);
  repl.set_stop_on_error(options.on_error_stop);
  repl.set_timing(options.timing);
  std::unique_ptr<LineReader> reader = LineReader::for_stdin();
  if (reader->interactive()) Repl::print_banner(std::cout);
  std::string line;
  bool stopped_by_error = false;
  while (reader->read(repl.prompt(), line)) {
    if (!repl.feed_line(line)) {
      stopped_by_error = repl.had_error() && options.on_error_stop;
      break;
    }
  }
  if (!stopped_by_error) repl.finish();
  engine::release_sequence_reservations(*store);
  std::cout.flush();
  if (stopped_by_error || (options.on_error_stop && repl.had_error())) return 3;
  return 0;
}

}  // namespace heliosdb::server

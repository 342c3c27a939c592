#pragma once

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <string>

#include "engine/session/session.hpp"
#include "server/repl/statement_splitter.hpp"
#include "storage/store.hpp"

namespace heliosdb::server {

/// The interactive shell: statements span lines until ';', meta-commands
/// (\h \d \d NAME \dS \dS NAME \timing \q) act at the start of a line, and
/// results print as the seed shows them (boxed tables, "Query OK, 1 row
/// affected (0.001s)"). Errors print PostgreSQL-style to `err`.
///
/// Input comes line by line from the caller, so the same object serves a
/// terminal (with line editing) and piped input. Not thread-safe.
class Repl {
 public:
  Repl(storage::Store& store, std::ostream& out, std::ostream& err);

  /// Handles one line of input. Returns false once the user quits (\q), or
  /// after an error when stop_on_error is set.
  bool feed_line(const std::string& line);
  /// End of input: runs a last statement that lacks its ';'.
  void finish();

  void set_stop_on_error(bool stop) { stop_on_error_ = stop; }
  void set_timing(bool on) { timing_ = on; }
  bool had_error() const { return had_error_; }
  /// "heliosdb> " ("heliosdb@staging> " off the main branch), or "      -> "
  /// inside an unfinished statement.
  std::string prompt() const;

  /// The seed's welcome banner, shown on a terminal.
  static void print_banner(std::ostream& out);

 private:
  bool run_statement(const std::string& sql);
  bool run_meta(const std::string& line);
  /// A transaction for \d on the session's branch; null (and an error
  /// printed) if that branch is gone.
  std::unique_ptr<storage::Transaction> begin_describe();
  void list_tables();
  void describe_table(const std::string& name);
  void list_system_views(const std::string& name);
  void print_help();

  storage::Store& store_;
  engine::Session session_;
  std::ostream& out_;
  std::ostream& err_;
  StatementSplitter splitter_;
  bool timing_ = true;
  bool stop_on_error_ = false;
  bool had_error_ = false;
};

/// Options of `heliosdb-lite repl`.
struct ReplOptions {
  bool memory = false;
  std::filesystem::path data_dir;
  std::string encryption_key_file;  ///< encryption at rest (see open_store)
  bool on_error_stop = false;
  bool timing = true;
};

/// Runs the shell over stdin/stdout: with line editing, history and the
/// banner on a terminal, silently over piped input. Returns the exit code:
/// 0, 1 if the database cannot be opened, 3 when stopped by an error.
int run_repl(const ReplOptions& options);

}  // namespace heliosdb::server

#pragma once

#include <memory>
#include <string>

namespace heliosdb::server {

/// Where the REPL's lines come from: libedit (editing, history in
/// ~/.heliosdb_history) on a terminal, plain reads from a pipe or file.
class LineReader {
 public:
  virtual ~LineReader() = default;
  /// Reads one line without its newline; false at end of input. `prompt` is
  /// shown only on a terminal.
  virtual bool read(const std::string& prompt, std::string& line) = 0;
  virtual bool interactive() const = 0;

  static std::unique_ptr<LineReader> for_stdin();
};

}  // namespace heliosdb::server

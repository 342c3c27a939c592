#include "server/repl/line_reader.hpp"

#include <editline/readline.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace heliosdb::server {

namespace {

class PipeReader final : public LineReader {
 public:
  bool read(const std::string&, std::string& line) override { return static_cast<bool>(std::getline(std::cin, line)); }
  bool interactive() const override { return false; }
};

class TerminalReader final : public LineReader {
 public:
  TerminalReader() {
    if (const char* home = std::getenv("HOME")) history_ = (std::filesystem::path(home) / ".heliosdb_history").string();
    using_history();
    if (!history_.empty()) read_history(history_.c_str());
  }
  ~TerminalReader() override {
    if (!history_.empty()) write_history(history_.c_str());
  }
  bool read(const std::string& prompt, std::string& line) override {
    char* raw = readline(prompt.c_str());
    if (raw == nullptr) {
      std::cout << "\n";
      return false;
    }
    line = raw;
    std::free(raw);
    if (!line.empty()) add_history(line.c_str());
    return true;
  }
  bool interactive() const override { return true; }

 private:
  std::string history_;
};

}  // namespace

std::unique_ptr<LineReader> LineReader::for_stdin() {
  if (::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO)) return std::make_unique<TerminalReader>();
  return std::make_unique<PipeReader>();
}

}  // namespace heliosdb::server

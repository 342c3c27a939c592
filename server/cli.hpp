#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace heliosdb::server {

/// One `heliosdb-lite <name>` command. `setup` declares its options on the
/// CLI11 subcommand and returns what runs it (its exit code) once parsed.
struct Subcommand {
  std::string name;
  std::string description;
  std::function<std::function<int()>(CLI::App&)> setup;
};

/// Every subcommand the binary offers; adding a command is adding an entry.
std::vector<Subcommand> subcommands();

/// Parses the command line and runs it; returns the process exit code.
/// Help and version go to `out`, errors to `err`. Never calls exit().
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace heliosdb::server

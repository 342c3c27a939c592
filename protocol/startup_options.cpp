#include "protocol/startup_options.hpp"

#include <algorithm>

namespace heliosdb::protocol {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// PostgreSQL's pg_split_opts.
std::vector<std::string> split_arguments(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    if (i == text.size()) break;
    std::string arg;
    while (i < text.size() && !is_space(text[i])) {
      if (text[i] == '\\' && i + 1 < text.size()) ++i;
      arg += text[i++];
    }
    out.push_back(std::move(arg));
  }
  return out;
}

// "name=value" (PostgreSQL's ParseLongOption).
std::pair<std::string, std::string> setting(const std::string& arg, const std::string& shown) {
  const std::size_t eq = arg.find('=');
  if (eq == std::string::npos || eq == 0) throw BadStartupOption(shown);
  std::string name = arg.substr(0, eq);
  std::replace(name.begin(), name.end(), '-', '_');
  return {std::move(name), arg.substr(eq + 1)};
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parse_startup_options(std::string_view options) {
  std::vector<std::string> args = split_arguments(options);
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-c") {
      if (i + 1 == args.size()) throw BadStartupOption(arg);
      ++i;
      out.push_back(setting(args[i], args[i]));
    } else if (arg.starts_with("--") && arg.size() > 2) {
      out.push_back(setting(arg.substr(2), arg));
    } else if (arg.starts_with("-c")) {
      out.push_back(setting(arg.substr(2), arg));
    } else {
      throw BadStartupOption(arg);
    }
  }
  return out;
}

}  // namespace heliosdb::protocol

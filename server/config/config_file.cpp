#include "server/config/config_file.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace heliosdb::server {

namespace {

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }

}  // namespace

std::vector<ConfigEntry> parse_config(const std::string& text, const std::string& path) {
  std::vector<ConfigEntry> entries;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    auto fail = [&](const std::string& what) -> ConfigError {
      return ConfigError("syntax error in file \"" + path + "\" line " + std::to_string(number) + ": " + what);
    };
    std::size_t i = 0;
    auto skip_space = [&] {
      while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    };
    skip_space();
    if (i >= line.size() || line[i] == '#') continue;
    const std::size_t start = i;
    while (i < line.size() && name_char(line[i])) ++i;
    if (i == start) throw fail("expected a parameter name");
    ConfigEntry entry;
    entry.name = line.substr(start, i - start);
    std::transform(entry.name.begin(), entry.name.end(), entry.name.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    entry.line = number;
    skip_space();
    if (i < line.size() && line[i] == '=') {
      ++i;
      skip_space();
    }
    if (i < line.size() && line[i] == '\'') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '\'') {
          if (i + 1 < line.size() && line[i + 1] == '\'') {
            entry.value.push_back('\'');
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        entry.value.push_back(line[i++]);
      }
      if (!closed) throw fail("unterminated quoted value");
    } else {
      const std::size_t value_start = i;
      while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i])) && line[i] != '#') ++i;
      entry.value = line.substr(value_start, i - value_start);
      if (entry.value.empty()) throw fail("parameter \"" + entry.name + "\" has no value");
    }
    skip_space();
    if (i < line.size() && line[i] != '#') throw fail("unexpected text after the value");
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::vector<ConfigEntry> read_config_file(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw ConfigError("could not open configuration file \"" + path + "\"");
  std::stringstream text;
  text << file.rdbuf();
  return parse_config(text.str(), path);
}

}  // namespace heliosdb::server

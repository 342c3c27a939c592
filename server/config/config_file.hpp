#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace heliosdb::server {

/// A config file that cannot be used: the message names the file and line.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ConfigEntry {
  std::string name;  ///< lower case
  std::string value;
  int line = 0;
};

/// The settings of a file in postgresql.conf's syntax: `name = value` or
/// `name value`, one per line, `#` comments, values bare or in single quotes
/// ('' for a quote). Later lines win over earlier ones, as in PostgreSQL.
/// Throws ConfigError for a file that cannot be read or a line that does
/// not parse.
std::vector<ConfigEntry> read_config_file(const std::string& path);

/// The same, from text (`path` only names it in errors).
std::vector<ConfigEntry> parse_config(const std::string& text, const std::string& path);

}  // namespace heliosdb::server

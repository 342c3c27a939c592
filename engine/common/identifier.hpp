#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace heliosdb::engine {

/// A name as PostgreSQL's quote_identifier prints it (regclass output,
/// pg_get_serial_sequence): as it is when it is a plain lower-case
/// identifier, else double-quoted with quotes doubled. (PostgreSQL also
/// quotes reserved keywords; we do not know them here.)
inline std::string quote_identifier(std::string_view name) {
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) {
    plain = plain &&
            (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_');
  }
  if (plain) return std::string(name);
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace heliosdb::engine

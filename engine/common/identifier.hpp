#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "heliosdb/pg_keywords.hpp"

namespace heliosdb::engine {

/// A name as PostgreSQL's quote_identifier prints it (regclass output,
/// pg_get_serial_sequence, quote_ident, format('%I')): as it is when it is a
/// plain lower-case identifier and not a keyword that needs quoting (any
/// but an unreserved one), else double-quoted with quotes doubled.
inline std::string quote_identifier(std::string_view name) {
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) {
    plain = plain &&
            (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_');
  }
  if (plain && !std::binary_search(keyword::kQuotedKeywords.begin(), keyword::kQuotedKeywords.end(), name)) {
    return std::string(name);
  }
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace heliosdb::engine

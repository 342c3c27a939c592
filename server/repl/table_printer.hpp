#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace heliosdb::server {

/// Prints rows as the REPL's boxed table:
///   +----+-------+
///   | id | name  |
///   +----+-------+
///   | 1  | Alice |
///   +----+-------+
/// Widths count UTF-8 characters; NULL prints as an empty cell.
void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);

}  // namespace heliosdb::server

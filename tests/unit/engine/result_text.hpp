#pragma once
// What the engine's unit tests share: results as text, and parse errors.

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/db_error.hpp"
#include "engine/exec/query_result.hpp"
#include "engine/parser/parser.hpp"

namespace heliosdb::engine::testing {

/// Rows as text, '|' between columns and NULL as "NULL": easy to compare.
inline std::vector<std::string> rows_of(const QueryResult& r) {
  std::vector<std::string> out;
  for (const Row& row : r.rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) line += "|";
      line += row[i].is_null() ? "NULL" : format_value(row[i]);
    }
    out.push_back(line);
  }
  return out;
}

/// The error parsing `sql` raises; fails the test if it parses.
inline DbError parse_error_of(std::string_view sql) {
  try {
    parser::parse(sql);
  } catch (const DbError& e) {
    return e;
  }
  FAIL("no error for: " << sql);
  return DbError(sqlstate::kInternalError, "unreachable");
}

}  // namespace heliosdb::engine::testing

#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/exec/row_codec.hpp"
#include "engine/types/sql_type.hpp"

namespace heliosdb::engine {

struct ResultColumn {
  std::string name;
  SqlType type;
  std::uint32_t table_oid = 0;  ///< the source table for a plain column, as RowDescription reports
  std::int16_t column_number = 0;
};

/// A NOTICE or WARNING a statement raised without failing (PostgreSQL's
/// NoticeResponse): e.g. DROP TABLE IF EXISTS of a missing table.
struct Notice {
  std::string severity;  ///< "NOTICE" or "WARNING"
  std::string sqlstate;
  std::string message;
  std::string detail;
};

/// What one statement produced: rows (for SELECT and RETURNING) and
/// PostgreSQL's command tag ("SELECT 3", "INSERT 0 1", "CREATE TABLE").
struct QueryResult {
  std::vector<ResultColumn> columns;
  std::vector<Row> rows;
  std::string command_tag;
  std::uint64_t rows_affected = 0;
  bool returns_rows = false;    ///< SELECT or RETURNING: a row description is sent even for zero rows
  std::vector<Notice> notices;  ///< raised while running, in order
};

}  // namespace heliosdb::engine

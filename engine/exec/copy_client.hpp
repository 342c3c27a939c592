#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

enum class CopyFormat : std::uint8_t { kText, kCsv, kBinary };

/// COPY's options, checked and with PostgreSQL's defaults filled in.
struct CopyOptions {
  CopyFormat format = CopyFormat::kText;
  char delimiter = '\t';
  std::string null_string = "\\N";
  bool header = false;
  bool header_match = false;  ///< HEADER MATCH: COPY FROM checks the names
  char quote = '"';
  char escape = '"';
  bool freeze = false;
  /// Per column of the copy (CSV only): always quote on output; never read
  /// as NULL; read a quoted null string as NULL too.
  std::vector<bool> force_quote, force_not_null, force_null;
};

/// Reads COPY's WITH options for a copy of `columns` (of a table named
/// `relation_name`, or a query, whose columns are `relation`), with
/// PostgreSQL's checks and errors (42601 unknown or repeated option,
/// 0A000/22023 for combinations it refuses).
CopyOptions copy_options(const ast::CopyStmt& copy, const std::vector<std::string>& columns,
                         const std::vector<std::string>& relation, const std::string& relation_name);

/// Where COPY ... FROM STDIN reads and COPY ... TO STDOUT writes: the wire
/// server implements it over the client's connection. The engine deals in
/// rows of typed values; the data format (text, CSV, binary) is the
/// client's to read and write, as the options say.
class CopyClient {
 public:
  virtual ~CopyClient() = default;

  /// The client is to start sending rows for `columns` of table `relation`.
  virtual void begin_copy_in(const std::string& relation, const CopyOptions& options,
                             const std::vector<ResultColumn>& columns) = 0;
  /// The next row, its values of the columns' types; false at the end of
  /// the data. Throws DbError for malformed data or a client that gave up.
  virtual bool next_row(Row& row) = 0;
  /// Where the last row came from, for errors: "COPY t, line 3".
  virtual std::string context() const = 0;

  virtual void begin_copy_out(const CopyOptions& options, const std::vector<ResultColumn>& columns) = 0;
  virtual void write_row(const Row& row) = 0;
  virtual void end_copy_out() = 0;
};

}  // namespace heliosdb::engine

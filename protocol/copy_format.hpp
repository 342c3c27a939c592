#pragma once

// COPY's data formats (text, CSV, binary) as PostgreSQL reads and writes
// them: rows of values to bytes and back. No sockets: the server feeds the
// decoder CopyData payloads and sends what the encoder makes.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/exec/copy_client.hpp"

namespace heliosdb::protocol {

/// Turns COPY FROM data, arriving in pieces of any size, into rows. Errors
/// are DbErrors with PostgreSQL's codes (22P04 for the data's layout, the
/// column type's input errors for a value) and name the line.
class CopyDecoder {
 public:
  /// `relation`: the table's name, for the CONTEXT of errors.
  CopyDecoder(std::string relation, engine::CopyOptions options, std::vector<engine::ResultColumn> columns);

  void feed(std::string_view data) { buffer_.append(data); }
  /// No more data will come (CopyDone).
  void finish() { finished_ = true; }
  /// The next row whose bytes are all here: true with `row` filled; false if
  /// more data is needed, or at the end (then done()).
  bool next_row(engine::Row& row);
  /// The end-of-data marker was read, or finish() was called and nothing is left.
  bool done() const { return done_; }
  /// Where the data is, as PostgreSQL's CONTEXT says it: "COPY t, line 3".
  std::string context() const;

 private:
  /// The next line (CSV: record, which may span lines) without its end; nullopt if incomplete.
  /// Points into buffer_: good until the next take_line() or feed().
  std::optional<std::string_view> take_line();
  bool next_binary_row(engine::Row& row);
  /// Split `line` into fields_ (nullopt: the NULL string).
  void text_fields(std::string_view line);
  void csv_fields(std::string_view line);
  /// fields_[k] as a string to fill, made if missing.
  std::string& field(std::size_t k);
  void check_header(const std::vector<std::optional<std::string>>& fields) const;
  engine::Value convert(std::size_t column, const std::optional<std::string>& field) const;
  /// A DbError for the data, naming the line as PostgreSQL's CONTEXT does.
  [[noreturn]] void bad_data(const std::string& message) const;

  std::string relation_;
  engine::CopyOptions options_;
  std::vector<engine::ResultColumn> columns_;
  std::string buffer_;
  std::size_t pos_ = 0;  ///< where the unread data in buffer_ begins
  bool finished_ = false;
  bool done_ = false;
  bool header_pending_;
  std::optional<bool> crlf_;                        ///< the line ending, as the first line showed it
  std::size_t line_ = 0;                            ///< of the row being read, from 1
  std::string line_text_;                           ///< the line being read (text and CSV)
  std::vector<std::optional<std::string>> fields_;  ///< the line's fields
  bool binary_header_read_ = false;
};

/// Turns rows into COPY TO data.
class CopyEncoder {
 public:
  CopyEncoder(engine::CopyOptions options, std::vector<engine::ResultColumn> columns);

  /// What precedes the rows: the header line, or binary's signature.
  std::string start() const;
  void add_row(const engine::Row& row, std::string& out) const;
  /// What follows the rows (binary's trailer).
  std::string end() const;

 private:
  void add_text_field(std::string_view value, std::string& out) const;
  void add_csv_field(std::string_view value, bool force_quote, std::string& out) const;

  engine::CopyOptions options_;
  std::vector<engine::ResultColumn> columns_;
};

}  // namespace heliosdb::protocol

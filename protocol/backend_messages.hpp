#pragma once

// What the server sends: each call appends one backend message, framed
// (type byte, length, body), to a buffer the connection then writes out.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace heliosdb::protocol {

/// ErrorResponse / NoticeResponse fields; empty ones are left out.
struct ErrorFields {
  std::string severity;  ///< ERROR, FATAL, WARNING, NOTICE, ...
  std::string code;      ///< SQLSTATE
  std::string message;
  std::string detail;
  std::string hint;
  int position = 0;  ///< 1-based character position in the query; 0 for none
  std::string context;
  std::string schema;  ///< a constraint violation's object: schema, table, column, data type, constraint
  std::string table;
  std::string column;
  std::string datatype;
  std::string constraint;
  std::string routine;

  static ErrorFields of(std::string severity, std::string code, std::string message) {
    ErrorFields f;
    f.severity = std::move(severity);
    f.code = std::move(code);
    f.message = std::move(message);
    return f;
  }
};

/// RowDescription's entry for one column.
struct FieldDescription {
  std::string name;
  std::uint32_t table_oid = 0;
  std::int16_t column_number = 0;
  std::uint32_t type_oid = 0;
  std::int16_t type_size = -1;
  std::int32_t type_modifier = -1;
  std::int16_t format = 0;  ///< 0 text, 1 binary
};

class BackendWriter {
 public:
  void authentication_ok();
  /// AuthenticationCleartextPassword, AuthenticationMD5Password (4 bytes of
  /// salt), AuthenticationSASL (the mechanisms offered) and the SASL
  /// exchange's server messages.
  void authentication_cleartext_password();
  void authentication_md5_password(std::string_view salt);
  void authentication_sasl(const std::vector<std::string>& mechanisms);
  void authentication_sasl_continue(std::string_view data);
  void authentication_sasl_final(std::string_view data);
  void parameter_status(std::string_view name, std::string_view value);
  void backend_key_data(std::uint32_t pid, std::uint32_t secret);
  /// `status`: 'I' idle, 'T' in a transaction block, 'E' in a failed one.
  void ready_for_query(char status);
  void row_description(const std::vector<FieldDescription>& fields);
  /// A DataRow: begin_row, one add_field per column (nullopt for NULL), end_row.
  void begin_row(std::size_t columns);
  void add_field(std::optional<std::string_view> value);
  void end_row();
  void command_complete(std::string_view tag);
  void empty_query_response();
  void parse_complete();
  void bind_complete();
  void close_complete();
  void no_data();
  void portal_suspended();
  void parameter_description(const std::vector<std::uint32_t>& types);
  /// CopyInResponse / CopyOutResponse: `format` 0 text (and CSV), 1 binary, for every column.
  void copy_in_response(std::int8_t format, std::size_t columns);
  void copy_out_response(std::int8_t format, std::size_t columns);
  void copy_data(std::string_view data);
  void copy_done();
  void notification_response(std::uint32_t pid, std::string_view channel, std::string_view payload);
  void error_response(const ErrorFields& fields);
  void notice_response(const ErrorFields& fields);

  std::string& buffer() { return out_; }
  bool empty() const { return out_.empty(); }
  void clear() { out_.clear(); }

 private:
  void begin(char type);
  void end();
  void fields_message(char type, const ErrorFields& fields);

  std::string out_;
  std::size_t start_ = 0;  ///< where the message being built begins
};

}  // namespace heliosdb::protocol

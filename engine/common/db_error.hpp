#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "engine/common/sql_state.hpp"
#include "heliosdb/sqlstate_codes.hpp"

namespace heliosdb::engine {

/// An error reported to the client, with PostgreSQL's fields (see the
/// PostgreSQL docs, "Error and Notice Message Fields"). The engine throws it
/// for every SQL-level failure; the server and the embedded API turn it into
/// an ErrorResponse or an exception of the public API.
class DbError : public std::runtime_error {
 public:
  DbError(SqlState state, std::string message) : std::runtime_error(message), state_(state) {}

  SqlState state() const { return state_; }
  const std::string& detail() const { return detail_; }
  const std::string& hint() const { return hint_; }
  /// Where it happened, e.g. "COPY t, line 3" (PostgreSQL's CONTEXT).
  const std::string& context() const { return context_; }
  /// PostgreSQL's name for the source routine that reported it, where a
  /// client branches on it (asyncpg on RevalidateCachedQuery).
  const std::string& routine() const { return routine_; }
  /// 1-based character position in the statement text, as PostgreSQL reports it.
  std::optional<int> position() const { return position_; }
  /// The object a constraint violation is about, as PostgreSQL's schema,
  /// table, column, data type and constraint name fields give it (drivers
  /// expose them: psycopg's diag.constraint_name, asyncpg's constraint_name).
  const std::string& schema_name() const { return schema_; }
  const std::string& table_name() const { return table_; }
  const std::string& column_name() const { return column_; }
  const std::string& datatype_name() const { return datatype_; }
  const std::string& constraint_name() const { return constraint_; }

  DbError& with_detail(std::string detail) {
    detail_ = std::move(detail);
    return *this;
  }
  DbError& with_hint(std::string hint) {
    hint_ = std::move(hint);
    return *this;
  }
  DbError& with_context(std::string context) {
    context_ = std::move(context);
    return *this;
  }
  DbError& with_routine(std::string routine) {
    routine_ = std::move(routine);
    return *this;
  }
  DbError& at_position(int position) {
    position_ = position;
    return *this;
  }
  DbError& with_table(std::string schema, std::string table) {
    schema_ = std::move(schema);
    table_ = std::move(table);
    return *this;
  }
  DbError& with_column(std::string column) {
    column_ = std::move(column);
    return *this;
  }
  DbError& with_datatype(std::string schema, std::string datatype) {
    schema_ = std::move(schema);
    datatype_ = std::move(datatype);
    return *this;
  }
  DbError& with_constraint(std::string constraint) {
    constraint_ = std::move(constraint);
    return *this;
  }

 private:
  SqlState state_;
  std::string detail_;
  std::string hint_;
  std::string context_;
  std::string routine_;
  std::optional<int> position_;
  std::string schema_, table_, column_, datatype_, constraint_;
};

/// `error` positioned at a 0-based byte offset from the parser (-1: none).
inline DbError at(DbError error, int location) {
  if (location >= 0) error.at_position(location + 1);
  return error;
}

}  // namespace heliosdb::engine

#pragma once
// What the engine's unit tests ask of a statement: its rows, or of one that
// should fail, its SQLSTATE or its message ("none" when it succeeds).

#include <string>
#include <string_view>

#include "engine/common/db_error.hpp"
#include "engine/session/session.hpp"
#include "tests/unit/engine/result_text.hpp"

namespace heliosdb::engine::testing {

/// The rows of the last result `sql` gives, as rows_of prints them.
inline std::vector<std::string> query_rows(Session& session, std::string_view sql) {
  return rows_of(session.execute(sql).back());
}

inline std::string sqlstate_of(Session& session, std::string_view sql) {
  try {
    session.execute(sql);
  } catch (const DbError& e) {
    return std::string(e.state().code());
  }
  return "none";
}

inline std::string message_of(Session& session, std::string_view sql) {
  try {
    session.execute(sql);
  } catch (const DbError& e) {
    return e.what();
  }
  return "none";
}

}  // namespace heliosdb::engine::testing

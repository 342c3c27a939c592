#pragma once
// What the engine's unit tests ask of a statement that should fail: its
// SQLSTATE or its message ("none" when it succeeds).

#include <string>
#include <string_view>

#include "engine/common/db_error.hpp"
#include "engine/session/session.hpp"

namespace heliosdb::engine::testing {

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

#pragma once

#include <functional>
#include <string>

#include "engine/common/db_error.hpp"

namespace heliosdb::testing {

/// The SQLSTATE `f` fails with, or "none" if it does not fail.
inline std::string state_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const engine::DbError& e) {
    return std::string(e.state().code());
  }
  return "none";
}

}  // namespace heliosdb::testing

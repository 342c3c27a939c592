#pragma once

#include <string_view>

namespace heliosdb::engine {

/// A five-character SQLSTATE code. The named codes are generated from
/// PostgreSQL's errcodes.h into <heliosdb/sqlstate_codes.hpp>.
class SqlState {
 public:
  constexpr explicit SqlState(const char (&code)[6]) : code_{code[0], code[1], code[2], code[3], code[4], '\0'} {}
  constexpr std::string_view code() const { return {code_, 5}; }
  /// The two-character class, e.g. "23" for integrity constraint violations.
  constexpr std::string_view class_code() const { return {code_, 2}; }
  friend constexpr bool operator==(const SqlState& a, const SqlState& b) { return a.code() == b.code(); }

 private:
  char code_[6];
};

}  // namespace heliosdb::engine

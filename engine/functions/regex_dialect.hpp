#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace heliosdb::engine {

/// Rewrites a PostgreSQL advanced regular expression (ARE, see the
/// PostgreSQL docs, "POSIX Regular Expressions") into the ECMAScript syntax
/// std::regex compiles, for the constructs where the two differ in meaning:
/// outside brackets `.` also matches a newline unless `newline_sensitive`
/// (PostgreSQL's 'n' flag), and the word-boundary escapes \m \M \y \Y and
/// the string anchors \A \Z. Everything else passes through unchanged; a
/// malformed pattern is left for std::regex to reject. Pure; no errors.
std::string are_to_ecmascript(std::string_view pattern, bool newline_sensitive);

/// similar_to_escape(pattern, escape): the SQL-standard regular expression
/// of SIMILAR TO turned into a POSIX one anchored at both ends, as
/// PostgreSQL 15 does ("SIMILAR TO Regular Expressions"): % and _ become .*
/// and ., ( becomes a non-capturing group, and the escape-double-quote
/// separators that substring() uses become the capturing group around the
/// middle part. `escape` nullopt means the default backslash; an empty one
/// means none. Throws DbError 22025 if `escape` is longer than one character
/// or there are more than two separators.
std::string similar_to_regex(std::string_view pattern, std::optional<std::string_view> escape);

}  // namespace heliosdb::engine

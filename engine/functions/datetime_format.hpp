#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The date/time template patterns of to_char, to_date and to_timestamp
// (PostgreSQL's "Data Type Formatting Functions", Table 9.26 and 9.27).
// Pure: no clock, no session; errors are DbErrors with PostgreSQL's
// SQLSTATEs (22007 for a bad input value, 22008 for an impossible date).
namespace heliosdb::engine {

/// One element of a parsed template: a pattern such as "YYYY" with its
/// FM/TH modifiers, or literal text copied as it is.
struct DateTimeFormatNode {
  enum class Kind : std::uint8_t { kPattern, kLiteral, kSpace };
  Kind kind = Kind::kLiteral;
  std::string text;        ///< the pattern as written ("Month"), or the literal
  bool fill_mode = false;  ///< FM prefix: no padding
  bool ordinal = false;    ///< TH / th suffix: 1st, 2nd
  bool upper_ordinal = false;
};

/// Splits a template into nodes: the longest pattern at each position
/// (patterns match case-sensitively, in the spellings PostgreSQL lists),
/// double-quoted literal text (\" inside), a backslash escaping the next
/// character, anything else literal.
std::vector<DateTimeFormatNode> parse_datetime_format(std::string_view format);

/// The parts of a value to_char shows. Years are astronomical (0 is 1 BC).
struct DateTimeParts {
  std::int64_t year = 2000;
  int month = 1, day = 1;
  std::int64_t hour = 0;  ///< an interval's may pass 24
  int minute = 0, second = 0, micros = 0;
  bool interval = false;  ///< fields from an interval: no weekdays, no names for month 0
  bool has_zone = false;  ///< a timestamptz: TZ shows the session zone, UTC
};

/// to_char(value, format) for the parts of a date, timestamp or interval.
std::string format_datetime(const std::vector<DateTimeFormatNode>& nodes, const DateTimeParts& parts);

/// to_date / to_timestamp: reads `text` by the template. Fields it does not
/// give default to 1 January of year 0 (1 BC), midnight. Throws 22007 for input
/// that does not fit, 22008 for a date or time that does not exist.
DateTimeParts parse_datetime(std::string_view text, const std::vector<DateTimeFormatNode>& nodes);

}  // namespace heliosdb::engine

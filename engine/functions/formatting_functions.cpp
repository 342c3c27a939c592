// PostgreSQL's "Data Type Formatting Functions": to_char for date/time
// values, intervals and numbers, to_date and to_timestamp(text, text). The
// templates are read by datetime_format.hpp and number_format.hpp.
#include "engine/common/db_error.hpp"
#include "engine/functions/datetime_format.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/functions/number_format.hpp"
#include "engine/types/temporal.hpp"
#include "engine/types/temporal_calendar.hpp"

namespace heliosdb::engine {

namespace {

using T = TypeId;
namespace tp = temporal;

Value text(std::string s) { return Value::string(T::kText, std::move(s)); }

DateTimeParts parts_of_timestamp(std::int64_t ts, bool has_zone) {
  DateTimeParts p;
  std::int64_t days = tp::floor_div(ts, tp::kMicrosPerDay);
  std::int64_t time = ts - days * tp::kMicrosPerDay;
  tp::Civil c = tp::civil_from_days(days);
  p.year = c.year;
  p.month = c.month;
  p.day = c.day;
  p.hour = time / (3600 * tp::kMicrosPerSecond);
  p.minute = static_cast<int>(time / (60 * tp::kMicrosPerSecond) % 60);
  p.second = static_cast<int>(time / tp::kMicrosPerSecond % 60);
  p.micros = static_cast<int>(time % tp::kMicrosPerSecond);
  p.has_zone = has_zone;
  return p;
}

bool infinite(std::int64_t ts) { return ts == tp::kTimestampInfinity || ts == tp::kTimestampMinusInfinity; }

// to_char of an infinite timestamp, or with an empty template, is NULL, as in PostgreSQL.
Value timestamp_to_char(const std::vector<Value>& a) {
  std::int64_t ts = as_timestamp(a[0]);
  if (infinite(ts) || a[1].as_string().empty()) return Value::null(T::kText);
  // A date is shown as the timestamptz of its midnight, as PostgreSQL casts it.
  bool zone = a[0].type() != T::kTimestamp;
  return text(format_datetime(parse_datetime_format(a[1].as_string()), parts_of_timestamp(ts, zone)));
}

// An interval's fields as interval2tm splits them: years and months from
// the months, days as they are, hours unbounded.
Value interval_to_char(const std::vector<Value>& a) {
  if (a[1].as_string().empty()) return Value::null(T::kText);
  tp::Interval iv = as_interval(a[0]);
  DateTimeParts p;
  p.interval = true;
  p.year = iv.months / 12;
  p.month = iv.months % 12;
  p.day = iv.days;
  p.hour = iv.micros / (3600 * tp::kMicrosPerSecond);
  p.minute = static_cast<int>(iv.micros / (60 * tp::kMicrosPerSecond) % 60);
  p.second = static_cast<int>(iv.micros / tp::kMicrosPerSecond % 60);
  p.micros = static_cast<int>(iv.micros % tp::kMicrosPerSecond);
  return text(format_datetime(parse_datetime_format(a[1].as_string()), p));
}

Value numeric_to_char(const std::vector<Value>& a) {
  return text(format_number(a[1].as_string(), Decimal::parse(a[0].as_string())));
}
Value integer_to_char(const std::vector<Value>& a) {
  return text(format_number(a[1].as_string(), Decimal::from_int(a[0].as_int())));
}
Value float8_to_char(const std::vector<Value>& a) { return text(format_float(a[1].as_string(), a[0].as_float(), 15)); }
Value float4_to_char(const std::vector<Value>& a) { return text(format_float(a[1].as_string(), a[0].as_float(), 6)); }

DateTimeParts read(const std::vector<Value>& a) {
  return parse_datetime(a[0].as_string(), parse_datetime_format(a[1].as_string()));
}

Value to_date_fn(const std::vector<Value>& a) {
  DateTimeParts p = read(a);
  return Value::integer(T::kDate, tp::days_from_civil(p.year, p.month, p.day));
}

// The text is read as wall-clock time in the session time zone, UTC.
Value to_timestamp_fn(const std::vector<Value>& a) {
  DateTimeParts p = read(a);
  std::int64_t days = tp::days_from_civil(p.year, p.month, p.day);
  std::int64_t time = ((p.hour * 60 + p.minute) * 60 + p.second) * tp::kMicrosPerSecond + p.micros;
  return Value::integer(T::kTimestampTz, days * tp::kMicrosPerDay + time);
}

}  // namespace

void register_formatting_functions(FunctionRegistry& r) {
  const SqlType text_type{T::kText, -1};
  for (T t : {T::kTimestamp, T::kTimestampTz, T::kDate})
    r.add("to_char", {{t, T::kText}, text_type, timestamp_to_char});
  r.add("to_char", {{T::kInterval, T::kText}, text_type, interval_to_char});
  r.add("to_char", {{T::kNumeric, T::kText}, text_type, numeric_to_char});
  r.add("to_char", {{T::kInt4, T::kText}, text_type, integer_to_char});
  r.add("to_char", {{T::kInt8, T::kText}, text_type, integer_to_char});
  r.add("to_char", {{T::kFloat8, T::kText}, text_type, float8_to_char});
  r.add("to_char", {{T::kFloat4, T::kText}, text_type, float4_to_char});
  r.add("to_date", {{T::kText, T::kText}, {T::kDate, -1}, to_date_fn});
  r.add("to_timestamp", {{T::kText, T::kText}, {T::kTimestampTz, -1}, to_timestamp_fn});
}

}  // namespace heliosdb::engine

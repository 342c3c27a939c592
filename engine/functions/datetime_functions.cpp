// Date/time functions (PostgreSQL's "Date/Time Functions and Operators").
// now() and its kin give the transaction's start, as PostgreSQL's do.
#include <cmath>

#include "engine/common/db_error.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/types/temporal.hpp"
#include "engine/types/temporal_calendar.hpp"

namespace heliosdb::engine {

namespace {

using T = TypeId;
namespace tp = temporal;

Value timestamptz(std::int64_t v) { return Value::integer(T::kTimestampTz, v); }
Value timestamp(std::int64_t v) { return Value::integer(T::kTimestamp, v); }

Value now_fn(const std::vector<Value>&) { return timestamptz(tp::transaction_time()); }
Value clock_fn(const std::vector<Value>&) { return timestamptz(tp::now_micros()); }

Value date_fn(const std::vector<Value>& a) {
  return Value::integer(T::kDate, tp::timestamp_to_date(as_timestamp(a[0])));
}

char kind_of(TypeId t) {
  switch (t) {
    case T::kDate:
      return 'd';
    case T::kTime:
      return 't';
    case T::kTimestampTz:
      return 'z';
    case T::kInterval:
      return 'i';
    default:
      return 's';
  }
}

Decimal field_of(const std::vector<Value>& a) {
  const Value& x = a[1];
  tp::Interval iv = x.type() == T::kInterval ? as_interval(x) : tp::Interval{};
  return tp::extract_field(a[0].as_string(), kind_of(x.type()), x.as_int(), iv);
}

Value extract_fn(const std::vector<Value>& a) { return Value::string(T::kNumeric, field_of(a).to_string()); }
Value date_part_fn(const std::vector<Value>& a) { return Value::floating(T::kFloat8, field_of(a).to_double()); }

Value date_trunc_fn(const std::vector<Value>& a) {
  const Value& x = a[1];
  if (x.type() == T::kInterval) return interval_value(tp::truncate_interval(a[0].as_string(), as_interval(x)));
  return Value::integer(x.type(), tp::truncate_timestamp(a[0].as_string(), x.as_int(), kind_of(x.type())));
}

Value age2_fn(const std::vector<Value>& a) { return interval_value(tp::age(a[0].as_int(), a[1].as_int())); }
// age(x) counts from today's midnight.
Value age1_fn(const std::vector<Value>& a) {
  std::int64_t midnight = tp::date_to_timestamp(tp::timestamp_to_date(tp::transaction_time()));
  return interval_value(tp::age(midnight, a[0].as_int()));
}

Value justify_hours_fn(const std::vector<Value>& a) { return interval_value(tp::justify_hours(as_interval(a[0]))); }
Value justify_days_fn(const std::vector<Value>& a) { return interval_value(tp::justify_days(as_interval(a[0]))); }
Value justify_interval_fn(const std::vector<Value>& a) {
  return interval_value(tp::justify_interval(as_interval(a[0])));
}

Value isfinite_fn(const std::vector<Value>& a) {
  const Value& x = a[0];
  if (x.type() == T::kInterval) return Value::boolean(true);
  std::int64_t ts = as_timestamp(x);
  return Value::boolean(ts != tp::kTimestampInfinity && ts != tp::kTimestampMinusInfinity);
}

Value make_date_fn(const std::vector<Value>& a) {
  std::int64_t year = a[0].as_int();
  std::int64_t month = a[1].as_int(), day = a[2].as_int();
  std::string shown = std::to_string(year) + "-" + std::to_string(month) + "-" + std::to_string(day);
  if (year == 0) throw DbError(sqlstate::kDatetimeFieldOverflow, "date field value out of range: " + shown);
  std::int64_t astronomical = year < 0 ? year + 1 : year;  // negative years are BC
  if (month < 1 || month > 12 || day < 1 || day > tp::days_in_month(astronomical, static_cast<int>(month))) {
    throw DbError(sqlstate::kDatetimeFieldOverflow, "date field value out of range: " + shown);
  }
  return Value::integer(T::kDate, tp::days_from_civil(astronomical, static_cast<int>(month), static_cast<int>(day)));
}

std::int64_t clock_micros(std::int64_t hour, std::int64_t minute, double second) {
  if (hour < 0 || hour > 24 || minute < 0 || minute > 59 || second < 0 || second > 60 ||
      (hour == 24 && (minute > 0 || second > 0))) {
    throw DbError(sqlstate::kDatetimeFieldOverflow, "time field value out of range: " + std::to_string(hour) + ":" +
                                                        std::to_string(minute) + ":" + std::to_string(second));
  }
  return (hour * 3600 + minute * 60) * tp::kMicrosPerSecond + std::llround(second * tp::kMicrosPerSecond);
}

Value make_time_fn(const std::vector<Value>& a) {
  return Value::integer(T::kTime, clock_micros(a[0].as_int(), a[1].as_int(), a[2].as_float()));
}

Value make_timestamp_fn(const std::vector<Value>& a) {
  Value date = make_date_fn({a[0], a[1], a[2]});
  return timestamp(tp::date_to_timestamp(static_cast<std::int32_t>(date.as_int())) +
                   clock_micros(a[3].as_int(), a[4].as_int(), a[5].as_float()));
}

Value to_timestamp_fn(const std::vector<Value>& a) {
  double seconds = a[0].as_float();
  if (std::isinf(seconds)) return timestamptz(seconds > 0 ? tp::kTimestampInfinity : tp::kTimestampMinusInfinity);
  if (std::isnan(seconds)) throw DbError(sqlstate::kDatetimeFieldOverflow, "timestamp cannot be NaN");
  constexpr double kUnixToPg = 946684800.0;
  return timestamptz(std::llround((seconds - kUnixToPg) * tp::kMicrosPerSecond));
}

// year(x), month(x), day(x): not PostgreSQL's, but the seed's examples use
// them (MySQL-style). They are extract() of that field as an integer.
template <const char* Field>
Value field_fn(const std::vector<Value>& a) {
  return Value::integer(T::kInt4, field_of({Value::string(T::kText, Field), a[0]}).to_int64());
}
constexpr char kYear[] = "year";
constexpr char kMonth[] = "month";
constexpr char kDay[] = "day";

}  // namespace

void register_datetime_functions(FunctionRegistry& r) {
  const SqlType tz{T::kTimestampTz, -1}, ts{T::kTimestamp, -1}, iv{T::kInterval, -1}, date{T::kDate, -1};
  for (const char* name : {"now", "transaction_timestamp", "statement_timestamp"}) r.add(name, {{}, tz, now_fn});
  r.add("clock_timestamp", {{}, tz, clock_fn});
  r.add("date", {{T::kTimestamp}, date, date_fn});
  r.add("date", {{T::kTimestampTz}, date, date_fn});
  for (T t : {T::kDate, T::kTime, T::kTimestamp, T::kTimestampTz, T::kInterval}) {
    r.add("extract", {{T::kText, t}, {T::kNumeric, -1}, extract_fn});
    r.add("date_part", {{T::kText, t}, {T::kFloat8, -1}, date_part_fn});
  }
  r.add("date_trunc", {{T::kText, T::kTimestamp}, ts, date_trunc_fn});
  r.add("date_trunc", {{T::kText, T::kTimestampTz}, tz, date_trunc_fn});
  r.add("date_trunc", {{T::kText, T::kInterval}, iv, date_trunc_fn});
  r.add("age", {{T::kTimestamp, T::kTimestamp}, iv, age2_fn});
  r.add("age", {{T::kTimestampTz, T::kTimestampTz}, iv, age2_fn});
  r.add("age", {{T::kTimestamp}, iv, age1_fn});
  r.add("age", {{T::kTimestampTz}, iv, age1_fn});
  r.add("justify_hours", {{T::kInterval}, iv, justify_hours_fn});
  r.add("justify_days", {{T::kInterval}, iv, justify_days_fn});
  r.add("justify_interval", {{T::kInterval}, iv, justify_interval_fn});
  for (T t : {T::kDate, T::kTimestamp, T::kTimestampTz, T::kInterval}) {
    r.add("isfinite", {{t}, {T::kBool, -1}, isfinite_fn});
  }
  r.add("make_date", {{T::kInt4, T::kInt4, T::kInt4}, date, make_date_fn});
  r.add("make_time", {{T::kInt4, T::kInt4, T::kFloat8}, {T::kTime, -1}, make_time_fn});
  r.add("make_timestamp", {{T::kInt4, T::kInt4, T::kInt4, T::kInt4, T::kInt4, T::kFloat8}, ts, make_timestamp_fn});
  r.add("to_timestamp", {{T::kFloat8}, tz, to_timestamp_fn});
  for (T t : {T::kTimestamp, T::kTimestampTz}) {
    r.add("year", {{t}, {T::kInt4, -1}, field_fn<kYear>});
    r.add("month", {{t}, {T::kInt4, -1}, field_fn<kMonth>});
    r.add("day", {{t}, {T::kInt4, -1}, field_fn<kDay>});
  }
}

}  // namespace heliosdb::engine

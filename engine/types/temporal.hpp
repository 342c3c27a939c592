#pragma once

// PostgreSQL's date/time types with its representations, so ranges and
// arithmetic match: DATE is days since 2000-01-01, TIME microseconds since
// midnight, TIMESTAMP and TIMESTAMPTZ microseconds since 2000-01-01 00:00
// (UTC for TIMESTAMPTZ; the session time zone is UTC), INTERVAL months,
// days and microseconds kept apart. Text forms are PostgreSQL's with
// DateStyle ISO, MDY and IntervalStyle postgres. Errors are DbErrors with
// PostgreSQL's messages and SQLSTATEs (22007, 22008, 22012).

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/types/decimal.hpp"

namespace heliosdb::engine {

/// PostgreSQL's epoch (2000-01-01) in Unix microseconds: timestamps are
/// stored from the former, storage records times from the latter.
inline constexpr std::int64_t kPgEpochUnixMicros = 946'684'800'000'000;

}  // namespace heliosdb::engine

namespace heliosdb::engine::temporal {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;
constexpr std::int32_t kDateInfinity = INT32_MAX;
constexpr std::int32_t kDateMinusInfinity = INT32_MIN;
constexpr std::int64_t kTimestampInfinity = INT64_MAX;
constexpr std::int64_t kTimestampMinusInfinity = INT64_MIN;

struct Interval {
  std::int32_t months = 0;
  std::int32_t days = 0;
  std::int64_t micros = 0;
};

/// The current time as a timestamp (microseconds since 2000-01-01 UTC).
std::int64_t now_micros();

/// The start of the transaction the calling thread runs a statement in:
/// what now(), CURRENT_TIMESTAMP and 'now' give (the current time if none
/// was set). The session sets it before each statement.
std::int64_t transaction_time();
void set_transaction_time(std::int64_t ts);

// Text input. `now` is the transaction's start, for 'now', 'today', ...
std::int32_t parse_date(std::string_view text, std::int64_t now);
std::int64_t parse_time(std::string_view text);
std::int64_t parse_timestamp(std::string_view text, std::int64_t now);
std::int64_t parse_timestamptz(std::string_view text, std::int64_t now);
Interval parse_interval(std::string_view text);

// Text output.
std::string format_date(std::int32_t date);
std::string format_time(std::int64_t time);
std::string format_timestamp(std::int64_t ts);
std::string format_timestamptz(std::int64_t ts);
std::string format_interval(const Interval& iv);

// Conversions.
std::int64_t date_to_timestamp(std::int32_t date);
std::int32_t timestamp_to_date(std::int64_t ts);
std::int64_t timestamp_to_time(std::int64_t ts);

// Arithmetic.
std::int32_t date_add_days(std::int32_t date, std::int64_t days);
std::int64_t timestamp_add(std::int64_t ts, const Interval& iv);
Interval timestamp_diff(std::int64_t a, std::int64_t b);
std::int64_t time_add(std::int64_t time, const Interval& iv);
Interval interval_add(const Interval& a, const Interval& b);
Interval interval_negate(const Interval& a);
Interval interval_mul(const Interval& a, double factor);
Interval interval_div(const Interval& a, double divisor);
Interval justify_hours(const Interval& a);
Interval justify_days(const Interval& a);
Interval justify_interval(const Interval& a);
/// age(a, b): years, months and days between two timestamps, as PostgreSQL counts them.
Interval age(std::int64_t a, std::int64_t b);

/// The ordering span of an interval: 30-day months, 24-hour days.
__extension__ typedef __int128 Span;
Span interval_span(const Interval& a);
int compare_intervals(const Interval& a, const Interval& b);

/// extract(field FROM x): PostgreSQL 15 returns numeric. `kind` says what x is:
/// 'd' date, 't' time, 's' timestamp, 'z' timestamptz, 'i' interval.
Decimal extract_field(std::string_view field, char kind, std::int64_t value, const Interval& iv);
/// date_trunc(field, x) for timestamps ('s'/'z') and intervals ('i').
std::int64_t truncate_timestamp(std::string_view field, std::int64_t ts, char kind);
Interval truncate_interval(std::string_view field, const Interval& iv);

}  // namespace heliosdb::engine::temporal

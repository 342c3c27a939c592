#pragma once

// Internal to the temporal_*.cpp files: the proleptic Gregorian calendar.
// Years are astronomical (1 BC is year 0), as PostgreSQL's internally are.

#include <cstdint>

namespace heliosdb::engine::temporal {

struct Civil {
  std::int64_t year;
  int month;  // 1..12
  int day;    // 1..31
};

/// Days from 2000-01-01 to the date (negative before).
std::int64_t days_from_civil(std::int64_t year, int month, int day);
Civil civil_from_days(std::int64_t days);
bool is_leap(std::int64_t year);
int days_in_month(std::int64_t year, int month);

/// Floor division and modulo: the remainder has the divisor's sign.
inline std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
inline std::int64_t floor_mod(std::int64_t a, std::int64_t b) { return a - floor_div(a, b) * b; }

}  // namespace heliosdb::engine::temporal

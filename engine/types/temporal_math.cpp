// Date/time arithmetic, extract() and date_trunc().
#include <cmath>

#include "engine/common/db_error.hpp"
#include "engine/types/temporal.hpp"
#include "engine/types/temporal_calendar.hpp"

namespace heliosdb::engine::temporal {

namespace {

constexpr std::int64_t kMicrosPerHour = 3600 * kMicrosPerSecond;
constexpr std::int64_t kUnixEpochDays = 10957;

bool infinite(std::int64_t ts) { return ts == kTimestampInfinity || ts == kTimestampMinusInfinity; }

[[noreturn]] void timestamp_out_of_range() {
  throw DbError(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
}

std::int64_t checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r) || infinite(r)) timestamp_out_of_range();
  return r;
}

std::int32_t checked_int32(std::int64_t v) {
  if (v < INT32_MIN || v > INT32_MAX) throw DbError(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  return static_cast<std::int32_t>(v);
}

struct Broken {
  Civil date;
  std::int64_t time;  // micros since midnight
};

Broken break_down(std::int64_t ts) {
  return {civil_from_days(floor_div(ts, kMicrosPerDay)), floor_mod(ts, kMicrosPerDay)};
}

std::int64_t iso_week_year_start(std::int64_t year) {
  // ISO week 1 holds January 4th; weeks start on Monday.
  std::int64_t jan4 = days_from_civil(year, 1, 4);
  std::int64_t dow = floor_mod(jan4 + 5, 7);  // Monday = 0 (2000-01-01 was a Saturday)
  return jan4 - dow;
}

std::pair<std::int64_t, std::int64_t> iso_year_week(std::int64_t days) {
  Civil c = civil_from_days(days);
  std::int64_t year = c.year;
  if (days >= iso_week_year_start(year + 1)) {
    ++year;
  } else if (days < iso_week_year_start(year)) {
    --year;
  }
  return {year, (days - iso_week_year_start(year)) / 7 + 1};
}

[[noreturn]] void unit_error(std::string_view field, const char* type, bool known) {
  throw DbError(
      known ? sqlstate::kFeatureNotSupported : sqlstate::kInvalidParameterValue,
      "unit \"" + std::string(field) + "\" " + (known ? "not supported" : "not recognized") + " for type " + type);
}

const char* type_name(char kind) {
  switch (kind) {
    case 'd':
      return "date";
    case 't':
      return "time without time zone";
    case 'z':
      return "timestamp with time zone";
    case 'i':
      return "interval";
    default:
      return "timestamp without time zone";
  }
}

// PostgreSQL's spellings of the units.
std::string canonical_unit(std::string_view field) {
  std::string f;
  for (char c : field) f.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (f == "years" || f == "y" || f == "yr" || f == "yrs") return "year";
  if (f == "months" || f == "mon" || f == "mons") return "month";
  if (f == "days" || f == "d") return "day";
  if (f == "hours" || f == "h" || f == "hr" || f == "hrs") return "hour";
  if (f == "minutes" || f == "m" || f == "min" || f == "mins") return "minute";
  if (f == "seconds" || f == "s" || f == "sec" || f == "secs") return "second";
  if (f == "millisecond" || f == "ms" || f == "msec" || f == "msecs" || f == "millisecon") return "milliseconds";
  if (f == "microsecond" || f == "us" || f == "usec" || f == "usecs") return "microseconds";
  if (f == "weeks" || f == "w") return "week";
  if (f == "decades" || f == "dec") return "decade";
  if (f == "centuries" || f == "c" || f == "cent") return "century";
  if (f == "millennia" || f == "mil" || f == "mils") return "millennium";
  if (f == "quarters" || f == "qtr") return "quarter";
  return f;
}

Decimal micros_as_seconds(std::int64_t micros, int scale) {
  // seconds with 6 places, milliseconds with 3.
  return Decimal::from_int(micros).div_to_scale(Decimal::from_int(scale == 6 ? 1000000 : 1000), scale);
}

std::int64_t century_of(std::int64_t year) { return year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100); }
std::int64_t millennium_of(std::int64_t year) { return year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000); }
std::int64_t decade_of(std::int64_t year) { return year >= 0 ? year / 10 : -((8 - (year - 1)) / 10); }

}  // namespace

std::int64_t date_to_timestamp(std::int32_t date) {
  if (date == kDateInfinity) return kTimestampInfinity;
  if (date == kDateMinusInfinity) return kTimestampMinusInfinity;
  return static_cast<std::int64_t>(date) * kMicrosPerDay;
}

std::int32_t timestamp_to_date(std::int64_t ts) {
  if (ts == kTimestampInfinity) return kDateInfinity;
  if (ts == kTimestampMinusInfinity) return kDateMinusInfinity;
  return static_cast<std::int32_t>(floor_div(ts, kMicrosPerDay));
}

std::int64_t timestamp_to_time(std::int64_t ts) {
  if (infinite(ts)) return 0;
  return floor_mod(ts, kMicrosPerDay);
}

std::int32_t date_add_days(std::int32_t date, std::int64_t days) {
  if (date == kDateInfinity || date == kDateMinusInfinity) return date;
  std::int64_t r = static_cast<std::int64_t>(date) + days;
  if (r < -2451545 || r > 2145031948) throw DbError(sqlstate::kDatetimeFieldOverflow, "date out of range");
  return static_cast<std::int32_t>(r);
}

std::int64_t timestamp_add(std::int64_t ts, const Interval& iv) {
  if (infinite(ts)) return ts;
  if (iv.months != 0) {
    Broken b = break_down(ts);
    std::int64_t month_index = b.date.year * 12 + (b.date.month - 1) + iv.months;
    std::int64_t year = floor_div(month_index, 12);
    int month = static_cast<int>(floor_mod(month_index, 12)) + 1;
    int day = std::min(b.date.day, days_in_month(year, month));  // Jan 31 + 1 month = Feb 28/29
    ts = days_from_civil(year, month, day) * kMicrosPerDay + b.time;
  }
  ts = checked_add(ts, static_cast<std::int64_t>(iv.days) * kMicrosPerDay);
  return checked_add(ts, iv.micros);
}

Interval timestamp_diff(std::int64_t a, std::int64_t b) {
  if (infinite(a) || infinite(b))
    throw DbError(sqlstate::kDatetimeFieldOverflow, "cannot subtract infinite timestamps");
  std::int64_t d = 0;
  if (__builtin_sub_overflow(a, b, &d)) throw DbError(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  return justify_hours({0, 0, d});
}

std::int64_t time_add(std::int64_t time, const Interval& iv) { return floor_mod(time + iv.micros, kMicrosPerDay); }

Interval interval_add(const Interval& a, const Interval& b) {
  std::int64_t micros = 0;
  if (__builtin_add_overflow(a.micros, b.micros, &micros)) {
    throw DbError(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  }
  return {checked_int32(static_cast<std::int64_t>(a.months) + b.months),
          checked_int32(static_cast<std::int64_t>(a.days) + b.days), micros};
}

Interval interval_negate(const Interval& a) {
  if (a.micros == INT64_MIN) throw DbError(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  return {checked_int32(-static_cast<std::int64_t>(a.months)), checked_int32(-static_cast<std::int64_t>(a.days)),
          -a.micros};
}

Interval interval_mul(const Interval& a, double factor) {
  if (std::isnan(factor) || std::isinf(factor)) {
    throw DbError(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  }
  // Fractions move down: months to 30-day days, days to 24-hour time.
  double months = a.months * factor;
  double whole_months = std::trunc(months);
  double month_remainder_days = (months - whole_months) * 30;
  double days = a.days * factor;
  double whole_days = std::trunc(days);
  double whole_spill = std::trunc(month_remainder_days);
  double seconds_remainder = (days - whole_days + month_remainder_days - whole_spill) * 86400;
  double micros = std::rint(static_cast<double>(a.micros) * factor + seconds_remainder * kMicrosPerSecond);
  if (std::fabs(whole_months) > INT32_MAX || std::fabs(whole_days + whole_spill) > INT32_MAX ||
      std::fabs(micros) > 9.2e18) {
    throw DbError(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  }
  return {static_cast<std::int32_t>(whole_months), static_cast<std::int32_t>(whole_days + whole_spill),
          static_cast<std::int64_t>(micros)};
}

Interval interval_div(const Interval& a, double divisor) {
  if (divisor == 0) throw DbError(sqlstate::kDivisionByZero, "division by zero");
  return interval_mul(a, 1.0 / divisor);
}

Interval justify_hours(const Interval& a) {
  Interval r = a;
  r.days = checked_int32(static_cast<std::int64_t>(r.days) + r.micros / kMicrosPerDay);
  r.micros %= kMicrosPerDay;
  if (r.days > 0 && r.micros < 0) {
    r.micros += kMicrosPerDay;
    --r.days;
  } else if (r.days < 0 && r.micros > 0) {
    r.micros -= kMicrosPerDay;
    ++r.days;
  }
  return r;
}

Interval justify_days(const Interval& a) {
  Interval r = a;
  r.months = checked_int32(static_cast<std::int64_t>(r.months) + r.days / 30);
  r.days %= 30;
  if (r.months > 0 && r.days < 0) {
    r.days += 30;
    --r.months;
  } else if (r.months < 0 && r.days > 0) {
    r.days -= 30;
    ++r.months;
  }
  return r;
}

Interval justify_interval(const Interval& a) {
  Interval r = a;
  r.days = checked_int32(static_cast<std::int64_t>(r.days) + r.micros / kMicrosPerDay);
  r.micros %= kMicrosPerDay;
  r.months = checked_int32(static_cast<std::int64_t>(r.months) + r.days / 30);
  r.days %= 30;
  if (r.months > 0 && (r.days < 0 || (r.days == 0 && r.micros < 0))) {
    r.days += 30;
    --r.months;
  } else if (r.months < 0 && (r.days > 0 || (r.days == 0 && r.micros > 0))) {
    r.days -= 30;
    ++r.months;
  }
  if (r.days > 0 && r.micros < 0) {
    r.micros += kMicrosPerDay;
    --r.days;
  } else if (r.days < 0 && r.micros > 0) {
    r.micros -= kMicrosPerDay;
    ++r.days;
  }
  return r;
}

Interval age(std::int64_t a, std::int64_t b) {
  if (infinite(a) || infinite(b)) throw DbError(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  Broken x = break_down(a), y = break_down(b);
  std::int64_t micros = x.time - y.time;
  std::int64_t day = x.date.day - y.date.day;
  std::int64_t month = x.date.month - y.date.month;
  std::int64_t year = x.date.year - y.date.year;
  // Counted from the earlier to the later, then signed: borrows use the
  // month lengths of the earlier timestamp's month, as PostgreSQL does.
  const bool negative = a < b;
  if (negative) {
    micros = -micros;
    day = -day;
    month = -month;
    year = -year;
  }
  while (micros < 0) {
    micros += kMicrosPerDay;
    --day;
  }
  const Civil& from = negative ? x.date : y.date;
  while (day < 0) {
    day += days_in_month(from.year, from.month);
    --month;
  }
  while (month < 0) {
    month += 12;
    --year;
  }
  Interval r{checked_int32(year * 12 + month), checked_int32(day), micros};
  return negative ? interval_negate(r) : r;
}

Span interval_span(const Interval& a) {
  return static_cast<Span>(a.months) * 30 * kMicrosPerDay + static_cast<Span>(a.days) * kMicrosPerDay + a.micros;
}

int compare_intervals(const Interval& a, const Interval& b) {
  Span x = interval_span(a), y = interval_span(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

Decimal extract_field(std::string_view raw_field, char kind, std::int64_t value, const Interval& iv) {
  const std::string field = canonical_unit(raw_field);
  const char* type = type_name(kind);
  static const char* kKnown[] = {"year",          "month",          "day",          "hour",   "minute",
                                 "second",        "milliseconds",   "microseconds", "week",   "decade",
                                 "century",       "millennium",     "quarter",      "dow",    "isodow",
                                 "doy",           "epoch",          "isoyear",      "julian", "timezone",
                                 "timezone_hour", "timezone_minute"};
  bool known = false;
  for (const char* k : kKnown) known = known || field == k;
  if (!known) unit_error(raw_field, type, false);
  auto integer = [](std::int64_t v) { return Decimal::from_int(v); };

  if (kind == 'i') {
    std::int64_t months = iv.months;
    std::int64_t years = months / 12;
    std::int64_t time = iv.micros;
    if (field == "year") return integer(years);
    if (field == "month") return integer(months % 12);
    if (field == "day") return integer(iv.days);
    if (field == "hour") return integer(time / kMicrosPerHour);
    if (field == "minute") return integer(time / (60 * kMicrosPerSecond) % 60);
    if (field == "second") return micros_as_seconds(time % (60 * kMicrosPerSecond), 6);
    if (field == "milliseconds") return micros_as_seconds(time % (60 * kMicrosPerSecond), 3);
    if (field == "microseconds") return integer(time % (60 * kMicrosPerSecond));
    if (field == "quarter") return integer((months % 12) / 3 + 1);
    if (field == "decade") return integer(years / 10);
    if (field == "century") return integer(years / 100);
    if (field == "millennium") return integer(years / 1000);
    if (field == "epoch") {
      // 365.25-day years, 30-day months, as PostgreSQL's interval epoch.
      Decimal secs = Decimal::from_int(years).mul(Decimal::parse("31557600"));
      secs = secs.add(Decimal::from_int((months % 12) * 30 * 86400 + static_cast<std::int64_t>(iv.days) * 86400));
      return secs.add(micros_as_seconds(time, 6));
    }
    unit_error(raw_field, type, true);
  }
  if (kind == 't') {
    if (field == "hour") return integer(value / kMicrosPerHour);
    if (field == "minute") return integer(value / (60 * kMicrosPerSecond) % 60);
    if (field == "second") return micros_as_seconds(value % (60 * kMicrosPerSecond), 6);
    if (field == "milliseconds") return micros_as_seconds(value % (60 * kMicrosPerSecond), 3);
    if (field == "microseconds") return integer(value % (60 * kMicrosPerSecond));
    if (field == "epoch") return micros_as_seconds(value, 6);
    unit_error(raw_field, type, true);
  }
  // date, timestamp, timestamptz
  std::int64_t ts = kind == 'd' ? date_to_timestamp(static_cast<std::int32_t>(value)) : value;
  if (infinite(ts)) {
    if (field == "epoch" || field == "year" || field == "decade" || field == "century" || field == "millennium" ||
        field == "isoyear" || field == "julian") {
      return Decimal::parse(ts > 0 ? "Infinity" : "-Infinity");
    }
    return Decimal::parse("NaN");
  }
  Broken b = break_down(ts);
  std::int64_t days = floor_div(ts, kMicrosPerDay);
  std::int64_t year = b.date.year <= 0 ? b.date.year - 1 : b.date.year;  // no year 0 when shown
  bool time_field =
      field == "hour" || field == "minute" || field == "second" || field == "milliseconds" || field == "microseconds";
  if (kind == 'd' && time_field) unit_error(raw_field, type, true);
  if (field == "timezone" || field == "timezone_hour" || field == "timezone_minute") {
    if (kind != 'z') unit_error(raw_field, type, true);
    return integer(0);
  }
  if (field == "year") return integer(year);
  if (field == "month") return integer(b.date.month);
  if (field == "day") return integer(b.date.day);
  if (field == "hour") return integer(b.time / kMicrosPerHour);
  if (field == "minute") return integer(b.time / (60 * kMicrosPerSecond) % 60);
  if (field == "second") return micros_as_seconds(b.time % (60 * kMicrosPerSecond), 6);
  if (field == "milliseconds") return micros_as_seconds(b.time % (60 * kMicrosPerSecond), 3);
  if (field == "microseconds") return integer(b.time % (60 * kMicrosPerSecond));
  if (field == "quarter") return integer((b.date.month - 1) / 3 + 1);
  if (field == "decade") return integer(decade_of(b.date.year));
  if (field == "century") return integer(century_of(b.date.year));
  if (field == "millennium") return integer(millennium_of(b.date.year));
  if (field == "dow") return integer(floor_mod(days + 6, 7));  // Sunday = 0
  if (field == "isodow") return integer(floor_mod(days + 5, 7) + 1);
  if (field == "doy") return integer(days - days_from_civil(b.date.year, 1, 1) + 1);
  if (field == "week") return integer(iso_year_week(days).second);
  if (field == "isoyear") {
    std::int64_t y = iso_year_week(days).first;
    return integer(y <= 0 ? y - 1 : y);
  }
  if (field == "epoch") {
    std::int64_t since_unix = ts + kUnixEpochDays * kMicrosPerDay;
    return kind == 'd' ? integer(floor_div(since_unix, kMicrosPerSecond)) : micros_as_seconds(since_unix, 6);
  }
  if (field == "julian") {
    std::int64_t jd = days + 2451545;
    if (kind == 'd') return integer(jd);
    return Decimal::from_int(jd).add(
        Decimal::from_int(b.time).div_to_scale(Decimal::from_int(kMicrosPerDay), 20).round(20));
  }
  unit_error(raw_field, type, true);
}

std::int64_t truncate_timestamp(std::string_view raw_field, std::int64_t ts, char kind) {
  const std::string field = canonical_unit(raw_field);
  if (infinite(ts)) return ts;
  Broken b = break_down(ts);
  std::int64_t days = floor_div(ts, kMicrosPerDay);
  auto at = [](std::int64_t year, int month, int day) { return days_from_civil(year, month, day) * kMicrosPerDay; };
  if (field == "microseconds") return ts;
  if (field == "milliseconds") return floor_div(ts, 1000) * 1000;
  if (field == "second") return floor_div(ts, kMicrosPerSecond) * kMicrosPerSecond;
  if (field == "minute") return floor_div(ts, 60 * kMicrosPerSecond) * 60 * kMicrosPerSecond;
  if (field == "hour") return floor_div(ts, kMicrosPerHour) * kMicrosPerHour;
  if (field == "day") return days * kMicrosPerDay;
  if (field == "week") return (days - floor_mod(days + 5, 7)) * kMicrosPerDay;
  if (field == "month") return at(b.date.year, b.date.month, 1);
  if (field == "quarter") return at(b.date.year, (b.date.month - 1) / 3 * 3 + 1, 1);
  if (field == "year") return at(b.date.year, 1, 1);
  if (field == "decade") return at(b.date.year - floor_mod(b.date.year, 10), 1, 1);
  if (field == "century") return at((century_of(b.date.year) - 1) * 100 + 1 - (b.date.year <= 0 ? 100 : 0), 1, 1);
  if (field == "millennium") return at((millennium_of(b.date.year) - 1) * 1000 + 1, 1, 1);
  bool known = field == "dow" || field == "doy" || field == "epoch" || field == "isodow" || field == "isoyear";
  unit_error(raw_field, type_name(kind), known);
}

Interval truncate_interval(std::string_view raw_field, const Interval& iv) {
  const std::string field = canonical_unit(raw_field);
  Interval r = iv;
  auto drop_time_below = [&](std::int64_t unit) { r.micros = r.micros / unit * unit; };
  if (field == "microseconds") return r;
  if (field == "milliseconds") {
    drop_time_below(1000);
  } else if (field == "second") {
    drop_time_below(kMicrosPerSecond);
  } else if (field == "minute") {
    drop_time_below(60 * kMicrosPerSecond);
  } else if (field == "hour") {
    drop_time_below(kMicrosPerHour);
  } else if (field == "day") {
    r.micros = 0;
  } else if (field == "month") {
    r.days = 0;
    r.micros = 0;
  } else if (field == "quarter" || field == "year" || field == "decade" || field == "century" ||
             field == "millennium") {
    int per = field == "quarter"   ? 3
              : field == "year"    ? 12
              : field == "decade"  ? 120
              : field == "century" ? 1200
                                   : 12000;
    r.months = r.months / per * per;
    r.days = 0;
    r.micros = 0;
  } else {
    unit_error(raw_field, "interval", field == "week");
  }
  return r;
}

}  // namespace heliosdb::engine::temporal

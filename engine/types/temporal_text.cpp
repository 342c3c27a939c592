// Text input and output of the date/time types (DateStyle ISO, MDY;
// IntervalStyle postgres).
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <vector>

#include "engine/common/db_error.hpp"
#include "engine/types/temporal.hpp"
#include "engine/types/temporal_calendar.hpp"

namespace heliosdb::engine::temporal {

namespace {

// Days from 1970-01-01 to 2000-01-01.
constexpr std::int64_t kUnixEpochDays = 10957;

[[noreturn]] void bad_syntax(const char* type, std::string_view text) {
  throw DbError(sqlstate::kInvalidDatetimeFormat,
                std::string("invalid input syntax for type ") + type + ": \"" + std::string(text) + "\"");
}

[[noreturn]] void out_of_range(std::string_view text) {
  throw DbError(sqlstate::kDatetimeFieldOverflow, "date/time field value out of range: \"" + std::string(text) + "\"");
}

std::string lower_trimmed(std::string_view text) {
  std::string out;
  for (char c : text) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  std::size_t b = out.find_first_not_of(" \t\n\r");
  if (b == std::string::npos) return {};
  return out.substr(b, out.find_last_not_of(" \t\n\r") - b + 1);
}

int month_from_name(const std::string& word) {
  static const char* kNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                 "july",    "august",   "september", "october", "november", "december"};
  for (int m = 0; m < 12; ++m) {
    std::string full = kNames[m];
    if (word == full || (word.size() >= 3 && full.compare(0, word.size(), word) == 0)) return m + 1;
    if (m == 8 && word == "sept") return 9;
  }
  return 0;
}

// The fields a date/time string spells.
struct Fields {
  std::optional<std::int64_t> year;
  int month = 0, day = 0;
  bool has_date = false, has_time = false, bc = false;
  int hour = 0, minute = 0;
  std::int64_t second_micros = 0;  // seconds and fraction, in microseconds
  std::optional<std::int64_t> tz_seconds;
  std::string special;  // epoch, infinity, now, today, ...
};

struct Scanner {
  std::string s;
  std::size_t i = 0;
  bool done() const { return i >= s.size(); }
  char peek(std::size_t k = 0) const { return i + k < s.size() ? s[i + k] : '\0'; }
  bool digit(std::size_t k = 0) const { return std::isdigit(static_cast<unsigned char>(peek(k))) != 0; }
  std::string digits() {
    std::string out;
    while (digit()) out.push_back(s[i++]);
    return out;
  }
  std::string word() {
    std::string out;
    while (std::isalpha(static_cast<unsigned char>(peek())) || peek() == '/' || peek() == '_') out.push_back(s[i++]);
    return out;
  }
};

// "12", ".5" after seconds: the fraction in microseconds, rounded.
std::int64_t fraction_micros(const std::string& frac) {
  std::string padded = frac.substr(0, 7);
  while (padded.size() < 7) padded.push_back('0');
  std::int64_t v = std::stoll(padded);
  return (v + 5) / 10;
}

// HH:MM[:SS[.ffffff]] at the scanner.
bool scan_time(Scanner& sc, Fields& f, std::string_view text) {
  std::string h = sc.digits();
  if (sc.peek() != ':' || h.empty() || h.size() > 2) return false;
  ++sc.i;
  std::string m = sc.digits();
  if (m.size() != 2) return false;
  f.hour = std::stoi(h);
  f.minute = std::stoi(m);
  f.second_micros = 0;
  if (sc.peek() == ':') {
    ++sc.i;
    std::string sec = sc.digits();
    if (sec.size() != 2) return false;
    f.second_micros = std::stoll(sec) * kMicrosPerSecond;
    if (sc.peek() == '.') {
      ++sc.i;
      f.second_micros += fraction_micros(sc.digits());
    }
  }
  if (f.hour > 24 || f.minute > 59 || f.second_micros > 60 * kMicrosPerSecond ||
      (f.hour == 24 && (f.minute > 0 || f.second_micros > 0))) {
    out_of_range(text);
  }
  f.has_time = true;
  return true;
}

// +HH, +HH:MM, +HHMM after a time.
bool scan_offset(Scanner& sc, Fields& f) {
  int sign = sc.peek() == '-' ? -1 : 1;
  ++sc.i;
  std::string d = sc.digits();
  int hours = 0, minutes = 0;
  if (d.size() == 4) {
    hours = std::stoi(d.substr(0, 2));
    minutes = std::stoi(d.substr(2));
  } else if (d.size() == 1 || d.size() == 2) {
    hours = std::stoi(d);
    if (sc.peek() == ':') {
      ++sc.i;
      std::string m = sc.digits();
      if (m.size() != 2) return false;
      minutes = std::stoi(m);
    }
  } else {
    return false;
  }
  f.tz_seconds = sign * (hours * 3600 + minutes * 60);
  return true;
}

Fields scan_fields(std::string_view text, const char* type) {
  Fields f;
  Scanner sc{lower_trimmed(text)};
  static const char* kSpecial[] = {"epoch", "infinity", "+infinity", "-infinity", "now",
                                   "today", "tomorrow", "yesterday", "allballs"};
  for (const char* word : kSpecial) {
    if (sc.s == word) {
      f.special = word[0] == '+' ? "infinity" : word;
      return f;
    }
  }
  std::vector<std::int64_t> loose;  // numbers of a textual date: day and year
  std::vector<std::size_t> loose_width;
  while (!sc.done()) {
    char c = sc.peek();
    if (c == ' ' || c == ',' || (c == 't' && f.has_date && !f.has_time && sc.digit(1))) {
      ++sc.i;
    } else if (sc.digit()) {
      std::size_t start = sc.i;
      std::string a = sc.digits();
      if (sc.peek() == ':') {
        sc.i = start;
        if (f.has_time || !scan_time(sc, f, text)) bad_syntax(type, text);
      } else if ((sc.peek() == '-' || sc.peek() == '/' || sc.peek() == '.') && sc.digit(1) && !f.has_date) {
        char sep = sc.peek();
        ++sc.i;
        std::string b = sc.digits();
        if (sc.peek() != sep || !sc.digit(1)) bad_syntax(type, text);
        ++sc.i;
        std::string c3 = sc.digits();
        if (sep == '-' || a.size() >= 3) {  // ISO: year-month-day
          f.year = std::stoll(a);
          f.month = std::stoi(b);
          f.day = std::stoi(c3);
        } else {  // MDY
          f.month = std::stoi(a);
          f.day = std::stoi(b);
          f.year = std::stoll(c3);
          if (c3.size() <= 2) *f.year += *f.year < 70 ? 2000 : 1900;
        }
        f.has_date = true;
      } else if (a.size() == 8 && !f.has_date && loose.empty()) {
        f.year = std::stoll(a.substr(0, 4));
        f.month = std::stoi(a.substr(4, 2));
        f.day = std::stoi(a.substr(6, 2));
        f.has_date = true;
      } else {
        if (a.size() > 9) bad_syntax(type, text);
        loose.push_back(std::stoll(a));
        loose_width.push_back(a.size());
      }
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      std::string w = sc.word();
      if (w == "bc") {
        f.bc = true;
      } else if (w == "ad") {
      } else if (w == "am" || w == "pm") {
        if (!f.has_time || f.hour > 12) bad_syntax(type, text);
        if (w == "pm" && f.hour < 12) f.hour += 12;
        if (w == "am" && f.hour == 12) f.hour = 0;
      } else if (w == "z" || w == "utc" || w == "gmt" || w == "zulu" || w == "ut") {
        f.tz_seconds = 0;
      } else if (int m = month_from_name(w); m > 0 && f.month == 0) {
        f.month = m;
      } else if (w.find('/') != std::string::npos && (f.has_time || f.has_date)) {
        throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: time zone \"" + w + "\"");
      } else {
        bad_syntax(type, text);
      }
    } else if ((c == '+' || c == '-') && (f.has_time || f.has_date) && !f.tz_seconds) {
      // An offset may follow a date alone ("2024-02-01 +00", as pgjdbc sends
      // dates): midnight there; a date reads it and ignores it.
      if (!scan_offset(sc, f)) bad_syntax(type, text);
    } else {
      bad_syntax(type, text);
    }
  }
  if (!loose.empty()) {
    // Textual dates: "Jan 15 2024", "15 January 2024", "January 15, 2024".
    if (f.has_date || f.month == 0 || loose.size() != 2) bad_syntax(type, text);
    bool year_first = loose_width[0] >= 3;
    f.year = year_first ? loose[0] : loose[1];
    f.day = static_cast<int>(year_first ? loose[1] : loose[0]);
    f.has_date = true;
  } else if (f.month != 0 && !f.has_date) {
    bad_syntax(type, text);
  }
  if (f.has_date) {
    if (f.bc) *f.year = 1 - *f.year;
    if (f.month < 1 || f.month > 12 || f.day < 1 || *f.year == (f.bc ? 1 : 0)) out_of_range(text);
    if (f.day > days_in_month(*f.year, f.month)) out_of_range(text);
  }
  return f;
}

std::int64_t time_of(const Fields& f) {
  return (f.hour * 3600LL + f.minute * 60LL) * kMicrosPerSecond + f.second_micros;
}

std::int32_t checked_date(std::int64_t days, std::string_view text) {
  // PostgreSQL's range: 4714-11-24 BC to 5874897 AD.
  if (days < -2451545 || days > 2145031948) {
    throw DbError(sqlstate::kDatetimeFieldOverflow, "date out of range: \"" + std::string(text) + "\"");
  }
  return static_cast<std::int32_t>(days);
}

std::int64_t special_timestamp(const std::string& word, std::int64_t now) {
  std::int64_t today = floor_div(now, kMicrosPerDay) * kMicrosPerDay;
  if (word == "epoch") return -kUnixEpochDays * kMicrosPerDay;
  if (word == "infinity") return kTimestampInfinity;
  if (word == "-infinity") return kTimestampMinusInfinity;
  if (word == "now") return now;
  if (word == "today") return today;
  if (word == "tomorrow") return today + kMicrosPerDay;
  if (word == "yesterday") return today - kMicrosPerDay;
  return 0;  // allballs
}

std::string two(std::int64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%02lld", static_cast<long long>(v));
  return buf;
}

// SS[.ffffff] with trailing zeros of the fraction dropped.
std::string seconds_text(std::int64_t micros) {
  std::string out = two(micros / kMicrosPerSecond);
  std::int64_t frac = micros % kMicrosPerSecond;
  if (frac != 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(frac));
    std::string f = buf;
    out += f.substr(0, f.find_last_not_of('0') + 1);
  }
  return out;
}

std::string clock_text(std::int64_t time) {
  return two(time / 3600 / kMicrosPerSecond) + ":" + two(time / 60 / kMicrosPerSecond % 60) + ":" +
         seconds_text(time % (60 * kMicrosPerSecond));
}

std::string date_text(std::int64_t days) {
  Civil c = civil_from_days(days);
  bool bc = c.year <= 0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d", static_cast<long long>(bc ? 1 - c.year : c.year), c.month, c.day);
  return std::string(buf);
}

bool date_is_bc(std::int64_t days) { return civil_from_days(days).year <= 0; }

}  // namespace

std::int64_t now_micros() {
  auto since_unix =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  return since_unix - kUnixEpochDays * kMicrosPerDay;
}

namespace {
thread_local std::optional<std::int64_t> current_transaction_time;
}  // namespace

std::int64_t transaction_time() { return current_transaction_time ? *current_transaction_time : now_micros(); }
void set_transaction_time(std::int64_t ts) { current_transaction_time = ts; }

std::int32_t parse_date(std::string_view text, std::int64_t now) {
  Fields f = scan_fields(text, "date");
  if (!f.special.empty()) {
    if (f.special == "infinity") return kDateInfinity;
    if (f.special == "-infinity") return kDateMinusInfinity;
    if (f.special == "allballs") bad_syntax("date", text);
    return static_cast<std::int32_t>(floor_div(special_timestamp(f.special, now), kMicrosPerDay));
  }
  if (!f.has_date) bad_syntax("date", text);
  return checked_date(days_from_civil(*f.year, f.month, f.day), text);
}

std::int64_t parse_time(std::string_view text) {
  Fields f = scan_fields(text, "time without time zone");
  if (f.special == "allballs") return 0;
  if (!f.special.empty() || !f.has_time) bad_syntax("time without time zone", text);
  return time_of(f);
}

std::int64_t parse_timestamp(std::string_view text, std::int64_t now) {
  Fields f = scan_fields(text, "timestamp without time zone");
  if (!f.special.empty()) return special_timestamp(f.special, now);
  if (!f.has_date) bad_syntax("timestamp without time zone", text);
  std::int64_t days = days_from_civil(*f.year, f.month, f.day);
  if (days < -2451545 || days > 106741026) {
    throw DbError(sqlstate::kDatetimeFieldOverflow, "timestamp out of range: \"" + std::string(text) + "\"");
  }
  return days * kMicrosPerDay + time_of(f);
}

std::int64_t parse_timestamptz(std::string_view text, std::int64_t now) {
  Fields f = scan_fields(text, "timestamp with time zone");
  if (!f.special.empty()) return special_timestamp(f.special, now);
  if (!f.has_date) bad_syntax("timestamp with time zone", text);
  std::int64_t days = days_from_civil(*f.year, f.month, f.day);
  return days * kMicrosPerDay + time_of(f) - f.tz_seconds.value_or(0) * kMicrosPerSecond;
}

namespace {

// One "<number> <unit>" of an interval: adds it, spilling fractions down
// (months to 30-day days, days to 24-hour time) as PostgreSQL does.
void add_unit(Interval& iv, double n, const std::string& unit, std::string_view text) {
  auto add_days = [&](double days) {
    double whole = std::trunc(days);
    iv.days += static_cast<std::int32_t>(whole);
    iv.micros += static_cast<std::int64_t>(std::llround((days - whole) * static_cast<double>(kMicrosPerDay)));
  };
  auto add_months = [&](double months) {
    double whole = std::trunc(months);
    iv.months += static_cast<std::int32_t>(whole);
    add_days((months - whole) * 30);
  };
  auto add_micros = [&](double micros) { iv.micros += static_cast<std::int64_t>(std::llround(micros)); };
  const std::string u = unit.size() > 1 && unit.back() == 's' && unit != "s" && unit != "ms" && unit != "us"
                            ? unit.substr(0, unit.size() - 1)
                            : unit;
  if (u == "microsecond" || u == "us" || u == "usec") {
    add_micros(n);
  } else if (u == "millisecond" || u == "ms" || u == "msec") {
    add_micros(n * 1000);
  } else if (u == "second" || u == "sec" || u == "s") {
    add_micros(n * kMicrosPerSecond);
  } else if (u == "minute" || u == "min" || u == "m") {
    add_micros(n * 60 * kMicrosPerSecond);
  } else if (u == "hour" || u == "hr" || u == "h") {
    add_micros(n * 3600 * kMicrosPerSecond);
  } else if (u == "day" || u == "d") {
    add_days(n);
  } else if (u == "week" || u == "w") {
    add_days(n * 7);
  } else if (u == "month" || u == "mon") {
    add_months(n);
  } else if (u == "year" || u == "yr" || u == "y") {
    add_months(std::round(n * 12 * 1e6) / 1e6);
  } else if (u == "decade" || u == "dec") {
    add_months(n * 120);
  } else if (u == "century" || u == "centurie" || u == "cent" || u == "c") {
    add_months(n * 1200);
  } else if (u == "millennium" || u == "millennia" || u == "mil") {
    add_months(n * 12000);
  } else {
    bad_syntax("interval", text);
  }
}

// ISO 8601: P1Y2M3DT4H5M6S, P1W.
Interval parse_iso_interval(const std::string& s, std::string_view text) {
  Interval iv;
  bool in_time = false;
  std::size_t i = 1;
  if (i >= s.size()) bad_syntax("interval", text);
  while (i < s.size()) {
    if (s[i] == 't') {
      in_time = true;
      ++i;
      continue;
    }
    std::size_t start = i;
    if (s[i] == '-' || s[i] == '+') ++i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    if (i == start || i >= s.size()) bad_syntax("interval", text);
    double n = std::stod(s.substr(start, i - start));
    char unit = s[i++];
    const char* name = nullptr;
    switch (unit) {
      case 'y':
        name = "year";
        break;
      case 'm':
        name = in_time ? "minute" : "month";
        break;
      case 'w':
        name = "week";
        break;
      case 'd':
        name = "day";
        break;
      case 'h':
        name = "hour";
        break;
      case 's':
        name = "second";
        break;
      default:
        bad_syntax("interval", text);
    }
    add_unit(iv, n, name, text);
  }
  return iv;
}

}  // namespace

Interval parse_interval(std::string_view text) {
  std::string s = lower_trimmed(text);
  if (s.empty()) bad_syntax("interval", text);
  if (s[0] == 'p') return parse_iso_interval(s, text);
  Interval iv;
  bool ago = false;
  std::size_t i = 0;
  auto skip_space = [&] {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',')) ++i;
  };
  if (s[0] == '@') ++i;
  bool any = false;
  while (true) {
    skip_space();
    if (i >= s.size()) break;
    if (s.compare(i, 3, "ago") == 0) {
      ago = true;
      i += 3;
      continue;
    }
    std::size_t start = i;
    if (s[i] == '-' || s[i] == '+') ++i;
    std::size_t digits_start = i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    if (i == digits_start) bad_syntax("interval", text);
    std::string number = s.substr(start, i - start);
    if (i < s.size() && s[i] == ':') {
      // [-]HH:MM[:SS[.f]]
      bool negative = number[0] == '-';
      std::size_t colon_start = digits_start;
      while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == ':' || s[i] == '.')) ++i;
      std::string clock = s.substr(colon_start, i - colon_start);
      int h = 0, m = 0;
      double sec = 0;
      if (std::sscanf(clock.c_str(), "%d:%d:%lf", &h, &m, &sec) < 2) bad_syntax("interval", text);
      if (m > 59 || sec >= 60) out_of_range(text);
      std::int64_t micros = (h * 3600LL + m * 60LL) * kMicrosPerSecond + std::llround(sec * kMicrosPerSecond);
      iv.micros += negative ? -micros : micros;
      any = true;
      continue;
    }
    double n = std::stod(number);
    skip_space();
    std::size_t unit_start = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    std::string unit = s.substr(unit_start, i - unit_start);
    if (unit == "ago") {
      ago = true;
      unit.clear();
    }
    add_unit(iv, n, unit.empty() ? "second" : unit, text);
    any = true;
  }
  if (!any) bad_syntax("interval", text);
  return ago ? interval_negate(iv) : iv;
}

std::string format_date(std::int32_t date) {
  if (date == kDateInfinity) return "infinity";
  if (date == kDateMinusInfinity) return "-infinity";
  return date_text(date) + (date_is_bc(date) ? " BC" : "");
}

std::string format_time(std::int64_t time) { return clock_text(time); }

std::string format_timestamp(std::int64_t ts) {
  if (ts == kTimestampInfinity) return "infinity";
  if (ts == kTimestampMinusInfinity) return "-infinity";
  std::int64_t days = floor_div(ts, kMicrosPerDay);
  return date_text(days) + " " + clock_text(floor_mod(ts, kMicrosPerDay)) + (date_is_bc(days) ? " BC" : "");
}

std::string format_timestamptz(std::int64_t ts) {
  if (ts == kTimestampInfinity || ts == kTimestampMinusInfinity) return format_timestamp(ts);
  std::int64_t days = floor_div(ts, kMicrosPerDay);
  return date_text(days) + " " + clock_text(floor_mod(ts, kMicrosPerDay)) + "+00" + (date_is_bc(days) ? " BC" : "");
}

std::string format_interval(const Interval& iv) {
  std::string out;
  bool is_zero = true, is_before = false;
  auto part = [&](std::int64_t value, const char* unit) {
    if (value == 0) return;
    out += std::string(is_zero ? "" : " ") + (is_before && value > 0 ? "+" : "") + std::to_string(value) + " " + unit +
           (value != 1 ? "s" : "");
    is_before = value < 0;
    is_zero = false;
  };
  part(iv.months / 12, "year");
  part(iv.months % 12, "mon");
  part(iv.days, "day");
  if (is_zero || iv.micros != 0) {
    bool minus = iv.micros < 0;
    std::uint64_t m = minus ? 0 - static_cast<std::uint64_t>(iv.micros) : static_cast<std::uint64_t>(iv.micros);
    auto hours = static_cast<std::int64_t>(m / static_cast<std::uint64_t>(3600 * kMicrosPerSecond));
    auto rest = static_cast<std::int64_t>(m % static_cast<std::uint64_t>(3600 * kMicrosPerSecond));
    out += std::string(is_zero ? "" : " ") + (minus ? "-" : (is_before ? "+" : "")) + two(hours) + ":" +
           two(rest / 60 / kMicrosPerSecond) + ":" + seconds_text(rest % (60 * kMicrosPerSecond));
  }
  return out;
}

}  // namespace heliosdb::engine::temporal

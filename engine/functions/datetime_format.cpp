#include "engine/functions/datetime_format.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "engine/common/db_error.hpp"
#include "engine/types/temporal_calendar.hpp"

namespace heliosdb::engine {

namespace {

namespace tp = temporal;

constexpr std::array<std::string_view, 12> kMonths = {"January",   "February", "March",    "April",
                                                      "May",       "June",     "July",     "August",
                                                      "September", "October",  "November", "December"};
constexpr std::array<std::string_view, 7> kDays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                   "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 12> kRomanMonths = {"I",   "II",   "III", "IV", "V",  "VI",
                                                           "VII", "VIII", "IX",  "X",  "XI", "XII"};
constexpr std::int64_t kJulianDayOf2000 = 2'451'545;

// Every pattern spelling PostgreSQL accepts, longest first so that the
// first one that matches is the longest.
constexpr std::array<std::string_view, 112> kPatterns = {
    "Y,YYY", "y,yyy", "MONTH", "Month", "month", "SSSSS", "sssss", "A.D.", "a.d.", "B.C.", "b.c.", "A.M.", "a.m.",
    "P.M.",  "p.m.",  "YYYY",  "yyyy",  "IYYY",  "iyyy",  "IDDD",  "iddd", "HH24", "hh24", "HH12", "hh12", "SSSS",
    "ssss",  "YYY",   "yyy",   "IYY",   "iyy",   "MON",   "Mon",   "mon",  "DAY",  "Day",  "day",  "DDD",  "ddd",
    "TZH",   "tzh",   "TZM",   "tzm",   "FF1",   "FF2",   "FF3",   "FF4",  "FF5",  "FF6",  "ff1",  "ff2",  "ff3",
    "ff4",   "ff5",   "ff6",   "YY",    "yy",    "IY",    "iy",    "MM",   "mm",   "DY",   "Dy",   "dy",   "DD",
    "dd",    "ID",    "id",    "HH",    "hh",    "MI",    "mi",    "SS",   "ss",   "MS",   "ms",   "US",   "us",
    "AM",    "am",    "PM",    "pm",    "AD",    "ad",    "BC",    "bc",   "CC",   "cc",   "WW",   "ww",   "IW",
    "iw",    "RM",    "rm",    "TZ",    "tz",    "OF",    "of",    "FX",   "fx",   "Y",    "y",    "I",    "i",
    "D",     "d",     "J",     "j",     "Q",     "q",     "W",     "w"};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The spelling with its case folded: what decides the field.
std::string field_of(const DateTimeFormatNode& n) { return upper(n.text); }

// Names in the case the pattern's spelling asks for: MONTH, Month, month.
std::string cased(std::string_view name, std::string_view spelling) {
  if (spelling.size() > 1 && std::isupper(static_cast<unsigned char>(spelling[1]))) return upper(name);
  if (std::islower(static_cast<unsigned char>(spelling[0]))) return lower(name);
  return std::string(name);
}

std::string ordinal_suffix(std::int64_t n, bool upper_case) {
  std::int64_t last_two = (n < 0 ? -n : n) % 100, last = last_two % 10;
  std::string s = (last_two >= 11 && last_two <= 13) ? "th"
                  : last == 1                        ? "st"
                  : last == 2                        ? "nd"
                  : last == 3                        ? "rd"
                                                     : "th";
  return upper_case ? upper(s) : s;
}

// printf's %0*d: the width counts the sign.
std::string zero_padded(std::int64_t v, int width) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  int room = width - (v < 0 ? 1 : 0);
  if (static_cast<int>(digits.size()) < room) digits.insert(0, static_cast<std::size_t>(room) - digits.size(), '0');
  return (v < 0 ? "-" : "") + digits;
}

std::string right_padded(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

struct Calendar {
  std::int64_t days;  // since 2000-01-01
  int weekday;        // 0 Sunday
  int day_of_year;
  std::int64_t iso_year;
  int iso_week;
  int iso_weekday;  // 1 Monday .. 7 Sunday
};

int weekday_of(std::int64_t days) { return static_cast<int>(tp::floor_mod(days + 6, 7)); }  // 2000-01-01: Saturday

int iso_weeks_in(std::int64_t year) {
  int jan1 = weekday_of(tp::days_from_civil(year, 1, 1));
  return jan1 == 4 || (tp::is_leap(year) && jan1 == 3) ? 53 : 52;
}

Calendar calendar_of(const DateTimeParts& p) {
  Calendar c{};
  c.days = tp::days_from_civil(p.year, p.month, p.day);
  c.weekday = weekday_of(c.days);
  c.day_of_year = static_cast<int>(c.days - tp::days_from_civil(p.year, 1, 1)) + 1;
  c.iso_weekday = c.weekday == 0 ? 7 : c.weekday;
  c.iso_year = p.year;
  c.iso_week = (c.day_of_year - c.iso_weekday + 10) / 7;
  if (c.iso_week < 1) {
    c.iso_year = p.year - 1;
    c.iso_week = iso_weeks_in(c.iso_year);
  } else if (c.iso_week > iso_weeks_in(p.year)) {
    c.iso_year = p.year + 1;
    c.iso_week = 1;
  }
  return c;
}

[[noreturn]] void invalid_for_interval() {
  throw DbError(sqlstate::kInvalidDatetimeFormat, "invalid format specification for an interval value")
      .with_hint("Intervals are not tied to specific calendar dates.");
}

// The text of one pattern for the value, before TH and without FM's trimming of names.
std::string format_field(const DateTimeFormatNode& n, const DateTimeParts& p, const Calendar& c,
                         std::optional<std::int64_t>& number) {
  const std::string f = field_of(n);
  const int pad = n.fill_mode ? 0 : 1;
  // BC years show as positive numbers; an interval's years are as they are.
  const std::int64_t year = p.interval || p.year > 0 ? p.year : 1 - p.year;
  const std::int64_t iso_year = p.interval || c.iso_year > 0 ? c.iso_year : 1 - c.iso_year;
  auto num = [&](std::int64_t v, int width) {
    number = v;
    return zero_padded(v, width * pad);
  };
  // Fields an interval can make negative keep their digits: -02, not -2.
  auto signed_num = [&](std::int64_t v, int width) { return num(v, v < 0 ? width + 1 : width); };
  const std::int64_t hour12 = p.hour % 12 == 0 ? 12 : p.hour % 12;
  const bool pm = p.hour % 24 >= 12;
  if (f == "Y,YYY") {
    number = year;
    return std::to_string(year / 1000) + "," + zero_padded(year % 1000, 3);
  }
  if (f == "YYYY") return signed_num(year, 4);
  if (f == "YYY") return num(year % 1000, 3);
  if (f == "YY") return num(year % 100, 2);
  if (f == "Y") return num(year % 10, 1);
  if (f == "IYYY") return signed_num(iso_year, 4);
  if (f == "IYY") return num(iso_year % 1000, 3);
  if (f == "IY") return num(iso_year % 100, 2);
  if (f == "I") return num(iso_year % 10, 1);
  if (f == "MONTH" || f == "MON") {
    if (p.interval) invalid_for_interval();
    std::string_view name = kMonths[static_cast<std::size_t>(p.month - 1)];
    if (f == "MON") return cased(name.substr(0, 3), n.text);
    return n.fill_mode ? cased(name, n.text) : right_padded(cased(name, n.text), 9);
  }
  if (f == "MM") return signed_num(p.month, 2);
  if (f == "DAY" || f == "DY") {
    if (p.interval) invalid_for_interval();
    std::string_view name = kDays[static_cast<std::size_t>(c.weekday)];
    if (f == "DY") return cased(name.substr(0, 3), n.text);
    return n.fill_mode ? cased(name, n.text) : right_padded(cased(name, n.text), 9);
  }
  // An interval's day of year counts 30-day months (interval_to_char's tm_yday).
  if (f == "DDD") return num(p.interval ? (p.year * 12 + p.month) * 30 + p.day : c.day_of_year, 3);
  if (f == "IDDD") return num((c.iso_week - 1) * 7 + c.iso_weekday, 3);
  if (f == "DD") return num(p.day, 2);
  if (f == "D") {
    if (p.interval) invalid_for_interval();
    return num(c.weekday + 1, 1);
  }
  if (f == "ID") {
    if (p.interval) invalid_for_interval();
    return num(c.iso_weekday, 1);
  }
  if (f == "HH24") return signed_num(p.hour, 2);
  if (f == "HH12" || f == "HH") return signed_num(hour12, 2);
  if (f == "MI") return signed_num(p.minute, 2);
  if (f == "SS") return signed_num(p.second, 2);
  if (f == "SSSS" || f == "SSSSS") return num(p.hour * 3600 + p.minute * 60 + p.second, 0);
  if (f == "MS") return num(p.micros / 1000, 3);
  if (f == "US") return num(p.micros, 6);
  if (f.size() == 3 && f.starts_with("FF")) {
    int digits = f[2] - '0';
    std::int64_t scale = 1;
    for (int i = digits; i < 6; ++i) scale *= 10;
    return num(p.micros / scale, digits);
  }
  if (f == "AM" || f == "PM") return cased(pm ? "PM" : "AM", n.text);
  if (f == "A.M." || f == "P.M.") return cased(pm ? "P.M." : "A.M.", n.text);
  if (p.interval &&
      (f == "AD" || f == "BC" || f == "A.D." || f == "B.C." || f == "TZ" || f == "OF" || f == "TZH" || f == "TZM")) {
    invalid_for_interval();
  }
  if (f == "AD" || f == "BC") return cased(p.year > 0 ? "AD" : "BC", n.text);
  if (f == "A.D." || f == "B.C.") return cased(p.year > 0 ? "A.D." : "B.C.", n.text);
  if (f == "CC") {
    std::int64_t century = p.interval ? p.year / 100 : p.year > 0 ? (p.year - 1) / 100 + 1 : -((-p.year) / 100 + 1);
    return signed_num(century, 2);
  }
  if (f == "J") return num(c.days + kJulianDayOf2000, 0);
  if (f == "Q") return num((p.month - 1) / 3 + 1, 1);
  if (f == "W") return num((p.day - 1) / 7 + 1, 1);
  if (f == "WW") return num((c.day_of_year - 1) / 7 + 1, 2);
  if (f == "IW") return num(c.iso_week, 2);
  if (f == "RM") {
    if (p.interval && p.month == 0) return "";
    std::string roman = cased(kRomanMonths[static_cast<std::size_t>(p.month - 1)], n.text);
    return n.fill_mode ? roman : right_padded(roman, 4);
  }
  // The session time zone is UTC; a timestamp without one names none,
  // but its offset shows as zero.
  if (f == "TZ") return p.has_zone ? cased("UTC", n.text) : "";
  if (f == "OF" || f == "TZH") return "+00";
  if (f == "TZM") return "00";
  return "";  // FX only changes how input is read
}

bool is_separator(char c) { return !std::isalnum(static_cast<unsigned char>(c)); }

// Reads the template for to_date / to_timestamp.
class DateTimeReader {
 public:
  DateTimeReader(std::string_view text, const std::vector<DateTimeFormatNode>& nodes) : text_(text), nodes_(nodes) {}

  DateTimeParts read() {
    for (std::size_t i = 0; i < nodes_.size() && pos_ < text_.size(); ++i) {
      const DateTimeFormatNode& n = nodes_[i];
      switch (n.kind) {
        case DateTimeFormatNode::Kind::kSpace:
          separator(n.text);
          break;
        case DateTimeFormatNode::Kind::kLiteral:
          pos_ = std::min(text_.size(), pos_ + n.text.size());
          break;
        case DateTimeFormatNode::Kind::kPattern:
          skip_blanks();
          if (pos_ < text_.size())
            field(n, i + 1 >= nodes_.size() || nodes_[i + 1].kind != DateTimeFormatNode::Kind::kPattern);
          break;
      }
    }
    return finish();
  }

 private:
  void skip_blanks() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  // Unquoted template text: a letter or digit takes one input character,
  // whatever it is; a space or punctuation takes the blanks there and one
  // separator after them, if there is one (the non-FX rules of PostgreSQL
  // 12 and later).
  void separator(std::string_view sep) {
    for (char c : sep) {
      if (pos_ >= text_.size()) return;
      if (std::isalnum(static_cast<unsigned char>(c))) {
        ++pos_;
        continue;
      }
      skip_blanks();
      if (pos_ < text_.size() && is_separator(text_[pos_]) && !std::isspace(static_cast<unsigned char>(text_[pos_]))) {
        ++pos_;
      }
    }
  }

  [[noreturn]] void bad_value(std::string_view value, std::string_view pattern, const char* detail) {
    throw DbError(sqlstate::kInvalidDatetimeFormat,
                  "invalid value \"" + std::string(value) + "\" for \"" + std::string(pattern) + "\"")
        .with_detail(detail);
  }

  // An integer of up to `width` digits; all the digits there are when the
  // field is followed by a separator or in FM, else exactly `width`.
  std::int64_t integer(const DateTimeFormatNode& n, int width, bool free_width, int* digits_read = nullptr) {
    bool negative = false;
    std::size_t start = pos_;
    if (pos_ < text_.size() && (text_[pos_] == '-' || text_[pos_] == '+')) {
      negative = text_[pos_] == '-';
      ++pos_;
    }
    std::size_t first_digit = pos_;
    if (!free_width && !n.fill_mode && text_.size() - pos_ < static_cast<std::size_t>(width)) {
      throw DbError(sqlstate::kInvalidDatetimeFormat, "source string too short for \"" + n.text + "\" formatting field")
          .with_detail("Field requires " + std::to_string(width) + " characters, but only " +
                       std::to_string(text_.size() - pos_) + " remain.")
          .with_hint("If your source string is not fixed-width, try using the \"FM\" modifier.");
    }
    std::size_t limit = free_width || n.fill_mode ? text_.size() : pos_ + static_cast<std::size_t>(width);
    std::int64_t v = 0;
    while (pos_ < limit && std::isdigit(static_cast<unsigned char>(text_[pos_])) && pos_ - first_digit < 18) {
      v = v * 10 + (text_[pos_++] - '0');
    }
    if (pos_ == first_digit || (!free_width && !n.fill_mode && pos_ < limit)) {
      std::size_t end = start;
      while (end < text_.size() && end - start < static_cast<std::size_t>(std::max(width, 1)) &&
             !std::isspace(static_cast<unsigned char>(text_[end]))) {
        ++end;
      }
      bad_value(text_.substr(start, end - start), n.text, "Value must be an integer.");
    }
    if (digits_read != nullptr) *digits_read = static_cast<int>(pos_ - first_digit);
    if (n.ordinal) pos_ = std::min(text_.size(), pos_ + 2);
    return negative ? -v : v;
  }

  // One of `names`, case-insensitively, whole or (if `prefix`) its first letters.
  int name(const DateTimeFormatNode& n, const std::string_view* names, int count, std::size_t prefix) {
    for (int i = 0; i < count; ++i) {
      std::string_view want = prefix > 0 ? names[i].substr(0, prefix) : names[i];
      if (text_.size() - pos_ >= want.size() && lower(text_.substr(pos_, want.size())) == lower(want)) {
        pos_ += want.size();
        return i;
      }
    }
    std::size_t end = pos_;
    while (end < text_.size() && std::isalpha(static_cast<unsigned char>(text_[end]))) ++end;
    if (end == pos_) end = std::min(text_.size(), pos_ + 1);
    bad_value(text_.substr(pos_, end - pos_), n.text,
              "The given value did not match any of the allowed values for this field.");
  }

  void field(const DateTimeFormatNode& n, bool free_width) {
    const std::string f = field_of(n);
    int digits = 0;
    if (f == "YYYY") {
      year_ = integer(n, 4, free_width);
    } else if (f == "IYYY") {
      iso_year_ = integer(n, 4, free_width);
    } else if (f == "Y,YYY") {
      std::int64_t thousands = integer(n, 1, true);
      if (pos_ < text_.size() && text_[pos_] == ',') ++pos_;
      year_ = thousands * 1000 + integer(n, 3, true);
    } else if (f == "YYY" || f == "YY" || f == "Y" || f == "IYY" || f == "IY" || f == "I") {
      bool iso = f[0] == 'I';
      std::int64_t y = integer(n, static_cast<int>(f.size() - (iso ? 1 : 0)), free_width, &digits);
      (iso ? iso_year_ : year_) = digits >= 4 ? y : near_2020(y);
    } else if (f == "MONTH") {
      month_ = name(n, kMonths.data(), 12, 0) + 1;
    } else if (f == "MON") {
      month_ = name(n, kMonths.data(), 12, 3) + 1;
    } else if (f == "MM") {
      month_ = static_cast<int>(integer(n, 2, free_width));
    } else if (f == "RM") {
      std::array<std::string_view, 12> longest_first = {"VIII", "III", "VII", "XII", "II", "IV",
                                                        "VI",   "IX",  "XI",  "I",   "V",  "X"};
      constexpr std::array<int, 12> kMonthOf = {8, 3, 7, 12, 2, 4, 6, 9, 11, 1, 5, 10};
      month_ = kMonthOf[static_cast<std::size_t>(name(n, longest_first.data(), 12, 0))];
    } else if (f == "DAY") {
      name(n, kDays.data(), 7, 0);
    } else if (f == "DY") {
      name(n, kDays.data(), 7, 3);
    } else if (f == "DD") {
      day_ = static_cast<int>(integer(n, 2, free_width));
    } else if (f == "DDD" || f == "IDDD") {
      day_of_year_ = static_cast<int>(integer(n, 3, free_width));
    } else if (f == "ID") {
      iso_day_ = static_cast<int>(integer(n, 1, free_width));
    } else if (f == "D") {
      integer(n, 1, free_width);  // the weekday follows from the date
    } else if (f == "HH24") {
      hour_ = integer(n, 2, free_width);
    } else if (f == "HH" || f == "HH12") {
      hour_ = integer(n, 2, free_width);
      twelve_hour_ = true;
    } else if (f == "MI") {
      minute_ = integer(n, 2, free_width);
    } else if (f == "SS") {
      second_ = integer(n, 2, free_width);
    } else if (f == "SSSS" || f == "SSSSS") {
      std::int64_t s = integer(n, 5, free_width);
      hour_ = s / 3600;
      minute_ = s / 60 % 60;
      second_ = s % 60;
    } else if (f == "MS" || f == "US" || (f.size() == 3 && f.starts_with("FF"))) {
      // Fractions: "25" for MS is .25 of a second, 250 milliseconds.
      int width = f == "MS" ? 3 : f == "US" ? 6 : f[2] - '0';
      std::int64_t v = integer(n, width, free_width, &digits);
      for (int i = digits; i < 6; ++i) v *= 10;
      micros_ = f == "MS" ? v - v % 1000 : v;
    } else if (f == "AM" || f == "PM" || f == "A.M." || f == "P.M.") {
      constexpr std::array<std::string_view, 2> kPlain = {"AM", "PM"}, kDotted = {"A.M.", "P.M."};
      pm_ = name(n, f.size() == 2 ? kPlain.data() : kDotted.data(), 2, 0) == 1;
      twelve_hour_ = true;
    } else if (f == "AD" || f == "BC" || f == "A.D." || f == "B.C.") {
      constexpr std::array<std::string_view, 2> kPlain = {"AD", "BC"}, kDotted = {"A.D.", "B.C."};
      bc_ = name(n, f.size() == 2 ? kPlain.data() : kDotted.data(), 2, 0) == 1;
    } else if (f == "CC") {
      century_ = integer(n, 2, free_width);
    } else if (f == "J") {
      julian_ = integer(n, 7, true);
    } else if (f == "IW") {
      iso_week_ = static_cast<int>(integer(n, 2, free_width));
    } else if (f == "Q" || f == "W" || f == "WW") {
      integer(n, f.size() == 1 ? 1 : 2, free_width);  // ignored, as PostgreSQL ignores them with a full date
    } else if (f == "TZ" || f == "OF") {
      throw DbError(sqlstate::kFeatureNotSupported, "formatting field \"" + n.text + "\" is only supported in to_char");
    } else if (f == "TZH" || f == "TZM") {
      throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: formatting field \"" + n.text + "\" in input");
    }
  }

  // A year of fewer than four digits is the one nearest 2020.
  static std::int64_t near_2020(std::int64_t y) {
    if (y < 70) return y + 2000;
    if (y < 100) return y + 1900;
    if (y < 520) return y + 2000;
    if (y < 1000) return y + 1000;
    return y;
  }

  [[noreturn]] void out_of_range() {
    throw DbError(sqlstate::kDatetimeFieldOverflow,
                  "date/time field value out of range: \"" + std::string(text_) + "\"");
  }

  DateTimeParts finish() {
    DateTimeParts p;
    // Without a year the result is in year 0, 1 BC, as PostgreSQL's is; a
    // negative year is one BC.
    p.year = year_.value_or(iso_year_.value_or(century_ ? (*century_ - 1) * 100 + 1 : 0));
    if (p.year < 0) p.year += 1;
    if (bc_ && p.year > 0) p.year = 1 - p.year;
    if (iso_week_ && !month_ && !day_) {
      // An ISO week date: week 1 is the one with the year's first Thursday.
      std::int64_t jan4 = tp::days_from_civil(iso_year_.value_or(p.year), 1, 4);
      std::int64_t monday = jan4 - (tp::floor_mod(jan4 + 5, 7));  // 2000-01-03 was a Monday
      tp::Civil c = tp::civil_from_days(monday + (*iso_week_ - 1) * 7 + (iso_day_.value_or(1) - 1));
      p.year = c.year;
      month_ = c.month;
      day_ = c.day;
    }
    if (julian_) {
      tp::Civil c = tp::civil_from_days(*julian_ - kJulianDayOf2000);
      p.year = c.year;
      month_ = c.month;
      day_ = c.day;
    }
    if (day_of_year_ && !day_) {
      if (*day_of_year_ < 1 || *day_of_year_ > (tp::is_leap(p.year) ? 366 : 365)) out_of_range();
      tp::Civil c = tp::civil_from_days(tp::days_from_civil(p.year, 1, 1) + *day_of_year_ - 1);
      month_ = c.month;
      day_ = c.day;
    }
    p.month = month_.value_or(1);
    p.day = day_.value_or(1);
    if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > tp::days_in_month(p.year, p.month)) out_of_range();
    if (twelve_hour_) {
      if (hour_ < 1 || hour_ > 12) {
        throw DbError(sqlstate::kInvalidDatetimeFormat,
                      "hour \"" + std::to_string(hour_) + "\" is invalid for the 12-hour clock")
            .with_hint("Use the 24-hour clock, or give an hour between 1 and 12.");
      }
      if (pm_ && hour_ < 12) hour_ += 12;
      if (!pm_ && hour_ == 12) hour_ = 0;
    }
    if (hour_ < 0 || hour_ > 23 || minute_ < 0 || minute_ > 59 || second_ < 0 || second_ > 59) {
      out_of_range();
    }
    p.hour = hour_;
    p.minute = static_cast<int>(minute_);
    p.second = static_cast<int>(second_);
    p.micros = static_cast<int>(micros_);
    return p;
  }

  std::string_view text_;
  const std::vector<DateTimeFormatNode>& nodes_;
  std::size_t pos_ = 0;
  std::optional<std::int64_t> year_, iso_year_, century_, julian_;
  std::optional<int> month_, day_, day_of_year_, iso_week_, iso_day_;
  std::int64_t hour_ = 0, minute_ = 0, second_ = 0, micros_ = 0;
  bool twelve_hour_ = false, pm_ = false, bc_ = false;
};

}  // namespace

std::vector<DateTimeFormatNode> parse_datetime_format(std::string_view f) {
  std::vector<DateTimeFormatNode> nodes;
  auto literal = [&](DateTimeFormatNode::Kind kind, char c) {
    if (nodes.empty() || nodes.back().kind != kind) nodes.push_back({kind, "", false, false, false});
    nodes.back().text += c;
  };
  for (std::size_t i = 0; i < f.size();) {
    if (f[i] == '"') {
      // Quoted text; a backslash makes the next character plain.
      nodes.push_back({DateTimeFormatNode::Kind::kLiteral, "", false, false, false});
      for (++i; i < f.size() && f[i] != '"'; ++i) {
        if (f[i] == '\\' && i + 1 < f.size()) ++i;
        nodes.back().text += f[i];
      }
      ++i;
      continue;
    }
    if (f[i] == '\\' && i + 1 < f.size() && f[i + 1] == '"') {
      literal(DateTimeFormatNode::Kind::kSpace, '"');
      i += 2;
      continue;
    }
    bool fill = false;
    std::size_t at = i;
    // FM (fill mode) and TM (translation, a no-op in English) prefixes.
    while (at + 1 < f.size() &&
           (f.substr(at, 2) == "FM" || f.substr(at, 2) == "fm" || f.substr(at, 2) == "TM" || f.substr(at, 2) == "tm")) {
      fill = fill || f[at] == 'F' || f[at] == 'f';
      at += 2;
    }
    auto match = std::find_if(kPatterns.begin(), kPatterns.end(),
                              [&](std::string_view p) { return f.substr(at, p.size()) == p; });
    if (match == kPatterns.end()) {
      literal(DateTimeFormatNode::Kind::kSpace, f[i]);
      ++i;
      continue;
    }
    DateTimeFormatNode node{DateTimeFormatNode::Kind::kPattern, std::string(*match), fill, false, false};
    i = at + match->size();
    if (f.substr(i, 2) == "TH" || f.substr(i, 2) == "th") {
      node.ordinal = true;
      node.upper_ordinal = f[i] == 'T';
      i += 2;
    }
    nodes.push_back(std::move(node));
  }
  return nodes;
}

std::string format_datetime(const std::vector<DateTimeFormatNode>& nodes, const DateTimeParts& parts) {
  std::string out;
  Calendar calendar = parts.interval ? Calendar{} : calendar_of(parts);
  for (const DateTimeFormatNode& n : nodes) {
    if (n.kind != DateTimeFormatNode::Kind::kPattern) {
      out += n.text;
      continue;
    }
    std::optional<std::int64_t> number;
    out += format_field(n, parts, calendar, number);
    if (n.ordinal && number) out += ordinal_suffix(*number, n.upper_ordinal);
  }
  return out;
}

DateTimeParts parse_datetime(std::string_view text, const std::vector<DateTimeFormatNode>& nodes) {
  return DateTimeReader(text, nodes).read();
}

}  // namespace heliosdb::engine

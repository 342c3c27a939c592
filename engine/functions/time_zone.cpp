#include "engine/functions/time_zone.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>

#include "engine/types/temporal_calendar.hpp"
#include "heliosdb/pg_tz_abbreviations.hpp"

namespace heliosdb::engine {

namespace {

constexpr std::int64_t kSecondsPerDay = 86'400;
constexpr std::size_t kMaxZoneFileBytes = 1 << 20;

// Zone files count seconds from 1970-01-01; the calendar counts days from 2000-01-01.
constexpr std::int64_t kDaysFrom1970To2000 = 10'957;

std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  return temporal::days_from_civil(y, m, d) + kDaysFrom1970To2000;
}

std::int64_t year_of(std::int64_t unix_seconds) {
  return temporal::civil_from_days(temporal::floor_div(unix_seconds, kSecondsPerDay) - kDaysFrom1970To2000).year;
}

// Day of month of the `week`-th (5: last) `weekday` (0 Sunday) of a month.
int nth_weekday(std::int64_t year, int month, int week, int weekday) {
  int length = temporal::days_in_month(year, month);
  std::int64_t first = days_from_civil(year, month, 1);
  int first_weekday = static_cast<int>(((first + 4) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
  int day = 1 + (weekday - first_weekday + 7) % 7 + (week - 1) * 7;
  while (day > length) day -= 7;
  return day;
}

// Reads a POSIX TZ string left to right.
class PosixReader {
 public:
  explicit PosixReader(std::string_view s) : s_(s) {}

  bool done() const { return pos_ >= s_.size(); }
  std::size_t pos() const { return pos_; }
  bool peek(char c) const { return !done() && s_[pos_] == c; }
  bool accept(char c) {
    if (!peek(c)) return false;
    ++pos_;
    return true;
  }

  // An abbreviation: letters, or anything but '>' inside <...>. Empty is allowed.
  bool name() {
    if (accept('<')) {
      while (!done() && s_[pos_] != '>') ++pos_;
      return accept('>');
    }
    while (!done() && std::isalpha(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    return true;
  }

  bool starts_offset() const {
    return !done() && (s_[pos_] == '+' || s_[pos_] == '-' || std::isdigit(static_cast<unsigned char>(s_[pos_])));
  }

  // [+-]hh[:mm[:ss]] in seconds, with hours up to 167 (RFC 8536's extension).
  bool offset(std::int32_t& seconds) {
    int sign = 1;
    if (accept('-')) {
      sign = -1;
    } else {
      accept('+');
    }
    int h = 0, m = 0, sec = 0;
    if (!number(h, 0, 167)) return false;
    if (accept(':')) {
      if (!number(m, 0, 59)) return false;
      if (accept(':') && !number(sec, 0, 59)) return false;
    }
    seconds = sign * (h * 3600 + m * 60 + sec);
    return true;
  }

  // ,Mm.w.d[/time]: the only date form current zone files use.
  bool date(int& month, int& week, int& weekday, std::int32_t& time) {
    if (!accept('M') || !number(month, 1, 12) || !accept('.') || !number(week, 1, 5) || !accept('.') ||
        !number(weekday, 0, 6)) {
      return false;
    }
    time = 7200;
    return !accept('/') || offset(time);
  }

 private:
  bool number(int& out, int lo, int hi) {
    std::size_t start = pos_;
    long v = 0;
    while (!done() && std::isdigit(static_cast<unsigned char>(s_[pos_])) && pos_ - start < 4) {
      v = v * 10 + (s_[pos_++] - '0');
    }
    out = static_cast<int>(v);
    return pos_ > start && v >= lo && v <= hi;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

std::uint32_t be32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3]));
}

std::int64_t be64(std::string_view b, std::size_t at) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(be32(b, at)) << 32 | be32(b, at + 4));
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Only names made of these characters, with no "." component, reach the
// file system: a client's zone name must not walk out of the zone directory.
bool safe_zone_name(std::string_view name) {
  if (name.empty() || name.size() > 255 || name.front() == '/' || name.back() == '/') return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '_' && c != '-' && c != '+') return false;
  }
  return name.find("//") == std::string_view::npos;
}

// The zone file for `name`, each path component matched case-insensitively.
std::optional<std::filesystem::path> zone_file(std::string_view name) {
  namespace fs = std::filesystem;
  const char* dir = std::getenv("TZDIR");
  fs::path path = dir != nullptr && *dir != '\0' ? fs::path(dir) : fs::path("/usr/share/zoneinfo");
  std::error_code ec;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t slash = name.find('/', start);
    std::string_view part = name.substr(start, slash == std::string_view::npos ? name.npos : slash - start);
    fs::path exact = path / std::string(part);
    if (fs::exists(exact, ec)) {
      path = exact;
    } else {
      bool found = false;
      for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        if (lower(it->path().filename().string()) == lower(part)) {
          path = it->path();
          found = true;
          break;
        }
      }
      if (!found) return std::nullopt;
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  return path;
}

std::optional<std::string> read_small_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes(kMaxZoneFileBytes + 1, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  auto n = static_cast<std::size_t>(in.gcount());
  if (n > kMaxZoneFileBytes) return std::nullopt;
  bytes.resize(n);
  return bytes;
}

}  // namespace

std::optional<TimeZone> TimeZone::parse_posix(std::string_view spec) {
  PosixReader r(spec);
  TimeZone zone;
  std::int32_t std_west = 0;
  if (!r.name() || !r.offset(std_west)) return std::nullopt;
  zone.initial_offset_ = zone.std_offset_ = -std_west;
  if (r.done()) return zone;
  std::size_t mark = r.pos();
  if (!r.name() || r.pos() == mark) return std::nullopt;  // what follows the offset must be a daylight name
  Rule rule;
  rule.std_offset = -std_west;
  rule.dst_offset = rule.std_offset + 3600;
  if (r.starts_offset()) {
    std::int32_t dst_west = 0;
    if (!r.offset(dst_west)) return std::nullopt;
    rule.dst_offset = -dst_west;
  }
  if (r.done()) {
    // No dates: the US rules, as tzcode assumes without a posixrules file.
    rule.start_month = 3, rule.start_week = 2, rule.start_day = 0;
    rule.end_month = 11, rule.end_week = 1, rule.end_day = 0;
  } else if (!r.accept(',') || !r.date(rule.start_month, rule.start_week, rule.start_day, rule.start_time) ||
             !r.accept(',') || !r.date(rule.end_month, rule.end_week, rule.end_day, rule.end_time) || !r.done()) {
    return std::nullopt;
  }
  zone.rule_ = rule;
  return zone;
}

std::optional<TimeZone> TimeZone::parse_tzif(std::string_view b) {
  constexpr std::size_t kHeader = 44;
  auto block_size = [&](std::size_t header, std::size_t time_size) -> std::optional<std::size_t> {
    if (b.size() < header + kHeader || b.substr(header, 4) != "TZif") return std::nullopt;
    std::size_t isut = be32(b, header + 20), isstd = be32(b, header + 24), leap = be32(b, header + 28),
                time = be32(b, header + 32), type = be32(b, header + 36), chars = be32(b, header + 40);
    if (time > 100'000 || type > 256 || type == 0 || chars > 100'000 || leap > 100'000 || isut > 256 || isstd > 256) {
      return std::nullopt;
    }
    std::size_t size = time * time_size + time + type * 6 + chars + leap * (time_size + 4) + isstd + isut;
    if (b.size() < header + kHeader + size) return std::nullopt;
    return size;
  };
  std::optional<std::size_t> v1 = block_size(0, 4);
  if (!v1) return std::nullopt;
  bool v2 = b[4] >= '2';
  std::size_t header = v2 ? kHeader + *v1 : 0;
  std::size_t time_size = v2 ? 8 : 4;
  std::optional<std::size_t> size = v2 ? block_size(header, 8) : v1;
  if (!size) return std::nullopt;
  std::size_t time_count = be32(b, header + 32), type_count = be32(b, header + 36);
  std::size_t times = header + kHeader, indexes = times + time_count * time_size, types = indexes + time_count;
  std::vector<std::int32_t> offsets;
  for (std::size_t i = 0; i < type_count; ++i) offsets.push_back(static_cast<std::int32_t>(be32(b, types + i * 6)));
  TimeZone zone;
  zone.initial_offset_ = zone.std_offset_ = offsets[0];
  for (std::size_t i = 0; i < time_count; ++i) {
    auto index = static_cast<unsigned char>(b[indexes + i]);
    if (index >= type_count) return std::nullopt;
    std::int64_t at = time_size == 8 ? be64(b, times + i * 8) : static_cast<std::int32_t>(be32(b, times + i * 4));
    zone.transitions_.push_back({at, offsets[index]});
    zone.std_offset_ = offsets[index];
  }
  // Version 2+: the POSIX string after the data governs times past the table.
  std::size_t footer = header + kHeader + *size;
  if (v2 && footer < b.size() && b[footer] == '\n') {
    std::size_t end = b.find('\n', footer + 1);
    if (end != std::string_view::npos && end > footer + 1) {
      if (std::optional<TimeZone> tail = parse_posix(b.substr(footer + 1, end - footer - 1))) {
        zone.rule_ = tail->rule_;
        zone.std_offset_ = tail->std_offset_;
      }
    }
  }
  return zone;
}

std::shared_ptr<const TimeZone> TimeZone::find(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const TimeZone>, std::less<>> cache;
  std::string key = lower(name);
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  std::optional<TimeZone> zone;
  // Abbreviations come first, as in PostgreSQL: 'CET' is always +01, though
  // the zone file of that name has summer time.
  const auto& abbreviations = tz_abbreviation::kTimeZoneAbbreviations;
  auto abbreviation = std::lower_bound(abbreviations.begin(), abbreviations.end(), key,
                                       [](const auto& entry, const std::string& k) { return entry.name < k; });
  if (abbreviation != abbreviations.end() && abbreviation->name == key) {
    if (!abbreviation->zone.empty()) return find(abbreviation->zone);
    zone = TimeZone{};
    zone->initial_offset_ = zone->std_offset_ = abbreviation->offset;
  }
  if (!zone && safe_zone_name(name)) {
    if (std::optional<std::filesystem::path> path = zone_file(name)) {
      if (std::optional<std::string> bytes = read_small_file(*path)) zone = parse_tzif(*bytes);
    }
  }
  if (!zone) zone = parse_posix(name);
  if (!zone) return nullptr;
  auto shared = std::make_shared<const TimeZone>(std::move(*zone));
  std::lock_guard lock(mutex);
  if (cache.size() < 1024) cache.emplace(std::move(key), shared);
  return shared;
}

std::vector<TimeZone::Transition> TimeZone::rule_transitions(std::int64_t year) const {
  const Rule& r = *rule_;
  auto local = [&](int month, int week, int day, std::int32_t time) {
    return days_from_civil(year, month, nth_weekday(year, month, week, day)) * kSecondsPerDay + time;
  };
  // The start is given in standard time, the end in daylight time.
  std::vector<Transition> out{
      {local(r.start_month, r.start_week, r.start_day, r.start_time) - r.std_offset, r.dst_offset},
      {local(r.end_month, r.end_week, r.end_day, r.end_time) - r.dst_offset, r.std_offset}};
  if (out[1].at < out[0].at) std::swap(out[0], out[1]);
  return out;
}

std::int32_t TimeZone::offset_at(std::int64_t utc) const {
  if (!transitions_.empty() && utc < transitions_.front().at) return initial_offset_;
  if (transitions_.empty() && !rule_) return initial_offset_;
  if (!transitions_.empty() && (utc < transitions_.back().at || !rule_)) {
    auto it = std::upper_bound(transitions_.begin(), transitions_.end(), utc,
                               [](std::int64_t t, const Transition& x) { return t < x.at; });
    return std::prev(it)->offset;
  }
  if (!rule_) return std_offset_;
  std::int64_t year = year_of(utc);
  std::int32_t offset = rule_transitions(year - 1).back().offset;
  for (std::int64_t y = year - 1; y <= year + 1; ++y) {
    for (const Transition& t : rule_transitions(y)) {
      if (t.at <= utc) offset = t.offset;
    }
  }
  return offset;
}

std::optional<TimeZone::Transition> TimeZone::next_transition(std::int64_t utc, std::int32_t& before) const {
  before = offset_at(utc);
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), utc,
                             [](std::int64_t t, const Transition& x) { return t < x.at; });
  if (it != transitions_.end()) return *it;
  if (!rule_) return std::nullopt;
  std::int64_t year = year_of(utc);
  for (std::int64_t y = year; y <= year + 1; ++y) {
    for (const Transition& t : rule_transitions(y)) {
      if (t.at > utc) return t;
    }
  }
  return std::nullopt;
}

std::int32_t TimeZone::offset_for_local(std::int64_t local) const {
  // The first transition after a day before `local` (no zone's offset
  // reaches a day), tried with the offsets on either side of it.
  std::int32_t before = 0;
  std::optional<Transition> next = next_transition(local - kSecondsPerDay, before);
  if (!next) return before;
  std::int64_t before_utc = local - before, after_utc = local - next->offset;
  if (before_utc < next->at && after_utc < next->at) return before;
  if (before_utc > next->at && after_utc >= next->at) return next->offset;
  // Skipped (spring forward): the offset before; repeated (fall back): the one after.
  return before_utc > after_utc ? before : next->offset;
}

}  // namespace heliosdb::engine

#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace heliosdb::engine {

/// A time zone as AT TIME ZONE / timezone() names it: a tz database zone
/// read from the system's TZif files (/usr/share/zoneinfo, or $TZDIR), or a
/// POSIX-style specification such as 'UTC+3', '+02' or 'EST5EDT' (offsets
/// west of Greenwich are positive there, as PostgreSQL reads them; see the
/// PostgreSQL docs, "POSIX Time Zone Specifications"). Immutable once built,
/// so shared between threads. Times are Unix seconds.
class TimeZone {
 public:
  /// The zone `name` denotes, matched case-insensitively and in
  /// PostgreSQL's order: one of its default time zone abbreviations (a
  /// fixed offset such as PST, or one naming a zone), a zone file, a POSIX
  /// specification; nullptr if none. Loaded zones are cached for the
  /// process (thread-safe).
  static std::shared_ptr<const TimeZone> find(std::string_view name);

  /// A POSIX TZ specification (`std offset [dst [offset] [,rule]]`, an
  /// empty std name allowed); nullopt if malformed.
  static std::optional<TimeZone> parse_posix(std::string_view spec);

  /// Parses TZif data (RFC 8536, version 2 or later used when present);
  /// nullopt if it is not well-formed. Every length is checked first.
  static std::optional<TimeZone> parse_tzif(std::string_view bytes);

  /// Offset from UTC in seconds, east positive, in effect at `utc`.
  std::int32_t offset_at(std::int64_t utc) const;

  /// The offset to subtract from the wall-clock time `local` to get UTC.
  /// A time skipped by a spring-forward transition takes the offset before
  /// it, a repeated one the offset after it (PostgreSQL's
  /// DetermineTimeZoneOffset).
  std::int32_t offset_for_local(std::int64_t local) const;

 private:
  struct Transition {
    std::int64_t at;      ///< UTC seconds
    std::int32_t offset;  ///< in effect from `at` on
  };
  /// A rule for daylight time every year (the `,start,end` of a POSIX spec).
  struct Rule {
    std::int32_t std_offset = 0, dst_offset = 0;  ///< east positive
    int start_month = 0, start_week = 0, start_day = 0;
    std::int32_t start_time = 7200;
    int end_month = 0, end_week = 0, end_day = 0;
    std::int32_t end_time = 7200;
  };

  /// The first transition after `utc`, if any (from the table, then the rule).
  std::optional<Transition> next_transition(std::int64_t utc, std::int32_t& before) const;
  std::vector<Transition> rule_transitions(std::int64_t year) const;

  std::int32_t initial_offset_ = 0;      ///< before the first transition
  std::vector<Transition> transitions_;  ///< ascending
  std::int32_t std_offset_ = 0;          ///< after the table, without a rule
  std::optional<Rule> rule_;             ///< after the table
};

}  // namespace heliosdb::engine

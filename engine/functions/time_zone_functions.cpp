// AT TIME ZONE, which the grammar spells timezone(zone, value) (PostgreSQL's
// "AT TIME ZONE" section): a timestamp without time zone read as wall-clock
// time in the zone gives a timestamptz; a timestamptz gives the zone's
// wall-clock time. The session time zone is always UTC here, so a
// timestamptz's microseconds are UTC.
#include "engine/common/db_error.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/functions/time_zone.hpp"
#include "engine/types/temporal.hpp"

namespace heliosdb::engine {

namespace {

using T = TypeId;
namespace tp = temporal;

// Seconds from 1970-01-01 (the zone files' epoch) to 2000-01-01 (ours).
constexpr std::int64_t kUnixToPostgres = 946'684'800;

bool infinite(std::int64_t ts) { return ts == tp::kTimestampInfinity || ts == tp::kTimestampMinusInfinity; }

std::int64_t unix_seconds(std::int64_t ts) {
  std::int64_t seconds = ts / tp::kMicrosPerSecond - (ts % tp::kMicrosPerSecond < 0);
  return seconds + kUnixToPostgres;
}

std::shared_ptr<const TimeZone> zone_named(const std::string& name) {
  std::shared_ptr<const TimeZone> zone = TimeZone::find(name);
  if (!zone) throw DbError(sqlstate::kInvalidParameterValue, "time zone \"" + name + "\" not recognized");
  return zone;
}

// timezone(text, timestamp) -> timestamptz.
Value local_to_zone_fn(const std::vector<Value>& a) {
  std::int64_t ts = a[1].as_int();
  if (infinite(ts)) return Value::integer(T::kTimestampTz, ts);
  std::int32_t offset = zone_named(a[0].as_string())->offset_for_local(unix_seconds(ts));
  return Value::integer(T::kTimestampTz, ts - offset * tp::kMicrosPerSecond);
}

// timezone(text, timestamptz) -> timestamp.
Value zone_to_local_fn(const std::vector<Value>& a) {
  std::int64_t ts = a[1].as_int();
  if (infinite(ts)) return Value::integer(T::kTimestamp, ts);
  std::int32_t offset = zone_named(a[0].as_string())->offset_at(unix_seconds(ts));
  return Value::integer(T::kTimestamp, ts + offset * tp::kMicrosPerSecond);
}

// An interval zone is a fixed offset east of UTC ('+02:00' is two hours east).
std::int64_t interval_offset(const Value& v) {
  tp::Interval iv = as_interval(v);
  if (iv.months != 0 || iv.days != 0) {
    throw DbError(sqlstate::kInvalidParameterValue,
                  "interval time zone \"" + tp::format_interval(iv) + "\" must not include months or days");
  }
  return iv.micros;
}

Value local_to_interval_zone_fn(const std::vector<Value>& a) {
  std::int64_t offset = interval_offset(a[0]), ts = a[1].as_int();
  return Value::integer(T::kTimestampTz, infinite(ts) ? ts : ts - offset);
}

Value interval_zone_to_local_fn(const std::vector<Value>& a) {
  std::int64_t offset = interval_offset(a[0]), ts = a[1].as_int();
  return Value::integer(T::kTimestamp, infinite(ts) ? ts : ts + offset);
}

}  // namespace

void register_time_zone_functions(FunctionRegistry& r) {
  const SqlType tz{T::kTimestampTz, -1}, ts{T::kTimestamp, -1};
  r.add("timezone", {{T::kText, T::kTimestamp}, tz, local_to_zone_fn});
  r.add("timezone", {{T::kText, T::kTimestampTz}, ts, zone_to_local_fn});
  r.add("timezone", {{T::kInterval, T::kTimestamp}, tz, local_to_interval_zone_fn});
  r.add("timezone", {{T::kInterval, T::kTimestampTz}, ts, interval_zone_to_local_fn});
}

}  // namespace heliosdb::engine

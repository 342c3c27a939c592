#include "engine/exec/temporal_arith.hpp"

#include "engine/common/db_error.hpp"
#include "engine/types/temporal.hpp"

namespace heliosdb::engine {

namespace {

using temporal::Interval;

Interval negated_if(bool negate, const Interval& iv) { return negate ? temporal::interval_negate(iv) : iv; }

// A time as the interval since midnight (date + time, time + interval).
Interval time_as_interval(const Value& v) { return {0, 0, v.as_int()}; }

}  // namespace

Value temporal_arith(const std::string& op, const Value& a, const Value& b, TypeId result) {
  const TypeId ta = a.type(), tb = b.type();
  const bool minus = op == "-";
  switch (result) {
    case TypeId::kDate: {
      // date +- integer
      const Value& date = ta == TypeId::kDate ? a : b;
      const Value& days = ta == TypeId::kDate ? b : a;
      return Value::integer(TypeId::kDate, temporal::date_add_days(static_cast<std::int32_t>(date.as_int()),
                                                                   minus ? -days.as_int() : days.as_int()));
    }
    case TypeId::kInt4:  // date - date
      if (a.as_int() == temporal::kDateInfinity || a.as_int() == temporal::kDateMinusInfinity ||
          b.as_int() == temporal::kDateInfinity || b.as_int() == temporal::kDateMinusInfinity) {
        throw DbError(sqlstate::kDatetimeFieldOverflow, "cannot subtract infinite dates");
      }
      return Value::integer(TypeId::kInt4, a.as_int() - b.as_int());
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: {
      // (date | timestamp) +- (interval | time)
      bool a_is_point = is_datetime(ta);
      const Value& point = a_is_point ? a : b;
      const Value& offset = a_is_point ? b : a;
      Interval iv = offset.type() == TypeId::kTime ? time_as_interval(offset) : as_interval(offset);
      return Value::integer(result, temporal::timestamp_add(as_timestamp(point), negated_if(minus, iv)));
    }
    case TypeId::kTime: {
      bool a_is_time = ta == TypeId::kTime;
      const Value& time = a_is_time ? a : b;
      Interval iv = as_interval(a_is_time ? b : a);
      return Value::integer(TypeId::kTime, temporal::time_add(time.as_int(), negated_if(minus, iv)));
    }
    case TypeId::kInterval:
      if (is_datetime(ta) && is_datetime(tb)) {
        return interval_value(temporal::timestamp_diff(as_timestamp(a), as_timestamp(b)));
      }
      if (ta == TypeId::kTime && tb == TypeId::kTime) return Value::interval(0, 0, a.as_int() - b.as_int());
      if (ta == TypeId::kInterval && tb == TypeId::kInterval) {
        return interval_value(temporal::interval_add(as_interval(a), negated_if(minus, as_interval(b))));
      }
      if (op == "*") {
        const Value& iv = ta == TypeId::kInterval ? a : b;
        const Value& factor = ta == TypeId::kInterval ? b : a;
        return interval_value(temporal::interval_mul(as_interval(iv), factor.to_double()));
      }
      return interval_value(temporal::interval_div(as_interval(a), b.to_double()));
    default:
      break;
  }
  throw DbError(sqlstate::kUndefinedFunction, "operator does not exist: " + type_display_name({ta, -1}) + " " + op +
                                                  " " + type_display_name({tb, -1}));
}

}  // namespace heliosdb::engine

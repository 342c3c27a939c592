#include "engine/exec/equality_key.hpp"

#include <cstdint>

#include "engine/exec/json_ops.hpp"
#include "engine/types/decimal.hpp"
#include "engine/types/temporal.hpp"

namespace heliosdb::engine {

std::string equality_key(const Row& values) {
  std::string key;
  for (const Value& v : values) {
    if (v.is_null()) {
      key += '\x01';
      continue;
    }
    key += '\x02';
    if (is_datetime(v.type()) || v.type() == TypeId::kTime) {
      key += (v.type() == TypeId::kTime ? "T" : "t") + std::to_string(as_timestamp(v));
      key += '\0';
      continue;
    }
    if (v.type() == TypeId::kInterval) {
      temporal::Span span = temporal::interval_span(as_interval(v));
      key += "i" + std::to_string(static_cast<std::int64_t>(span >> 64)) + ":" +
             std::to_string(static_cast<std::uint64_t>(span));
      key += '\0';
      continue;
    }
    if (v.type() == TypeId::kJsonb) {
      key += "j" + jsonb_equality_text(v.as_string());
      key += '\0';
      continue;
    }
    if (v.type() == TypeId::kNumeric) {
      // A numeric equal to an integer spells as that integer does; others by their exact digits.
      Decimal d = Decimal::parse(v.as_string());
      Decimal whole = d.trunc(0);
      if (!d.is_nan() && !d.is_infinite() && whole.compare(d) == 0 && d.compare(Decimal::from_int(INT64_MAX)) <= 0 &&
          d.compare(Decimal::from_int(INT64_MIN)) >= 0) {
        key += equality_key({Value::integer(TypeId::kInt8, d.to_int64())}).substr(1);
        continue;
      }
      key += "n" + d.key_bytes();
      key += '\0';
      continue;
    }
    // Numbers of any width and kind compare by value: one spelling each.
    if (is_numeric_type(v.type()) && (is_float(v.type()) ? v.as_float() == 0 : v.as_int() == 0)) {
      key += "0";
    } else if (is_integer(v.type())) {
      // Within 2^53 an integer is exactly a double: spell it as one, so that
      // 1 and 1.0 meet. Beyond, only its exact digits keep it apart from
      // its neighbours.
      constexpr std::int64_t kExact = std::int64_t{1} << 53;
      if (v.as_int() >= -kExact && v.as_int() <= kExact) {
        key += format_value(Value::floating(TypeId::kFloat8, static_cast<double>(v.as_int())));
      } else {
        key += "i" + std::to_string(v.as_int());
      }
    } else if (is_float(v.type())) {
      key += format_value(Value::floating(TypeId::kFloat8, v.as_float()));
    } else {
      key += format_value(v);
    }
    key += '\0';
  }
  return key;
}

}  // namespace heliosdb::engine

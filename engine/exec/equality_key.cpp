#include "engine/exec/equality_key.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "engine/exec/json_ops.hpp"
#include "engine/types/decimal.hpp"
#include "engine/types/object_names.hpp"
#include "engine/types/record.hpp"
#include "engine/types/temporal.hpp"

namespace heliosdb::engine {

namespace {

void append_int_bytes(std::string& key, char tag, std::int64_t v) {
  key += tag;
  for (int shift = 56; shift >= 0; shift -= 8)
    key += static_cast<char>((static_cast<std::uint64_t>(v) >> shift) & 0xFF);
}

}  // namespace

std::string equality_key(const Row& values) {
  std::string key;
  for (const Value& v : values) append_equality_key(key, v);
  return key;
}

void append_equality_key(std::string& key, const Value& v) {
  if (v.is_null()) {
    key += '\x01';
    return;
  }
  key += '\x02';
  if (is_datetime(v.type()) || v.type() == TypeId::kTime) {
    key += (v.type() == TypeId::kTime ? "T" : "t") + std::to_string(as_timestamp(v));
    key += '\0';
    return;
  }
  if (v.type() == TypeId::kInterval) {
    temporal::Span span = temporal::interval_span(as_interval(v));
    key += "i" + std::to_string(static_cast<std::int64_t>(span >> 64)) + ":" +
           std::to_string(static_cast<std::uint64_t>(span));
    key += '\0';
    return;
  }
  if (v.type() == TypeId::kRecord) {
    // Field by field, each by its type's equality, as record_eq: (1.0) and
    // (1.00) are one group. A record of an unknown type keys on its text.
    const std::vector<RecordField> fields = record_fields(v.record_type());
    if (!fields.empty()) {
      key += 'R';
      for (std::size_t i = 0; i < fields.size(); ++i) append_equality_key(key, record_field(v, i, fields[i].type));
      key += '\0';
      return;
    }
  }
  if (v.type() == TypeId::kEnum) {
    append_int_bytes(key, 'E', v.as_int());  // the label's oid: one per label
    return;
  }
  if (v.type() == TypeId::kJsonb) {
    key += "j" + jsonb_equality_text(v.as_string());
    key += '\0';
    return;
  }
  if (v.type() == TypeId::kNumeric) {
    // A numeric equal to an integer spells as that integer does; others by their exact digits.
    Decimal d = Decimal::parse(v.as_string());
    Decimal whole = d.trunc(0);
    if (!d.is_nan() && !d.is_infinite() && whole.compare(d) == 0 && d.compare(Decimal::from_int(INT64_MAX)) <= 0 &&
        d.compare(Decimal::from_int(INT64_MIN)) >= 0) {
      append_int_bytes(key, 'I', d.to_int64());
      return;
    }
    key += "n" + d.key_bytes();
    key += '\0';
    return;
  }
  // Numbers of any width and kind compare by value: one spelling each.
  // Integers, and floats holding an integer within 2^53 (where a double
  // is exact), spell as 8 raw bytes; other floats as their bits.
  constexpr std::int64_t kExact = std::int64_t{1} << 53;
  if (is_integer(v.type()) || is_oid_type(v.type())) {
    append_int_bytes(key, 'I', v.as_int());
    return;
  }
  if (is_float(v.type())) {
    double d = v.as_float();
    if (d == std::trunc(d) && d >= -static_cast<double>(kExact) && d <= static_cast<double>(kExact)) {
      append_int_bytes(key, 'I', static_cast<std::int64_t>(d));
    } else {
      std::uint64_t bits = 0;
      if (std::isnan(d)) d = std::numeric_limits<double>::quiet_NaN();  // every NaN is equal
      std::memcpy(&bits, &d, sizeof bits);
      append_int_bytes(key, 'F', static_cast<std::int64_t>(bits));
    }
    return;
  }
  if (v.type() == TypeId::kBpchar) {
    key += bpchar_significant(v.as_string());  // equal to the text without its padding
  } else {
    key += format_value(v);
  }
  key += '\0';
}

}  // namespace heliosdb::engine

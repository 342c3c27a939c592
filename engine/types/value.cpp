#include "engine/types/value.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "engine/types/array.hpp"
#include "engine/types/decimal.hpp"
#include "engine/types/json_value.hpp"
#include "engine/types/object_names.hpp"
#include "engine/types/record.hpp"
#include "engine/types/temporal.hpp"
#include "engine/types/uuid.hpp"
#include "engine/types/vector.hpp"

namespace heliosdb::engine {

namespace {

// PostgreSQL prints the shortest digits that round-trip, in fixed notation
// when the decimal exponent is in [-4, digits-of-precision), else as 1e+16
// (float8out with extra_float_digits = 1, the default).
std::string format_float(double v, bool single) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto result = single ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(v), std::chars_format::scientific)
                       : std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string sci(buf, result.ptr);
  auto e = sci.find('e');
  std::string mantissa = sci.substr(0, e);
  int exponent = std::stoi(sci.substr(e + 1));
  bool negative = mantissa[0] == '-';
  if (negative) mantissa.erase(0, 1);
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits.push_back(c);
  }
  const int precision_digits = single ? 6 : 15;
  std::string out = negative ? "-" : "";
  if (exponent < -4 || exponent >= precision_digits) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char exp[16];
    std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    return out + exp;
  }
  if (exponent < 0) {
    return out + "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
  }
  auto int_len = static_cast<std::size_t>(exponent + 1);
  if (digits.size() <= int_len) return out + digits + std::string(int_len - digits.size(), '0');
  return out + digits.substr(0, int_len) + "." + digits.substr(int_len);
}

std::string format_bytea(const std::string& bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

int float_compare(double a, double b) {
  bool an = std::isnan(a), bn = std::isnan(b);
  if (an || bn) return an == bn ? 0 : (an ? 1 : -1);
  return a < b ? -1 : (a > b ? 1 : 0);
}

}  // namespace

std::string format_value(const Value& value) {
  if (is_array(value.type())) return format_array(value);
  switch (value.type()) {
    case TypeId::kBool:
      return value.as_bool() ? "t" : "f";
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
      return std::to_string(value.as_int());
    case TypeId::kXid8:
      return std::to_string(static_cast<std::uint64_t>(value.as_int()));
    case TypeId::kFloat4:
      return format_float(value.as_float(), true);
    case TypeId::kFloat8:
      return format_float(value.as_float(), false);
    case TypeId::kBytea:
      return format_bytea(value.as_string());
    case TypeId::kUnknown:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kNumeric:
    case TypeId::kJson:
    case TypeId::kJsonb:
    case TypeId::kRecord:
      return value.as_string();
    case TypeId::kDate:
      return temporal::format_date(static_cast<std::int32_t>(value.as_int()));
    case TypeId::kTime:
      return temporal::format_time(value.as_int());
    case TypeId::kTimestamp:
      return temporal::format_timestamp(value.as_int());
    case TypeId::kTimestampTz:
      return temporal::format_timestamptz(value.as_int());
    case TypeId::kInterval:
      return temporal::format_interval(as_interval(value));
    case TypeId::kVector:
      return format_vector(value);
    case TypeId::kUuid:
      return format_uuid(value.as_string());
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
      return format_oid_value(value);
    case TypeId::kEnum:
      return value.as_string();  // the label
  }
  return {};
}

temporal::Interval as_interval(const Value& v) { return {v.interval_months(), v.interval_days(), v.as_int()}; }

Value interval_value(const temporal::Interval& iv) { return Value::interval(iv.months, iv.days, iv.micros); }

std::int64_t as_timestamp(const Value& v) {
  return v.type() == TypeId::kDate ? temporal::date_to_timestamp(static_cast<std::int32_t>(v.as_int())) : v.as_int();
}

double Value::to_double() const {
  if (is_float(type_)) return float_;
  if (type_ == TypeId::kNumeric) return Decimal::parse(string_).to_double();
  return static_cast<double>(int_);
}

Decimal to_decimal(const Value& v) {
  if (v.type() == TypeId::kNumeric) return Decimal::parse(v.as_string());
  if (is_float(v.type())) return Decimal::from_double(v.as_float(), v.type() == TypeId::kFloat4 ? 6 : 15);
  return Decimal::from_int(v.as_int());
}

int compare_values(const Value& a, const Value& b) {
  if (is_array(a.type())) return compare_arrays(a, b);
  if (a.type() == TypeId::kRecord && b.type() == TypeId::kRecord) return compare_records(a, b);
  if (a.type() == TypeId::kXid8) {
    const auto x = static_cast<std::uint64_t>(a.as_int()), y = static_cast<std::uint64_t>(b.as_int());
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  // oids, reg types and integers meet as numbers.
  if ((is_oid_type(a.type()) || is_integer(a.type())) && (is_oid_type(b.type()) || is_integer(b.type()))) {
    return a.as_int() < b.as_int() ? -1 : (a.as_int() > b.as_int() ? 1 : 0);
  }
  if (is_integer(a.type()) && is_integer(b.type())) {
    return a.as_int() < b.as_int() ? -1 : (a.as_int() > b.as_int() ? 1 : 0);
  }
  if (is_numeric_type(a.type()) && is_numeric_type(b.type()) &&
      (a.type() == TypeId::kNumeric || b.type() == TypeId::kNumeric)) {
    // numeric against float compares in double precision, as PostgreSQL's casts make it.
    if (is_float(a.type()) || is_float(b.type())) return float_compare(a.to_double(), b.to_double());
    return to_decimal(a).compare(to_decimal(b));
  }
  if (is_numeric_type(a.type()) && is_numeric_type(b.type())) {
    if (is_integer(a.type()) && is_integer(b.type())) {
      return a.as_int() < b.as_int() ? -1 : (a.as_int() > b.as_int() ? 1 : 0);
    }
    return float_compare(a.to_double(), b.to_double());
  }
  // Enum values by their sort positions (enum_cmp), never by their labels.
  if (a.type() == TypeId::kEnum && b.type() == TypeId::kEnum) return float_compare(a.as_float(), b.as_float());
  if (a.type() == TypeId::kBool) return static_cast<int>(a.as_bool()) - static_cast<int>(b.as_bool());
  if (a.type() == TypeId::kInterval) return temporal::compare_intervals(as_interval(a), as_interval(b));
  if (a.type() == TypeId::kJsonb) {
    return JsonValue::parse(a.as_string(), true).compare(JsonValue::parse(b.as_string(), true));
  }
  if (a.type() == TypeId::kVector) return compare_vectors(vector_elements(a), vector_elements(b));
  if (is_datetime(a.type()) || a.type() == TypeId::kTime) {
    // A date meets a timestamp at its midnight.
    std::int64_t x = as_timestamp(a), y = as_timestamp(b);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  std::string_view x = a.as_string();
  std::string_view y = b.as_string();
  // character(n)'s padding is not part of its value.
  // Against varchar the comparison is character(n)'s too (PostgreSQL
  // resolves it to bpchar = bpchar); against text it is text's.
  const bool bpchar = a.type() == TypeId::kBpchar || b.type() == TypeId::kBpchar;
  if (a.type() == TypeId::kBpchar || (bpchar && a.type() == TypeId::kVarchar)) x = bpchar_significant(x);
  if (b.type() == TypeId::kBpchar || (bpchar && b.type() == TypeId::kVarchar)) y = bpchar_significant(y);
  int c = std::memcmp(x.data(), y.data(), std::min(x.size(), y.size()));
  if (c != 0) return c;
  return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
}

}  // namespace heliosdb::engine

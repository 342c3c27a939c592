#include "engine/types/cast.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "engine/common/db_error.hpp"
#include "engine/types/array.hpp"
#include "engine/types/decimal.hpp"
#include "engine/types/enum_type.hpp"
#include "engine/types/json_value.hpp"
#include "engine/types/object_names.hpp"
#include "engine/types/temporal.hpp"
#include "engine/types/uuid.hpp"
#include "engine/types/vector.hpp"

namespace heliosdb::engine {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

[[noreturn]] void bad_input(SqlType type, std::string_view text) {
  throw DbError(sqlstate::kInvalidTextRepresentation,
                "invalid input syntax for type " + type_display_name(type) + ": \"" + std::string(text) + "\"");
}

std::int64_t int_range_max(TypeId id) {
  switch (id) {
    case TypeId::kInt2:
      return std::numeric_limits<std::int16_t>::max();
    case TypeId::kInt4:
      return std::numeric_limits<std::int32_t>::max();
    default:
      return std::numeric_limits<std::int64_t>::max();
  }
}

std::int64_t int_range_min(TypeId id) {
  switch (id) {
    case TypeId::kInt2:
      return std::numeric_limits<std::int16_t>::min();
    case TypeId::kInt4:
      return std::numeric_limits<std::int32_t>::min();
    default:
      return std::numeric_limits<std::int64_t>::min();
  }
}

[[noreturn]] void int_out_of_range(TypeId id) {
  throw DbError(sqlstate::kNumericValueOutOfRange, type_display_name({id, -1}) + " out of range");
}

// PostgreSQL 15's xid8in is strtoull with base 0: hex and octal read, a
// minus sign wraps, too large saturates and trailing text is ignored, so
// it never refuses (16 made it strict).
Value xid8_in(const std::string& text) {
  const std::uint64_t v = std::strtoull(text.c_str(), nullptr, 0);
  return Value::integer(TypeId::kXid8, static_cast<std::int64_t>(v));
}

Value parse_int(std::string_view text, SqlType type) {
  std::string_view s = trim(text);
  bool negative = false;
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  if (i == s.size()) bad_input(type, text);
  // Accumulate negatively so that the minimum value parses without overflow.
  std::int64_t acc = 0;
  bool overflow = false;
  for (; i < s.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) bad_input(type, text);
    int digit = s[i] - '0';
    if (acc < (std::numeric_limits<std::int64_t>::min() + digit) / 10) overflow = true;
    if (!overflow) acc = acc * 10 - digit;
  }
  if (!negative) {
    if (acc == std::numeric_limits<std::int64_t>::min()) {
      overflow = true;  // 2^63 has no positive int64
    } else {
      acc = -acc;
    }
  }
  if (overflow || acc > int_range_max(type.id) || acc < int_range_min(type.id)) {
    throw DbError(sqlstate::kNumericValueOutOfRange,
                  "value \"" + std::string(text) + "\" is out of range for type " + type_display_name(type));
  }
  return Value::integer(type.id, acc);
}

Value parse_float(std::string_view text, SqlType type) {
  std::string s(trim(text));
  std::string l = lower(s);
  double v = 0;
  if (l == "nan" || l == "+nan" || l == "-nan") {
    v = std::numeric_limits<double>::quiet_NaN();
  } else if (l == "infinity" || l == "+infinity" || l == "inf" || l == "+inf") {
    v = std::numeric_limits<double>::infinity();
  } else if (l == "-infinity" || l == "-inf") {
    v = -std::numeric_limits<double>::infinity();
  } else {
    if (s.empty()) bad_input(type, text);
    char* end = nullptr;
    errno = 0;
    v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || std::isnan(v) || std::isinf(v)) {
      if (errno != ERANGE) bad_input(type, text);
    }
    bool out_of_range = errno == ERANGE && (std::isinf(v) || v != 0);
    if (type.id == TypeId::kFloat4 && std::isfinite(v) &&
        std::fabs(v) > static_cast<double>(std::numeric_limits<float>::max())) {
      out_of_range = true;
    }
    if (out_of_range) {
      throw DbError(sqlstate::kNumericValueOutOfRange,
                    "\"" + std::string(text) + "\" is out of range for type " + type_display_name(type));
    }
  }
  if (type.id == TypeId::kFloat4) v = static_cast<double>(static_cast<float>(v));
  return Value::floating(type.id, v);
}

Value parse_bool(std::string_view text) {
  std::string s = lower(trim(text));
  auto prefix_of = [&](std::string_view word, std::size_t min_len) {
    return s.size() >= min_len && s.size() <= word.size() && word.substr(0, s.size()) == s;
  };
  if (prefix_of("true", 1) || prefix_of("yes", 1) || s == "on" || s == "1") return Value::boolean(true);
  if (prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2) || s == "0") return Value::boolean(false);
  throw DbError(sqlstate::kInvalidTextRepresentation,
                "invalid input syntax for type boolean: \"" + std::string(text) + "\"");
}

Value parse_bytea(std::string_view text) {
  std::string out;
  if (text.size() >= 2 && text[0] == '\\' && text[1] == 'x') {
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    for (std::size_t i = 2; i < text.size();) {
      if (std::isspace(static_cast<unsigned char>(text[i]))) {
        ++i;
        continue;
      }
      int hi = hex(text[i]);
      if (hi < 0) {
        throw DbError(sqlstate::kInvalidParameterValue, std::string("invalid hexadecimal digit: \"") + text[i] + "\"");
      }
      if (i + 1 >= text.size() || hex(text[i + 1]) < 0) {
        throw DbError(sqlstate::kInvalidParameterValue, "invalid hexadecimal data: odd number of digits");
      }
      out.push_back(static_cast<char>(hi * 16 + hex(text[i + 1])));
      i += 2;
    }
    return Value::string(TypeId::kBytea, out);
  }
  // The escape format: \\ is a backslash, \ooo an octal byte.
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out.push_back(text[i]);
    } else if (i + 1 < text.size() && text[i + 1] == '\\') {
      out.push_back('\\');
      ++i;
    } else if (i + 3 < text.size() + 0 && text[i + 1] >= '0' && text[i + 1] <= '3' && text[i + 2] >= '0' &&
               text[i + 2] <= '7' && text[i + 3] >= '0' && text[i + 3] <= '7') {
      out.push_back(static_cast<char>((text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 + (text[i + 3] - '0')));
      i += 3;
    } else {
      throw DbError(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type bytea");
    }
  }
  return Value::string(TypeId::kBytea, out);
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Byte offset of the first `chars` characters.
std::size_t utf8_prefix_bytes(std::string_view s, std::size_t chars) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == chars) return i;
      ++seen;
    }
  }
  return s.size();
}

Value fit_varchar(std::string s, SqlType type, CastContext context) {
  if (type.typmod < 4) return Value::string(type.id, std::move(s));
  auto max_chars = static_cast<std::size_t>(type.typmod - 4);
  if (utf8_length(s) <= max_chars) return Value::string(type.id, std::move(s));
  std::size_t cut = utf8_prefix_bytes(s, max_chars);
  // PostgreSQL: explicit casts truncate; otherwise only trailing spaces may go.
  if (context != CastContext::kExplicit && s.find_first_not_of(' ', cut) != std::string::npos) {
    throw DbError(sqlstate::kStringDataRightTruncation,
                  "value too long for type character varying(" + std::to_string(max_chars) + ")");
  }
  s.resize(cut);
  return Value::string(type.id, std::move(s));
}

// character(n): cut or refused like varchar(n), then padded with blanks to n.
Value fit_bpchar(std::string s, SqlType type, CastContext context) {
  if (type.typmod < 4) return Value::string(type.id, std::move(s));
  auto chars = static_cast<std::size_t>(type.typmod - 4);
  std::size_t length = utf8_length(s);
  if (length > chars) {
    std::size_t cut = utf8_prefix_bytes(s, chars);
    if (context != CastContext::kExplicit && s.find_first_not_of(' ', cut) != std::string::npos) {
      throw DbError(sqlstate::kStringDataRightTruncation,
                    "value too long for type character(" + std::to_string(chars) + ")");
    }
    s.resize(cut);
    length = chars;
  }
  s.append(chars - length, ' ');
  return Value::string(type.id, std::move(s));
}

Value numeric_value(const Decimal& d, SqlType type) {
  if (type.typmod < 4) return Value::string(TypeId::kNumeric, d.to_string());
  return Value::string(TypeId::kNumeric,
                       d.apply_typmod(numeric_precision(type.typmod), numeric_scale(type.typmod)).to_string());
}

// time(p) / timestamp(p): the fraction rounded to p digits.
Value round_fraction(Value v, SqlType type) {
  if (type.typmod < 0 || type.typmod >= 6 || v.as_int() == INT64_MAX || v.as_int() == INT64_MIN) return v;
  std::int64_t unit = 1;
  for (int i = type.typmod; i < 6; ++i) unit *= 10;
  std::int64_t x = v.as_int();
  std::int64_t rounded = (x >= 0 ? (x + unit / 2) / unit : -((-x + unit / 2) / unit)) * unit;
  return Value::integer(v.type(), rounded);
}

Value from_text(const std::string& text, SqlType target, CastContext context);

// json <-> jsonb, and a jsonb scalar to a number or boolean.
Value from_json(const Value& value, SqlType target, CastContext context) {
  if (target.id == TypeId::kJsonb) return Value::string(TypeId::kJsonb, normalize_jsonb(value.as_string()));
  if (target.id == TypeId::kJson || is_character(target.id)) {
    return from_text(value.as_string(), target, context);
  }
  JsonValue v = JsonValue::parse(value.as_string(), true);
  bool fits = target.id == TypeId::kBool ? v.kind() == JsonValue::Kind::kBool : v.kind() == JsonValue::Kind::kNumber;
  if (!fits) {
    throw DbError(sqlstate::kInvalidParameterValue,
                  std::string("cannot cast jsonb ") + v.type_name() + " to type " + type_display_name(target));
  }
  if (target.id == TypeId::kBool) return Value::boolean(v.as_bool());
  return cast_value(Value::string(TypeId::kNumeric, v.text()), target, CastContext::kExplicit);
}

Value from_text(const std::string& text, SqlType target, CastContext context) {
  if (is_array(target.id)) return parse_array(text, target, context);
  switch (target.id) {
    case TypeId::kBool:
      return parse_bool(text);
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
      return parse_int(text, target);
    case TypeId::kFloat4:
    case TypeId::kFloat8:
      return parse_float(text, target);
    case TypeId::kBytea:
      return parse_bytea(text);
    case TypeId::kText:
    case TypeId::kUnknown:
      return Value::string(target.id, text);
    case TypeId::kVarchar:
      return fit_varchar(text, target, context);
    case TypeId::kBpchar:
      return fit_bpchar(text, target, context);
    case TypeId::kNumeric:
      return numeric_value(Decimal::parse(text), target);
    case TypeId::kDate:
      return Value::integer(target.id, temporal::parse_date(text, temporal::transaction_time()));
    case TypeId::kTime:
      return round_fraction(Value::integer(target.id, temporal::parse_time(text)), target);
    case TypeId::kTimestamp:
      return round_fraction(Value::integer(target.id, temporal::parse_timestamp(text, temporal::transaction_time())),
                            target);
    case TypeId::kTimestampTz:
      return round_fraction(Value::integer(target.id, temporal::parse_timestamptz(text, temporal::transaction_time())),
                            target);
    case TypeId::kInterval:
      return interval_value(temporal::parse_interval(text));
    case TypeId::kJson:
      validate_json(text);
      return Value::string(TypeId::kJson, text);
    case TypeId::kJsonb:
      return Value::string(TypeId::kJsonb, normalize_jsonb(text));
    case TypeId::kVector:
      return parse_vector(text, target.typmod);
    case TypeId::kUuid:
      return parse_uuid(text);
    case TypeId::kOid: {
      // oidin takes what strtoul does, a minus sign included (wrapping).
      std::string_view t = trim(text);
      const bool negative = !t.empty() && t[0] == '-';
      Value n = parse_int(negative ? t.substr(1) : t, {TypeId::kInt8, -1});
      const std::int64_t v = negative ? -n.as_int() : n.as_int();
      if (v > 0xFFFFFFFFLL || v < -0xFFFFFFFFLL) {
        throw DbError(sqlstate::kNumericValueOutOfRange, "value \"" + text + "\" is out of range for type oid");
      }
      return oid_value(TypeId::kOid, static_cast<std::uint32_t>(v));
    }
    case TypeId::kRegclass:
      return regclass_in(trim(text));
    case TypeId::kRegtype:
      return regtype_in(trim(text));
    case TypeId::kEnum:
      return enum_in(text, target);
    case TypeId::kRecord:
      throw DbError(sqlstate::kFeatureNotSupported, "input of anonymous composite types is not implemented");
    case TypeId::kXid8:
      return xid8_in(text);
  }
  bad_input(target, text);
}

// Between the integers and the oid types: an oid is unsigned 32-bit, and
// PostgreSQL's casts wrap int4 into it and back rather than refuse.
Value oid_cast(const Value& value, SqlType target) {
  const std::int64_t v = value.as_int();
  if (is_oid_type(target.id)) {
    if (value.type() == TypeId::kInt8 && (v < 0 || v > 0xFFFFFFFFLL)) {
      throw DbError(sqlstate::kNumericValueOutOfRange, "OID out of range");
    }
    return oid_value(target.id, static_cast<std::uint32_t>(v));
  }
  if (target.id == TypeId::kInt8) return Value::integer(TypeId::kInt8, v);
  if (target.id == TypeId::kInt4) return Value::integer(TypeId::kInt4, static_cast<std::int32_t>(v));
  if (v > INT16_MAX) throw DbError(sqlstate::kNumericValueOutOfRange, "smallint out of range");
  return Value::integer(TypeId::kInt2, v);
}

}  // namespace

bool can_cast(TypeId from, TypeId to, CastContext context) {
  if (from == to || from == TypeId::kUnknown) return true;
  // pg_cast: integers become oids implicitly, oids integers by assignment;
  // an oid and a reg type are the same bits; a relation name reads as regclass.
  if (is_oid_type(to) && (is_integer(from) || is_oid_type(from))) {
    return from == TypeId::kOid || to == TypeId::kOid || is_integer(from) || context == CastContext::kExplicit;
  }
  if (is_oid_type(from) && is_integer(to)) {
    return (from == TypeId::kOid && to == TypeId::kInt8) || context != CastContext::kImplicit;
  }
  if (to == TypeId::kRegclass && is_character(from)) return true;
  // An array casts to another where its elements do (array_coerce); to
  // and from text by its input and output, as any type does.
  if (is_array(from) && is_array(to)) return can_cast(element_of(from), element_of(to), context);
  // pgvector's casts: from these arrays by assignment, to real[] implicitly.
  if (is_array(from) && to == TypeId::kVector) {
    const TypeId e = element_of(from);
    return context != CastContext::kImplicit &&
           (e == TypeId::kInt4 || e == TypeId::kFloat4 || e == TypeId::kFloat8 || e == TypeId::kNumeric);
  }
  if (from == TypeId::kVector && to == array_of(TypeId::kFloat4)) return true;
  if (is_array(from) || is_array(to)) {
    if (is_character(to)) return context != CastContext::kImplicit;
    return is_character(from) && context == CastContext::kExplicit;
  }
  const bool assignment_ok = context != CastContext::kImplicit;
  const bool explicit_ok = context == CastContext::kExplicit;
  if (is_integer(from) && is_integer(to)) {
    // Widening is implicit; narrowing needs at least an assignment.
    return type_length(to) > type_length(from) || assignment_ok;
  }
  if (is_integer(from) && is_float(to)) return true;
  // numeric sits between the integers and the floats: int -> numeric -> float implicitly.
  if (is_integer(from) && to == TypeId::kNumeric) return true;
  if (from == TypeId::kNumeric && is_float(to)) return true;
  if (from == TypeId::kNumeric && is_integer(to)) return assignment_ok;
  if (is_float(from) && to == TypeId::kNumeric) return assignment_ok;
  if (is_float(from) && is_integer(to)) return assignment_ok;
  if (is_float(from) && is_float(to)) return to == TypeId::kFloat8 || assignment_ok;
  if (is_character(from) && is_character(to)) return true;
  // Anything to a string type is an I/O conversion cast: assignment level.
  if (is_character(to)) return assignment_ok;
  if (is_character(from)) return explicit_ok;
  // The date/time types: date widens to the timestamps implicitly, the
  // rest needs an assignment (PostgreSQL's pg_cast).
  if (from == TypeId::kDate && (to == TypeId::kTimestamp || to == TypeId::kTimestampTz)) return true;
  if (from == TypeId::kTimestamp && to == TypeId::kTimestampTz) return true;
  if (from == TypeId::kTime && to == TypeId::kInterval) return true;
  if (is_datetime(from) && (is_datetime(to) || to == TypeId::kTime) && from != TypeId::kDate) return assignment_ok;
  if (from == TypeId::kInterval && to == TypeId::kTime) return assignment_ok;
  if ((from == TypeId::kJson && to == TypeId::kJsonb) || (from == TypeId::kJsonb && to == TypeId::kJson)) {
    return assignment_ok;
  }
  // jsonb scalars convert to numbers and booleans explicitly (PostgreSQL 14+).
  if (from == TypeId::kJsonb && (is_numeric_type(to) || to == TypeId::kBool)) return explicit_ok;
  if ((from == TypeId::kBool && to == TypeId::kInt4) || (from == TypeId::kInt4 && to == TypeId::kBool)) {
    return explicit_ok;
  }
  return false;
}

Value cast_value(const Value& value, SqlType target, CastContext context) {
  if (value.is_null()) return Value::null(target.id);
  const TypeId from = value.type();
  if (!can_cast(from, target.id, context)) {
    throw DbError(sqlstate::kCannotCoerce,
                  "cannot cast type " + type_display_name({from, -1}) + " to " + type_display_name(target));
  }
  if (from == TypeId::kBpchar) {
    // To anything else character(n) goes without its padding.
    if (target.id == TypeId::kBpchar) return fit_bpchar(value.as_string(), target, context);
    return from_text(std::string(bpchar_significant(value.as_string())), target, context);
  }
  if (from == TypeId::kUnknown || from == TypeId::kText || from == TypeId::kVarchar) {
    return from_text(value.as_string(), target, context);
  }
  if (from == TypeId::kJson || from == TypeId::kJsonb) return from_json(value, target, context);
  if ((is_oid_type(from) || is_integer(from)) && (is_oid_type(target.id) || is_integer(target.id)) &&
      (is_oid_type(from) || is_oid_type(target.id))) {
    return oid_cast(value, target);
  }
  if (is_array(from) && is_array(target.id)) return cast_array(value, target, context);
  if (is_array(from) && target.id == TypeId::kVector) return vector_from_array(value, target.typmod);
  if (from == TypeId::kVector && is_array(target.id)) return vector_to_real_array(value);
  if (from == TypeId::kEnum && target.id == TypeId::kEnum) {
    // One enum type does not cast to another (no pg_cast row; not even through text).
    if (value.enum_type_oid() == target.enum_oid) return value;
    throw DbError(sqlstate::kCannotCoerce, "cannot cast type " +
                                               type_display_name({TypeId::kEnum, -1, value.enum_type_oid()}) + " to " +
                                               type_display_name(target));
  }
  if (from == TypeId::kVector && target.id == TypeId::kVector) return fit_vector(value, target.typmod);
  if (is_character(target.id)) {
    std::string text = from == TypeId::kBool ? (value.as_bool() ? "true" : "false") : format_value(value);
    return from_text(text, target, context);
  }
  switch (target.id) {
    case TypeId::kBool:
      return Value::boolean(value.as_int() != 0);
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8: {
      if (from == TypeId::kBool) return Value::integer(target.id, value.as_bool() ? 1 : 0);
      if (is_integer(from)) {
        if (value.as_int() > int_range_max(target.id) || value.as_int() < int_range_min(target.id)) {
          int_out_of_range(target.id);
        }
        return Value::integer(target.id, value.as_int());
      }
      if (from == TypeId::kNumeric) {
        Decimal d = Decimal::parse(value.as_string());
        if (d.is_nan() || d.is_infinite()) {
          throw DbError(
              sqlstate::kFeatureNotSupported,
              std::string("cannot convert ") + (d.is_nan() ? "NaN" : "infinity") + " to " + type_display_name(target));
        }
        // Rounds half away from zero, as numeric's casts do.
        Decimal r = d.round(0);
        if (r.compare(Decimal::from_int(int_range_max(target.id))) > 0 ||
            r.compare(Decimal::from_int(int_range_min(target.id))) < 0) {
          int_out_of_range(target.id);
        }
        return Value::integer(target.id, r.to_int64());
      }
      // PostgreSQL rounds half to even (rint) and refuses what does not fit.
      double d = std::nearbyint(value.as_float());
      if (std::isnan(d) || d < static_cast<double>(int_range_min(target.id)) ||
          d >= -static_cast<double>(int_range_min(target.id))) {
        int_out_of_range(target.id);
      }
      return Value::integer(target.id, static_cast<std::int64_t>(d));
    }
    case TypeId::kFloat4:
    case TypeId::kFloat8: {
      double d = value.to_double();
      if (target.id == TypeId::kFloat4 && std::isfinite(d)) {
        if (std::fabs(d) > static_cast<double>(std::numeric_limits<float>::max())) {
          throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
        }
        if (d != 0 && static_cast<float>(d) == 0.0f) {
          throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
        }
        d = static_cast<double>(static_cast<float>(d));
      }
      return Value::floating(target.id, d);
    }
    case TypeId::kNumeric:
      return numeric_value(to_decimal(value), target);
    case TypeId::kDate:
      return Value::integer(target.id, temporal::timestamp_to_date(as_timestamp(value)));
    case TypeId::kTime:
      if (from == TypeId::kInterval) {
        return Value::integer(target.id, temporal::time_add(0, {0, 0, value.as_int()}));
      }
      return round_fraction(Value::integer(target.id, temporal::timestamp_to_time(value.as_int())), target);
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      // The session time zone is UTC: the same instant either way.
      return round_fraction(Value::integer(target.id, as_timestamp(value)), target);
    case TypeId::kInterval:
      return Value::interval(0, 0, value.as_int());
    case TypeId::kJson:
    case TypeId::kJsonb:
    case TypeId::kBytea:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kUnknown:
    case TypeId::kVector:
    case TypeId::kUuid:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kEnum:
    case TypeId::kRecord:
    case TypeId::kXid8:
      break;
  }
  if (from == target.id) return value;  // a type without a modifier to apply (uuid, bytea, jsonb)
  throw DbError(sqlstate::kCannotCoerce,
                "cannot cast type " + type_display_name({from, -1}) + " to " + type_display_name(target));
}

}  // namespace heliosdb::engine

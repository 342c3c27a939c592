#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/types/sql_type.hpp"

namespace heliosdb::engine {

/// One SQL value: typed, possibly NULL. Integers of every width are held as
/// int64 and floats as double; their TypeId says what they are. Dates,
/// times and timestamps are integers too (temporal.hpp); an interval keeps
/// its microseconds as the integer and its months and days beside it.
class Value {
 public:
  Value() = default;
  static Value null(TypeId type = TypeId::kUnknown) {
    Value v;
    v.type_ = type;
    return v;
  }
  static Value boolean(bool b) {
    Value v(TypeId::kBool);
    v.int_ = b ? 1 : 0;
    return v;
  }
  static Value integer(TypeId type, std::int64_t i) {
    Value v(type);
    v.int_ = i;
    return v;
  }
  static Value floating(TypeId type, double d) {
    Value v(type);
    v.float_ = d;
    return v;
  }
  /// Text-held types: text, varchar, bytea, and numeric as numeric_out prints it.
  static Value interval(std::int32_t months, std::int32_t days, std::int64_t micros) {
    Value v(TypeId::kInterval);
    v.int_ = micros;
    v.aux_ = (static_cast<std::int64_t>(months) << 32) | static_cast<std::uint32_t>(days);
    return v;
  }
  /// oid, regclass, regtype: the oid, and the name a reg type prints as (empty: look it up).
  static Value oid(TypeId type, std::int64_t oid, std::string name) {
    Value v(type);
    v.int_ = oid;
    v.string_ = std::move(name);
    return v;
  }
  /// An enum value: its label's pg_enum oid, its enum type's oid, its sort
  /// position (pg_enum.enumsortorder, by which enum values compare) and its label.
  static Value enum_label(std::uint32_t type_oid, std::uint32_t label_oid, double sort_order, std::string label) {
    Value v(TypeId::kEnum);
    v.int_ = label_oid;
    v.aux_ = type_oid;
    v.float_ = sort_order;
    v.string_ = std::move(label);
    return v;
  }
  static Value string(TypeId type, std::string s) {
    Value v(type);
    v.string_ = std::move(s);
    return v;
  }
  /// A record: its text, and the modifier of its record type (engine/types/record.hpp), or -1.
  static Value record(std::string text, std::int32_t typmod) {
    Value v(TypeId::kRecord);
    v.string_ = std::move(text);
    v.aux_ = std::int64_t{typmod} + 1;  // 0, a record from text alone, has no known type
    return v;
  }

  TypeId type() const { return type_; }
  bool is_null() const { return null_; }
  bool as_bool() const { return int_ != 0; }
  std::int64_t as_int() const { return int_; }
  double as_float() const { return float_; }
  const std::string& as_string() const { return string_; }
  std::int32_t interval_months() const { return static_cast<std::int32_t>(aux_ >> 32); }
  std::int32_t interval_days() const { return static_cast<std::int32_t>(aux_ & 0xFFFFFFFF); }
  /// An enum value's type oid (its label oid is as_int(), its sort position as_float()).
  std::uint32_t enum_type_oid() const { return static_cast<std::uint32_t>(aux_); }
  /// A record's type modifier, -1 if not known.
  std::int32_t record_type() const { return static_cast<std::int32_t>(aux_ - 1); }

  /// Numbers as double, whatever their width (for mixed int/float arithmetic).
  double to_double() const;

  // In-place forms of the factories above, keeping the string's storage:
  // for decoding rows into reused ones.
  void set_null(TypeId type) {
    type_ = type;
    null_ = true;
    string_.clear();
  }
  void set_integer(TypeId type, std::int64_t i) {
    type_ = type;
    null_ = false;
    int_ = i;
  }
  void set_floating(TypeId type, double d) {
    type_ = type;
    null_ = false;
    float_ = d;
  }
  void set_string(TypeId type, std::string_view s) {
    type_ = type;
    null_ = false;
    string_.assign(s);
  }

 private:
  explicit Value(TypeId type) : type_(type), null_(false) {}

  TypeId type_ = TypeId::kUnknown;
  bool null_ = true;
  std::int64_t int_ = 0;
  std::int64_t aux_ = 0;
  double float_ = 0;
  std::string string_;
};

class Decimal;
namespace temporal {
struct Interval;
}
/// An interval value's parts, and back.
temporal::Interval as_interval(const Value& v);
Value interval_value(const temporal::Interval& iv);
/// A date, timestamp or timestamptz as microseconds since 2000-01-01 (a date at midnight).
std::int64_t as_timestamp(const Value& v);
/// A non-NULL number as an exact decimal (floats through their 15/6-digit text, as PostgreSQL casts them).
Decimal to_decimal(const Value& v);

/// PostgreSQL's text output of a non-NULL value (`t`/`f`, shortest float
/// digits, `\x` hex for bytea).
std::string format_value(const Value& value);

/// Orders two non-NULL values of comparable types as PostgreSQL's btree
/// operators do (floats: NaN above everything; text: byte order, the C
/// collation). Returns <0, 0 or >0.
int compare_values(const Value& a, const Value& b);

/// A character(n) value without its trailing blanks: what comparisons and
/// the cast to text see.
inline std::string_view bpchar_significant(std::string_view s) {
  const std::size_t end = s.find_last_not_of(' ');
  return s.substr(0, end == std::string_view::npos ? 0 : end + 1);
}

}  // namespace heliosdb::engine

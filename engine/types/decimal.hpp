#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace heliosdb::engine {

/// GCC's 128-bit integer, for sums of bigints that must not overflow.
__extension__ typedef __int128 Int128;

/// PostgreSQL's NUMERIC: an exact decimal with a display scale (1.50 keeps
/// its two places), plus NaN and +-Infinity. The coefficient is a string of
/// decimal digits: simple, exact and fast enough for the sizes SQL uses.
/// Results follow PostgreSQL's scale rules (division: at least 16
/// significant digits). Errors are DbErrors with PostgreSQL's SQLSTATEs.
class Decimal {
 public:
  Decimal() = default;

  /// numeric_in: spaces, sign, digits, point, exponent, NaN, Infinity. 22P02 otherwise.
  static Decimal parse(std::string_view text);
  static Decimal from_int(Int128 v);
  /// float8 -> numeric as PostgreSQL: the shortest 15-significant-digit form.
  static Decimal from_double(double v, int significant_digits = 15);

  /// numeric_out.
  std::string to_string() const;
  double to_double() const;
  /// Rounded half away from zero. 22003 "bigint out of range"; 0A000 for NaN/Infinity.
  std::int64_t to_int64() const;

  bool is_nan() const { return kind_ == Kind::kNaN; }
  bool is_infinite() const { return kind_ == Kind::kPosInf || kind_ == Kind::kNegInf; }
  bool is_zero() const { return kind_ == Kind::kFinite && digits_.empty(); }
  int sign() const;
  int scale() const { return scale_; }

  Decimal add(const Decimal& other) const;
  Decimal sub(const Decimal& other) const;
  Decimal mul(const Decimal& other) const;
  /// 22012 on division by zero.
  Decimal div(const Decimal& other) const;
  /// Division rounded to exactly `scale` places.
  Decimal div_to_scale(const Decimal& other, int scale) const;
  Decimal mod(const Decimal& other) const;
  Decimal neg() const;
  Decimal abs() const;

  /// NaN equals NaN and sorts above everything; 1.0 equals 1.00.
  int compare(const Decimal& other) const;

  /// To `scale` places, half away from zero; a negative scale rounds left of the point.
  Decimal round(int scale) const;
  Decimal trunc(int scale) const;
  Decimal ceil() const;
  Decimal floor() const;

  /// NUMERIC(precision, scale): rounds, then 22003 "numeric field overflow" if too wide.
  Decimal apply_typmod(int precision, int scale) const;

  /// Bytes whose memcmp order is the value order; equal values, equal bytes.
  std::string key_bytes() const;

 private:
  enum class Kind : std::uint8_t { kFinite, kNaN, kPosInf, kNegInf };

  static Decimal special(Kind kind);
  static Decimal finite(bool negative, std::string digits, int scale);
  /// The coefficient scaled to `scale` places (scale >= scale_).
  std::string digits_at(int scale) const;
  /// Digits left of the point (0 for |x| < 1).
  int integer_digits() const;

  Kind kind_ = Kind::kFinite;
  bool negative_ = false;
  std::string digits_;  ///< coefficient, no leading zeros; empty is zero
  int scale_ = 0;       ///< value = digits_ * 10^-scale_
};

}  // namespace heliosdb::engine

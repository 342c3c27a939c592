#include "engine/types/decimal.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

// PostgreSQL's limits: NUMERIC_MAX_DISPLAY_SCALE and NUMERIC_MIN_SIG_DIGITS.
constexpr int kMaxDisplayScale = 1000;
constexpr int kMinSignificantDigits = 16;

// Magnitudes: strings of decimal digits without leading zeros; "" is zero.

std::string strip(std::string s) {
  s.erase(0, std::min(s.find_first_not_of('0'), s.size()));
  return s;
}

int cmp_mag(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

std::string add_mag(const std::string& a, const std::string& b) {
  std::string out;
  int carry = 0;
  for (std::size_t i = 0; i < std::max(a.size(), b.size()) || carry; ++i) {
    int d = carry;
    if (i < a.size()) d += a[a.size() - 1 - i] - '0';
    if (i < b.size()) d += b[b.size() - 1 - i] - '0';
    out.push_back(static_cast<char>('0' + d % 10));
    carry = d / 10;
  }
  std::reverse(out.begin(), out.end());
  return strip(out);
}

// a - b for a >= b.
std::string sub_mag(const std::string& a, const std::string& b) {
  std::string out;
  int borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    int d = a[a.size() - 1 - i] - '0' - borrow;
    if (i < b.size()) d -= b[b.size() - 1 - i] - '0';
    borrow = d < 0;
    out.push_back(static_cast<char>('0' + (d + 10) % 10));
  }
  std::reverse(out.begin(), out.end());
  return strip(out);
}

std::string mul_mag(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return {};
  std::vector<int> acc(a.size() + b.size(), 0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j < b.size(); ++j) {
      acc[i + j + 1] += (a[i] - '0') * (b[j] - '0');
    }
  }
  for (std::size_t k = acc.size() - 1; k > 0; --k) {
    acc[k - 1] += acc[k] / 10;
    acc[k] %= 10;
  }
  std::string out;
  for (int d : acc) out.push_back(static_cast<char>('0' + d));
  return strip(out);
}

// Long division of magnitudes: a / b (b non-zero), truncated.
std::string div_mag(const std::string& a, const std::string& b) {
  std::string quotient, rem;
  for (char c : a) {
    rem = strip(rem + c);
    int q = 0;
    while (cmp_mag(rem, b) >= 0) {
      rem = sub_mag(rem, b);
      ++q;
    }
    quotient.push_back(static_cast<char>('0' + q));
  }
  return strip(quotient);
}

// Adds one unit in the last place of a magnitude.
std::string increment(const std::string& m) { return add_mag(m, "1"); }

// Rounds a magnitude with `extra` more digits than wanted, half away from zero.
std::string round_off(const std::string& m, int extra, bool away) {
  if (extra <= 0) return m + std::string(static_cast<std::size_t>(-extra), '0');
  std::string padded =
      std::string(static_cast<std::size_t>(std::max<int>(0, extra + 1 - static_cast<int>(m.size()))), '0') + m;
  std::string kept = strip(padded.substr(0, padded.size() - static_cast<std::size_t>(extra)));
  bool round_up = away && padded[padded.size() - static_cast<std::size_t>(extra)] >= '5';
  return round_up ? increment(kept) : kept;
}

[[noreturn]] void bad_numeric(std::string_view text) {
  throw DbError(sqlstate::kInvalidTextRepresentation,
                "invalid input syntax for type numeric: \"" + std::string(text) + "\"");
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// PostgreSQL's NBASE (10000) weight of the leading digit group, and that group's value.
std::pair<int, int> leading_group(const std::string& digits, int scale) {
  if (digits.empty()) return {0, 0};
  int e = static_cast<int>(digits.size()) - 1 - scale;  // decimal exponent of the leading digit
  int w = e >= 0 ? e / 4 : -((-e + 3) / 4);
  int take = e - 4 * w + 1;
  std::string group = digits.substr(0, static_cast<std::size_t>(std::min<int>(take, static_cast<int>(digits.size()))));
  group.append(static_cast<std::size_t>(take - static_cast<int>(group.size())), '0');
  return {w, std::stoi(group)};
}

}  // namespace

Decimal Decimal::special(Kind kind) {
  Decimal d;
  d.kind_ = kind;
  return d;
}

Decimal Decimal::finite(bool negative, std::string digits, int scale) {
  Decimal d;
  d.digits_ = strip(std::move(digits));
  d.negative_ = negative && !d.digits_.empty();
  d.scale_ = scale;
  if (scale > kMaxDisplayScale || static_cast<int>(d.digits_.size()) - scale > 131072) {
    throw DbError(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
  }
  return d;
}

Decimal Decimal::parse(std::string_view text) {
  std::string_view s = text;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  // NaN and Infinity are the only words: a number (COPY loads millions)
  // skips looking for them.
  const std::size_t first = !s.empty() && (s[0] == '+' || s[0] == '-') ? 1 : 0;
  if (first < s.size() && std::isalpha(static_cast<unsigned char>(s[first]))) {
    std::string l = lower(s);
    if (l == "nan") return special(Kind::kNaN);
    if (l == "infinity" || l == "+infinity" || l == "inf" || l == "+inf") return special(Kind::kPosInf);
    if (l == "-infinity" || l == "-inf") return special(Kind::kNegInf);
  }
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  std::string digits;
  digits.reserve(s.size());
  int frac = 0;
  bool seen_digit = false, seen_point = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits.push_back(c);
      seen_digit = true;
      if (seen_point) ++frac;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!seen_digit) bad_numeric(text);
  long exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
    if (i == s.size()) bad_numeric(text);
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) {
      exponent = exponent * 10 + (s[i] - '0');
      if (exponent > 100000) throw DbError(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
    }
    if (exp_negative) exponent = -exponent;
  }
  if (i != s.size()) bad_numeric(text);
  long scale = frac - exponent;
  if (scale < 0) {
    digits.append(static_cast<std::size_t>(-scale), '0');
    scale = 0;
  }
  return finite(negative, digits, static_cast<int>(scale));
}

Decimal Decimal::from_int(Int128 v) {
  bool negative = v < 0;
  __extension__ typedef unsigned __int128 UInt128;
  UInt128 m = negative ? -static_cast<UInt128>(v) : static_cast<UInt128>(v);
  std::string digits;
  while (m > 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  }
  std::reverse(digits.begin(), digits.end());
  return finite(negative, digits, 0);
}

Decimal Decimal::from_double(double v, int significant_digits) {
  if (std::isnan(v)) return special(Kind::kNaN);
  if (std::isinf(v)) return special(v > 0 ? Kind::kPosInf : Kind::kNegInf);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", significant_digits, v);
  return parse(buf);
}

std::string Decimal::to_string() const {
  switch (kind_) {
    case Kind::kNaN:
      return "NaN";
    case Kind::kPosInf:
      return "Infinity";
    case Kind::kNegInf:
      return "-Infinity";
    case Kind::kFinite:
      break;
  }
  std::string d = digits_.empty() ? "0" : digits_;
  if (static_cast<int>(d.size()) <= scale_) d.insert(0, static_cast<std::size_t>(scale_ + 1 - d.size()), '0');
  if (scale_ > 0) d.insert(d.size() - static_cast<std::size_t>(scale_), 1, '.');
  return negative_ ? "-" + d : d;
}

double Decimal::to_double() const {
  if (kind_ == Kind::kNaN) return std::nan("");
  if (is_infinite()) return kind_ == Kind::kPosInf ? HUGE_VAL : -HUGE_VAL;
  return std::strtod(to_string().c_str(), nullptr);
}

std::int64_t Decimal::to_int64() const {
  if (kind_ == Kind::kNaN) throw DbError(sqlstate::kFeatureNotSupported, "cannot convert NaN to bigint");
  if (is_infinite()) throw DbError(sqlstate::kFeatureNotSupported, "cannot convert infinity to bigint");
  Decimal r = round(0);
  static const std::string kMax = "9223372036854775807", kMinMag = "9223372036854775808";
  if (cmp_mag(r.digits_, r.negative_ ? kMinMag : kMax) > 0) {
    throw DbError(sqlstate::kNumericValueOutOfRange, "bigint out of range");
  }
  std::uint64_t m = 0;
  for (char c : r.digits_) m = m * 10 + static_cast<std::uint64_t>(c - '0');
  return r.negative_ ? static_cast<std::int64_t>(0 - m) : static_cast<std::int64_t>(m);
}

int Decimal::sign() const {
  switch (kind_) {
    case Kind::kNaN:
      return 0;
    case Kind::kPosInf:
      return 1;
    case Kind::kNegInf:
      return -1;
    case Kind::kFinite:
      break;
  }
  return digits_.empty() ? 0 : (negative_ ? -1 : 1);
}

std::string Decimal::digits_at(int scale) const {
  return digits_.empty() ? std::string() : digits_ + std::string(static_cast<std::size_t>(scale - scale_), '0');
}

int Decimal::integer_digits() const { return std::max(0, static_cast<int>(digits_.size()) - scale_); }

Decimal Decimal::add(const Decimal& o) const {
  if (is_nan() || o.is_nan()) return special(Kind::kNaN);
  if (is_infinite() || o.is_infinite()) {
    if (is_infinite() && o.is_infinite() && kind_ != o.kind_) return special(Kind::kNaN);
    return is_infinite() ? *this : o;
  }
  int scale = std::max(scale_, o.scale_);
  std::string a = digits_at(scale), b = o.digits_at(scale);
  if (negative_ == o.negative_) return finite(negative_, add_mag(a, b), scale);
  int c = cmp_mag(a, b);
  if (c == 0) return finite(false, {}, scale);
  return c > 0 ? finite(negative_, sub_mag(a, b), scale) : finite(o.negative_, sub_mag(b, a), scale);
}

Decimal Decimal::neg() const {
  if (kind_ == Kind::kPosInf) return special(Kind::kNegInf);
  if (kind_ == Kind::kNegInf) return special(Kind::kPosInf);
  if (kind_ == Kind::kNaN) return *this;
  return finite(!negative_, digits_, scale_);
}

Decimal Decimal::abs() const { return sign() < 0 ? neg() : *this; }

Decimal Decimal::sub(const Decimal& o) const { return add(o.neg()); }

Decimal Decimal::mul(const Decimal& o) const {
  if (is_nan() || o.is_nan()) return special(Kind::kNaN);
  if (is_infinite() || o.is_infinite()) {
    int s = sign() * o.sign();
    if (s == 0) return special(Kind::kNaN);
    return special(s > 0 ? Kind::kPosInf : Kind::kNegInf);
  }
  int scale = std::min(scale_ + o.scale_, kMaxDisplayScale);
  std::string product = mul_mag(digits_, o.digits_);
  return finite(negative_ != o.negative_, round_off(product, scale_ + o.scale_ - scale, true), scale);
}

Decimal Decimal::div_to_scale(const Decimal& o, int scale) const {
  // Q = round(A / B * 10^(sb - sa + scale)), one digit more, then rounded.
  int e = o.scale_ - scale_ + scale + 1;
  std::string num = digits_, den = o.digits_;
  if (e >= 0) {
    num = digits_.empty() ? std::string() : num + std::string(static_cast<std::size_t>(e), '0');
  } else {
    den += std::string(static_cast<std::size_t>(-e), '0');
  }
  std::string q = div_mag(num, den);
  return finite(negative_ != o.negative_, round_off(q, 1, true), scale);
}

Decimal Decimal::div(const Decimal& o) const {
  if (is_nan() || o.is_nan()) return special(Kind::kNaN);
  if (o.sign() == 0 && !o.is_nan()) throw DbError(sqlstate::kDivisionByZero, "division by zero");
  if (is_infinite()) {
    if (o.is_infinite()) return special(Kind::kNaN);
    return special(sign() * o.sign() > 0 ? Kind::kPosInf : Kind::kNegInf);
  }
  if (o.is_infinite()) return finite(false, {}, 0);
  // PostgreSQL's select_div_scale: at least 16 significant digits, and no
  // fewer places than either input shows.
  auto [w1, d1] = leading_group(digits_, scale_);
  auto [w2, d2] = leading_group(o.digits_, o.scale_);
  int qweight = w1 - w2;
  if (d1 <= d2) --qweight;
  int scale = kMinSignificantDigits - qweight * 4;
  scale = std::clamp(std::max({scale, scale_, o.scale_}), 0, kMaxDisplayScale);
  return div_to_scale(o, scale);
}

Decimal Decimal::mod(const Decimal& o) const {
  if (is_nan() || o.is_nan()) return special(Kind::kNaN);
  if (o.sign() == 0) throw DbError(sqlstate::kDivisionByZero, "division by zero");
  if (is_infinite()) return special(Kind::kNaN);
  if (o.is_infinite()) return *this;
  int scale = std::max(scale_, o.scale_);
  std::string a = digits_at(scale), b = o.digits_at(scale);
  std::string q = div_mag(a, b);
  return finite(negative_, sub_mag(a, mul_mag(q, b)), scale);
}

int Decimal::compare(const Decimal& o) const {
  auto rank = [](const Decimal& d) {
    switch (d.kind_) {
      case Kind::kNegInf:
        return 0;
      case Kind::kFinite:
        return 1;
      case Kind::kPosInf:
        return 2;
      case Kind::kNaN:
        return 3;
    }
    return 1;
  };
  if (rank(*this) != rank(o)) return rank(*this) < rank(o) ? -1 : 1;
  if (kind_ != Kind::kFinite) return 0;
  if (sign() != o.sign()) return sign() < o.sign() ? -1 : 1;
  int scale = std::max(scale_, o.scale_);
  int c = cmp_mag(digits_at(scale), o.digits_at(scale));
  return negative_ ? -c : c;
}

Decimal Decimal::round(int scale) const {
  if (kind_ != Kind::kFinite) return *this;
  scale = std::min(scale, kMaxDisplayScale);
  if (scale >= scale_) return finite(negative_, digits_at(scale), scale);
  std::string m = round_off(digits_, scale_ - scale, true);
  if (scale >= 0) return finite(negative_, m, scale);
  return finite(negative_, m.empty() ? m : m + std::string(static_cast<std::size_t>(-scale), '0'), 0);
}

Decimal Decimal::trunc(int scale) const {
  if (kind_ != Kind::kFinite) return *this;
  if (scale >= scale_) return finite(negative_, digits_at(scale), scale);
  std::string m = round_off(digits_, scale_ - scale, false);
  if (scale >= 0) return finite(negative_, m, scale);
  return finite(negative_, m.empty() ? m : m + std::string(static_cast<std::size_t>(-scale), '0'), 0);
}

Decimal Decimal::ceil() const {
  if (kind_ != Kind::kFinite) return *this;
  Decimal t = trunc(0);
  return !negative_ && t.compare(*this) != 0 ? t.add(from_int(1)) : t;
}

Decimal Decimal::floor() const {
  if (kind_ != Kind::kFinite) return *this;
  Decimal t = trunc(0);
  return negative_ && t.compare(*this) != 0 ? t.sub(from_int(1)) : t;
}

Decimal Decimal::apply_typmod(int precision, int scale) const {
  if (kind_ == Kind::kNaN) return *this;
  std::string where = "A field with precision " + std::to_string(precision) + ", scale " + std::to_string(scale);
  if (is_infinite()) {
    throw DbError(sqlstate::kNumericValueOutOfRange, "numeric field overflow")
        .with_detail(where + " cannot hold an infinite value.");
  }
  Decimal r = round(scale);
  int max_digits = precision - scale;
  if (!r.digits_.empty() && r.integer_digits() > max_digits) {
    throw DbError(sqlstate::kNumericValueOutOfRange, "numeric field overflow")
        .with_detail(where + " must round to an absolute value less than " +
                     (max_digits > 0 ? "10^" + std::to_string(max_digits) : std::string("1")) + ".");
  }
  return r;
}

std::string Decimal::key_bytes() const {
  switch (kind_) {
    case Kind::kNegInf:
      return std::string(1, '\x00');
    case Kind::kPosInf:
      return std::string(1, '\x04');
    case Kind::kNaN:
      return std::string(1, '\x05');
    case Kind::kFinite:
      break;
  }
  if (digits_.empty()) return std::string(1, '\x02');
  // Significant digits and the decimal exponent of the first: one spelling per value.
  std::string significant = digits_.substr(0, digits_.find_last_not_of('0') + 1);
  auto exponent = static_cast<std::uint32_t>(static_cast<int>(digits_.size()) - 1 - scale_) ^ 0x80000000u;
  std::string out(1, negative_ ? '\x01' : '\x03');
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((exponent >> shift) & 0xFF));
  out += significant;
  out.push_back('\x00');
  if (negative_) {
    // Larger magnitudes sort first: invert all but the class byte.
    for (std::size_t i = 1; i < out.size(); ++i) out[i] = static_cast<char>(~static_cast<unsigned char>(out[i]));
  }
  return out;
}

}  // namespace heliosdb::engine

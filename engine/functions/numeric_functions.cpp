// The numeric overloads of PostgreSQL's "Mathematical Functions and
// Operators" that need exact arithmetic: power (and so ^), sqrt, ln, log,
// exp with numeric_power/ln/exp's result scales, plus div, width_bucket,
// gcd, lcm and factorial.
#include <algorithm>
#include <climits>
#include <cmath>
#include <vector>

#include "engine/common/db_error.hpp"
#include "engine/functions/decimal_math.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/types/cast.hpp"

namespace heliosdb::engine {

namespace {

constexpr TypeId kNum = TypeId::kNumeric;
constexpr TypeId kF8 = TypeId::kFloat8;
constexpr TypeId kInt4 = TypeId::kInt4;
constexpr TypeId kInt8 = TypeId::kInt8;

// PostgreSQL's NUMERIC_MIN_SIG_DIGITS and NUMERIC_MAX_DISPLAY_SCALE: a
// computed result shows at least 16 significant digits, at most 1000 places.
constexpr int kMinSigDigits = 16;
constexpr int kMaxDisplayScale = 1000;
constexpr int kGuardDigits = 8;

Value num(const Decimal& d) { return Value::string(kNum, d.to_string()); }
Decimal dec(const Value& v) { return Decimal::parse(v.as_string()); }

int result_scale(int wanted, std::initializer_list<int> input_scales) {
  int scale = wanted;
  for (int s : input_scales) scale = std::max(scale, s);
  return std::clamp(scale, 0, kMaxDisplayScale);
}

[[noreturn]] void overflow() { throw DbError(sqlstate::kNumericValueOutOfRange, "value overflows numeric format"); }

void check_log_argument(const Decimal& x) {
  if (x.is_zero()) throw DbError(sqlstate::kInvalidArgumentForLog, "cannot take logarithm of zero");
  if (x.sign() < 0) throw DbError(sqlstate::kInvalidArgumentForLog, "cannot take logarithm of a negative number");
}

// PostgreSQL's estimate of the decimal weight of ln(x), from which it picks
// the scale of ln and log results.
int estimate_ln_weight(const Decimal& x) {
  if (x.sign() <= 0) return 0;
  if (x.compare(Decimal::parse("0.9")) >= 0 && x.compare(Decimal::parse("1.1")) <= 0) {
    Decimal d = x.sub(Decimal::from_int(1));
    return d.is_zero() ? 0 : decimal_weight(d);
  }
  double v = x.to_double();
  double ln = std::isfinite(v) && v > 0 ? std::log(v) : decimal_weight(x) * 2.302585092994046;
  return static_cast<int>(std::log10(std::fabs(ln)));
}

Value ln_fn(const std::vector<Value>& a) {
  Decimal x = dec(a[0]);
  if (x.is_nan()) return num(x);
  check_log_argument(x);
  if (x.is_infinite()) return num(x);
  int scale = result_scale(kMinSigDigits - estimate_ln_weight(x), {x.scale()});
  return num(ln_decimal(x, scale + kGuardDigits).round(scale));
}

// log(base, x) = ln(x) / ln(base), to the places PostgreSQL's log_var shows.
Decimal log_base(const Decimal& base, const Decimal& x) {
  check_log_argument(base);
  check_log_argument(x);
  int base_weight = estimate_ln_weight(base), x_weight = estimate_ln_weight(x);
  int scale = result_scale(kMinSigDigits - (x_weight - base_weight), {base.scale(), x.scale()});
  int work = scale + kGuardDigits + std::max(0, x_weight - base_weight) + std::max(0, -base_weight) + 2;
  Decimal ln_base = ln_decimal(base, work);
  if (ln_base.round(work - 2).is_zero()) throw DbError(sqlstate::kDivisionByZero, "division by zero");
  return ln_decimal(x, work).div_to_scale(ln_base, std::min(scale + 2, kMaxDisplayScale)).round(scale);
}

Value log2_fn(const std::vector<Value>& a) {
  Decimal base = dec(a[0]), x = dec(a[1]);
  if (base.is_nan() || x.is_nan()) return num(Decimal::parse("NaN"));
  return num(log_base(base, x));
}
Value log10_fn(const std::vector<Value>& a) {
  Decimal x = dec(a[0]);
  if (x.is_nan()) return num(x);
  return num(log_base(Decimal::from_int(10), x));
}

Decimal exp_scaled(const Decimal& x) {
  double v = x.to_double();
  // PostgreSQL gives up beyond |x| = 6000 (NUMERIC_MAX_RESULT_SCALE * 3).
  if (std::fabs(v) >= 6000) {
    if (v > 0) overflow();
  }
  double weight = std::clamp(v * 0.434294481903252, -2000.0, 2000.0);
  int scale = result_scale(kMinSigDigits - static_cast<int>(weight), {x.scale()});
  if (std::fabs(v) >= 6000) return Decimal::from_int(0).round(scale);
  return exp_decimal(x, scale + kGuardDigits).round(scale);
}

Value exp_fn(const std::vector<Value>& a) {
  Decimal x = dec(a[0]);
  if (x.is_nan()) return num(x);
  if (x.is_infinite()) return num(x.sign() > 0 ? x : Decimal::from_int(0));
  return num(exp_scaled(x));
}

Value sqrt_fn(const std::vector<Value>& a) {
  Decimal x = dec(a[0]);
  if (x.is_nan()) return num(x);
  if (x.sign() < 0) {
    throw DbError(sqlstate::kInvalidArgumentForPowerFunction, "cannot take square root of a negative number");
  }
  if (x.is_infinite()) return num(x);
  // The scale follows the NBASE (10^4) weight of x, as numeric_sqrt's does.
  int nbase_weight = x.is_zero() ? 0 : static_cast<int>(std::floor(decimal_weight(x) / 4.0));
  int scale = result_scale(kMinSigDigits - (2 * nbase_weight + 1), {x.scale()});
  return num(sqrt_decimal(x, scale + kGuardDigits).round(scale));
}

// Significant digits of x's coefficient: what an exact power multiplies.
std::size_t coefficient_digits(const Decimal& x) {
  std::string s = x.abs().to_string();
  s.erase(std::remove(s.begin(), s.end(), '.'), s.end());
  std::size_t first = s.find_first_not_of('0'), last = s.find_last_not_of('0');
  return first == std::string::npos ? 0 : last - first + 1;
}

// base ^ n for an integer n (numeric_power's power_var_int): exact, then
// rounded to max(16, base's scale) places.
Decimal power_int(const Decimal& base, std::int64_t n) {
  int scale = result_scale(kMinSigDigits, {base.scale()});
  if (n == 0) return Decimal::from_int(1).round(scale);
  if (base.is_zero()) return Decimal::from_int(0).round(scale);
  double weight = static_cast<double>(n) * std::log10(std::fabs(base.to_double()));
  if (!std::isfinite(weight)) weight = static_cast<double>(n) * decimal_weight(base);
  if (weight > 131072) overflow();
  if (weight + 1 < -scale) return Decimal::from_int(0).round(scale);
  std::uint64_t e = n < 0 ? static_cast<std::uint64_t>(-(n + 1)) + 1 : static_cast<std::uint64_t>(n);
  if (coefficient_digits(base) * e <= 4000) {
    Decimal result = Decimal::from_int(1), square = base;
    for (std::uint64_t k = e; k > 0; k >>= 1) {
      if (k & 1) result = result.mul(square);
      if (k > 1) square = square.mul(square);
    }
    return n > 0 ? result.round(scale) : Decimal::from_int(1).div_to_scale(result, scale);
  }
  // Too many digits to multiply out: through exp and ln, with the sign of an odd power.
  int work = scale + std::max(0, static_cast<int>(weight)) + kGuardDigits + 20;
  Decimal ln = ln_decimal(base.abs(), work).mul(Decimal::from_int(n));
  Decimal r = exp_decimal(ln, scale + kGuardDigits).round(scale);
  return base.sign() < 0 && (e & 1) ? r.neg() : r;
}

Decimal power(const Decimal& base, const Decimal& exp) {
  if (base.is_zero() && exp.sign() < 0) {
    throw DbError(sqlstate::kInvalidArgumentForPowerFunction, "zero raised to a negative power is undefined");
  }
  bool integral = exp.compare(exp.trunc(0)) == 0;
  if (base.sign() < 0 && !integral) {
    throw DbError(sqlstate::kInvalidArgumentForPowerFunction,
                  "a negative number raised to a non-integer power yields a complex result");
  }
  if (integral && exp.abs().compare(Decimal::from_int(INT32_MAX)) <= 0) return power_int(base, exp.to_int64());
  if (base.is_zero()) return Decimal::from_int(0).round(kMinSigDigits);
  // base ^ exp = exp(exp * ln(base)). The scale follows the result's
  // weight, estimated as power_var does from ln(base) * exp at a few
  // places: its rounding decides cases such as 1e-10 ^ 2.5.
  int local = std::max(8 - estimate_ln_weight(base), 0);
  Decimal ln_estimate = ln_decimal(base, local + 4).round(local).mul(exp).round(local);
  double weight = ln_estimate.to_double() * 0.434294481903252;
  if (std::fabs(weight) > 6000) {
    if (weight > 0) overflow();
    return Decimal::from_int(0).round(kMinSigDigits);
  }
  int scale = result_scale(kMinSigDigits - static_cast<int>(weight), {base.scale(), exp.scale()});
  int work = scale + std::max(0, static_cast<int>(weight)) + std::max(0, decimal_weight(exp)) + kGuardDigits + 2;
  Decimal z = ln_decimal(base, work).mul(exp).round(work);
  return exp_decimal(z, scale + kGuardDigits).round(scale);
}

Value power_fn(const std::vector<Value>& a) {
  Decimal base = dec(a[0]), exp = dec(a[1]);
  // 1 ^ anything and anything ^ 0 are 1, NaN included, as in PostgreSQL.
  if (base.is_nan() || exp.is_nan()) {
    if ((!base.is_nan() && base.compare(Decimal::from_int(1)) == 0) || (!exp.is_nan() && exp.is_zero())) {
      return num(Decimal::from_int(1));
    }
    return num(Decimal::parse("NaN"));
  }
  if (base.is_infinite() || exp.is_infinite()) {
    return num(Decimal::from_double(std::pow(base.to_double(), exp.to_double())));
  }
  return num(power(base, exp));
}

// div(x, y): the integral part of x / y, truncated toward zero.
Value div_fn(const std::vector<Value>& a) {
  Decimal x = dec(a[0]), y = dec(a[1]);
  if (x.is_nan() || y.is_nan()) return num(Decimal::parse("NaN"));
  if (y.is_zero()) throw DbError(sqlstate::kDivisionByZero, "division by zero");
  if (x.is_infinite() || y.is_infinite()) return num(x.div(y).trunc(0));
  return num(x.sub(x.mod(y)).div_to_scale(y, 0));
}

DbError bucket_error(std::string message) {
  return DbError(sqlstate::kInvalidArgumentForWidthBucketFunction, std::move(message));
}

void check_count(std::int64_t count) {
  if (count <= 0) throw bucket_error("count must be greater than zero");
}

std::int64_t past_last_bucket(std::int64_t count) {
  if (count == INT32_MAX) throw DbError(sqlstate::kNumericValueOutOfRange, "integer out of range");
  return count + 1;
}

// width_bucket(operand, low, high, count): which of `count` equal buckets
// between low and high holds operand; 0 below, count + 1 above. Bounds may
// be given high to low.
Value width_bucket_num_fn(const std::vector<Value>& a) {
  Decimal x = dec(a[0]), low = dec(a[1]), high = dec(a[2]);
  std::int64_t count = a[3].as_int();
  check_count(count);
  if (x.is_nan() || low.is_nan() || high.is_nan()) {
    throw bucket_error("operand, lower bound, and upper bound cannot be NaN");
  }
  if (low.is_infinite() || high.is_infinite()) throw bucket_error("lower and upper bounds must be finite");
  int order = low.compare(high);
  if (order == 0) throw bucket_error("lower bound cannot equal upper bound");
  bool ascending = order < 0;
  if (ascending ? x.compare(low) < 0 : x.compare(low) > 0) return Value::integer(kInt4, 0);
  if (ascending ? x.compare(high) >= 0 : x.compare(high) <= 0) return Value::integer(kInt4, past_last_bucket(count));
  // floor(count * (x - low) / (high - low)) + 1, exactly.
  Decimal numerator = x.sub(low).abs().mul(Decimal::from_int(count));
  Decimal denominator = high.sub(low).abs();
  Decimal bucket = numerator.sub(numerator.mod(denominator)).div_to_scale(denominator, 0);
  return Value::integer(kInt4, bucket.to_int64() + 1);
}

Value width_bucket_f8_fn(const std::vector<Value>& a) {
  double x = a[0].as_float(), low = a[1].as_float(), high = a[2].as_float();
  std::int64_t count = a[3].as_int();
  check_count(count);
  if (std::isnan(x) || std::isnan(low) || std::isnan(high)) {
    throw bucket_error("operand, lower bound, and upper bound cannot be NaN");
  }
  if (std::isinf(low) || std::isinf(high)) throw bucket_error("lower and upper bounds must be finite");
  if (low == high) throw bucket_error("lower bound cannot equal upper bound");
  bool ascending = low < high;
  if (ascending ? x < low : x > low) return Value::integer(kInt4, 0);
  if (ascending ? x >= high : x <= high) return Value::integer(kInt4, past_last_bucket(count));
  double span = std::isinf(high - low) ? (high / 2 - low / 2) : (high - low);
  double offset = std::isinf(high - low) ? (x / 2 - low / 2) : (x - low);
  auto bucket = static_cast<std::int64_t>(static_cast<double>(count) * (offset / span));
  return Value::integer(kInt4, std::min(bucket, count - 1) + 1);
}

template <TypeId T>
std::int64_t int_min_of() {
  return T == kInt4 ? INT32_MIN : INT64_MIN;
}

template <TypeId T>
[[noreturn]] void int_out_of_range() {
  throw DbError(sqlstate::kNumericValueOutOfRange, T == kInt4 ? "integer out of range" : "bigint out of range");
}

template <TypeId T>
std::int64_t int_gcd(std::int64_t x, std::int64_t y) {
  // |INT_MIN| does not fit: it can be a result only with 0 or itself.
  if ((x == int_min_of<T>() && (y == 0 || y == int_min_of<T>())) || (y == int_min_of<T>() && x == 0)) {
    int_out_of_range<T>();
  }
  while (y != 0) {
    std::int64_t r = x % y;
    x = y;
    y = r;
  }
  return x < 0 ? -x : x;
}

template <TypeId T>
Value gcd_fn(const std::vector<Value>& a) {
  return Value::integer(T, int_gcd<T>(a[0].as_int(), a[1].as_int()));
}

template <TypeId T>
Value lcm_fn(const std::vector<Value>& a) {
  std::int64_t x = a[0].as_int(), y = a[1].as_int();
  if (x == 0 || y == 0) return Value::integer(T, 0);
  Int128 r = static_cast<Int128>(x / int_gcd<T>(x, y)) * y;
  if (r < 0) r = -r;
  Int128 limit = T == kInt4 ? INT32_MAX : INT64_MAX;
  if (r > limit) int_out_of_range<T>();
  return Value::integer(T, static_cast<std::int64_t>(r));
}

Decimal num_gcd(Decimal x, Decimal y) {
  int scale = std::max(x.scale(), y.scale());
  x = x.abs();
  y = y.abs();
  while (!y.is_zero()) {
    Decimal r = x.mod(y);
    x = y;
    y = r;
  }
  return x.round(scale);
}

Value num_gcd_fn(const std::vector<Value>& a) {
  Decimal x = dec(a[0]), y = dec(a[1]);
  if (x.is_nan() || y.is_nan() || x.is_infinite() || y.is_infinite()) return num(Decimal::parse("NaN"));
  return num(num_gcd(x, y));
}

Value num_lcm_fn(const std::vector<Value>& a) {
  Decimal x = dec(a[0]), y = dec(a[1]);
  if (x.is_nan() || y.is_nan() || x.is_infinite() || y.is_infinite()) return num(Decimal::parse("NaN"));
  int scale = std::max(x.scale(), y.scale());
  if (x.is_zero() || y.is_zero()) return num(Decimal::from_int(0).round(scale));
  Decimal g = num_gcd(x, y);
  return num(x.div_to_scale(g, 0).mul(y).abs().round(scale));
}

// factorial(n) = n!, multiplied out in base 10^9 limbs: PostgreSQL allows
// n up to 32177, whose factorial has 130,000 digits.
Value factorial_fn(const std::vector<Value>& a) {
  std::int64_t n = a[0].as_int();
  if (n < 0) throw DbError(sqlstate::kNumericValueOutOfRange, "factorial of a negative number is undefined");
  if (n > 32177) overflow();
  constexpr std::uint64_t kLimb = 1'000'000'000;
  std::vector<std::uint64_t> limbs{1};  // least significant first
  for (std::int64_t k = 2; k <= n; ++k) {
    std::uint64_t carry = 0;
    for (std::uint64_t& limb : limbs) {
      std::uint64_t v = limb * static_cast<std::uint64_t>(k) + carry;
      limb = v % kLimb;
      carry = v / kLimb;
    }
    while (carry > 0) {
      limbs.push_back(carry % kLimb);
      carry /= kLimb;
    }
  }
  std::string digits = std::to_string(limbs.back());
  for (std::size_t i = limbs.size() - 1; i-- > 0;) {
    std::string part = std::to_string(limbs[i]);
    digits += std::string(9 - part.size(), '0') + part;
  }
  return Value::string(kNum, digits);
}

}  // namespace

void register_numeric_functions(FunctionRegistry& r) {
  const SqlType num_type{kNum, -1}, int4{kInt4, -1}, int8{kInt8, -1};
  for (const char* name : {"power", "pow"}) r.add(name, {{kNum, kNum}, num_type, power_fn});
  r.add("sqrt", {{kNum}, num_type, sqrt_fn});
  r.add("ln", {{kNum}, num_type, ln_fn});
  r.add("log", {{kNum}, num_type, log10_fn});
  r.add("log10", {{kNum}, num_type, log10_fn});
  r.add("log", {{kNum, kNum}, num_type, log2_fn});
  r.add("exp", {{kNum}, num_type, exp_fn});
  r.add("div", {{kNum, kNum}, num_type, div_fn});
  r.add("width_bucket", {{kNum, kNum, kNum, kInt4}, int4, width_bucket_num_fn});
  r.add("width_bucket", {{kF8, kF8, kF8, kInt4}, int4, width_bucket_f8_fn});
  r.add("gcd", {{kInt4, kInt4}, int4, gcd_fn<kInt4>});
  r.add("gcd", {{kInt8, kInt8}, int8, gcd_fn<kInt8>});
  r.add("gcd", {{kNum, kNum}, num_type, num_gcd_fn});
  r.add("lcm", {{kInt4, kInt4}, int4, lcm_fn<kInt4>});
  r.add("lcm", {{kInt8, kInt8}, int8, lcm_fn<kInt8>});
  r.add("lcm", {{kNum, kNum}, num_type, num_lcm_fn});
  r.add("factorial", {{kInt8}, num_type, factorial_fn});
}

}  // namespace heliosdb::engine

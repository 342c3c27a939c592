// Trigonometric and hyperbolic functions of double precision, and random(),
// as PostgreSQL's float.c has them: the C library's results, with its
// errors for input outside each function's domain.
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <string>

#include "engine/common/db_error.hpp"
#include "engine/functions/function_registry.hpp"

namespace heliosdb::engine {

namespace {

constexpr TypeId kF8 = TypeId::kFloat8;

Value f8(double v) { return Value::floating(kF8, v); }

[[noreturn]] void out_of_range() { throw DbError(sqlstate::kNumericValueOutOfRange, "input is out of range"); }

// sin, cos, tan, cot: infinity has no angle; NaN goes through.
template <double (*Fn)(double)>
Value periodic(const std::vector<Value>& a) {
  const double x = a[0].as_float();
  if (std::isinf(x)) out_of_range();
  return f8(Fn(x));
}

double cot(double x) { return 1.0 / std::tan(x); }

// asin, acos: only [-1, 1].
template <double (*Fn)(double)>
Value within_one(const std::vector<Value>& a) {
  const double x = a[0].as_float();
  if (!std::isnan(x) && (x < -1.0 || x > 1.0)) out_of_range();
  return f8(Fn(x));
}

template <double (*Fn)(double)>
Value plain(const std::vector<Value>& a) {
  return f8(Fn(a[0].as_float()));
}

Value atan2_fn(const std::vector<Value>& a) { return f8(std::atan2(a[0].as_float(), a[1].as_float())); }

Value acosh_fn(const std::vector<Value>& a) {
  const double x = a[0].as_float();
  if (x < 1.0) out_of_range();
  return f8(std::acosh(x));
}

Value atanh_fn(const std::vector<Value>& a) {
  const double x = a[0].as_float();
  if (x < -1.0 || x > 1.0) out_of_range();
  if (x == 1.0) return f8(std::numeric_limits<double>::infinity());
  if (x == -1.0) return f8(-std::numeric_limits<double>::infinity());
  return f8(std::atanh(x));
}

// Uniform in [0, 1), from a generator of the thread running the statement.
// setseed() is refused: a session may move between threads, so a seed
// could not promise the sequence that follows it.
Value random_fn(const std::vector<Value>&) {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return f8(std::uniform_real_distribution<double>(0.0, 1.0)(generator));
}

Value setseed_fn(const std::vector<Value>& a) {
  const double seed = a[0].as_float();
  if (std::isnan(seed) || seed < -1.0 || seed > 1.0) {
    char text[64];
    std::snprintf(text, sizeof text, "%g", seed);
    throw DbError(sqlstate::kInvalidParameterValue,
                  std::string("setseed parameter ") + text + " is out of allowed range [-1,1]");
  }
  throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: setseed");
}

// The degree forms give exact answers at the angles people write (sind(30)
// is 0.5, tand(45) is 1): each is computed within its first quadrant and
// scaled by its own value at a landmark angle, so rounding cancels there.
constexpr double kRadiansPerDegree = 0.0174532925199432957692;

double sind_0_to_30(double x) { return std::sin(x * kRadiansPerDegree) / std::sin(30.0 * kRadiansPerDegree) / 2.0; }

double one_minus_cosd_0_to_60(double x) {
  return (1.0 - std::cos(x * kRadiansPerDegree)) / (1.0 - std::cos(60.0 * kRadiansPerDegree)) / 2.0;
}

double sind_q1(double x) { return x <= 30.0 ? sind_0_to_30(x) : 1.0 - one_minus_cosd_0_to_60(90.0 - x); }
double cosd_q1(double x) { return x <= 60.0 ? 1.0 - one_minus_cosd_0_to_60(x) : sind_0_to_30(90.0 - x); }

// The angle folded into [0, 360) and then the first quadrant, with the sign the function takes there.
struct Folded {
  double angle;
  double sign = 1.0;
};

// sin, tan and cot are odd, and change sign both 180 degrees on (sin) and
// mirrored about 360 (tan and cot): `shift` picks the first.
Folded fold_odd(double x, bool shift) {
  Folded f{std::fmod(x, 360.0)};
  if (f.angle < 0.0) {
    f.angle = -f.angle;
    f.sign = -f.sign;
  }
  if (f.angle > 180.0) {
    f.angle = shift ? f.angle - 180.0 : 360.0 - f.angle;
    f.sign = -f.sign;
  }
  return f;
}

Value sind_fn(const std::vector<Value>& a) {
  const double x = a[0].as_float();
  if (std::isnan(x)) return f8(x);
  if (std::isinf(x)) out_of_range();
  Folded f = fold_odd(x, true);
  if (f.angle > 90.0) f.angle = 180.0 - f.angle;
  return f8(f.sign * sind_q1(f.angle));
}

Value cosd_fn(const std::vector<Value>& a) {
  const double x = a[0].as_float();
  if (std::isnan(x)) return f8(x);
  if (std::isinf(x)) out_of_range();
  double angle = std::fabs(std::fmod(x, 360.0));
  if (angle > 180.0) angle = 360.0 - angle;
  double sign = 1.0;
  if (angle > 90.0) {
    angle = 180.0 - angle;
    sign = -1.0;
  }
  return f8(sign * cosd_q1(angle));
}

// tand and cotd: the ratio in the first quadrant, scaled so that 45 degrees gives exactly 1.
Value tangent_degrees(const std::vector<Value>& a, bool cotangent) {
  const double x = a[0].as_float();
  if (std::isnan(x)) return f8(x);
  if (std::isinf(x)) out_of_range();
  Folded f = fold_odd(x, false);
  if (f.angle > 90.0) {
    f.angle = 180.0 - f.angle;
    f.sign = -f.sign;
  }
  const double at_45 = sind_q1(45.0) / cosd_q1(45.0);
  const double ratio = cotangent ? cosd_q1(f.angle) / sind_q1(f.angle) : sind_q1(f.angle) / cosd_q1(f.angle);
  const double v = f.sign * ratio / at_45;
  return f8(v == 0.0 ? 0.0 : v);  // tand and cotd never give -0, as PostgreSQL's
}

Value tand_fn(const std::vector<Value>& a) { return tangent_degrees(a, false); }
Value cotd_fn(const std::vector<Value>& a) { return tangent_degrees(a, true); }

// asind and acosd in [0, 1]: scaled at 0.5, where they are exactly 30 and 60.
double asind_q1(double x) {
  if (x <= 0.5) return std::asin(x) / std::asin(0.5) * 30.0;
  return 90.0 - std::acos(x) / std::acos(0.5) * 60.0;
}

double acosd_q1(double x) {
  if (x <= 0.5) return 90.0 - std::asin(x) / std::asin(0.5) * 30.0;
  return std::acos(x) / std::acos(0.5) * 60.0;
}

Value asind_fn(const std::vector<Value>& a) {
  const double x = a[0].as_float();
  if (std::isnan(x)) return f8(x);
  if (x < -1.0 || x > 1.0) out_of_range();
  return f8(x >= 0.0 ? asind_q1(x) : -asind_q1(-x));
}

Value acosd_fn(const std::vector<Value>& a) {
  const double x = a[0].as_float();
  if (std::isnan(x)) return f8(x);
  if (x < -1.0 || x > 1.0) out_of_range();
  return f8(x >= 0.0 ? acosd_q1(x) : 90.0 + asind_q1(-x));
}

Value atand_fn(const std::vector<Value>& a) {
  const double x = a[0].as_float();
  if (std::isnan(x)) return f8(x);
  return f8(std::atan(x) / std::atan(1.0) * 45.0);
}

Value atan2d_fn(const std::vector<Value>& a) {
  const double y = a[0].as_float(), x = a[1].as_float();
  if (std::isnan(y) || std::isnan(x)) return f8(std::numeric_limits<double>::quiet_NaN());
  return f8(std::atan2(y, x) / std::atan(1.0) * 45.0);
}

double sin_(double x) { return std::sin(x); }
double cos_(double x) { return std::cos(x); }
double tan_(double x) { return std::tan(x); }
double asin_(double x) { return std::asin(x); }
double acos_(double x) { return std::acos(x); }
double atan_(double x) { return std::atan(x); }
double sinh_(double x) { return std::sinh(x); }
double cosh_(double x) { return std::cosh(x); }
double tanh_(double x) { return std::tanh(x); }
double asinh_(double x) { return std::asinh(x); }

}  // namespace

void register_trig_functions(FunctionRegistry& r) {
  const SqlType f8_type{kF8, -1};
  r.add("sin", {{kF8}, f8_type, periodic<sin_>});
  r.add("cos", {{kF8}, f8_type, periodic<cos_>});
  r.add("tan", {{kF8}, f8_type, periodic<tan_>});
  r.add("cot", {{kF8}, f8_type, periodic<cot>});
  r.add("asin", {{kF8}, f8_type, within_one<asin_>});
  r.add("acos", {{kF8}, f8_type, within_one<acos_>});
  r.add("atan", {{kF8}, f8_type, plain<atan_>});
  r.add("atan2", {{kF8, kF8}, f8_type, atan2_fn});
  r.add("sinh", {{kF8}, f8_type, plain<sinh_>});
  r.add("cosh", {{kF8}, f8_type, plain<cosh_>});
  r.add("tanh", {{kF8}, f8_type, plain<tanh_>});
  r.add("asinh", {{kF8}, f8_type, plain<asinh_>});
  r.add("acosh", {{kF8}, f8_type, acosh_fn});
  r.add("atanh", {{kF8}, f8_type, atanh_fn});
  r.add("sind", {{kF8}, f8_type, sind_fn});
  r.add("cosd", {{kF8}, f8_type, cosd_fn});
  r.add("tand", {{kF8}, f8_type, tand_fn});
  r.add("cotd", {{kF8}, f8_type, cotd_fn});
  r.add("asind", {{kF8}, f8_type, asind_fn});
  r.add("acosd", {{kF8}, f8_type, acosd_fn});
  r.add("atand", {{kF8}, f8_type, atand_fn});
  r.add("atan2d", {{kF8, kF8}, f8_type, atan2d_fn});
  r.add("random", {{}, f8_type, random_fn});
  r.add("setseed", {{kF8}, f8_type, setseed_fn});  // always refused: its type matters to no one
}

}  // namespace heliosdb::engine

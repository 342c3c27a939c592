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
  r.add("random", {{}, f8_type, random_fn});
  r.add("setseed", {{kF8}, f8_type, setseed_fn});  // always refused: its type matters to no one
}

}  // namespace heliosdb::engine

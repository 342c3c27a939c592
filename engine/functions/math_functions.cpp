// Mathematical functions over integers and double precision (PostgreSQL's
// "Mathematical Functions and Operators"); numeric overloads join them when
// the numeric type does.
#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/common/db_error.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/types/cast.hpp"
#include "engine/types/decimal.hpp"

namespace heliosdb::engine {

namespace {

constexpr TypeId kF8 = TypeId::kFloat8;

Value f8(double v) { return Value::floating(kF8, v); }

// PostgreSQL raises for a result that overflowed from finite input.
Value checked(double r, double input) {
  if (std::isinf(r) && std::isfinite(input)) {
    throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  }
  return f8(r);
}

template <TypeId T>
Value int_abs(const std::vector<Value>& a) {
  std::int64_t v = a[0].as_int();
  std::int64_t limit = T == TypeId::kInt2 ? INT16_MIN : T == TypeId::kInt4 ? INT32_MIN : INT64_MIN;
  if (v == limit) {
    throw DbError(sqlstate::kNumericValueOutOfRange, type_display_name({T, -1}) + " out of range");
  }
  return Value::integer(T, v < 0 ? -v : v);
}

template <TypeId T>
Value int_mod(const std::vector<Value>& a) {
  if (a[1].as_int() == 0) throw DbError(sqlstate::kDivisionByZero, "division by zero");
  return Value::integer(T, a[1].as_int() == -1 ? 0 : a[0].as_int() % a[1].as_int());
}

Value float_abs(const std::vector<Value>& a) { return Value::floating(a[0].type(), std::fabs(a[0].as_float())); }
Value ceil_fn(const std::vector<Value>& a) { return f8(std::ceil(a[0].as_float())); }
Value floor_fn(const std::vector<Value>& a) { return f8(std::floor(a[0].as_float())); }
// round() of double precision rounds half to even, as rint() does.
Value round_fn(const std::vector<Value>& a) { return f8(std::nearbyint(a[0].as_float())); }
Value trunc_fn(const std::vector<Value>& a) { return f8(std::trunc(a[0].as_float())); }
Value sign_fn(const std::vector<Value>& a) {
  double v = a[0].as_float();
  return f8(v > 0 ? 1 : v < 0 ? -1 : 0);
}

Value sqrt_fn(const std::vector<Value>& a) {
  if (a[0].as_float() < 0) {
    throw DbError(sqlstate::kInvalidArgumentForPowerFunction, "cannot take square root of a negative number");
  }
  return f8(std::sqrt(a[0].as_float()));
}
Value cbrt_fn(const std::vector<Value>& a) { return f8(std::cbrt(a[0].as_float())); }

Value power_fn(const std::vector<Value>& a) {
  double x = a[0].as_float(), y = a[1].as_float();
  if (x == 0 && y < 0) {
    throw DbError(sqlstate::kInvalidArgumentForPowerFunction, "zero raised to a negative power is undefined");
  }
  if (x < 0 && std::floor(y) != y) {
    throw DbError(sqlstate::kInvalidArgumentForPowerFunction,
                  "a negative number raised to a non-integer power yields a complex result");
  }
  double r = std::pow(x, y);
  if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) {
    throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  }
  return f8(r);
}

Value exp_fn(const std::vector<Value>& a) {
  double r = std::exp(a[0].as_float());
  if (r == 0 && std::isfinite(a[0].as_float())) {
    throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
  }
  return checked(r, a[0].as_float());
}

Value log_of(double v, double (*f)(double)) {
  if (v == 0) throw DbError(sqlstate::kInvalidArgumentForLog, "cannot take logarithm of zero");
  if (v < 0) throw DbError(sqlstate::kInvalidArgumentForLog, "cannot take logarithm of a negative number");
  return f8(f(v));
}
Value ln_fn(const std::vector<Value>& a) {
  return log_of(a[0].as_float(), [](double v) { return std::log(v); });
}
Value log10_fn(const std::vector<Value>& a) {
  return log_of(a[0].as_float(), [](double v) { return std::log10(v); });
}

Value num(const Decimal& d) { return Value::string(TypeId::kNumeric, d.to_string()); }
Decimal dec(const Value& v) { return Decimal::parse(v.as_string()); }
int places(const std::vector<Value>& a) {
  return a.size() > 1 ? static_cast<int>(std::clamp<std::int64_t>(a[1].as_int(), -2000, 2000)) : 0;
}
Value num_round(const std::vector<Value>& a) { return num(dec(a[0]).round(places(a))); }

// round(double precision, integer): PostgreSQL has only the numeric form, so
// `round(x::float / 1024, 2)` (the seed's branch sizes) fails there; we
// round the value as numeric, which is what the query means. Integers
// take the same path, exactly (numeric holds every int8).
Value float_round_to(const std::vector<Value>& a) {
  return num_round({cast_value(a[0], {TypeId::kNumeric, -1}, CastContext::kExplicit), a[1]});
}
Value num_trunc(const std::vector<Value>& a) { return num(dec(a[0]).trunc(places(a))); }
Value num_ceil(const std::vector<Value>& a) { return num(dec(a[0]).ceil()); }
Value num_floor(const std::vector<Value>& a) { return num(dec(a[0]).floor()); }
Value num_abs(const std::vector<Value>& a) { return num(dec(a[0]).abs()); }
Value num_sign(const std::vector<Value>& a) {
  Decimal d = dec(a[0]);
  return d.is_nan() ? num(d) : num(Decimal::from_int(d.sign()));
}
Value num_mod(const std::vector<Value>& a) { return num(dec(a[0]).mod(dec(a[1]))); }

Value pi_fn(const std::vector<Value>&) { return f8(M_PI); }
Value degrees_fn(const std::vector<Value>& a) { return f8(a[0].as_float() * (180.0 / M_PI)); }
Value radians_fn(const std::vector<Value>& a) { return f8(a[0].as_float() * (M_PI / 180.0)); }

}  // namespace

void register_math_functions(FunctionRegistry& r) {
  const SqlType f8_type{kF8, -1};
  r.add("abs", {{TypeId::kInt2}, {TypeId::kInt2, -1}, int_abs<TypeId::kInt2>});
  r.add("abs", {{TypeId::kInt4}, {TypeId::kInt4, -1}, int_abs<TypeId::kInt4>});
  r.add("abs", {{TypeId::kInt8}, {TypeId::kInt8, -1}, int_abs<TypeId::kInt8>});
  r.add("abs", {{TypeId::kFloat4}, {TypeId::kFloat4, -1}, float_abs});
  r.add("abs", {{kF8}, f8_type, float_abs});
  r.add("mod", {{TypeId::kInt2, TypeId::kInt2}, {TypeId::kInt2, -1}, int_mod<TypeId::kInt2>});
  r.add("mod", {{TypeId::kInt4, TypeId::kInt4}, {TypeId::kInt4, -1}, int_mod<TypeId::kInt4>});
  r.add("mod", {{TypeId::kInt8, TypeId::kInt8}, {TypeId::kInt8, -1}, int_mod<TypeId::kInt8>});
  for (const char* name : {"ceil", "ceiling"}) r.add(name, {{kF8}, f8_type, ceil_fn});
  r.add("floor", {{kF8}, f8_type, floor_fn});
  r.add("round", {{kF8}, f8_type, round_fn});
  r.add("trunc", {{kF8}, f8_type, trunc_fn});
  r.add("sign", {{kF8}, f8_type, sign_fn});
  r.add("sqrt", {{kF8}, f8_type, sqrt_fn});
  r.add("cbrt", {{kF8}, f8_type, cbrt_fn});
  for (const char* name : {"power", "pow"}) r.add(name, {{kF8, kF8}, f8_type, power_fn});
  r.add("exp", {{kF8}, f8_type, exp_fn});
  r.add("ln", {{kF8}, f8_type, ln_fn});
  r.add("log", {{kF8}, f8_type, log10_fn});
  r.add("log10", {{kF8}, f8_type, log10_fn});
  constexpr TypeId kNum = TypeId::kNumeric;
  const SqlType num_type{kNum, -1};
  r.add("abs", {{kNum}, num_type, num_abs});
  r.add("mod", {{kNum, kNum}, num_type, num_mod});
  r.add("round", {{kNum}, num_type, num_round});
  r.add("round", {{kNum, TypeId::kInt4}, num_type, num_round});
  r.add("round", {{kF8, TypeId::kInt4}, num_type, float_round_to});
  r.add("round", {{TypeId::kInt8, TypeId::kInt4}, num_type, float_round_to});  // integers stay exact
  r.add("trunc", {{kNum}, num_type, num_trunc});
  r.add("trunc", {{kNum, TypeId::kInt4}, num_type, num_trunc});
  for (const char* name : {"ceil", "ceiling"}) r.add(name, {{kNum}, num_type, num_ceil});
  r.add("floor", {{kNum}, num_type, num_floor});
  r.add("sign", {{kNum}, num_type, num_sign});
  r.add("pi", {{}, f8_type, pi_fn});
  r.add("degrees", {{kF8}, f8_type, degrees_fn});
  r.add("radians", {{kF8}, f8_type, radians_fn});
}

}  // namespace heliosdb::engine

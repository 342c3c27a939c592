#pragma once

#include "engine/types/decimal.hpp"

// Square root, natural logarithm and exponential of exact decimals to a
// chosen number of places, for the numeric overloads of sqrt, ln, log, exp
// and power: PostgreSQL computes these to the last displayed digit, which
// no binary floating-point type can (exp(100.0) shows 45 digits).
namespace heliosdb::engine {

/// floor(log10(|x|)): the decimal exponent of x's leading digit. x must be
/// finite and non-zero.
int decimal_weight(const Decimal& x);

/// sqrt(x) for a finite x >= 0, within one unit in the `scale`-th place
/// (callers round a result computed with guard digits).
Decimal sqrt_decimal(const Decimal& x, int scale);

/// ln(x) for a finite x > 0, within one unit in the `scale`-th place.
Decimal ln_decimal(const Decimal& x, int scale);

/// exp(x) for a finite x, within one unit in the `scale`-th place. The
/// caller keeps x small enough for the result to be representable.
Decimal exp_decimal(const Decimal& x, int scale);

}  // namespace heliosdb::engine

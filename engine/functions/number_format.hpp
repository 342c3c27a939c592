#pragma once

#include <string>
#include <string_view>

#include "engine/types/decimal.hpp"

// to_char for numbers (PostgreSQL's "Template Patterns for Numeric
// Formatting"): 9 and 0 digit positions, . or D, , or G, the sign patterns
// S, MI, PL, SG and PR, the FM prefix, TH, and quoted or other literal
// text. Pure functions; 0A000 for the patterns not done (EEEE, RN, V, L),
// 42601 for a second decimal point.
namespace heliosdb::engine {

/// to_char(numeric or integer, format): rounded half away from zero to the
/// template's fraction positions; '#' in every digit position when the
/// integer part does not fit.
std::string format_number(std::string_view format, const Decimal& value);

/// to_char(double precision or real, format): as format_number, but rounded
/// the way printf rounds the binary value, to at most `significant_digits`
/// digits (DBL_DIG 15 for double precision, FLT_DIG 6 for real).
std::string format_float(std::string_view format, double value, int significant_digits);

}  // namespace heliosdb::engine

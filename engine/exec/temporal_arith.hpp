#pragma once

#include <string>

#include "engine/types/value.hpp"

namespace heliosdb::engine {

/// `a op b` where a date/time type takes part, with the result type the
/// binder chose (see temporal_result in binder.cpp). Operands are non-NULL.
Value temporal_arith(const std::string& op, const Value& a, const Value& b, TypeId result);

}  // namespace heliosdb::engine

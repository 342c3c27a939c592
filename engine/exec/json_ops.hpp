#pragma once

#include <string>

#include "engine/types/value.hpp"

namespace heliosdb::engine {

/// A json/jsonb operator: -> ->> ? @> <@ || -. Operands are non-NULL and of
/// the types the binder chose; a missing member or element gives NULL.
Value json_operator(const std::string& op, const Value& a, const Value& b, TypeId result);

/// jsonb's equality in a spelling: equal jsonb values ('1.0' and '1'), equal text.
std::string jsonb_equality_text(const std::string& jsonb);

}  // namespace heliosdb::engine

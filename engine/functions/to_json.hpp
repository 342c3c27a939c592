#pragma once

#include "engine/types/json_value.hpp"
#include "engine/types/value.hpp"

namespace heliosdb::engine {

/// An SQL value as JSON, as to_jsonb makes it: numbers, booleans and json as
/// such, NULL as null, timestamps in ISO form, the rest as strings.
JsonValue to_json_value(const Value& v);

}  // namespace heliosdb::engine

#pragma once

#include "engine/types/json_value.hpp"
#include "engine/types/value.hpp"

namespace heliosdb::engine {

/// An SQL value as JSON, as to_jsonb makes it: numbers, booleans and json as
/// such, NULL as null, timestamps in ISO form, the rest as strings.
JsonValue to_json_value(const Value& v);

/// An SQL value as json text, as to_json makes it: json keeps its own text,
/// the rest is to_json_value's canonical text.
std::string to_json_text(const Value& v);

/// An SQL value as an object key, as json_build_object and json_object_agg
/// take one: its JSON text without quotes. Throws DbError 22023 for an
/// array, json or jsonb key.
std::string json_key_text(const Value& v);

}  // namespace heliosdb::engine

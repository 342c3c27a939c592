#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/types/value.hpp"

namespace heliosdb::engine {

/// Appends the stored form of `value`: a NULL flag, then 8 bytes for numbers
/// and booleans or a length-prefixed string. The type is not stored: the
/// reader knows it from the column.
void append_value(std::string& out, const Value& value);

/// Reads a value written by append_value, advancing `in`. Throws DbError
/// (XX001, data corrupted) on truncated input.
Value read_value(std::string_view& in, TypeId type);
/// read_value into `out`, reusing its storage.
void read_value_into(std::string_view& in, TypeId type, Value& out);
/// Steps over a value written by append_value without building it.
void skip_value(std::string_view& in, TypeId type);
/// The stored bytes of a value of a string-held type (text, bytea, vector,
/// an array, ...) as they lie in `in`, advancing past it; nullopt for NULL.
std::optional<std::string_view> read_stored_bytes(std::string_view& in);

}  // namespace heliosdb::engine

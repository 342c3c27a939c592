#pragma once

// Values on the wire: result columns and Bind parameters in text (format 0)
// or binary (format 1), as PostgreSQL's typsend/typreceive lay them out.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/types/value.hpp"

namespace heliosdb::protocol {

/// A result value as the client asked for it (format 0 text, 1 binary).
std::string encode_value(const engine::Value& value, std::int16_t format);

/// Appends `value` as binary COPY rows, array elements and record fields
/// hold one: its length (-1 for NULL), then its binary form.
void append_binary_item(std::string& out, const engine::Value& value);

/// A Bind parameter (nullopt: NULL) of type `type_oid` (0: not given, so it
/// takes its type from where it stands, like a quoted literal). Throws
/// DbError: 22P03 for malformed binary data, 0A000 for a type or binary
/// form we do not take yet, and the type's input errors for text.
/// A value in binary form (typreceive) of `type`; 22P03 "incorrect binary
/// data format" + `where` if malformed.
engine::Value decode_binary(std::string_view bytes, engine::TypeId type, const std::string& where);

engine::Value decode_param(const std::optional<std::string>& bytes, std::int16_t format, std::uint32_t type_oid,
                           int number);

}  // namespace heliosdb::protocol

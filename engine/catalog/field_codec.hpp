#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/types/value_codec.hpp"

namespace heliosdb::engine::catalog_fields {

// Catalog records (tables, sequences) are sequences of integers and strings,
// written with the value codec.
inline void put_int(std::string& out, std::int64_t v) { append_value(out, Value::integer(TypeId::kInt8, v)); }
inline void put_str(std::string& out, const std::string& s) { append_value(out, Value::string(TypeId::kText, s)); }
inline std::int64_t take_int(std::string_view& in) { return read_value(in, TypeId::kInt8).as_int(); }
inline std::string take_str(std::string_view& in) { return read_value(in, TypeId::kText).as_string(); }

}  // namespace heliosdb::engine::catalog_fields

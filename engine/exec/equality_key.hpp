#pragma once

#include <string>

#include "engine/exec/row_codec.hpp"

namespace heliosdb::engine {

/// A text that is equal for rows whose values are all equal under SQL's
/// "not distinct" (NULL equals NULL, -0 equals 0, 1 equals 1.0): the key of
/// GROUP BY, DISTINCT and hash joins.
std::string equality_key(const Row& values);
/// Appends one value's part of such a key (equality_key is these, in order).
void append_equality_key(std::string& key, const Value& v);

}  // namespace heliosdb::engine

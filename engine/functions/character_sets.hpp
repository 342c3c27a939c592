#pragma once

#include <string_view>

namespace heliosdb::engine {

// PostgreSQL's server character sets by number (the numbers pg_database
// .encoding and pg_conversion hold) and by name. We store and speak UTF8
// only; these answer what the names and numbers mean, for the catalog
// functions clients call (pg_encoding_to_char, pg_char_to_encoding).

/// The set's name for its number ("UTF8" for 6), or "" for no set.
std::string_view character_set_name(int number);

/// The number a name means, or -1: matched as PostgreSQL does, ignoring
/// case and anything but letters and digits, aliases included ("utf-8",
/// "Unicode", "ISO-8859-1", "win1252").
int character_set_number(std::string_view name);

}  // namespace heliosdb::engine

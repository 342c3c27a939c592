#pragma once

#include <string>
#include <vector>

#include "engine/types/value.hpp"

namespace heliosdb::engine {

/// regexp_matches(text, pattern [, flags]): one text[] per match (every
/// match with the 'g' flag, else the first only): its capture groups, an
/// unmatched group NULL, or the whole match when the pattern has none.
std::vector<Value> regexp_matches(const std::string& text, const std::string& pattern, const std::string& flags);

/// regexp_split_to_table(text, pattern [, flags]): the pieces between
/// matches. Empty matches at either end of the text or right after another
/// match split nothing, as in PostgreSQL. `function` names the caller in errors.
std::vector<std::string> regexp_split(const std::string& text, const std::string& pattern, const std::string& flags,
                                      const char* function);

}  // namespace heliosdb::engine

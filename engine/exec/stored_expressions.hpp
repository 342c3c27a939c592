#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/exec/exec_context.hpp"

namespace heliosdb::engine {

/// The SQL text of every stored expression bound again when used: views,
/// table checks, index expressions and predicates, generated columns,
/// per-row defaults, and domains' DEFAULTs and CHECKs. They name types and
/// enum labels as text where PostgreSQL keeps oids, so DDL that would
/// change what such a name means must look here first. The defaults of
/// columns of the enum type `skip_enum_defaults` (0: none) are left out:
/// they are renamed with their label.
std::vector<std::string> stored_expressions(ExecContext& ctx, std::uint32_t skip_enum_defaults = 0);

/// Whether `text` has `word` as a whole identifier, in any case (unquoted
/// names fold to lower case).
bool names_word(const std::string& text, const std::string& word);

}  // namespace heliosdb::engine

#pragma once

// Internal to engine/parser: pgjdbc's {? = call f(?)} becomes
// `select * from f($1,$2) as result` with $1, the result's placeholder,
// declared void. PostgreSQL leaves such a parameter out of the call
// (ParseFuncOrColumn drops a VOID Param); so does this, on the parse tree.

#include <vector>

#include "engine/parser/pg_parse_tree.hpp"

namespace heliosdb::engine::parser {

/// Removes every parameter numbered in `numbers` from the arguments of
/// every function call in `tree`.
void drop_call_placeholders(PgQuery__ParseResult& tree, const std::vector<int>& numbers);

}  // namespace heliosdb::engine::parser

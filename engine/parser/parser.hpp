#pragma once

#include <string_view>
#include <vector>

#include "engine/ast/statement.hpp"

namespace heliosdb::engine::parser {

/// Parses one or more ';'-separated statements with PostgreSQL 15's grammar
/// (libpg_query) into our AST.
///
/// Throws DbError: 42601 with the 1-based position for a syntax error, 0A000
/// naming the construct for valid SQL we do not support yet. Thread-safe.
std::vector<ast::Statement> parse(std::string_view sql);
/// The same, with the parameters numbered in `call_placeholders` left out of
/// every function call's arguments, as PostgreSQL leaves out a parameter
/// declared void (pgjdbc's {? = call f(?)} result placeholder).
std::vector<ast::Statement> parse(std::string_view sql, const std::vector<int>& call_placeholders);

/// The highest parameter number ($n) in `sql`'s tokens; 0 when there is
/// none or the text does not scan (parse() reports that).
int highest_param(std::string_view sql);

/// Parses one expression, as the catalog stores CHECK conditions and per-row
/// DEFAULTs (ast::Constraint::expr_text). Throws DbError 42601 otherwise.
ast::ExprPtr parse_expression(std::string_view text);

}  // namespace heliosdb::engine::parser

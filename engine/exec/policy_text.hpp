#pragma once
// How a policy's stored condition reads back (pg_get_expr of pg_policy's
// polqual and polwithcheck, psql's \d footer, the REPL's \d).

#include <string>

namespace heliosdb::engine {

/// `expr` (a USING or WITH CHECK as stored, never empty) as ruleutils
/// prints it: an operator's expression in parentheses, a constant, column
/// or call bare.
std::string policy_condition_text(const std::string& expr);

/// A PolicyDef command letter as SQL names it: ALL, SELECT, INSERT, UPDATE, DELETE.
const char* policy_command_name(char command);

}  // namespace heliosdb::engine

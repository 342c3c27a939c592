#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/catalog/function_def.hpp"
#include "engine/exec/bound_expr.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

/// How deep SQL functions may call each other before 54001: a guard for the
/// native stack, which each level of binding and running uses plenty of.
inline constexpr int kMaxSqlFunctionDepth = 100;

/// A user's SQL function with its body parsed, shared by the calls of one
/// bound expression (the statements' AST must outlive every run of them).
struct SqlFunctionBody {
  FunctionDef def;
  std::vector<ast::Statement> statements;
};

/// The SQL function whose body is running in a context: the values of its
/// arguments, which its statements see as $n and by name.
struct SqlFunctionFrame {
  const FunctionDef* def = nullptr;
  const std::vector<Value>* args = nullptr;
};

/// The function's signature as PostgreSQL's messages show it: name(integer, text).
std::string function_signature_text(const std::string& name, const std::vector<SqlType>& types);
/// The same for a stored function (its input arguments' types).
std::string function_signature_text(const FunctionDef& def, bool qualified = false);

/// The user functions a call of `names` may mean: those of the named schema,
/// else those of every schema on the search path (earlier schemas hide a
/// later one's function of the same input types). Empty when there are none;
/// 3F000 when the named schema does not exist.
std::vector<FunctionDef> sql_function_candidates(ExecContext& ctx, const std::vector<std::string>& names);

/// The candidate PostgreSQL would call with these argument types (kUnknown:
/// an untyped literal), counting trailing defaults: an exact match, else the
/// one with the most exact matches among those every argument converts to
/// implicitly. Throws DbError 42883 when none fits, 42725 when several tie;
/// `shown` names the function in the messages.
const FunctionDef& choose_sql_function(const std::vector<FunctionDef>& candidates, const std::string& shown,
                                       const std::vector<SqlType>& arg_types);

/// Parses the body of `def` (its statements were checked when it was made).
std::shared_ptr<const SqlFunctionBody> parse_sql_function(const FunctionDef& def);

/// Runs the body with these arguments (already of the declared types) and
/// returns the last statement's result, its values cast to the declared
/// result: all its rows (for a set-returning function) or its first. A strict
/// function with a NULL argument returns no row. Throws what a statement
/// throws, and 54001 past kMaxSqlFunctionDepth nested calls.
QueryResult run_sql_function(const SqlFunctionBody& body, const std::vector<Value>& args, ExecContext& ctx);

/// The value of a kSqlFunction expression for `row`: the first column of the
/// result's first row, NULL with no row ("" for a void function).
Value evaluate_sql_function(const BoundExpr& e, const std::vector<Value>& row);

/// A parameter of the running SQL function named as a column (`a` or
/// `function.a`), as a constant of its declared type; null when none is
/// called that. Column names win: the binder asks only once they fail.
BoundExprPtr sql_function_parameter(const ExecContext& ctx, const std::vector<std::string>& names);

/// The declared type of $number in the running SQL function, if one runs
/// with `params` as its arguments.
std::optional<SqlType> sql_function_param_type(const ExecContext& ctx, const std::vector<Value>* params, int number);

/// CREATE FUNCTION's check of the body (PostgreSQL's check_function_bodies):
/// each statement is bound against the catalog with NULL arguments, and the
/// last one's columns must give the declared result (42P13 "return type
/// mismatch" otherwise).
void check_sql_function_body(const FunctionDef& def, ExecContext& ctx);

}  // namespace heliosdb::engine

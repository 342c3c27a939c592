#pragma once

#include <optional>
#include <string>

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

/// The rows of a json set-returning function (json_set_functions.hpp) called
/// in FROM, its arguments evaluated once; nullopt if `ref` names none of
/// them. Throws 42883 for arguments no overload takes, and the function's
/// own errors.
std::optional<Relation> json_table_function(const ast::FunctionRef& ref, const std::string& qualifier,
                                            ExecContext& ctx);

}  // namespace heliosdb::engine

#pragma once

#include <string>

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

/// The rows of a function called in FROM: a set-returning function of ours
/// (pg_database_branches(), ...) or any scalar function, which gives one
/// row. Throws 42883 for a function that does not exist.
Relation table_function(const ast::FunctionRef& ref, ExecContext& ctx);

/// One row per branch: what pg_database_branches() and SHOW BRANCHES list.
Relation branches_relation(storage::Store& store, const std::string& qualifier);

/// One row per commit: scn, xid, commit_time, branch (heliosdb_commits).
Relation commits_relation(storage::Store& store, const std::string& qualifier);

}  // namespace heliosdb::engine

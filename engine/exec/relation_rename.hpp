#pragma once
// ALTER VIEW / ALTER SEQUENCE (or ALTER TABLE naming one) ... RENAME TO, and
// ALTER VIEW ... RENAME COLUMN. Tables, their columns and constraints are
// renamed in alter_table.cpp.

#include <optional>

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

/// Renames the view or sequence `rename` names, or one of a view's columns;
/// nullopt when it names neither (a table, or nothing).
std::optional<QueryResult> rename_view_or_sequence(const ast::RenameStmt& rename, ExecContext& ctx);

}  // namespace heliosdb::engine

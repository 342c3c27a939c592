#pragma once

#include <memory>
#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

/// An INSERT's, UPDATE's or DELETE's RETURNING list bound over `scope`; null
/// when the statement has none.
std::unique_ptr<Projection> bind_returning(const std::vector<ast::ResultTarget>& targets,
                                           std::vector<ScopeColumn> scope, ExecContext& ctx);

/// The empty result of such a statement: with `projection`'s columns, if it returns rows.
QueryResult returning_result(const Projection* projection);

}  // namespace heliosdb::engine

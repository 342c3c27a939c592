#pragma once

#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/row_codec.hpp"

namespace heliosdb::engine {

/// Rows with the scope that names their columns.
struct Relation {
  std::vector<ScopeColumn> scope;
  std::vector<Row> rows;
};

/// Evaluates a FROM clause: tables, JOIN ... ON (inner, left, right, full,
/// cross) and comma lists (cross joins). Equality conditions between the two
/// sides of a join run as a hash join; other conditions as a nested loop.
/// An empty FROM is one row with no columns.
Relation evaluate_from(const std::vector<ast::TableRefPtr>& from, ExecContext& ctx);

}  // namespace heliosdb::engine

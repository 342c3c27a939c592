#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "engine/ast/expr.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/query_result.hpp"
#include "engine/exec/subquery_hash.hpp"

namespace heliosdb::engine {

/// A subquery in an expression: EXISTS (...), (SELECT ...) as a value, or
/// x op ANY/ALL (...) (IN is = ANY). An uncorrelated one runs once per
/// statement; a correlated one runs again for each row of the enclosing
/// query, with that row's values in place of its columns.
struct Subquery {
  ast::SubLink::Kind kind = ast::SubLink::Kind::kExists;
  const ast::SelectStmt* select = nullptr;  ///< the statement's AST outlives its execution
  /// The stored text's AST `select` points into when it is not the
  /// statement's (a row-level security policy's), kept alive with it.
  std::shared_ptr<const void> source;
  ExecContext* ctx = nullptr;
  std::vector<ScopeColumn> outer_scope;  ///< the enclosing query's row, as the subquery sees it
  bool correlated = false;
  std::optional<QueryResult> result;  ///< the rows, once for all when uncorrelated
  BoundExprPtr compare;  ///< ANY/ALL, kRowCompare: the comparison over the row (test values..., subquery row...)
  int column = 0;        ///< kScalar: the output column it gives (SET (a, b) = (SELECT ...) has several)
  std::shared_ptr<SubqueryHash> hash;  ///< EXISTS or = ANY answered by a hash lookup (subquery_hash.hpp)
};

/// The value of a kSubquery expression for the enclosing query's `row`;
/// the expression's args are the left operand of ANY/ALL and kRowCompare
/// (several for a row constructor).
Value evaluate_subquery(const BoundExpr& e, const std::vector<Value>& row);

/// Whether an expression contains a subquery (it must then be evaluated
/// over the row it was bound for, not pushed down to another).
bool contains_subquery(const BoundExpr& e);

}  // namespace heliosdb::engine

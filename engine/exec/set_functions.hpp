#pragma once

#include <functional>
#include <string>
#include <vector>

#include "engine/ast/expr.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/row_codec.hpp"

namespace heliosdb::engine {

/// A call of a set-returning function (generate_series, unnest, ...) bound
/// over some row: the columns it yields, its arguments, and how its rows
/// follow from their values. The same call serves FROM (where its row is
/// empty, or a LATERAL left row) and the select list (one call per input row).
struct SetFunctionCall {
  struct Column {
    std::string name;
    SqlType type;
  };
  std::string name;
  std::vector<Column> columns;
  std::vector<BoundExprPtr> args;  ///< over the row the call is bound for
  std::function<std::vector<Row>(const std::vector<Value>& args, ExecContext& ctx)> produce;
  /// Select list only: 0 when no argument holds another set-returning
  /// call, else one more than the deepest such call's level.
  int level = 0;

  /// The rows for `input`, the row the arguments are bound over.
  std::vector<Row> run(const Row& input, ExecContext& ctx) const;
};

/// Whether `name` (unqualified) is one of our set-returning functions.
bool is_set_function(const std::string& name);

/// Binds a call of a set-returning function (is_set_function(name)) with
/// `binder`: 42883 when no overload takes these arguments.
SetFunctionCall bind_set_function(const std::string& name, const ast::FuncCall& call, Binder& binder, int location);

/// A select list's set-returning calls run over one input row, as
/// PostgreSQL's ProjectSet does: calls of one level in lockstep (the shorter
/// padded with NULLs; no row when all are empty), each deeper level once per
/// row of the one before. `visit` gets `input` followed by one value per call
/// (kSetFunction placeholders are resolved to those positions).
void expand_set_functions(const Row& input, const std::vector<SetFunctionCall>& calls, ExecContext& ctx,
                          const std::function<void(const Row&)>& visit);

/// Turns the kSetFunction placeholders under `e` into columns: call number
/// k becomes column `first_column + k`.
void resolve_set_function_refs(BoundExpr& e, int first_column);

}  // namespace heliosdb::engine

#pragma once

// Window functions: `f(...) OVER (PARTITION BY ... ORDER BY ... frame)`.
// The binder turns each call into a WindowCall over the query's input rows
// (after grouping, when the query groups); compute_windows then sorts the
// rows of each partition and gives every row its value, which the select
// list and ORDER BY read as a column past the input row's own.

#include <optional>
#include <string_view>
#include <vector>

#include "engine/ast/expr.hpp"
#include "engine/exec/aggregates.hpp"
#include "engine/exec/exec_context.hpp"

namespace heliosdb::engine {

enum class WindowKind : std::uint8_t {
  kRowNumber,
  kRank,
  kDenseRank,
  kPercentRank,
  kCumeDist,
  kNtile,
  kLag,
  kLead,
  kFirstValue,
  kLastValue,
  kNthValue,
  kAggregate,  ///< an aggregate over the frame
};

/// One end of a bound frame.
struct WindowBound {
  ast::FrameBound::Kind kind = ast::FrameBound::Kind::kUnboundedPreceding;
  BoundExprPtr offset;
};

struct WindowCall {
  WindowKind kind = WindowKind::kRowNumber;
  std::vector<BoundExprPtr> args;
  AggregateSpec aggregate;  ///< kAggregate
  std::vector<BoundExprPtr> partition;
  std::vector<AggregateOrder> order;
  ast::WindowDef::Unit unit = ast::WindowDef::Unit::kRange;
  WindowBound start;
  WindowBound end{ast::FrameBound::Kind::kCurrentRow, nullptr};
  ast::WindowDef::Exclude exclude = ast::WindowDef::Exclude::kNoOthers;
  SqlType type;
};

/// The window-only function called `name` (row_number, rank, lag, ...), if it is one.
std::optional<WindowKind> window_kind(std::string_view name);

/// Checks and coerces the call's arguments and sets its type; 42883 when
/// they do not fit.
void resolve_window_call(WindowCall& call, const std::string& name, int location);

/// Appends to each row the value of every call, in order.
void compute_windows(std::vector<Row>& rows, const std::vector<WindowCall>& calls, ExecContext& ctx);

/// Turns the binder's placeholders for window results (BoundExpr::kWindow,
/// column = the call's index) into columns `first_column + index`.
void resolve_window_refs(BoundExpr& e, int first_column);

}  // namespace heliosdb::engine

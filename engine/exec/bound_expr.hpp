#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/functions/function_registry.hpp"
#include "engine/types/cast.hpp"
#include "engine/types/value.hpp"

namespace heliosdb::engine {

struct BoundExpr;
struct Subquery;
struct ExecContext;
struct SequenceDef;
struct SqlFunctionBody;
using BoundExprPtr = std::unique_ptr<BoundExpr>;

/// A typed expression, ready to evaluate against a row. Column references
/// are positions in the row the evaluator is given.
struct BoundExpr {
  enum class Kind : std::uint8_t {
    kConstant,
    kColumn,
    kCast,
    kArith,  ///< op: + - * / %
    kNegate,
    kCompare,  ///< op: = <> < <= > >=
    kAnd,
    kOr,
    kNot,
    kIsNull,    ///< negated: IS NOT NULL
    kBoolTest,  ///< op: "true"/"false"/"unknown", negated: IS NOT ...
    kDistinct,  ///< IS DISTINCT FROM, negated: IS NOT DISTINCT FROM
    kLike,      ///< negated, case_insensitive; args: value, pattern[, escape]
    kConcat,
    kInList,  ///< args[0] IN (args[1..]), negated
    kCase,    ///< args: [operand?] when, then, ..., [else]; has_operand
    kCoalesce,
    kNullIf,
    kMinMax,        ///< GREATEST / LEAST (op), skipping NULLs
    kJsonOp,        ///< a json/jsonb operator (op): -> ->> ? @> <@ || -
    kFunction,      ///< a built-in function: `function`
    kSubquery,      ///< `subquery`; args: [left operand of ANY/ALL]
    kSequence,      ///< nextval/currval/setval/lastval (op) run against `ctx`; args as the function's
    kSessionCall,   ///< set_config/current_setting/pg_notify (op): the session's state, through `ctx`
    kWindow,        ///< while binding: window call number `column`, until resolve_window_refs
    kSetFunction,   ///< while binding: set-returning call number `column`, until resolve_set_function_refs
    kArray,         ///< ARRAY[args...]; has_operand: the args are arrays, the rows of a multidimensional one
    kSubscript,     ///< args[0][...]: the subscripts follow, as `op` spells them (bind_array.cpp)
    kArrayCompare,  ///< args[0] op ANY (args[1]), negated: ALL; args[2] compares (column 0, column 1)
    kDomainCheck,   ///< args[0] cast to the domain `param` (an oid): its NOT NULL and CHECKs, through `ctx`
    kSqlFunction,   ///< a user's SQL function `sql_function` on args, run through `ctx` (sql_function_call.hpp)
    kRow,           ///< ROW(args...): a record (bind_row.cpp); negated: NULL when every field is
    kRowCompare,    ///< ROW(...) op ROW(...) for op < <= > >=: args are the fields' kCompares, in order
  };

  Kind kind = Kind::kConstant;
  SqlType type;
  Value constant;
  int column = -1;
  std::string op;
  bool negated = false;
  bool case_insensitive = false;
  bool has_operand = false;
  bool has_else = false;
  CastContext cast_context = CastContext::kExplicit;
  const FunctionSignature* function = nullptr;
  std::shared_ptr<Subquery> subquery;
  ExecContext* ctx = nullptr;  ///< kSequence: the statement it runs in; a described parameter: where its type goes
  int param = 0;               ///< a constant standing for parameter $param (describe)
  std::shared_ptr<const SequenceDef> sequence;  ///< kSequence: resolved once when named by a constant
  /// kSequence: an identity column's own nextval, which checks no privilege
  /// on the sequence (PostgreSQL's, unlike a serial column's DEFAULT).
  bool identity_sequence = false;
  std::shared_ptr<const SqlFunctionBody> sql_function;  ///< kSqlFunction
  std::vector<BoundExprPtr> args;
};

BoundExprPtr make_node(BoundExpr::Kind kind, SqlType type);
BoundExprPtr make_constant(Value value);
BoundExprPtr make_column(int column, SqlType type);
/// The row positions `expr` reads (not inside its subqueries), in order.
std::vector<int> columns_read(const BoundExpr& expr);
/// Wraps `expr` in a cast to `target` unless it already has that type;
/// folds casts of constants right away, so bad literals fail at bind time.
BoundExprPtr coerce(BoundExprPtr expr, SqlType target, CastContext context);

}  // namespace heliosdb::engine

#pragma once

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/ast/expr.hpp"
#include "engine/catalog/table_width.hpp"
#include "engine/exec/aggregates.hpp"
#include "engine/exec/bound_expr.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/window_functions.hpp"

namespace heliosdb::engine {

struct SetFunctionCall;
struct SqlFunctionBody;
struct FunctionDef;
struct SubqueryHash;
struct AvailableExtension;

/// A column a name can resolve to: `qualifier.name`.
struct ScopeColumn {
  std::string qualifier;
  std::string name;
  SqlType type;
  std::uint32_t table_oid = 0;     ///< source table, 0 for computed columns
  std::int16_t column_number = 0;  ///< 1-based position in that table
  /// JOIN ... USING: kMerged is the copy an unqualified name and * mean
  /// (using_position: its place in the USING list), kHidden the other
  /// side's, reached by its qualifier only; kFull marks both copies of a
  /// FULL JOIN's, which an unqualified name means merged: COALESCE(l, r).
  enum class Using : std::uint8_t { kNone, kMerged, kHidden, kFull };
  Using using_role = Using::kNone;
  std::int16_t using_position = 0;
  /// Set when the statement's role may not read this column (it holds
  /// SELECT on some columns of the relation, not on it or this one): the
  /// relation as the 42501 names it, "table t". Naming the column fails.
  std::shared_ptr<const std::string> unreadable = {};
  /// Added to its table after the view being planned was made: named, it
  /// reads, but `*` does not stand for it (TableWidth).
  bool after_view = false;
};

/// 42501 "permission denied for table t" when `c` is unreadable.
void check_readable(const ScopeColumn& c);

/// The columns `*` (or `t.*`, with `qualifier`) stands for, in order: a
/// JOIN ... USING's merged columns first, as PostgreSQL lists them (of a
/// FULL JOIN's two copies, the first, which stands for the merged value).
/// `whole_row`: for a whole-row reference `t`, which has the row type's
/// columns now, those added after the view being planned too.
std::vector<std::size_t> star_columns(const std::vector<ScopeColumn>& scope, const std::string* qualifier,
                                      bool whole_row = false);

/// Marks table `table_oid`'s columns in `scope` that are past its width in
/// `widths` (null: none) as added after the view being planned.
void mark_columns_after_view(std::vector<ScopeColumn>& scope, std::uint32_t table_oid,
                             const std::vector<TableWidth>* widths);

/// A built-in function's name as the call writes it: bare for pg_catalog's,
/// schema-qualified otherwise (information_schema._pg_expandarray).
std::string builtin_function_name(const ast::FuncCall& call);

/// Binds parser expressions to typed expressions over a row of `scope`,
/// applying PostgreSQL's rules: unknown literals take the type the context
/// needs, integers widen, int with float computes in double precision, and
/// errors carry PostgreSQL's SQLSTATEs (42703, 42883, 42804, 42803, ...).
///
/// Grouped mode (set_grouping) binds the expressions evaluated after
/// aggregation: their row is the GROUP BY values followed by the aggregate
/// results, and a plain column must be one of the GROUP BY expressions.
class Binder {
 public:
  /// `clause` names where the expression stands, for error messages ("WHERE").
  /// `params` (may be null) are the values of $1, $2, ...; they must outlive the binder.
  Binder(std::vector<ScopeColumn> scope, std::string clause, const std::vector<Value>* params = nullptr)
      : scope_(std::move(scope)), clause_(std::move(clause)), params_(params) {}
  /// A binder for a statement being run: its parameters, and subqueries run
  /// against `ctx` (correlated ones see the enclosing queries' rows).
  Binder(std::vector<ScopeColumn> scope, std::string clause, ExecContext& ctx)
      : scope_(std::move(scope)), clause_(std::move(clause)), params_(ctx.params), ctx_(&ctx) {}

  void set_grouping(std::vector<BoundExprPtr>* group_by, std::vector<AggregateSpec>* aggregates);
  /// Allows window functions (the select list and ORDER BY): each call
  /// becomes an entry of `calls` and a kWindow placeholder for its value;
  /// `named` is the query's WINDOW clause.
  void set_windows(std::vector<WindowCall>* calls, const std::vector<std::shared_ptr<const ast::WindowDef>>* named) {
    windows_ = calls;
    named_windows_ = named;
  }

  /// Allows set-returning functions (the select list, ORDER BY): each call
  /// becomes an entry of `calls` and a kSetFunction placeholder for its value.
  void set_set_functions(std::vector<SetFunctionCall>* calls) { set_functions_ = calls; }

  BoundExprPtr bind(const ast::Expr& expr);
  /// A call in FROM of a user's set-returning SQL function, or nothing when
  /// `call` means no such function (bind_sql_function.cpp).
  std::optional<SetFunctionCall> bind_sql_set_function_call(const ast::FuncCall& call, int location);
  /// Binds and requires a boolean (WHERE, HAVING, ON): 42804 otherwise.
  BoundExprPtr bind_condition(const ast::Expr& expr);

  const std::vector<ScopeColumn>& scope() const { return scope_; }
  /// The expressions bound come from `ast`, a parsed stored text rather than
  /// the statement: their subqueries keep it alive.
  void set_source(std::shared_ptr<const void> ast) { source_ = std::move(ast); }

 private:
  BoundExprPtr bind_node(const ast::Expr& expr);
  BoundExprPtr bind_grouped(const ast::Expr& expr);
  BoundExprPtr bind_column(const ast::ColumnRef& ref, int location);
  BoundExprPtr bind_full_join_using(const std::string& name);
  BoundExprPtr bind_operator(const ast::OperatorExpr& op, int location);
  BoundExprPtr bind_function(const ast::FuncCall& call, int location);
  BoundExprPtr bind_builtin_function(const ast::FuncCall& call, int location);
  /// A call of an extension's function (uuid-ossp's), if the extension was created.
  BoundExprPtr bind_extension_function(const ast::FuncCall& call, const AvailableExtension& ext, int location);
  /// A call of one of the user's SQL functions `candidates` (bind_sql_function.cpp).
  BoundExprPtr bind_sql_function(const ast::FuncCall& call, const std::vector<FunctionDef>& candidates, int location);
  /// The chosen function of `candidates` for `call`, with its arguments bound
  /// and converted (defaults filled in).
  std::pair<std::shared_ptr<const SqlFunctionBody>, std::vector<BoundExprPtr>> bind_sql_function_args(
      const ast::FuncCall& call, const std::vector<FunctionDef>& candidates, int location);
  /// A set-returning call's placeholder in the select list (bind_set_function.cpp).
  BoundExprPtr add_set_function(SetFunctionCall bound, const std::string& name, int location);
  BoundExprPtr bind_aggregate(const ast::FuncCall& call, int location);
  BoundExprPtr bind_grouping(const ast::FuncCall& call, int location);
  BoundExprPtr bind_window(const ast::FuncCall& call, int location);  // bind_window.cpp
  void bind_frame(const ast::WindowDef& frame, WindowCall& out);
  BoundExprPtr bind_sequence_function(const std::string& name, const ast::FuncCall& call, int location);
  /// enum_first, enum_last, enum_range (bind_enum_function.cpp).
  BoundExprPtr bind_enum_function(const std::string& name, std::vector<BoundExprPtr> args, int location);
  BoundExprPtr bind_set_function_call(const std::string& name, const ast::FuncCall& call, int location);
  /// Refuses a set-returning function where none may stand (0A000).
  void check_set_function_place(const std::string& name, int location) const;
  BoundExprPtr bind_session_call(const std::string& name, const ast::FuncCall& call, int location);
  /// `row_test`: the row constructor of `row_test op (SELECT ...)`, compared with the subquery's one row.
  BoundExprPtr bind_sublink(const ast::SubLink& link, int location, const ast::RowExpr* row_test = nullptr,
                            const std::string& row_op = {});
  BoundExprPtr bind_sql_value_function(const ast::SqlValueFunction& f, int location);
  /// A correlated EXISTS run once, as a hash of its inner keys, when it meets
  /// the enclosing row (`outer_refs`) only through equalities (subquery_hash.cpp); null otherwise.
  std::shared_ptr<SubqueryHash> hash_correlated_exists(const ast::SelectStmt& select,
                                                       const std::vector<const ast::ColumnRef*>& outer_refs);
  /// version(), current_database(), pg_backend_pid(), current_schema(); null for other names.
  BoundExprPtr bind_session_function(const std::string& name);
  BoundExprPtr current_schema() const;
  /// A column of an enclosing query, as the constant it has in the row being evaluated.
  BoundExprPtr bind_outer_column(const ast::ColumnRef& ref, int location);
  // bind_array.cpp. `wanted`: the array type a cast around ARRAY[] asks for (an empty one has no other).
  BoundExprPtr bind_array_expr(const ast::ArrayExpr& array, int location, SqlType wanted = {});
  BoundExprPtr bind_subscript(const ast::Subscript& s, int location);
  /// `arg`[...][...]: one run of subscripts (no field selections).
  BoundExprPtr subscript_of(BoundExprPtr arg, std::span<const ast::Subscript::Index> indices, int location);
  /// (f(...)).field of a set-returning function with that output column:
  /// the column's values; null when `call` is no set-returning function
  /// (bind_set_function.cpp).
  BoundExprPtr bind_set_function_field(const ast::FuncCall& call, const std::string& field, int location);
  BoundExprPtr bind_array_compare(const ast::ArrayCompare& c, int location);
  // bind_row.cpp: row constructors, alone and compared.
  BoundExprPtr bind_row(const ast::RowExpr& row, int location);
  /// `t` or `t.*` as a value: the record of FROM item t's columns; null when there is no t.
  BoundExprPtr bind_whole_row(const std::string& table);
  /// `left op right` when either is a row constructor; null when neither is.
  BoundExprPtr bind_row_comparison(const std::string& op, const ast::Expr& left, const ast::Expr& right, int location);
  /// ROW(...) IS [NOT] NULL: whether every field is [not] NULL.
  BoundExprPtr bind_row_null_test(const ast::RowExpr& row, bool is_not);
  /// ROW(...) IS [NOT] DISTINCT FROM ROW(...); null when neither side is a row constructor.
  BoundExprPtr bind_row_distinct(const ast::DistinctFrom& d, int location);
  std::vector<BoundExprPtr> bind_fields(const ast::RowExpr& row);

  std::vector<ScopeColumn> scope_;
  std::string clause_;
  const std::vector<Value>* params_;
  ExecContext* ctx_ = nullptr;
  std::vector<BoundExprPtr>* group_by_ = nullptr;
  std::vector<AggregateSpec>* aggregates_ = nullptr;
  std::map<std::string, int> group_slots_;  ///< fingerprint -> post-aggregation column
  bool inside_aggregate_ = false;
  std::vector<WindowCall>* windows_ = nullptr;
  const std::vector<std::shared_ptr<const ast::WindowDef>>* named_windows_ = nullptr;
  bool inside_window_ = false;
  std::vector<SetFunctionCall>* set_functions_ = nullptr;
  std::shared_ptr<const void> source_;
  const char* conditional_ = nullptr;  ///< "CASE" or "COALESCE" while binding one: no set-returning calls
};

/// `a op b` for a comparison operator, with PostgreSQL's typing of the
/// operands (an unknown one takes the other's type); 42883 if they do not compare.
BoundExprPtr make_comparison(const std::string& op, BoundExprPtr a, BoundExprPtr b, int location);

/// Two rows' fields compared pairwise with `op`, as PostgreSQL compares row
/// constructors: = is every pair equal, <> any pair unequal, and < <= > >=
/// order by the first unequal pair (bind_row.cpp). 42601 if the lengths differ.
BoundExprPtr make_row_comparison(const std::string& op, std::vector<BoundExprPtr> left, std::vector<BoundExprPtr> right,
                                 int location);

/// The array operators || @> <@ && when an operand is an array (bind_array.cpp); null otherwise.
BoundExprPtr bind_array_operator(const std::string& op, BoundExprPtr& a, BoundExprPtr& b, int location);

/// A call of the built-in function `name` (function_registry) on bound
/// arguments, with PostgreSQL's overload choice; 42883 if there is none.
BoundExprPtr call_builtin(const std::string& name, std::vector<BoundExprPtr> args, int location);

/// `e` as a condition of `what` (WHERE, FILTER): an unknown literal becomes
/// boolean, anything else but boolean is 42804.
BoundExprPtr require_boolean(BoundExprPtr e, const std::string& what, int location);

/// A canonical text of a bound expression: equal texts, equal expressions.
std::string fingerprint(const BoundExpr& expr);

/// PostgreSQL's 42883 where values of `type` must be sorted (ORDER BY,
/// window and aggregate ORDER BY) or told equal (GROUP BY, DISTINCT,
/// UNION/INTERSECT/EXCEPT, PARTITION BY, count(DISTINCT ...)) and the type
/// has no such operator: json, and arrays of json (jsonb has both).
void require_ordering(const SqlType& type, int location);
void require_equality(const SqlType& type, int location);

/// The type two branches of CASE/COALESCE/UNION resolve to (PostgreSQL's
/// select_common_type for the types we have). Throws 42804 if none.
SqlType common_type(const std::vector<SqlType>& types, const std::string& context);

}  // namespace heliosdb::engine

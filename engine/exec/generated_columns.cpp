#include "engine/exec/generated_columns.hpp"

#include <algorithm>
#include <functional>
#include <iterator>
#include <optional>
#include <string_view>

#include "engine/ast/expr_walk.hpp"
#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/projection.hpp"
#include "engine/parser/parser.hpp"

namespace heliosdb::engine {

namespace {

// Where the binder says a construct is not allowed: "aggregate functions are
// not allowed in column generation expressions", as PostgreSQL words it.
constexpr const char* kClause = "column generation expressions";

// Built-in functions PostgreSQL marks volatile or stable (pg_proc.provolatile
// 'v' or 's'): their value may change between calls with the same arguments,
// so a stored column cannot be computed from them.
constexpr std::string_view kNotImmutable[] = {
    "now",
    "clock_timestamp",
    "statement_timestamp",
    "transaction_timestamp",
    "timeofday",
    "random",
    "setseed",
    "nextval",
    "currval",
    "lastval",
    "setval",
    "gen_random_uuid",
    "uuid_generate_v1",
    "uuid_generate_v1mc",
    "uuid_generate_v4",
    "current_setting",
    "current_tenant_id",
    "set_config",
    "version",
    "current_database",
    "current_schema",
    "current_schemas",
    "txid_current",
    "pg_current_xact_id",
    "age",
    "to_char",
    "to_date",
    "to_number",
    "concat",
    "concat_ws",
    "format",
    "to_json",
    "to_jsonb",
    "row_to_json",
    "array_to_json",
    "json_build_object",
    "jsonb_build_object",
    "json_build_array",
    "jsonb_build_array",
    "pg_notify",
    "obj_description",
};

bool is_system_column(std::string_view name) {
  return name == "ctid" || name == "xmin" || name == "xmax" || name == "cmin" || name == "cmax" || name == "tableoid";
}

// Calls `fn` on `e` and every expression below it (not inside subqueries).
void visit_all(const ast::Expr& e, const std::function<void(const ast::Expr&)>& fn) {
  fn(e);
  ast::for_each_child(e, [&](const ast::Expr& child) { visit_all(child, fn); });
}

// The column a column reference names, unqualified or qualified by the table.
std::optional<std::string> referenced_name(const ast::ColumnRef& ref, const TableDef& table) {
  if (ref.star || ref.names.empty()) return std::nullopt;
  if (ref.names.size() == 2 && ref.names[0] != table.name) return std::nullopt;  // the binder says 42P01
  return ref.names.back();
}

void refuse_system_columns(const TableDef& table, const ast::Expr& expr) {
  visit_all(expr, [&](const ast::Expr& e) {
    const auto* ref = std::get_if<ast::ColumnRef>(&e.node);
    if (ref == nullptr) return;
    std::optional<std::string> name = referenced_name(*ref, table);
    if (!name || !is_system_column(*name) || table.column_index(*name) >= 0) return;
    if (*name == "tableoid") {
      throw at(DbError(sqlstate::kFeatureNotSupported,
                       "not supported yet: system column \"tableoid\" in a column generation expression"),
               e.location);
    }
    throw at(DbError(sqlstate::kInvalidColumnReference,
                     "cannot use system column \"" + *name + "\" in column generation expression"),
             e.location);
  });
}

// Where `expr` first names column `name`, for the error's position.
int location_of_column(const TableDef& table, const ast::Expr& expr, const std::string& name) {
  int location = expr.location;
  bool found = false;
  visit_all(expr, [&](const ast::Expr& e) {
    const auto* ref = std::get_if<ast::ColumnRef>(&e.node);
    if (found || ref == nullptr) return;
    if (referenced_name(*ref, table) == name) {
      location = e.location;
      found = true;
    }
  });
  return location;
}

bool calls_non_immutable_function(const ast::Expr& expr) {
  bool found = false;
  visit_all(expr, [&](const ast::Expr& e) {
    if (std::holds_alternative<ast::SqlValueFunction>(e.node)) found = true;  // CURRENT_DATE, CURRENT_USER...
    const auto* call = std::get_if<ast::FuncCall>(&e.node);
    if (call == nullptr || call->name.empty()) return;
    const std::string& name = call->name.back();
    if (std::find(std::begin(kNotImmutable), std::end(kNotImmutable), name) != std::end(kNotImmutable)) found = true;
    // The catalog's functions read state that changes; pg_size_pretty only formats a number.
    if (name.rfind("pg_", 0) == 0 && name != "pg_size_pretty") found = true;
  });
  return found;
}

// The types whose text form follows DateStyle (their input and output functions are stable).
bool follows_date_style(TypeId t) {
  return t == TypeId::kDate || t == TypeId::kTime || t == TypeId::kTimestamp || t == TypeId::kTimestampTz;
}

// What PostgreSQL's contain_mutable_functions finds in a bound expression:
// the time zone setting reaches every conversion to and from timestamptz and
// timestamptz arithmetic; DateStyle reaches date and time input and output;
// sequences and session calls read state.
bool reads_session_state(const BoundExpr& e) {
  using K = BoundExpr::Kind;
  switch (e.kind) {
    case K::kSequence:
    case K::kSessionCall:
    case K::kSubquery:
    case K::kSqlFunction:  // a user's function: its body reads what it likes
      return true;
    case K::kCast: {
      const TypeId from = e.args[0]->type.id;
      const TypeId to = e.type.id;
      if (e.args[0]->kind == K::kConstant || from == to) break;  // a literal is converted once, at bind time
      if ((from == TypeId::kTimestampTz) != (to == TypeId::kTimestampTz)) return true;
      if ((is_character(from) && follows_date_style(to)) || (follows_date_style(from) && is_character(to))) return true;
      if (from == TypeId::kRegclass || to == TypeId::kRegclass || from == TypeId::kRegtype || to == TypeId::kRegtype) {
        return true;
      }
      break;
    }
    case K::kArith:
      if (e.type.id == TypeId::kTimestampTz) return true;
      break;
    case K::kFunction:
      for (const BoundExprPtr& a : e.args) {
        if (a->type.id == TypeId::kTimestampTz) return true;
      }
      break;
    default:
      break;
  }
  return std::any_of(e.args.begin(), e.args.end(), [](const BoundExprPtr& a) { return reads_session_state(*a); });
}

[[noreturn]] void not_immutable() {
  throw DbError(sqlstate::kInvalidObjectDefinition, "generation expression is not immutable");
}

}  // namespace

void check_generation_expression(const TableDef& table, std::size_t column, const ast::Expr& expr) {
  const ColumnDef& target = table.columns[column];
  refuse_system_columns(table, expr);
  // Before binding: a volatile function need not exist here (random) to be refused as PostgreSQL refuses it.
  if (calls_non_immutable_function(expr)) not_immutable();
  Binder binder(table_scope(table, table.name), kClause);
  BoundExprPtr bound = binder.bind(expr);
  for (int read : columns_read(*bound)) {
    const ColumnDef& used = table.columns[static_cast<std::size_t>(read)];
    if (!used.is_generated() && static_cast<std::size_t>(read) != column) continue;
    throw at(DbError(sqlstate::kInvalidObjectDefinition,
                     "cannot use generated column \"" + used.name + "\" in column generation expression")
                 .with_detail("A generated column cannot reference another generated column."),
             location_of_column(table, expr, used.name));
  }
  if (reads_session_state(*bound)) not_immutable();
  if (!can_cast(bound->type.id, target.type.id, CastContext::kAssignment)) {
    throw at(DbError(sqlstate::kDatatypeMismatch,
                     "column \"" + target.name + "\" is of type " + type_display_name(target.type) +
                         " but default expression is of type " + type_display_name(bound->type))
                 .with_hint("You will need to rewrite or cast the expression."),
             expr.location);
  }
  coerce(std::move(bound), target.type, CastContext::kAssignment);  // a literal that does not convert fails now
}

std::vector<int> generated_columns_reading(const TableDef& table, int column) {
  std::vector<int> out;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (!table.columns[i].is_generated()) continue;
    Binder binder(table_scope(table, table.name), kClause);
    const std::vector<int> read = columns_read(*binder.bind(*parser::parse_expression(table.columns[i].generated)));
    if (std::find(read.begin(), read.end(), column) != read.end()) out.push_back(static_cast<int>(i));
  }
  return out;
}

std::string generation_expression_text(const TableDef& table, const ColumnDef& column, bool pretty) {
  if (!column.is_generated()) return {};
  const ast::ExprPtr expr = parser::parse_expression(column.generated);
  const bool op = std::holds_alternative<ast::OperatorExpr>(expr->node) ||
                  std::holds_alternative<ast::BoolExpr>(expr->node) ||
                  std::holds_alternative<ast::Between>(expr->node) || std::holds_alternative<ast::Like>(expr->node) ||
                  std::holds_alternative<ast::InList>(expr->node);
  if (!op) return column.generated;
  if (!pretty) return "(" + column.generated + ")";
  // Pretty, an implicit conversion shows no cast, but keeps its operand in parentheses.
  Binder binder(table_scope(table, table.name), kClause);
  const bool converted = binder.bind(*expr)->type.id != column.type.id;
  return converted ? "(" + column.generated + ")" : column.generated;
}

void refuse_generated_insert(const ColumnDef& column) {
  throw DbError(sqlstate::kGeneratedAlways, "cannot insert a non-DEFAULT value into column \"" + column.name + "\"")
      .with_detail("Column \"" + column.name + "\" is a generated column.");
}

void refuse_generated_update(const ColumnDef& column) {
  throw DbError(sqlstate::kGeneratedAlways, "column \"" + column.name + "\" can only be updated to DEFAULT")
      .with_detail("Column \"" + column.name + "\" is a generated column.");
}

GeneratedColumns::GeneratedColumns(const TableDef& table) {
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnDef& column = table.columns[i];
    if (!column.is_generated()) continue;
    Binder binder(table_scope(table, table.name), kClause);
    exprs_.emplace_back(
        i, coerce(binder.bind(*parser::parse_expression(column.generated)), column.type, CastContext::kAssignment));
  }
}

void GeneratedColumns::compute(Row& row) const {
  // An expression reads no generated column, so the order they are computed in does not matter.
  for (const auto& [column, expr] : exprs_) row[column] = evaluate(*expr, row);
}

}  // namespace heliosdb::engine

#include "engine/exec/binder.hpp"
#include "engine/exec/row_security.hpp"
#include "engine/exec/session_functions.hpp"

#include <algorithm>
#include <functional>

#include "engine/common/db_error.hpp"
#include "engine/exec/catalog_definitions.hpp"
#include "engine/exec/catalog_types.hpp"
#include "engine/exec/domain_checks.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/extensions.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/set_functions.hpp"
#include "engine/exec/sql_function_call.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/subquery.hpp"
#include "engine/exec/xact_functions.hpp"
#include "engine/types/decimal.hpp"
#include "engine/types/object_names.hpp"
#include "engine/types/sql_type.hpp"
#include "engine/types/temporal.hpp"
#include "heliosdb/version.hpp"

namespace heliosdb::engine {

namespace {

using K = BoundExpr::Kind;

// Names the conditional construct (CASE, COALESCE) being bound, where a
// set-returning call would run for rows the condition skips; restores the
// enclosing one's name when done.
struct ConditionalGuard {
  ConditionalGuard(const char*& slot, const char* name) : slot_(slot), saved_(std::exchange(slot, name)) {}
  ~ConditionalGuard() { slot_ = saved_; }
  ConditionalGuard(const ConditionalGuard&) = delete;
  ConditionalGuard& operator=(const ConditionalGuard&) = delete;

 private:
  const char*& slot_;
  const char* saved_;
};

bool is_unknown(const BoundExpr& e) { return e.type.id == TypeId::kUnknown; }

std::string type_name(const BoundExpr& e) { return type_display_name(e.type); }

[[noreturn]] void no_operator(const std::string& op, const BoundExpr* left, const BoundExpr& right, int location) {
  std::string sig =
      left != nullptr ? type_name(*left) + " " + op + " " + type_name(right) : op + " " + type_name(right);
  throw at(DbError(sqlstate::kUndefinedFunction, "operator does not exist: " + sig)
               .with_hint("No operator matches the given name and argument types. You might need to add explicit "
                          "type casts."),
           location);
}

bool is_stringish(TypeId id) { return is_character(id); }

// Gives an unknown operand the type of the other side, as PostgreSQL does
// for `col = 'literal'`; both unknown compare as text.
void unify_unknowns(BoundExprPtr& a, BoundExprPtr& b) {
  bool ua = is_unknown(*a);
  bool ub = is_unknown(*b);
  if (ua && ub) {
    a = coerce(std::move(a), {TypeId::kText, -1}, CastContext::kImplicit);
    b = coerce(std::move(b), {TypeId::kText, -1}, CastContext::kImplicit);
  } else if (ua) {
    a = coerce(std::move(a), b->type, CastContext::kImplicit);
  } else if (ub) {
    b = coerce(std::move(b), a->type, CastContext::kImplicit);
  }
}

bool comparable(TypeId a, TypeId b) {
  // oid = integer: the integer becomes an oid (pg_cast), so they compare as numbers.
  if ((is_oid_type(a) || is_integer(a)) && (is_oid_type(b) || is_integer(b))) return true;
  // Arrays compare with arrays of the same type only (anyarray = anyarray).
  if (is_array(a) || is_array(b))
    return a == b || (is_array(a) && is_array(b) && is_stringish(element_of(a)) && is_stringish(element_of(b)));
  if (a == TypeId::kJson || b == TypeId::kJson) return false;  // json has no equality, only jsonb
  if (is_numeric_type(a) && is_numeric_type(b)) return true;
  if (is_datetime(a) && is_datetime(b)) return true;
  if (is_stringish(a) && is_stringish(b)) return true;
  return a == b;
}

bool is_json(TypeId id) { return id == TypeId::kJson || id == TypeId::kJsonb; }

// The json/jsonb operators; null if `op` with these operands is not one.
BoundExprPtr bind_json_operator(const std::string& op, BoundExprPtr& a, BoundExprPtr& b, int location) {
  // An untyped left operand: jsonb where only jsonb has the operator, and
  // ambiguous where json has it too, as PostgreSQL's operator resolution finds.
  if (is_unknown(*a)) {
    if (op == "?" || op == "?&" || op == "#-" || op == "@?" || op == "@@") {
      a = coerce(std::move(a), {TypeId::kJsonb, -1}, CastContext::kImplicit);
    } else if (op == "->" || op == "->>" || op == "#>" || op == "#>>" || op == "?|") {
      throw at(DbError(sqlstate::kAmbiguousFunction, "operator is not unique: unknown " + op + " " + type_name(*b))
                   .with_hint("Could not choose a best candidate operator. You might need to add explicit type casts."),
               location);
    }
  }
  const TypeId ta = a->type.id;
  const bool left_json = is_json(ta);
  auto node = [&](TypeId result) {
    auto e = make_node(K::kJsonOp, {result, -1});
    e->op = op;
    e->args.push_back(std::move(a));
    e->args.push_back(std::move(b));
    return e;
  };
  if (op == "->" || op == "->>") {
    if (!left_json) no_operator(op, a.get(), *b, location);
    if (is_unknown(*b)) b = coerce(std::move(b), {TypeId::kText, -1}, CastContext::kImplicit);
    if (!is_integer(b->type.id) && !is_stringish(b->type.id)) no_operator(op, a.get(), *b, location);
    if (is_integer(b->type.id)) b = coerce(std::move(b), {TypeId::kInt4, -1}, CastContext::kImplicit);
    return node(op == "->" ? ta : TypeId::kText);
  }
  // The operators taking a text[] path or key list.
  auto text_array = [&] {
    if (is_unknown(*b)) b = coerce(std::move(b), {array_of(TypeId::kText), -1}, CastContext::kImplicit);
    if (!is_array(b->type.id) || !is_stringish(element_of(b->type.id))) no_operator(op, a.get(), *b, location);
  };
  if (op == "#>" || op == "#>>") {
    if (!left_json) no_operator(op, a.get(), *b, location);
    text_array();
    return node(op == "#>" ? ta : TypeId::kText);
  }
  if (op == "#-" || op == "?|" || op == "?&") {
    if (ta != TypeId::kJsonb) no_operator(op, a.get(), *b, location);
    text_array();
    return node(op == "#-" ? TypeId::kJsonb : TypeId::kBool);
  }
  if (op == "@?" || op == "@@") {
    // jsonpath is read from text: we have no jsonpath type of its own.
    if (ta != TypeId::kJsonb) no_operator(op, a.get(), *b, location);
    b = coerce(std::move(b), {TypeId::kText, -1}, CastContext::kImplicit);
    return node(TypeId::kBool);
  }
  const bool any_jsonb = ta == TypeId::kJsonb || b->type.id == TypeId::kJsonb;
  if (op == "?") {
    if (ta != TypeId::kJsonb) no_operator(op, a.get(), *b, location);
    b = coerce(std::move(b), {TypeId::kText, -1}, CastContext::kImplicit);
    return node(TypeId::kBool);
  }
  if (op == "@>" || op == "<@" || (op == "||" && any_jsonb)) {
    for (BoundExprPtr* side : {&a, &b}) {
      if (is_unknown(**side)) *side = coerce(std::move(*side), {TypeId::kJsonb, -1}, CastContext::kImplicit);
    }
    if (a->type.id != TypeId::kJsonb || b->type.id != TypeId::kJsonb) no_operator(op, a.get(), *b, location);
    return node(op == "||" ? TypeId::kJsonb : TypeId::kBool);
  }
  if (op == "-" && ta == TypeId::kJson) no_operator(op, a.get(), *b, location);  // json has no - of its own
  if (op == "-" && ta == TypeId::kJsonb) {
    if (is_unknown(*b)) b = coerce(std::move(b), {TypeId::kText, -1}, CastContext::kImplicit);
    const bool keys = is_array(b->type.id) && is_stringish(element_of(b->type.id));
    if (!is_integer(b->type.id) && !is_stringish(b->type.id) && !keys) no_operator(op, a.get(), *b, location);
    return node(TypeId::kJsonb);
  }
  return nullptr;
}

// pgvector's operators, as calls of the functions behind them; null if `op`
// with these operands is not one. An untyped literal beside a vector is a
// vector of any dimension, so a mismatch reports both dimensions.
BoundExprPtr bind_vector_operator(const std::string& op, BoundExprPtr& a, BoundExprPtr& b, int location) {
  static const std::map<std::string, std::string, std::less<>> kOperators = {
      {"<->", "l2_distance"}, {"<=>", "cosine_distance"}, {"<#>", "vector_negative_inner_product"},
      {"<+>", "l1_distance"}, {"+", "vector_add"},        {"-", "vector_sub"},
      {"*", "vector_mul"},    {"||", "vector_concat"}};
  auto it = kOperators.find(op);
  if (it == kOperators.end()) return nullptr;
  const bool distance = op[0] == '<';
  const bool any_vector = a->type.id == TypeId::kVector || b->type.id == TypeId::kVector;
  if (!any_vector && !distance) return nullptr;
  for (BoundExprPtr* side : {&a, &b}) {
    if (is_unknown(**side)) *side = coerce(std::move(*side), {TypeId::kVector, -1}, CastContext::kImplicit);
  }
  if (a->type.id != TypeId::kVector || b->type.id != TypeId::kVector) no_operator(op, a.get(), *b, location);
  std::vector<BoundExprPtr> args;
  args.push_back(std::move(a));
  args.push_back(std::move(b));
  return call_builtin(it->second, std::move(args), location);
}

bool is_temporal(TypeId id) { return is_datetime(id) || id == TypeId::kTime || id == TypeId::kInterval; }

// The result type of `a op b` when a date/time type takes part (PostgreSQL's
// operators for date, time, timestamp[tz] and interval), or kUnknown if none.
TypeId temporal_result(const std::string& op, TypeId a, TypeId b) {
  using T = TypeId;
  if (op == "+") {
    if (a == T::kDate && is_integer(b)) return T::kDate;
    if (is_integer(a) && b == T::kDate) return T::kDate;
    if (a == T::kDate && (b == T::kInterval || b == T::kTime)) return T::kTimestamp;
    if ((a == T::kInterval || a == T::kTime) && b == T::kDate) return T::kTimestamp;
    if ((a == T::kTimestamp || a == T::kTimestampTz) && b == T::kInterval) return a;
    if (a == T::kInterval && (b == T::kTimestamp || b == T::kTimestampTz)) return b;
    if ((a == T::kTime && b == T::kInterval) || (a == T::kInterval && b == T::kTime)) return T::kTime;
    if (a == T::kInterval && b == T::kInterval) return T::kInterval;
  } else if (op == "-") {
    if (a == T::kDate && is_integer(b)) return T::kDate;
    if (a == T::kDate && b == T::kDate) return T::kInt4;
    if (is_datetime(a) && is_datetime(b)) return T::kInterval;
    if (a == T::kDate && b == T::kInterval) return T::kTimestamp;
    if ((a == T::kTimestamp || a == T::kTimestampTz) && b == T::kInterval) return a;
    if (a == T::kTime && b == T::kInterval) return T::kTime;
    if (a == T::kTime && b == T::kTime) return T::kInterval;
    if (a == T::kInterval && b == T::kInterval) return T::kInterval;
  } else if (op == "*") {
    if ((a == T::kInterval && is_numeric_type(b)) || (is_numeric_type(a) && b == T::kInterval)) return T::kInterval;
  } else if (op == "/") {
    if (a == T::kInterval && is_numeric_type(b)) return T::kInterval;
  }
  return T::kUnknown;
}

// A NULL constant, perhaps cast: a strict operator given one is NULL whatever
// the other side is, and PostgreSQL's planner folds it so before running
// anything (x * huge = NULL is NULL, not an overflow).
bool is_null_constant(const BoundExpr& e) {
  if (e.kind == K::kConstant) return e.constant.is_null();
  return e.kind == K::kCast && is_null_constant(*e.args[0]);
}

BoundExprPtr null_of(SqlType type) {
  auto e = make_constant(Value::null(type.id));
  e->type = type;
  return e;
}

// `strict`: NULL if an operand is (all comparisons but IS DISTINCT FROM).
BoundExprPtr make_compare(const std::string& op, BoundExprPtr a, BoundExprPtr b, int location, bool strict = true) {
  unify_unknowns(a, b);
  if (!comparable(a->type.id, b->type.id)) no_operator(op, a.get(), *b, location);
  // Each enum type has its own operators: mood = color has none.
  if (a->type.enum_oid != b->type.enum_oid) no_operator(op, a.get(), *b, location);
  if (strict && (is_null_constant(*a) || is_null_constant(*b))) return null_of({TypeId::kBool, -1});
  auto e = make_node(K::kCompare, {TypeId::kBool, -1});
  e->op = op;
  e->args.push_back(std::move(a));
  e->args.push_back(std::move(b));
  return e;
}

BoundExprPtr require_bool(BoundExprPtr e, const std::string& what, int location) {
  if (is_unknown(*e)) return coerce(std::move(e), {TypeId::kBool, -1}, CastContext::kImplicit);
  if (e->type.id != TypeId::kBool) {
    throw at(DbError(sqlstate::kDatatypeMismatch,
                     "argument of " + what + " must be type boolean, not type " + type_name(*e)),
             location);
  }
  return e;
}

}  // namespace

BoundExprPtr make_comparison(const std::string& op, BoundExprPtr a, BoundExprPtr b, int location) {
  return make_compare(op, std::move(a), std::move(b), location, false);
}

BoundExprPtr make_node(K kind, SqlType type) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = kind;
  e->type = type;
  return e;
}

BoundExprPtr make_constant(Value value) {
  auto e = make_node(K::kConstant, {value.type(), -1});
  e->constant = std::move(value);
  return e;
}

BoundExprPtr make_column(int column, SqlType type) {
  auto e = make_node(K::kColumn, type);
  e->column = column;
  return e;
}

std::vector<int> columns_read(const BoundExpr& expr) {
  std::vector<int> out;
  std::function<void(const BoundExpr&)> visit = [&](const BoundExpr& e) {
    if (e.kind == K::kColumn && std::find(out.begin(), out.end(), e.column) == out.end()) out.push_back(e.column);
    for (const BoundExprPtr& a : e.args) visit(*a);
  };
  visit(expr);
  std::sort(out.begin(), out.end());
  return out;
}

BoundExprPtr coerce(BoundExprPtr expr, SqlType target, CastContext context) {
  if (expr->type == target) return expr;
  if (!can_cast(expr->type.id, target.id, context)) {
    throw DbError(sqlstate::kDatatypeMismatch,
                  "cannot cast type " + type_name(*expr) + " to " + type_display_name(target));
  }
  if (expr->kind == K::kConstant) {
    // A parameter being described takes the type its context gives it.
    if (expr->param > 0 && expr->ctx != nullptr && expr->ctx->param_types != nullptr &&
        expr->type.id == TypeId::kUnknown) {
      auto& types = *expr->ctx->param_types;
      if (types.size() < static_cast<std::size_t>(expr->param)) types.resize(static_cast<std::size_t>(expr->param));
      types[static_cast<std::size_t>(expr->param - 1)] = target;
    }
    expr->constant = cast_value(expr->constant, target, context);
    expr->type = target;
    expr->op.clear();
    return expr;
  }
  auto cast = make_node(K::kCast, target);
  cast->cast_context = context;
  cast->args.push_back(std::move(expr));
  return cast;
}

namespace {

// json compares by nothing: it keeps its input text, so two equal documents
// need not be equal texts (PostgreSQL gives the type no btree or hash class).
bool lacks_comparison(const SqlType& type) { return type.id == TypeId::kJson || type.id == array_of(TypeId::kJson); }

}  // namespace

void require_ordering(const SqlType& type, int location) {
  if (!lacks_comparison(type)) return;
  throw at(DbError(sqlstate::kUndefinedFunction,
                   "could not identify an ordering operator for type " + type_display_name(type))
               .with_hint("Use an explicit ordering operator or modify the query."),
           location);
}

void require_equality(const SqlType& type, int location) {
  if (!lacks_comparison(type)) return;
  throw at(DbError(sqlstate::kUndefinedFunction,
                   "could not identify an equality operator for type " + type_display_name(type)),
           location);
}

std::string fingerprint(const BoundExpr& e) {
  std::string out = std::to_string(static_cast<int>(e.kind)) + ":" + std::to_string(static_cast<int>(e.type.id)) + ":" +
                    e.op + ":" + std::to_string(e.column) + ":" + (e.negated ? "n" : "") + ":";
  if (e.kind == K::kConstant) out += e.constant.is_null() ? "NULL" : "'" + format_value(e.constant) + "'";
  out += "(";
  for (const auto& arg : e.args) out += fingerprint(*arg) + ",";
  return out + ")";
}

SqlType common_type(const std::vector<SqlType>& types, const std::string& context) {
  std::vector<SqlType> known;
  for (const SqlType& t : types) {
    if (t.id != TypeId::kUnknown) known.push_back(t);
  }
  if (known.empty()) return {TypeId::kText, -1};
  SqlType result = known[0];
  for (const SqlType& t : known) {
    if (t == result) continue;
    if (is_numeric_type(t.id) && is_numeric_type(result.id)) {
      if (is_float(t.id) || is_float(result.id)) {
        result = {TypeId::kFloat8, -1};
      } else if (t.id == TypeId::kNumeric || result.id == TypeId::kNumeric) {
        result = {TypeId::kNumeric, -1};
      } else if (type_length(t.id) > type_length(result.id)) {
        result = {t.id, -1};
      }
    } else if (is_stringish(t.id) && is_stringish(result.id)) {
      // text, varchar and character convert to one another implicitly both
      // ways, so PostgreSQL keeps the first one's type; only a typmod they
      // all share survives.
      result.typmod = -1;
    } else if (is_oid_type(t.id) && is_oid_type(result.id)) {
      // oid, regclass and regtype convert to one another implicitly: the first one's type stays.
    } else if (is_oid_type(t.id) && is_integer(result.id)) {
      result = {t.id, -1};  // integers become oids implicitly, oids integers only by assignment
    } else if (is_integer(t.id) && is_oid_type(result.id)) {
    } else {
      throw DbError(sqlstate::kDatatypeMismatch, context + " types " + type_display_name(result) + " and " +
                                                     type_display_name(t) + " cannot be matched");
    }
  }
  return result;
}

void Binder::set_grouping(std::vector<BoundExprPtr>* group_by, std::vector<AggregateSpec>* aggregates) {
  group_by_ = group_by;
  aggregates_ = aggregates;
  group_slots_.clear();
  if (group_by_ != nullptr) {
    for (std::size_t i = 0; i < group_by_->size(); ++i) {
      group_slots_.emplace(fingerprint(*(*group_by_)[i]), static_cast<int>(i));
    }
  }
}

BoundExprPtr Binder::bind(const ast::Expr& expr) {
  if (aggregates_ != nullptr && !inside_aggregate_) return bind_grouped(expr);
  return bind_node(expr);
}

BoundExprPtr require_boolean(BoundExprPtr e, const std::string& what, int location) {
  return require_bool(std::move(e), what, location);
}

BoundExprPtr Binder::bind_condition(const ast::Expr& expr) { return require_bool(bind(expr), clause_, expr.location); }

BoundExprPtr Binder::bind_grouped(const ast::Expr& expr) {
  // The whole expression may be a GROUP BY expression: then it is a value of
  // the group, whatever columns it uses.
  if (!group_slots_.empty()) {
    try {
      // With the statement's context, so that a user's SQL function in it is the one GROUP BY named.
      Binder plain = ctx_ != nullptr ? Binder(scope_, clause_, *ctx_) : Binder(scope_, clause_, params_);
      BoundExprPtr probe = plain.bind_node(expr);
      if (auto it = group_slots_.find(fingerprint(*probe)); it != group_slots_.end()) {
        return make_column(it->second, probe->type);
      }
    } catch (const DbError&) {
      // not a plain expression (it holds an aggregate): bind it below
    }
  }
  if (const auto* ref = std::get_if<ast::ColumnRef>(&expr.node)) {
    BoundExprPtr column = bind_column(*ref, expr.location);
    const ScopeColumn& c = scope_[static_cast<std::size_t>(column->column)];
    std::string name = c.qualifier.empty() ? c.name : c.qualifier + "." + c.name;
    throw at(DbError(sqlstate::kGroupingError,
                     "column \"" + name + "\" must appear in the GROUP BY clause or be used in an aggregate function"),
             expr.location);
  }
  return bind_node(expr);
}

namespace {

// Where `ref` is in `scope`, or -1; `qualifier_seen` says whether its table was.
int find_column(const std::vector<ScopeColumn>& scope, const ast::ColumnRef& ref, int location, bool& qualifier_seen) {
  const std::string& name = ref.names.back();
  const std::string* qualifier = ref.names.size() == 2 ? &ref.names[0] : nullptr;
  int found = -1;
  for (std::size_t i = 0; i < scope.size(); ++i) {
    if (qualifier != nullptr) {
      if (scope[i].qualifier != *qualifier) continue;
      qualifier_seen = true;
    } else if (scope[i].using_role == ScopeColumn::Using::kHidden) {
      continue;  // a USING column's second copy: the first stands for both
    }
    if (scope[i].name != name) continue;
    if (found >= 0) {
      throw at(DbError(sqlstate::kAmbiguousColumn, "column reference \"" + name + "\" is ambiguous"), location);
    }
    found = static_cast<int>(i);
  }
  if (found >= 0) check_readable(scope[static_cast<std::size_t>(found)]);
  return found;
}

}  // namespace

namespace {

// row_to_json(t), to_json(t) and to_jsonb(t) of a table or subquery t in
// FROM: its columns as an object, named as they are (PostgreSQL's whole-row
// reference, for these functions only). Null when `arg` is not such a
// reference; a column called t wins over the table, as in PostgreSQL.
BoundExprPtr whole_row_json(const std::string& name, const ast::Expr& arg, const std::vector<ScopeColumn>& scope,
                            int location) {
  const auto* ref = std::get_if<ast::ColumnRef>(&arg.node);
  if (ref == nullptr || ref->star || ref->names.size() != 1) return nullptr;
  const std::string& table = ref->names[0];
  if (std::any_of(scope.begin(), scope.end(), [&](const ScopeColumn& c) { return c.name == table; })) return nullptr;
  const std::vector<std::size_t> columns = star_columns(scope, &table, true);
  if (columns.empty()) return nullptr;
  std::vector<BoundExprPtr> args;
  for (std::size_t i : columns) {
    args.push_back(make_constant(Value::string(TypeId::kText, scope[i].name)));
    args.push_back(make_column(static_cast<int>(i), scope[i].type));
  }
  return call_builtin(name == "to_jsonb" ? "jsonb_build_object" : "heliosdb_row_to_json", std::move(args), location);
}

}  // namespace

void check_readable(const ScopeColumn& c) {
  if (c.unreadable) throw DbError(sqlstate::kInsufficientPrivilege, "permission denied for " + *c.unreadable);
}

void mark_columns_after_view(std::vector<ScopeColumn>& scope, std::uint32_t table_oid,
                             const std::vector<TableWidth>* widths) {
  const std::int32_t width = widths == nullptr ? -1 : width_of(*widths, table_oid);
  if (width < 0) return;
  for (ScopeColumn& c : scope) {
    if (c.table_oid == table_oid && c.column_number > width) c.after_view = true;
  }
}

std::vector<std::size_t> star_columns(const std::vector<ScopeColumn>& scope, const std::string* qualifier,
                                      bool whole_row) {
  using Using = ScopeColumn::Using;
  std::vector<std::size_t> merged;
  std::vector<std::size_t> rest;
  for (std::size_t i = 0; i < scope.size(); ++i) {
    const ScopeColumn& c = scope[i];
    if (c.column_number < 0) continue;  // a system column (tableoid) is named, never part of *
    if (c.after_view && !whole_row) continue;
    if (qualifier != nullptr) {
      if (c.qualifier == *qualifier) rest.push_back(i);  // t.* has all of t's columns
      continue;
    }
    if (c.using_role == Using::kFull) {
      // Both copies of a FULL JOIN's USING column: the first stands for the merged value.
      bool first =
          std::none_of(scope.begin(), scope.begin() + static_cast<std::ptrdiff_t>(i), [&](const ScopeColumn& o) {
            return o.using_role == Using::kFull && o.name == c.name && o.using_position == c.using_position;
          });
      if (first) merged.push_back(i);
      continue;
    }
    if (c.using_role == Using::kMerged) {
      merged.push_back(i);
    } else if (c.using_role != Using::kHidden) {
      rest.push_back(i);
    }
  }
  std::stable_sort(merged.begin(), merged.end(),
                   [&](std::size_t a, std::size_t b) { return scope[a].using_position < scope[b].using_position; });
  merged.insert(merged.end(), rest.begin(), rest.end());
  for (std::size_t i : merged) check_readable(scope[i]);
  return merged;
}

// FULL JOIN ... USING (c): an unqualified c is COALESCE(left.c, right.c),
// as PostgreSQL merges it; null when `name` is no such column.
BoundExprPtr Binder::bind_full_join_using(const std::string& name) {
  std::vector<std::size_t> copies;
  for (std::size_t i = 0; i < scope_.size(); ++i) {
    if (scope_[i].name == name && scope_[i].using_role == ScopeColumn::Using::kFull) copies.push_back(i);
  }
  if (copies.size() != 2) return nullptr;
  for (std::size_t i : copies) check_readable(scope_[i]);
  SqlType type = common_type({scope_[copies[0]].type, scope_[copies[1]].type}, "JOIN/USING");
  auto e = make_node(K::kCoalesce, type);
  for (std::size_t i : copies) {
    e->args.push_back(coerce(make_column(static_cast<int>(i), scope_[i].type), type, CastContext::kImplicit));
  }
  return e;
}

BoundExprPtr Binder::bind_column(const ast::ColumnRef& ref, int location) {
  if (ref.star && ref.names.size() == 1) {
    if (BoundExprPtr row = bind_whole_row(ref.names[0])) return row;
  }
  if (ref.star) throw at(DbError(sqlstate::kSyntaxError, "\"*\" is not allowed here"), location);
  if (ref.names.size() > 2) {
    throw at(DbError(sqlstate::kFeatureNotSupported, "not supported yet: schema-qualified column references"),
             location);
  }
  if (ref.names.size() == 1) {
    if (BoundExprPtr merged = bind_full_join_using(ref.names[0])) return merged;
  }
  bool qualifier_seen = false;
  int found = find_column(scope_, ref, location, qualifier_seen);
  if (found >= 0) return make_column(found, scope_[static_cast<std::size_t>(found)].type);
  if (ctx_ != nullptr && !ctx_->outer_rows.empty()) {
    if (BoundExprPtr outer = bind_outer_column(ref, location)) return outer;
  }
  if (ctx_ != nullptr && ctx_->sql_function != nullptr && !qualifier_seen) {
    // A parameter of the SQL function whose body this is, by name.
    if (BoundExprPtr parameter = sql_function_parameter(*ctx_, ref.names)) return parameter;
  }
  // A FROM item's name alone is its whole row, when no column has that name.
  if (ref.names.size() == 1) {
    if (BoundExprPtr row = bind_whole_row(ref.names[0])) return row;
  }
  const std::string& name = ref.names.back();
  const std::string* qualifier = ref.names.size() == 2 ? &ref.names[0] : nullptr;
  if (qualifier != nullptr && !qualifier_seen) {
    throw at(DbError(sqlstate::kUndefinedTable, "missing FROM-clause entry for table \"" + *qualifier + "\""),
             location);
  }
  std::string shown = qualifier != nullptr ? *qualifier + "." + name : name;
  throw at(DbError(sqlstate::kUndefinedColumn,
                   "column " + (qualifier != nullptr ? shown : "\"" + shown + "\"") + " does not exist"),
           location);
}

BoundExprPtr Binder::bind_sublink(const ast::SubLink& link, int location, const ast::RowExpr* row_test,
                                  const std::string& row_op) {
  // A DEFAULT or CHECK may call a user's function (then it is bound with a context) but holds no subquery.
  if (ctx_ == nullptr || clause_ == "DEFAULT" || clause_ == "CHECK") {
    std::string where = clause_ == "CHECK"                           ? "check constraint"
                        : clause_ == "DEFAULT"                       ? "DEFAULT expression"
                        : clause_ == "column generation expressions" ? "column generation expression"
                                                                     : clause_;
    throw at(DbError(sqlstate::kFeatureNotSupported, "cannot use subquery in " + where), location);
  }
  auto sub = std::make_shared<Subquery>();
  sub->kind = row_test != nullptr ? ast::SubLink::Kind::kRowCompare : link.kind;
  sub->select = link.select.get();
  sub->source = source_;
  sub->ctx = ctx_;
  sub->outer_scope = scope_;
  // A first run with the enclosing row all NULL gives the subquery's
  // columns and tells whether it uses that row at all.
  Row nulls;
  for (const ScopeColumn& c : scope_) nulls.push_back(Value::null(c.type.id));
  ctx_->outer_rows.push_back({&sub->outer_scope, &nulls, aggregates_ != nullptr, false, {}});
  QueryResult first;
  try {
    first = run_select(*link.select, *ctx_);
  } catch (...) {
    ctx_->outer_rows.pop_back();
    throw;
  }
  sub->correlated = ctx_->outer_rows.back().used;
  const std::vector<const ast::ColumnRef*> outer_refs = std::move(ctx_->outer_rows.back().refs);
  ctx_->outer_rows.pop_back();
  std::vector<ResultColumn> columns = first.columns;
  if (sub->correlated && sub->kind == ast::SubLink::Kind::kExists) {
    sub->hash = hash_correlated_exists(*link.select, outer_refs);
    sub->correlated = sub->hash == nullptr;
  }
  if (!sub->correlated) sub->result = std::move(first);

  auto e = make_node(K::kSubquery, {TypeId::kBool, -1});
  e->op = "subquery@" + std::to_string(reinterpret_cast<std::uintptr_t>(link.select.get()));
  // The test row of ANY/ALL or a row comparison: e's args, compared with
  // the subquery's columns by `compare` over the row (test..., columns...).
  auto compare_with_columns = [&](std::vector<BoundExprPtr> test, const std::string& op) {
    if (columns.size() != test.size()) {
      throw at(DbError(sqlstate::kSyntaxError,
                       std::string("subquery has too ") + (columns.size() > test.size() ? "many" : "few") + " columns"),
               location);
    }
    std::vector<BoundExprPtr> left, right;
    for (std::size_t i = 0; i < test.size(); ++i) {
      if (is_unknown(*test[i])) test[i] = coerce(std::move(test[i]), columns[i].type, CastContext::kImplicit);
      left.push_back(make_column(static_cast<int>(i), test[i]->type));
      right.push_back(make_column(static_cast<int>(test.size() + i), columns[i].type));
      e->args.push_back(std::move(test[i]));
    }
    sub->compare = test.size() == 1 && row_test == nullptr
                       ? make_compare(op, std::move(left[0]), std::move(right[0]), location)
                       : make_row_comparison(op, std::move(left), std::move(right), location);
  };
  switch (sub->kind) {
    case ast::SubLink::Kind::kExists:
      break;
    case ast::SubLink::Kind::kScalar:
      if (link.assign_count > 0) {
        // SET (a, b) = (SELECT x, y)
        if (columns.size() != static_cast<std::size_t>(link.assign_count)) {
          throw at(DbError(sqlstate::kSyntaxError, "number of columns does not match number of values"), location);
        }
        sub->column = link.assign_column;
      } else if (columns.size() != 1) {
        throw at(DbError(sqlstate::kSyntaxError, "subquery must return only one column"), location);
      }
      e->type = columns[static_cast<std::size_t>(sub->column)].type;
      break;
    case ast::SubLink::Kind::kAny:
    case ast::SubLink::Kind::kAll: {
      std::vector<BoundExprPtr> test;
      if (const auto* row = std::get_if<ast::RowExpr>(&link.test->node)) {
        test = bind_fields(*row);
      } else {
        test.push_back(bind(*link.test));
      }
      compare_with_columns(std::move(test), link.op);
      break;
    }
    case ast::SubLink::Kind::kRowCompare:
      compare_with_columns(bind_fields(*row_test), row_op);
      break;
    case ast::SubLink::Kind::kArray:
      if (columns.size() != 1) {
        throw at(DbError(sqlstate::kSyntaxError, "subquery must return only one column"), location);
      }
      if (is_array(columns[0].type.id)) {
        throw at(DbError(sqlstate::kFeatureNotSupported, "not supported yet: ARRAY(subquery) of arrays"), location);
      }
      e->type = {array_of(columns[0].type.id == TypeId::kUnknown ? TypeId::kText : columns[0].type.id),
                 columns[0].type.typmod};
      break;
  }
  // x IN (uncorrelated subquery) looks x up in a hash of the subquery's values.
  if (sub->kind == ast::SubLink::Kind::kAny && !sub->correlated && link.op == "=" && e->args.size() == 1 &&
      row_test == nullptr && std::get_if<ast::RowExpr>(&link.test->node) == nullptr &&
      hashable_pair(e->args[0]->type, columns[0].type)) {
    sub->hash = hash_rows(sub->result->rows, columns[0].type);
  }
  e->subquery = std::move(sub);
  // An uncorrelated scalar subquery is a constant: index lookups can use it.
  if (e->subquery->kind == ast::SubLink::Kind::kScalar && !e->subquery->correlated) {
    return make_constant(evaluate(*e, {}));
  }
  return e;
}

BoundExprPtr Binder::bind_sql_value_function(const ast::SqlValueFunction& f, int location) {
  using F = ast::SqlValueFunction::Kind;
  // Stable within a transaction: the time it started, as PostgreSQL.
  const std::int64_t now = temporal::transaction_time();
  switch (f.kind) {
    case F::kCurrentDate:
      return make_constant(Value::integer(TypeId::kDate, temporal::timestamp_to_date(now)));
    case F::kCurrentTimestamp:
      return make_constant(Value::integer(TypeId::kTimestampTz, now));
    case F::kLocalTimestamp:
      return make_constant(Value::integer(TypeId::kTimestamp, now));
    case F::kLocalTime:
      return make_constant(Value::integer(TypeId::kTime, temporal::timestamp_to_time(now)));
    case F::kCurrentTime:
      throw at(DbError(sqlstate::kFeatureNotSupported, "not supported yet: time with time zone (CURRENT_TIME)"),
               location);
    case F::kCurrentSchema:
      return current_schema();
    case F::kCurrentCatalog:
      if (ctx_ != nullptr) return make_constant(Value::string(TypeId::kText, ctx_->database_name));
      break;
    case F::kCurrentRole:
    case F::kCurrentUser:
    case F::kUser:
      if (ctx_ != nullptr) return make_constant(Value::string(TypeId::kText, ctx_->user_name));
      break;
    case F::kSessionUser:
      if (ctx_ != nullptr) {
        return make_constant(
            Value::string(TypeId::kText, ctx_->session_user.empty() ? ctx_->user_name : ctx_->session_user));
      }
      break;
  }
  throw at(DbError(sqlstate::kFeatureNotSupported, "not supported yet: session functions here"), location);
}

BoundExprPtr Binder::bind_outer_column(const ast::ColumnRef& ref, int location) {
  for (auto frame = ctx_->outer_rows.rbegin(); frame != ctx_->outer_rows.rend(); ++frame) {
    bool qualifier_seen = false;
    int found = find_column(*frame->scope, ref, location, qualifier_seen);
    if (found < 0) continue;
    if (frame->grouped) {
      throw at(DbError(sqlstate::kFeatureNotSupported,
                       "not supported yet: subqueries using columns of an enclosing grouped query"),
               location);
    }
    frame->used = true;
    frame->refs.push_back(&ref);
    auto column = static_cast<std::size_t>(found);
    return make_constant(cast_value((*frame->row)[column], (*frame->scope)[column].type, CastContext::kImplicit));
  }
  return nullptr;
}

BoundExprPtr Binder::bind_operator(const ast::OperatorExpr& o, int location) {
  const std::string& op = o.op;
  if (o.left == nullptr) {
    BoundExprPtr arg = bind(*o.right);
    if (op == "+" && (is_numeric_type(arg->type.id))) return arg;
    if (op == "~" && (is_integer(arg->type.id) || is_unknown(*arg))) {
      // Bitwise NOT is XOR with all ones.
      if (is_unknown(*arg)) arg = coerce(std::move(arg), {TypeId::kInt4, -1}, CastContext::kImplicit);
      auto e = make_node(K::kArith, arg->type);
      e->op = "#";
      e->args.push_back(std::move(arg));
      e->args.push_back(make_constant(Value::integer(e->type.id, -1)));
      return e;
    }
    if (op == "-" && arg->type.id == TypeId::kInterval) {
      auto e = make_node(K::kNegate, arg->type);
      e->args.push_back(std::move(arg));
      return e;
    }
    if (op == "-") {
      if (is_numeric_type(arg->type.id)) {
        if (arg->kind == K::kConstant && !arg->constant.is_null()) {
          Value v = arg->constant;
          if (v.type() == TypeId::kNumeric) {
            return make_constant(Value::string(TypeId::kNumeric, Decimal::parse(v.as_string()).neg().to_string()));
          }
          if (is_integer(v.type()) && v.as_int() == INT64_MIN) {
            throw at(DbError(sqlstate::kNumericValueOutOfRange, "bigint out of range"), location);
          }
          return make_constant(is_float(v.type()) ? Value::floating(v.type(), -v.as_float())
                                                  : Value::integer(v.type(), -v.as_int()));
        }
        auto e = make_node(K::kNegate, arg->type);
        e->args.push_back(std::move(arg));
        return e;
      }
    }
    no_operator(op, nullptr, *arg, location);
  }
  if (BoundExprPtr rows = bind_row_comparison(op, *o.left, *o.right, location)) return rows;
  BoundExprPtr a = bind(*o.left);
  BoundExprPtr b = bind(*o.right);
  if (BoundExprPtr array = bind_array_operator(op, a, b, location)) return array;
  if (BoundExprPtr json = bind_json_operator(op, a, b, location)) return json;
  if (BoundExprPtr vector = bind_vector_operator(op, a, b, location)) return vector;
  if (op == "=" || op == "<>" || op == "<" || op == "<=" || op == ">" || op == ">=") {
    return make_compare(op, std::move(a), std::move(b), location);
  }
  // The regular-expression operators are the functions PostgreSQL's pg_operator names.
  static const std::map<std::string, std::string> kRegexOperators = {
      {"~", "textregexeq"}, {"!~", "textregexne"}, {"~*", "texticregexeq"}, {"!~*", "texticregexne"}};
  if (auto regex = kRegexOperators.find(op); regex != kRegexOperators.end()) {
    if ((!is_stringish(a->type.id) && !is_unknown(*a)) || (!is_stringish(b->type.id) && !is_unknown(*b))) {
      no_operator(op, a.get(), *b, location);
    }
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(a));
    args.push_back(std::move(b));
    return call_builtin(regex->second, std::move(args), location);
  }
  // The integer bit operators: & | # in the wider operand type, << >> by an int4 count.
  if (op == "&" || op == "|" || op == "#" || op == "<<" || op == ">>") {
    const bool shift = op == "<<" || op == ">>";
    if (shift) {
      if (is_unknown(*a)) a = coerce(std::move(a), {TypeId::kInt4, -1}, CastContext::kImplicit);
      if (is_unknown(*b) || b->type.id == TypeId::kInt2) {
        b = coerce(std::move(b), {TypeId::kInt4, -1}, CastContext::kImplicit);
      }
      if (!is_integer(a->type.id) || b->type.id != TypeId::kInt4) no_operator(op, a.get(), *b, location);
    } else {
      unify_unknowns(a, b);
      if (!is_integer(a->type.id) || !is_integer(b->type.id)) no_operator(op, a.get(), *b, location);
    }
    const TypeId result = shift || type_length(a->type.id) >= type_length(b->type.id) ? a->type.id : b->type.id;
    auto e = make_node(K::kArith, {result, -1});
    e->op = op;
    e->args.push_back(std::move(a));
    e->args.push_back(std::move(b));
    return e;
  }
  // ^ is pg_operator's dpow / numeric_power: the power() overload the operands pick.
  if (op == "^") {
    if (!is_numeric_type(a->type.id) && !is_unknown(*a)) no_operator(op, a.get(), *b, location);
    if (!is_numeric_type(b->type.id) && !is_unknown(*b)) no_operator(op, a.get(), *b, location);
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(a));
    args.push_back(std::move(b));
    return call_builtin("power", std::move(args), location);
  }
  if (op == "||") {
    if (!is_stringish(a->type.id) && !is_unknown(*a) && !is_stringish(b->type.id) && !is_unknown(*b)) {
      no_operator(op, a.get(), *b, location);
    }
    auto e = make_node(K::kConcat, {TypeId::kText, -1});
    e->args.push_back(coerce(std::move(a), {TypeId::kText, -1}, CastContext::kExplicit));
    e->args.push_back(coerce(std::move(b), {TypeId::kText, -1}, CastContext::kExplicit));
    return e;
  }
  if ((op == "+" || op == "-" || op == "*" || op == "/") && (is_temporal(a->type.id) || is_temporal(b->type.id))) {
    // An unknown literal takes the other side's type for "-" (ts - '2024-01-01'),
    // and is an interval added to a timestamp or time.
    BoundExprPtr& known = is_unknown(*a) ? b : a;
    BoundExprPtr& literal = is_unknown(*a) ? a : b;
    if (is_unknown(*literal)) {
      TypeId as = op == "-" ? known->type.id : TypeId::kInterval;
      if (op == "+" && known->type.id == TypeId::kDate) {
        throw at(DbError(sqlstate::kAmbiguousFunction, "operator is not unique: date + unknown")
                     .with_hint("Could not choose a best candidate operator. You might need to add explicit type "
                                "casts."),
                 location);
      }
      literal = coerce(std::move(literal), {as, -1}, CastContext::kImplicit);
    }
    TypeId result = temporal_result(op, a->type.id, b->type.id);
    if (result == TypeId::kUnknown) no_operator(op, a.get(), *b, location);
    auto e = make_node(K::kArith, {result, -1});
    e->op = op;
    e->args.push_back(std::move(a));
    e->args.push_back(std::move(b));
    return e;
  }
  if (op == "+" || op == "-" || op == "*" || op == "/" || op == "%") {
    if (is_unknown(*a) && is_unknown(*b)) {
      throw at(DbError(sqlstate::kAmbiguousFunction, "operator is not unique: unknown " + op + " unknown")
                   .with_hint("Could not choose a best candidate operator. You might need to add explicit type "
                              "casts."),
               location);
    }
    unify_unknowns(a, b);
    if (!is_numeric_type(a->type.id) || !is_numeric_type(b->type.id)) no_operator(op, a.get(), *b, location);
    SqlType result;
    if (is_float(a->type.id) || is_float(b->type.id)) {
      if (op == "%") no_operator(op, a.get(), *b, location);
      bool both_real = a->type.id == TypeId::kFloat4 && b->type.id == TypeId::kFloat4;
      result = {both_real ? TypeId::kFloat4 : TypeId::kFloat8, -1};
    } else if (a->type.id == TypeId::kNumeric || b->type.id == TypeId::kNumeric) {
      result = {TypeId::kNumeric, -1};
    } else {
      result = {type_length(a->type.id) >= type_length(b->type.id) ? a->type.id : b->type.id, -1};
    }
    if (is_null_constant(*a) || is_null_constant(*b)) return null_of(result);
    const bool constant = a->kind == K::kConstant && b->kind == K::kConstant;
    auto e = make_node(K::kArith, result);
    e->op = op;
    e->args.push_back(std::move(a));
    e->args.push_back(std::move(b));
    // Folded now, as PostgreSQL's planner folds it. One that fails stays to
    // fail when evaluated: PostgreSQL does not fold what a COALESCE or CASE
    // before it has already decided, so 1/0 there is never run.
    if (constant) {
      try {
        return make_constant(evaluate(*e, Row{}));
      } catch (const DbError&) {
      }
    }
    return e;
  }
  throw at(DbError(sqlstate::kFeatureNotSupported, "not supported yet: operator " + op), location);
}

BoundExprPtr Binder::bind_aggregate(const ast::FuncCall& call, int location) {
  const std::string& name = call.name.back();
  if (aggregates_ == nullptr) {
    throw at(DbError(sqlstate::kGroupingError, "aggregate functions are not allowed in " + clause_), location);
  }
  if (inside_aggregate_) {
    throw at(DbError(sqlstate::kGroupingError, "aggregate function calls cannot be nested"), location);
  }
  AggregateSpec spec;
  spec.name = name;
  spec.kind = *aggregate_kind(name);
  spec.distinct = call.distinct;
  inside_aggregate_ = true;
  struct Reset {
    bool& flag;
    ~Reset() { flag = false; }
  } reset{inside_aggregate_};
  if (call.star && name != "count") {
    throw at(DbError(sqlstate::kWrongObjectType, name + "(*) specified, but " + name + " is not an aggregate function"),
             location);
  }
  for (const auto& arg : call.args) {
    spec.args.push_back(bind_node(*arg));
    if (call.distinct) require_equality(spec.args.back()->type, arg->location);
  }
  for (const ast::SortItem& item : call.order) {
    spec.order.push_back(make_order(bind_node(*item.expr), item));
  }
  resolve_aggregate(spec, call.within_group, location);
  if (call.filter) spec.filter = require_bool(bind_node(*call.filter), "FILTER", location);
  // The same call twice (in the select list and HAVING, say) is computed once.
  spec.key = name + (spec.distinct ? " distinct(" : "(");
  for (const auto& a : spec.args) spec.key += fingerprint(*a) + ",";
  spec.key += ") order(";
  for (const auto& o : spec.order)
    spec.key += fingerprint(*o.expr) + (o.descending ? " d" : " a") + (o.nulls_first ? "f," : "l,");
  spec.key += ") filter(" + (spec.filter ? fingerprint(*spec.filter) : std::string()) + ")";
  const SqlType type = spec.type;
  std::size_t index = aggregates_->size();
  for (std::size_t i = 0; i < aggregates_->size(); ++i) {
    if ((*aggregates_)[i].key == spec.key) index = i;
  }
  if (index == aggregates_->size()) aggregates_->push_back(std::move(spec));
  return make_column(static_cast<int>(group_by_->size() + index), type);
}

// GROUPING(a, b): a bit per argument, set when the group's grouping set
// leaves that GROUP BY expression out. A pseudo-aggregate whose value the
// query fills in per group.
BoundExprPtr Binder::bind_grouping(const ast::FuncCall& call, int location) {
  if (aggregates_ == nullptr || inside_aggregate_) {
    throw at(DbError(sqlstate::kGroupingError, inside_aggregate_
                                                   ? "aggregate function calls cannot contain grouping operations"
                                                   : "grouping operations are not allowed in " + clause_),
             location);
  }
  if (call.args.size() > 31) {
    throw at(DbError(sqlstate::kTooManyArguments, "GROUPING must have fewer than 32 arguments"), location);
  }
  AggregateSpec spec;
  spec.name = "grouping";
  spec.type = {TypeId::kInt4, -1};
  spec.key = "grouping(";
  for (const auto& arg : call.args) {
    Binder plain = ctx_ != nullptr ? Binder(scope_, clause_, *ctx_) : Binder(scope_, clause_, params_);
    auto it = group_slots_.find(fingerprint(*plain.bind_node(*arg)));
    if (it == group_slots_.end()) {
      throw at(DbError(sqlstate::kGroupingError,
                       "arguments to GROUPING must be grouping expressions of the associated query level"),
               arg->location);
    }
    spec.grouping_of.push_back(it->second);
    spec.key += std::to_string(it->second) + ",";
  }
  spec.key += ")";
  std::size_t index = aggregates_->size();
  for (std::size_t i = 0; i < aggregates_->size(); ++i) {
    if ((*aggregates_)[i].key == spec.key) index = i;
  }
  if (index == aggregates_->size()) aggregates_->push_back(std::move(spec));
  return make_column(static_cast<int>(group_by_->size() + index), {TypeId::kInt4, -1});
}

// The first schema of the search path that exists; NULL if none does.
BoundExprPtr Binder::current_schema() const {
  if (ctx_ == nullptr) return make_constant(Value::string(TypeId::kText, "public"));
  const std::vector<std::string> path = search_path_schemas(*ctx_);
  return make_constant(path.empty() ? Value::null(TypeId::kText) : Value::string(TypeId::kText, path.front()));
}

BoundExprPtr Binder::bind_session_function(const std::string& name) {
  if (name == "version") {
    return make_constant(Value::string(
        TypeId::kText, std::string("PostgreSQL 15.0 (HeliosDB-Lite ") + kVersion + ") on x86_64-pc-linux-gnu, 64-bit"));
  }
  if (name == "current_schema") return current_schema();
  if (ctx_ == nullptr) return nullptr;
  if (name == "current_database") return make_constant(Value::string(TypeId::kText, ctx_->database_name));
  if (name == "pg_backend_pid") return make_constant(Value::integer(TypeId::kInt4, ctx_->backend_pid));
  return nullptr;
}

BoundExprPtr Binder::bind_function(const ast::FuncCall& call, int location) {
  if (const AvailableExtension* ext = extension_of_function(call.name.back());
      ext != nullptr && call.name.size() <= 2) {
    return bind_extension_function(call, *ext, location);
  }
  // A user's SQL function: pg_catalog's functions come first on every
  // search path, so one of ours is tried before a user's of the same name.
  if (ctx_ == nullptr || call.over || call.name.size() > 2 || (call.name.size() == 2 && call.name[0] == "pg_catalog")) {
    return bind_builtin_function(call, location);
  }
  const std::vector<FunctionDef> candidates = sql_function_candidates(*ctx_, call.name);
  if (candidates.empty()) return bind_builtin_function(call, location);
  if (call.name.size() == 1) {
    try {
      return bind_builtin_function(call, location);
    } catch (const DbError& e) {
      if (e.state() != sqlstate::kUndefinedFunction) throw;
    }
  }
  return bind_sql_function(call, candidates, location);
}

// An extension's function resolves once the extension was created (in the
// schema the call names, or one on the search path); until then the name is
// free for a user's function, or no function at all.
BoundExprPtr Binder::bind_extension_function(const ast::FuncCall& call, const AvailableExtension& ext, int location) {
  const std::string* schema = call.name.size() == 2 ? &call.name[0] : nullptr;
  if (ctx_ == nullptr || extension_functions_visible(*ctx_, ext, schema)) return bind_builtin_function(call, location);
  const std::vector<FunctionDef> candidates = sql_function_candidates(*ctx_, call.name);
  if (!candidates.empty()) return bind_sql_function(call, candidates, location);
  std::vector<SqlType> types;
  for (const auto& arg : call.args) types.push_back(bind(*arg)->type);
  const std::string shown = schema != nullptr ? *schema + "." + call.name.back() : call.name.back();
  throw at(no_such_function(shown, types), location);
}

std::string builtin_function_name(const ast::FuncCall& call) {
  // An extension's function, schema-qualified (bind_extension_function checked where).
  if (call.name.size() == 2 && extension_of_function(call.name[1]) != nullptr) return call.name[1];
  // The grammar spells SQL-standard syntax such as SUBSTRING(x FROM 2) as pg_catalog functions.
  return call.name.size() == 1                                   ? call.name[0]
         : call.name.size() == 2 && call.name[0] == "pg_catalog" ? call.name[1]
                                                                 : call.name[0] + "." + call.name[1];
}

BoundExprPtr Binder::bind_builtin_function(const ast::FuncCall& call, int location) {
  const std::string name = builtin_function_name(call);
  if (call.over) return bind_window(call, location);
  if (window_kind(name)) {
    throw at(DbError(sqlstate::kWrongObjectType, "window function " + name + " requires an OVER clause"), location);
  }
  if (is_aggregate_function(name) && call.name.size() == 1) return bind_aggregate(call, location);
  if (name == "grouping" && call.name.size() == 1) return bind_grouping(call, location);
  if (name == "nextval" || name == "currval" || name == "setval" || name == "lastval") {
    return bind_sequence_function(name, call, location);
  }
  if ((name == "row_to_json" || name == "to_json" || name == "to_jsonb") && call.args.size() == 1) {
    if (BoundExprPtr row = whole_row_json(name, *call.args[0], scope_, location)) return row;
  }
  if (is_xact_function(name) && !call.star && !call.distinct && !call.filter && call.order.empty()) {
    std::vector<BoundExprPtr> args;
    for (const auto& arg : call.args) args.push_back(bind(*arg));
    return bind_xact_function(name, std::move(args), ctx_, location);
  }
  if (is_catalog_definition_function(name) && !call.star && !call.distinct && !call.filter && call.order.empty()) {
    std::vector<BoundExprPtr> args;
    for (const auto& arg : call.args) args.push_back(bind(*arg));
    return bind_catalog_definition(name, std::move(args), ctx_, location);
  }
  if (name == "current_tenant_id" && call.args.empty() && !call.star && !call.distinct && !call.filter) {
    return bind_current_tenant_id(ctx_, location);
  }
  if (name == "set_config" || name == "current_setting" || name == "pg_notify" || name == "pg_get_userbyid" ||
      name == "pg_table_is_visible" || name == "pg_type_is_visible" || name == "pg_cancel_backend" ||
      name == "pg_terminate_backend" || name == "pg_sleep" || name == "pg_get_serial_sequence" ||
      name == "obj_description" || name == "col_description" || is_advisory_lock_function(name)) {
    return bind_session_call(name, call, location);
  }
  if (call.star || call.distinct || call.filter || !call.order.empty() || call.within_group) {
    const char* what = call.star           ? "*"
                       : call.distinct     ? "DISTINCT"
                       : call.filter       ? "FILTER"
                       : call.within_group ? "WITHIN GROUP"
                                           : "ORDER BY";
    const std::string text = call.star ? name + "(*) specified, but " : std::string(what) + " specified, but ";
    throw at(DbError(sqlstate::kWrongObjectType, text + name + " is not an aggregate function"), location);
  }
  if (call.args.empty()) {
    if (BoundExprPtr info = bind_session_function(name)) return info;
  }
  if (is_set_function(name)) return bind_set_function_call(name, call, location);
  if (name == "enum_first" || name == "enum_last" || name == "enum_range") {
    std::vector<BoundExprPtr> args;
    for (const auto& arg : call.args) args.push_back(bind(*arg));
    return bind_enum_function(name, std::move(args), location);
  }
  std::vector<BoundExprPtr> args;
  {
    ConditionalGuard conditional(conditional_, name == "coalesce" ? "COALESCE" : conditional_);
    for (const auto& arg : call.args) args.push_back(bind(*arg));
  }
  if (name == "pg_typeof" && args.size() == 1) {
    // A domain's values carry their base type; its name comes from the cast or the column.
    std::uint32_t domain = 0;
    const BoundExpr& arg = *args[0];
    if (arg.kind == K::kDomainCheck) domain = static_cast<std::uint32_t>(arg.param);
    if (arg.kind == K::kColumn && ctx_ != nullptr && group_by_ == nullptr && arg.column >= 0 &&
        static_cast<std::size_t>(arg.column) < scope_.size()) {
      const ScopeColumn& c = scope_[static_cast<std::size_t>(arg.column)];
      if (c.table_oid != 0 && c.column_number > 0) {
        std::optional<TableDef> table = ctx_->catalog.find_table(c.table_oid);
        const auto at = static_cast<std::size_t>(c.column_number - 1);
        if (table && at < table->columns.size()) domain = table->columns[at].domain_oid;
      }
    }
    if (domain != 0) {
      return make_constant(
          Value::string(TypeId::kText, type_display_name({arg.type.id, -1, arg.type.enum_oid, domain})));
    }
  }
  if (name == "pg_typeof" && args.size() == 1 && args[0]->type.enum_oid != 0) {
    // An enum's name is its type's, which a NULL value does not carry.
    return make_constant(Value::string(TypeId::kText, type_display_name(args[0]->type)));
  }
  if (name == "coalesce" || name == "nullif" || name == "greatest" || name == "least") {
    std::vector<SqlType> types;
    for (const auto& a : args) types.push_back(a->type);
    std::string upper = name;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    SqlType type = common_type(types, upper);
    if (name == "nullif" && args.size() == 2) {
      // Compared as a = b would be (in their common type); the result is a, as it is.
      const SqlType result = is_unknown(*args[0]) ? type : args[0]->type;
      auto e = make_node(K::kNullIf, result);
      e->args.push_back(coerce(std::move(args[0]), result, CastContext::kImplicit));
      e->args.push_back(coerce(std::move(args[1]), type, CastContext::kImplicit));
      return e;
    }
    auto e = make_node(name == "coalesce" ? K::kCoalesce : K::kMinMax, type);
    if (e->kind == K::kMinMax) e->op = name;
    for (auto& a : args) e->args.push_back(coerce(std::move(a), type, CastContext::kImplicit));
    return e;
  }
  // The functions behind the jsonb operators, which clients whose drivers
  // take ? for a parameter call by name.
  static const std::map<std::string, std::string, std::less<>> kJsonbOperatorFunctions = {
      {"jsonb_exists", "?"},     {"jsonb_exists_any", "?|"}, {"jsonb_exists_all", "?&"},  {"jsonb_contains", "@>"},
      {"jsonb_contained", "<@"}, {"jsonb_concat", "||"},     {"jsonb_delete_path", "#-"},
  };
  if (auto op = kJsonbOperatorFunctions.find(name); op != kJsonbOperatorFunctions.end() && args.size() == 2) {
    if (is_unknown(*args[0])) args[0] = coerce(std::move(args[0]), {TypeId::kJsonb, -1}, CastContext::kImplicit);
    if (args[0]->type.id != TypeId::kJsonb) throw at(no_such_function(name, {args[0]->type, args[1]->type}), location);
    if (BoundExprPtr json = bind_json_operator(op->second, args[0], args[1], location)) return json;
  }
  return call_builtin(name, std::move(args), location);
}

BoundExprPtr call_builtin(const std::string& name, std::vector<BoundExprPtr> args, int location) {
  std::vector<SqlType> types;
  for (const auto& a : args) types.push_back(a->type);
  const FunctionSignature* f = nullptr;
  try {
    f = &resolve_function(name, types);
  } catch (DbError& error) {
    throw at(std::move(error), location);
  }
  SqlType element;
  try {
    element = resolve_polymorphic(*f, name, types);
  } catch (DbError& error) {
    throw at(std::move(error), location);
  }
  const SqlType array{array_of(element.id), element.typmod, element.enum_oid};
  auto e = make_node(K::kFunction, f->result.id == kAnyElement ? element
                                   : f->result.id == kAnyArray ? array
                                                               : f->result);
  e->function = f;
  e->op = name;
  for (std::size_t i = 0; i < args.size(); ++i) {
    TypeId declared = i < f->args.size() ? f->args[i] : f->args.back();
    if (declared == kAnyArray || declared == kAnyElement) {
      e->args.push_back(coerce(std::move(args[i]),
                               declared == kAnyArray ? array : SqlType{element.id, -1, element.enum_oid},
                               CastContext::kImplicit));
      continue;
    }
    // An "any" argument keeps its type; an unknown literal there is text.
    SqlType target = declared != TypeId::kUnknown ? SqlType{declared, -1}
                     : is_unknown(*args[i])       ? SqlType{TypeId::kText, -1}
                                                  : args[i]->type;
    // A declared type takes any modifier as it is (vector(3) where vector is declared).
    const bool as_is = args[i]->type.id == target.id && target.typmod < 0;
    e->args.push_back(as_is ? std::move(args[i]) : coerce(std::move(args[i]), target, CastContext::kImplicit));
  }
  return e;
}

BoundExprPtr Binder::bind_node(const ast::Expr& expr) {
  const int loc = expr.location;
  return std::visit(
      [&](const auto& node) -> BoundExprPtr {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, ast::Literal>) {
          switch (node.kind) {
            case ast::Literal::Kind::kNull:
              return make_constant(Value::null(TypeId::kUnknown));
            case ast::Literal::Kind::kInteger:
              return make_constant(Value::integer(TypeId::kInt4, node.integer));
            case ast::Literal::Kind::kNumeric: {
              // An integer the lexer found too big for int4 (perhaps negated
              // since): int4 if it fits after all, else int8, else numeric
              // (PostgreSQL's make_const).
              std::string_view digits = node.text;
              if (!digits.empty() && digits[0] == '-') digits.remove_prefix(1);
              if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos) {
                Decimal d = Decimal::parse(node.text);
                if (d.compare(Decimal::from_int(INT64_MIN)) >= 0 && d.compare(Decimal::from_int(INT64_MAX)) <= 0) {
                  std::int64_t v = d.to_int64();
                  bool fits_int4 = v >= INT32_MIN && v <= INT32_MAX;
                  return make_constant(Value::integer(fits_int4 ? TypeId::kInt4 : TypeId::kInt8, v));
                }
              }
              return make_constant(Value::string(TypeId::kNumeric, Decimal::parse(node.text).to_string()));
            }
            case ast::Literal::Kind::kString:
              return make_constant(Value::string(TypeId::kUnknown, node.text));
            case ast::Literal::Kind::kBool:
              return make_constant(Value::boolean(node.boolean));
            case ast::Literal::Kind::kBitString:
              throw at(DbError(sqlstate::kFeatureNotSupported, "not supported yet: bit strings"), loc);
          }
          return nullptr;
        } else if constexpr (std::is_same_v<T, ast::ColumnRef>) {
          return bind_column(node, loc);
        } else if constexpr (std::is_same_v<T, ast::OperatorExpr>) {
          return bind_operator(node, loc);
        } else if constexpr (std::is_same_v<T, ast::BoolExpr>) {
          K kind = node.op == ast::BoolExpr::Op::kAnd ? K::kAnd : node.op == ast::BoolExpr::Op::kOr ? K::kOr : K::kNot;
          const char* what = kind == K::kAnd ? "AND" : kind == K::kOr ? "OR" : "NOT";
          auto e = make_node(kind, {TypeId::kBool, -1});
          for (const auto& arg : node.args) e->args.push_back(require_bool(bind(*arg), what, arg->location));
          return e;
        } else if constexpr (std::is_same_v<T, ast::NullTest>) {
          if (const auto* row = std::get_if<ast::RowExpr>(&node.arg->node))
            return bind_row_null_test(*row, node.is_not);
          auto e = make_node(K::kIsNull, {TypeId::kBool, -1});
          e->negated = node.is_not;
          e->args.push_back(bind(*node.arg));
          if (e->args[0]->type.id == TypeId::kRecord) e->op = "record";  // tests the fields
          return e;
        } else if constexpr (std::is_same_v<T, ast::BooleanTest>) {
          using BK = ast::BooleanTest::Kind;
          auto e = make_node(K::kBoolTest, {TypeId::kBool, -1});
          e->op = node.kind == BK::kIsTrue || node.kind == BK::kIsNotTrue     ? "true"
                  : node.kind == BK::kIsFalse || node.kind == BK::kIsNotFalse ? "false"
                                                                              : "unknown";
          e->negated = node.kind == BK::kIsNotTrue || node.kind == BK::kIsNotFalse || node.kind == BK::kIsNotUnknown;
          e->args.push_back(require_bool(bind(*node.arg), "IS " + e->op, loc));
          return e;
        } else if constexpr (std::is_same_v<T, ast::DistinctFrom>) {
          if (BoundExprPtr rows = bind_row_distinct(node, loc)) return rows;
          BoundExprPtr cmp = make_compare("=", bind(*node.left), bind(*node.right), loc, false);
          cmp->kind = K::kDistinct;
          cmp->op.clear();
          cmp->negated = node.negated;
          return cmp;
        } else if constexpr (std::is_same_v<T, ast::FuncCall>) {
          return bind_function(node, loc);
        } else if constexpr (std::is_same_v<T, ast::Cast>) {
          if (BoundExprPtr oid = bind_regproc_oid(node, loc, ctx_)) return oid;
          if (is_catalog_only_type(node.type)) return bind_catalog_type_cast(node.type, bind(*node.arg), loc, ctx_);
          SqlType target = resolve_type_name(node.type);
          // A cast to a domain is one to its base type whose result must meet the domain's constraints.
          const SqlType written = target;
          const std::uint32_t domain = target.domain_oid;
          target.domain_oid = 0;
          if (domain != 0 && ctx_ == nullptr) {
            throw at(
                DbError(sqlstate::kFeatureNotSupported, "not supported yet: a cast to a domain in this expression"),
                loc);
          }
          const auto* array = std::get_if<ast::ArrayExpr>(&node.arg->node);
          BoundExprPtr arg = array != nullptr && is_array(target.id)
                                 ? bind_array_expr(*array, node.arg->location, target)
                                 : bind(*node.arg);
          if (!can_cast(arg->type.id, target.id, CastContext::kExplicit) ||
              (arg->type.id == target.id && arg->type.enum_oid != target.enum_oid)) {
            throw at(DbError(sqlstate::kCannotCoerce,
                             "cannot cast type " + type_name(*arg) + " to " + type_display_name(written)),
                     loc);
          }
          if (domain != 0)
            return make_domain_check(coerce(std::move(arg), target, CastContext::kExplicit), domain, *ctx_);
          return coerce(std::move(arg), target, CastContext::kExplicit);
        } else if constexpr (std::is_same_v<T, ast::CaseExpr>) {
          ConditionalGuard conditional(conditional_, "CASE");
          auto e = make_node(K::kCase, {TypeId::kUnknown, -1});
          BoundExprPtr operand = node.arg ? bind(*node.arg) : nullptr;
          std::vector<BoundExprPtr> whens, thens;
          for (const auto& [when, then] : node.whens) {
            if (operand) {
              // CASE x WHEN v: compare as x = v would.
              BoundExprPtr probe = make_compare("=", bind(*node.arg), bind(*when), when->location, false);
              whens.push_back(std::move(probe->args[1]));
            } else {
              whens.push_back(require_bool(bind(*when), "CASE/WHEN", when->location));
            }
            thens.push_back(bind(*then));
          }
          BoundExprPtr otherwise = node.otherwise ? bind(*node.otherwise) : nullptr;
          // PostgreSQL resolves the ELSE first, then the THENs.
          std::vector<SqlType> types;
          if (otherwise) types.push_back(otherwise->type);
          for (const auto& t : thens) types.push_back(t->type);
          e->type = common_type(types, "CASE");
          e->has_operand = operand != nullptr;
          if (operand) {
            if (is_unknown(*operand)) operand = coerce(std::move(operand), {TypeId::kText, -1}, CastContext::kImplicit);
            e->args.push_back(std::move(operand));
          }
          for (std::size_t i = 0; i < whens.size(); ++i) {
            e->args.push_back(std::move(whens[i]));
            e->args.push_back(coerce(std::move(thens[i]), e->type, CastContext::kImplicit));
          }
          if (otherwise) {
            e->has_else = true;
            e->args.push_back(coerce(std::move(otherwise), e->type, CastContext::kImplicit));
          }
          return e;
        } else if constexpr (std::is_same_v<T, ast::InList>) {
          if (std::holds_alternative<ast::RowExpr>(node.arg->node)) {
            // (a, b) IN ((1, 2), ...) is (a, b) = (1, 2) OR ...; NOT IN is <> AND ...
            auto e = make_node(node.negated ? K::kAnd : K::kOr, {TypeId::kBool, -1});
            for (const auto& item : node.items) {
              e->args.push_back(bind_row_comparison(node.negated ? "<>" : "=", *node.arg, *item, item->location));
            }
            return e;
          }
          auto e = make_node(K::kInList, {TypeId::kBool, -1});
          e->negated = node.negated;
          BoundExprPtr x = bind(*node.arg);
          std::vector<BoundExprPtr> items;
          for (const auto& item : node.items) {
            BoundExprPtr probe = make_compare("=", bind(*node.arg), bind(*item), item->location, false);
            items.push_back(std::move(probe->args[1]));
            if (is_unknown(*x)) x = std::move(probe->args[0]);
          }
          e->args.push_back(std::move(x));
          for (auto& item : items) e->args.push_back(std::move(item));
          return e;
        } else if constexpr (std::is_same_v<T, ast::Between>) {
          auto compare = [&](const std::string& op, const ast::Expr& bound) {
            if (BoundExprPtr rows = bind_row_comparison(op, *node.arg, bound, loc)) return rows;
            return make_compare(op, bind(*node.arg), bind(bound), loc);
          };
          auto range = [&](const ast::Expr& lo, const ast::Expr& hi) {
            auto both = make_node(K::kAnd, {TypeId::kBool, -1});
            both->args.push_back(compare(">=", lo));
            both->args.push_back(compare("<=", hi));
            return both;
          };
          BoundExprPtr result = range(*node.low, *node.high);
          if (node.symmetric) {
            auto either = make_node(K::kOr, {TypeId::kBool, -1});
            either->args.push_back(std::move(result));
            either->args.push_back(range(*node.high, *node.low));
            result = std::move(either);
          }
          if (node.negated) {
            auto n = make_node(K::kNot, {TypeId::kBool, -1});
            n->args.push_back(std::move(result));
            result = std::move(n);
          }
          return result;
        } else if constexpr (std::is_same_v<T, ast::Like>) {
          auto e = make_node(K::kLike, {TypeId::kBool, -1});
          e->negated = node.negated;
          e->case_insensitive = node.case_insensitive;
          BoundExprPtr s = bind(*node.arg);
          BoundExprPtr p = bind(*node.pattern);
          for (BoundExprPtr* side : {&s, &p}) {
            if (is_unknown(**side)) *side = coerce(std::move(*side), {TypeId::kText, -1}, CastContext::kImplicit);
          }
          if (!is_stringish(s->type.id) || !is_stringish(p->type.id)) {
            no_operator(node.case_insensitive ? "~~*" : "~~", s.get(), *p, loc);
          }
          e->args.push_back(std::move(s));
          e->args.push_back(std::move(p));
          if (node.escape) {
            e->args.push_back(coerce(bind(*node.escape), {TypeId::kText, -1}, CastContext::kImplicit));
          }
          return e;
        } else if constexpr (std::is_same_v<T, ast::ParamRef>) {
          // A parameter is its value; text parameters stay unknown-typed, so
          // they take their type from the context as a quoted literal does.
          if (params_ == nullptr || node.number < 1 || static_cast<std::size_t>(node.number) > params_->size()) {
            throw at(DbError(sqlstate::kUndefinedParameter, "there is no parameter $" + std::to_string(node.number)),
                     loc);
          }
          BoundExprPtr e = make_constant((*params_)[static_cast<std::size_t>(node.number - 1)]);
          if (ctx_ != nullptr) {
            if (auto declared = sql_function_param_type(*ctx_, params_, node.number)) e->type = *declared;
          }
          if (ctx_ != nullptr && ctx_->param_types != nullptr) {
            e->param = node.number;
            e->ctx = ctx_;
          }
          return e;
        } else if constexpr (std::is_same_v<T, ast::SubLink>) {
          return bind_sublink(node, loc);
        } else if constexpr (std::is_same_v<T, ast::SqlValueFunction>) {
          return bind_sql_value_function(node, loc);
        } else if constexpr (std::is_same_v<T, ast::ArrayExpr>) {
          return bind_array_expr(node, loc);
        } else if constexpr (std::is_same_v<T, ast::Subscript>) {
          return bind_subscript(node, loc);
        } else if constexpr (std::is_same_v<T, ast::ArrayCompare>) {
          return bind_array_compare(node, loc);
        } else if constexpr (std::is_same_v<T, ast::RowExpr>) {
          return bind_row(node, loc);
        } else if constexpr (std::is_same_v<T, ast::DefaultMarker>) {
          throw at(DbError(sqlstate::kSyntaxError, "DEFAULT is not allowed in this context"), loc);
        }
      },
      expr.node);
}

}  // namespace heliosdb::engine

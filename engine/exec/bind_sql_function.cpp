// Calls of a user's SQL function: the overload the arguments choose, its
// defaults for missing trailing arguments, and the arguments converted to
// the declared types (PostgreSQL 15 docs, "Function Overloading").
#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/set_functions.hpp"
#include "engine/exec/sql_function_call.hpp"
#include "engine/parser/parser.hpp"

namespace heliosdb::engine {

namespace {

std::string written(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ".") + n;
  return out;
}

SqlType value_type(SqlType t) {
  t.domain_oid = 0;
  return t;
}

}  // namespace

std::pair<std::shared_ptr<const SqlFunctionBody>, std::vector<BoundExprPtr>> Binder::bind_sql_function_args(
    const ast::FuncCall& call, const std::vector<FunctionDef>& candidates, int location) {
  const std::string shown = written(call.name);
  if (call.star || call.distinct || call.filter || !call.order.empty() || call.within_group) {
    const char* what = call.star           ? "*"
                       : call.distinct     ? "DISTINCT"
                       : call.filter       ? "FILTER"
                       : call.within_group ? "WITHIN GROUP"
                                           : "ORDER BY";
    throw at(DbError(sqlstate::kWrongObjectType,
                     std::string(what) + " specified, but " + shown + " is not an aggregate function"),
             location);
  }
  std::vector<BoundExprPtr> args;
  for (const auto& arg : call.args) args.push_back(bind(*arg));
  std::vector<SqlType> types;
  for (const BoundExprPtr& a : args) types.push_back(a->type);
  const FunctionDef* chosen = nullptr;
  try {
    chosen = &choose_sql_function(candidates, shown, types);
  } catch (DbError& error) {
    throw at(std::move(error), location);
  }
  if (ctx_ != nullptr) {
    require_privileges(*ctx_, AclObject::kFunction, chosen->acl, chosen->owner, privilege::kExecute, "function",
                       chosen->name);
  }
  std::shared_ptr<const SqlFunctionBody> body = parse_sql_function(*chosen);
  const std::vector<const FunctionDef::Arg*> inputs = body->def.inputs();
  // Missing trailing arguments take their defaults, bound where no row is
  // (and, as in PostgreSQL, with no subquery: the parsed default is gone after).
  for (std::size_t i = args.size(); i < inputs.size(); ++i) {
    Binder defaults({}, "DEFAULT");
    args.push_back(defaults.bind(*parser::parse_expression(inputs[i]->default_text)));
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    args[i] = coerce(std::move(args[i]), value_type(inputs[i]->type), CastContext::kImplicit);
  }
  return {std::move(body), std::move(args)};
}

BoundExprPtr Binder::bind_sql_function(const ast::FuncCall& call, const std::vector<FunctionDef>& candidates,
                                       int location) {
  auto [body, args] = bind_sql_function_args(call, candidates, location);
  const FunctionDef& def = body->def;
  if (def.returns_set) {
    SetFunctionCall bound;
    bound.name = def.name;
    if (def.returns_table) {
      for (const FunctionDef::Arg* c : def.table_columns()) bound.columns.push_back({c->name, value_type(c->type)});
    } else {
      bound.columns.push_back({def.name, value_type(def.result)});
    }
    bound.args = std::move(args);
    bound.produce = [shared = body](const std::vector<Value>& values, ExecContext& ctx) {
      return run_sql_function(*shared, values, ctx).rows;
    };
    return add_set_function(std::move(bound), def.name, location);
  }
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExpr::Kind::kSqlFunction;
  e->type = def.returns_void ? SqlType{TypeId::kText, -1} : value_type(def.result);
  e->op = def.name;
  e->ctx = ctx_;
  e->sql_function = body;
  e->args = std::move(args);
  return e;
}

std::optional<SetFunctionCall> Binder::bind_sql_set_function_call(const ast::FuncCall& call, int location) {
  if (ctx_ == nullptr || call.over || call.name.empty() || call.name.size() > 2) return std::nullopt;
  if (call.name.size() == 2 && call.name[0] == "pg_catalog") return std::nullopt;
  const std::vector<FunctionDef> candidates = sql_function_candidates(*ctx_, call.name);
  bool any_set = false;
  for (const FunctionDef& def : candidates) any_set = any_set || def.returns_set;
  if (!any_set) return std::nullopt;
  auto [body, args] = bind_sql_function_args(call, candidates, location);
  const FunctionDef& def = body->def;
  if (!def.returns_set) return std::nullopt;
  SetFunctionCall bound;
  bound.name = def.name;
  if (def.returns_table) {
    for (const FunctionDef::Arg* c : def.table_columns()) bound.columns.push_back({c->name, value_type(c->type)});
    bound.named_columns = true;
  } else {
    bound.columns.push_back({def.name, value_type(def.result)});
  }
  bound.args = std::move(args);
  bound.produce = [shared = body](const std::vector<Value>& values, ExecContext& ctx) {
    return run_sql_function(*shared, values, ctx).rows;
  };
  return bound;
}

}  // namespace heliosdb::engine

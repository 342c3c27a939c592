#include "engine/exec/json_table_functions.hpp"

#include "engine/exec/binder.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/functions/json_set_functions.hpp"

namespace heliosdb::engine {

namespace {

// PostgreSQL resolves these by exact types: an untyped literal takes the
// declared type, and any string type may stand where text is declared.
bool accepts(TypeId declared, const SqlType& given) {
  return given.id == TypeId::kUnknown || given.id == declared || (declared == TypeId::kText && is_character(given.id));
}

}  // namespace

std::optional<Relation> json_table_function(const ast::FunctionRef& ref, const std::string& qualifier,
                                            ExecContext& ctx) {
  const JsonSetFunction* f = find_json_set_function(ref.name);
  if (f == nullptr) return std::nullopt;
  const auto& call = std::get<ast::FuncCall>(ref.call->node);
  Binder binder({}, "FROM", ctx);
  std::vector<BoundExprPtr> args;
  std::vector<SqlType> types;
  for (const ast::ExprPtr& arg : call.args) {
    args.push_back(binder.bind(*arg));
    types.push_back(args.back()->type);
  }
  bool fits = args.size() >= f->required && args.size() <= f->args.size();
  for (std::size_t i = 0; fits && i < args.size(); ++i) fits = accepts(f->args[i], types[i]);
  if (!fits || call.star) throw at(no_such_function(ref.name, types), ref.location);

  Relation r;
  for (const SetFunctionColumn& c : f->columns) {
    const std::string name = !f->named_columns && !ref.alias.empty() ? ref.alias : c.name;
    r.scope.push_back({qualifier, name, {c.type, -1}});
  }
  std::vector<Value> values;
  for (std::size_t i = 0; i < args.size(); ++i) {
    values.push_back(evaluate(*coerce(std::move(args[i]), {f->args[i], -1}, CastContext::kImplicit), {}));
    if (values.back().is_null()) return r;
  }
  for (std::vector<Value>& row : f->rows(values)) r.rows.push_back(std::move(row));
  return r;
}

}  // namespace heliosdb::engine

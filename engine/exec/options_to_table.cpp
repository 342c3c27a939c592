// pg_options_to_table(text[]): the name=value entries of an options array
// (reloptions, attfdwoptions, ...) as rows (option_name, option_value), as
// pg_dump reads every column's options.
#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/system_views.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/types/array.hpp"
#include "engine/types/cast.hpp"

namespace heliosdb::engine {

Relation options_to_table_relation(const ast::FunctionRef& ref, const std::string& qualifier, ExecContext& ctx) {
  const auto& call = std::get<ast::FuncCall>(ref.call->node);
  Binder binder({}, "FROM", ctx);
  std::vector<BoundExprPtr> args;
  std::vector<SqlType> types;
  for (const ast::ExprPtr& arg : call.args) {
    args.push_back(binder.bind(*arg));
    types.push_back(args.back()->type);
  }
  if (args.size() != 1 || !can_cast(args[0]->type.id, array_of(TypeId::kText), CastContext::kImplicit)) {
    throw at(no_such_function("pg_options_to_table", types), ref.location);
  }
  BoundExprPtr options = coerce(std::move(args[0]), {array_of(TypeId::kText), -1}, CastContext::kImplicit);
  Relation r = make_relation({{"option_name", TypeId::kText}, {"option_value", TypeId::kText}}, qualifier);
  const Value v = evaluate(*options, {});
  if (v.is_null()) return r;
  for (const Value& item : decode_array(v).items) {
    if (item.is_null()) continue;
    const std::string& entry = item.as_string();
    const std::size_t eq = entry.find('=');
    r.rows.push_back(
        {Value::string(TypeId::kText, entry.substr(0, eq)),
         eq == std::string::npos ? Value::null(TypeId::kText) : Value::string(TypeId::kText, entry.substr(eq + 1))});
  }
  return r;
}

}  // namespace heliosdb::engine

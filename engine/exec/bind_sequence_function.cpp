// nextval(regclass), currval(regclass), setval(regclass, bigint [, boolean]), lastval().
#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/sequence_ops.hpp"

namespace heliosdb::engine {

namespace {

// PostgreSQL writes the sequence argument as 'name'::regclass (that is how
// a SERIAL column's default reads); we take the name itself.
const ast::Expr& strip_regclass(const ast::Expr& arg) {
  if (const auto* cast = std::get_if<ast::Cast>(&arg.node)) {
    const auto& names = cast->type.names;
    if (!names.empty() && names.back() == "regclass" && cast->type.array_dims == 0) return *cast->arg;
  }
  return arg;
}

}  // namespace

BoundExprPtr Binder::bind_sequence_function(const std::string& name, const ast::FuncCall& call, int location) {
  std::vector<BoundExprPtr> args;
  for (std::size_t i = 0; i < call.args.size(); ++i) {
    args.push_back(bind(i == 0 ? strip_regclass(*call.args[0]) : *call.args[i]));
  }
  const std::size_t n = args.size();
  bool fits = name == "lastval" ? n == 0 : name == "setval" ? n == 2 || n == 3 : n == 1;
  if (fits && n > 0) {
    TypeId t = args[0]->type.id;
    fits = t == TypeId::kUnknown || t == TypeId::kText || t == TypeId::kVarchar;
  }
  if (fits && n > 1) fits = can_cast(args[1]->type.id, TypeId::kInt8, CastContext::kImplicit);
  if (fits && n > 2) fits = can_cast(args[2]->type.id, TypeId::kBool, CastContext::kImplicit);
  if (call.star || call.distinct || call.filter || !fits) {
    std::vector<SqlType> types;
    for (const auto& a : args) types.push_back(a->type);
    throw at(no_such_function(name, types), location);
  }
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExpr::Kind::kSequence;
  e->type = {TypeId::kInt8, -1};
  e->op = name;
  e->ctx = ctx_;
  const SqlType arg_types[] = {{TypeId::kText, -1}, {TypeId::kInt8, -1}, {TypeId::kBool, -1}};
  for (std::size_t i = 0; i < n; ++i)
    e->args.push_back(coerce(std::move(args[i]), arg_types[i], CastContext::kImplicit));
  // A sequence named by a constant is looked up now, as PostgreSQL resolves
  // a regclass literal when the statement is parsed.
  if (ctx_ != nullptr && n > 0 && e->args[0]->kind == BoundExpr::Kind::kConstant && !e->args[0]->constant.is_null()) {
    try {
      e->sequence = std::make_shared<SequenceDef>(resolve_sequence(*ctx_, e->args[0]->constant.as_string()));
    } catch (DbError& error) {
      throw at(std::move(error), strip_regclass(*call.args[0]).location);
    }
  }
  return e;
}

}  // namespace heliosdb::engine

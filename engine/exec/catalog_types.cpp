#include "engine/exec/catalog_types.hpp"

#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/function_ddl.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/types/cast.hpp"

namespace heliosdb::engine {

namespace {

const std::string& base_name(const ast::TypeName& type) { return type.names.back(); }

bool qualified_elsewhere(const ast::TypeName& type) { return type.names.size() > 1 && type.names[0] != "pg_catalog"; }

BoundExprPtr as_text(BoundExprPtr arg, const std::string& type, int location) {
  if (!is_string(arg->type.id)) {
    throw at(DbError(sqlstate::kFeatureNotSupported,
                     "not supported yet: casting " + type_display_name(arg->type) + " to " + type),
             location);
  }
  return coerce(std::move(arg), {TypeId::kText, -1}, CastContext::kExplicit);
}

// An oid cast to regnamespace, as psql's catalog queries print it: the
// schema's name (a CASE over pg_namespace's few rows). Read-only, since there
// is no regnamespace type to compare; an oid no schema has gives NULL.
BoundExprPtr name_of(BoundExprPtr oid, const std::vector<std::pair<std::int64_t, std::string>>& names) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExpr::Kind::kCase;
  e->type = {TypeId::kText, -1};
  e->has_operand = true;
  e->args.push_back(coerce(std::move(oid), {TypeId::kInt8, -1}, CastContext::kExplicit));
  for (const auto& [oid_value, name] : names) {
    e->args.push_back(make_constant(Value::integer(TypeId::kInt8, oid_value)));
    e->args.push_back(make_constant(Value::string(TypeId::kText, name)));
  }
  return e;
}

BoundExprPtr namespace_name_of(BoundExprPtr oid, ExecContext* ctx) {
  return name_of(std::move(oid), ctx != nullptr ? namespace_list(ctx->catalog) : namespace_list());
}

// regrole, the same way: an oid prints as its role's name (NULL for none),
// a literal name reads as its role's oid.
BoundExprPtr role_cast(BoundExprPtr arg, int location, ExecContext* ctx) {
  std::vector<std::pair<std::int64_t, std::string>> roles;
  if (ctx != nullptr) {
    for (const RoleDef& role : all_roles(*ctx)) roles.emplace_back(role.oid, role.name);
  }
  if (is_integer(arg->type.id) || arg->type.id == TypeId::kOid) return name_of(std::move(arg), roles);
  if (arg->kind != BoundExpr::Kind::kConstant || !is_string(arg->type.id)) {
    throw at(DbError(sqlstate::kFeatureNotSupported, "not supported yet: regrole from an expression"), location);
  }
  if (arg->constant.is_null()) return make_constant(Value::null(TypeId::kOid));
  const std::string name = arg->constant.as_string();
  for (const auto& [oid, listed] : roles) {
    if (listed == name) return make_constant(Value::oid(TypeId::kOid, oid, {}));
  }
  throw at(DbError(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist"), location);
}

// 'name(argtypes)'::regprocedure, as psql's \sf and \ef look a function up:
// the oid of that user function. The text is read with DROP FUNCTION's grammar.
BoundExprPtr user_function_oid(BoundExprPtr arg, int location, ExecContext* ctx) {
  if (arg->kind != BoundExpr::Kind::kConstant || !is_string(arg->type.id) || ctx == nullptr) {
    throw at(DbError(sqlstate::kFeatureNotSupported, "not supported yet: regprocedure from an expression"), location);
  }
  if (arg->constant.is_null()) return make_constant(Value::null(TypeId::kOid));
  const std::string text = arg->constant.as_string();
  const std::optional<FunctionDef> def = function_by_signature(text, *ctx);
  if (!def) {
    throw at(
        DbError(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type regprocedure: \"" + text + "\""),
        location);
  }
  return make_constant(Value::oid(TypeId::kOid, def->oid, {}));
}

}  // namespace

BoundExprPtr bind_regproc_oid(const ast::Cast& cast, int location, ExecContext* ctx) {
  if (cast.type.array_dims > 0 || qualified_elsewhere(cast.type) || base_name(cast.type) != "oid") return nullptr;
  const auto* inner = std::get_if<ast::Cast>(&cast.arg->node);
  if (inner == nullptr || !is_catalog_only_type(inner->type) || base_name(inner->type) != "regproc") return nullptr;
  const auto* name = std::get_if<ast::Literal>(&inner->arg->node);
  if (name == nullptr || name->kind != ast::Literal::Kind::kString) return nullptr;
  // regproc names a function without its arguments: the name must be unique.
  if (name->text.find('(') != std::string::npos) {
    throw at(
        DbError(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type regproc: \"" + name->text + "\""),
        location);
  }
  return user_function_oid(make_constant(Value::string(TypeId::kText, name->text)), location, ctx);
}

std::vector<Value> int2vector_items(std::string_view text) {
  std::vector<Value> items;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    const std::size_t end = std::min(text.find(' ', i), text.size());
    items.push_back(Value::integer(TypeId::kInt2, std::stoll(std::string(text.substr(i, end - i)))));
    i = end;
  }
  return items;
}

bool is_catalog_only_type(const ast::TypeName& type) {
  if (type.array_dims > 0 || qualified_elsewhere(type)) return false;
  const std::string& name = base_name(type);
  return name == "name" || name == "char" || name == "regproc" || name == "regprocedure" || name == "regnamespace" ||
         name == "regrole";
}

BoundExprPtr bind_catalog_type_cast(const ast::TypeName& type, BoundExprPtr arg, int location, ExecContext* ctx) {
  const std::string& name = base_name(type);
  if (name == "name") {
    BoundExprPtr text = as_text(std::move(arg), "name", location);
    text->type.typmod = kNameTypmod;
    return text;
  }
  if (name == "char") {
    // "char" keeps one byte; pg_dump's are one-letter literals, which this keeps whole.
    BoundExprPtr text = as_text(std::move(arg), "\"char\"", location);
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(text));
    args.push_back(make_constant(Value::integer(TypeId::kInt4, 1)));
    return call_builtin("left", std::move(args), location);
  }
  // regproc prints a function's name; the catalogs hold the names themselves.
  if (name == "regproc") return as_text(std::move(arg), "regproc", location);
  if (name == "regprocedure") return user_function_oid(std::move(arg), location, ctx);
  if (name == "regrole") return role_cast(std::move(arg), location, ctx);
  if (is_integer(arg->type.id) || arg->type.id == TypeId::kOid) return namespace_name_of(std::move(arg), ctx);
  if (arg->kind != BoundExpr::Kind::kConstant || !is_string(arg->type.id)) {
    throw at(DbError(sqlstate::kFeatureNotSupported, "not supported yet: regnamespace from an expression"), location);
  }
  if (arg->constant.is_null()) return make_constant(Value::null(TypeId::kOid));
  const std::string schema = arg->constant.as_string();
  std::optional<std::int64_t> oid;
  for (const auto& [id, listed] : ctx != nullptr ? namespace_list(ctx->catalog) : namespace_list()) {
    if (listed == schema) oid = id;
  }
  if (!oid) {
    throw at(DbError(sqlstate::kInvalidSchemaName, "schema \"" + schema + "\" does not exist"), location);
  }
  return make_constant(Value::oid(TypeId::kOid, *oid, {}));
}

}  // namespace heliosdb::engine

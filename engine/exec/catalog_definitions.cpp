#include "engine/exec/catalog_definitions.hpp"

#include "engine/common/db_error.hpp"
#include "engine/common/identifier.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/pg_proc_view.hpp"
#include "engine/exec/privilege_functions.hpp"
#include "engine/exec/relation_size.hpp"
#include "engine/exec/view_definition.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/types/array.hpp"
#include "engine/types/cast.hpp"
#include "engine/types/object_names.hpp"

namespace heliosdb::engine {

namespace {

// What each size function measures; nullopt for other names.
std::optional<SizeOf> size_of(const std::string& name) {
  if (name == "pg_relation_size") return SizeOf::kRelation;
  if (name == "pg_table_size") return SizeOf::kTable;
  if (name == "pg_indexes_size") return SizeOf::kIndexes;
  if (name == "pg_total_relation_size") return SizeOf::kTotal;
  return std::nullopt;
}

// The argument types of each form, by name; the first that fits is taken.
std::vector<std::vector<TypeId>> forms_of(const std::string& name) {
  if (is_privilege_function(name)) return privilege_function_forms(name);
  // The text forms first: a quoted literal is the view's name, as PostgreSQL resolves it.
  if (name == "pg_get_viewdef") {
    return {{TypeId::kText},
            {TypeId::kText, TypeId::kBool},
            {TypeId::kOid},
            {TypeId::kOid, TypeId::kBool},
            {TypeId::kOid, TypeId::kInt4}};
  }
  if (name == "pg_get_indexdef") return {{TypeId::kOid}, {TypeId::kOid, TypeId::kInt4, TypeId::kBool}};
  if (name == "acldefault") return {{TypeId::kText, TypeId::kOid}};
  if (name == "current_schemas") return {{TypeId::kBool}};
  if (name == "pg_database_size") return {{TypeId::kText}, {TypeId::kOid}};
  if (name == "pg_relation_size") return {{TypeId::kRegclass}, {TypeId::kRegclass, TypeId::kText}};
  if (size_of(name)) return {{TypeId::kRegclass}};
  return {{TypeId::kOid}, {TypeId::kOid, TypeId::kBool}};
}

// acldefault: the privileges an object of `kind` has before any GRANT, as
// PostgreSQL 15's acldefault() lists them (aclitem[]'s text).
std::optional<std::string> default_acl(char kind, const std::string& owner) {
  const std::string who = quote_identifier(owner);
  auto item = [&](const std::string& grantee, const char* rights) { return grantee + "=" + rights + "/" + who; };
  switch (kind) {
    case 'c':
      return "{}";
    case 'r':
      return "{" + item(who, "arwdDxt") + "}";
    case 's':
      return "{" + item(who, "rwU") + "}";
    case 'd':
      return "{" + item("", "Tc") + "," + item(who, "CTc") + "}";
    case 'f':
      return "{" + item("", "X") + "," + item(who, "X") + "}";
    case 'l':
    case 'T':
      return "{" + item("", "U") + "," + item(who, "U") + "}";
    case 'L':
      return "{" + item(who, "rw") + "}";
    case 'n':
      return "{" + item(who, "UC") + "}";
    case 't':
      return "{" + item(who, "C") + "}";
    case 'F':
    case 'S':
      return "{" + item(who, "U") + "}";
    case 'p':
      return "{" + item(who, "sA") + "}";
    default:
      return std::nullopt;
  }
}

}  // namespace

bool is_catalog_definition_function(const std::string& name) {
  return is_function_definition_function(name) || name == "pg_get_indexdef" || name == "pg_get_constraintdef" ||
         name == "pg_get_triggerdef" || name == "pg_get_viewdef" || name == "acldefault" || name == "current_schemas" ||
         name == "pg_database_size" || size_of(name).has_value() || is_privilege_function(name);
}

BoundExprPtr bind_catalog_definition(const std::string& name, std::vector<BoundExprPtr> args, ExecContext* ctx,
                                     int location) {
  if (is_function_definition_function(name)) return bind_function_definition(name, std::move(args), ctx, location);
  for (const std::vector<TypeId>& form : forms_of(name)) {
    if (form.size() != args.size()) continue;
    bool fits = true;
    for (std::size_t i = 0; fits && i < args.size(); ++i) {
      fits = can_cast(args[i]->type.id, form[i], CastContext::kImplicit);
    }
    if (!fits || ctx == nullptr) continue;
    auto e = std::make_unique<BoundExpr>();
    e->kind = BoundExpr::Kind::kSessionCall;
    e->type = {name == "current_schemas"                     ? array_of(TypeId::kText)
               : size_of(name) || name == "pg_database_size" ? TypeId::kInt8
               : is_privilege_function(name)                 ? TypeId::kBool
                                                             : TypeId::kText,
               -1};
    e->op = name;
    e->ctx = ctx;
    for (std::size_t i = 0; i < args.size(); ++i) {
      e->args.push_back(coerce(std::move(args[i]), {form[i], -1}, CastContext::kImplicit));
    }
    return e;
  }
  std::vector<SqlType> types;
  for (const auto& a : args) types.push_back(a->type);
  throw at(no_such_function(name, types), location);
}

Value evaluate_catalog_definition(const BoundExpr& e, const std::vector<Value>& args) {
  if (is_privilege_function(e.op)) return evaluate_privilege_function(e, args);
  if (is_function_definition_function(e.op)) return evaluate_function_definition(e, args);
  const Value null = Value::null(e.type.id);
  for (const Value& v : args) {
    if (v.is_null()) return null;
  }
  ExecContext& ctx = *e.ctx;
  if (e.op == "current_schemas") {
    // With the implicit schemas: pg_catalog first, unless the path puts it elsewhere.
    std::vector<std::string> schemas = search_path_schemas(ctx);
    if (args[0].as_bool() && std::find(schemas.begin(), schemas.end(), "pg_catalog") == schemas.end()) {
      schemas.insert(schemas.begin(), "pg_catalog");
    }
    if (args[0].as_bool() && has_temp_schema(ctx)) schemas.insert(schemas.begin(), ctx.temp_schema);
    std::vector<Value> names;
    for (const std::string& schema : schemas) names.push_back(Value::string(TypeId::kText, schema));
    return encode_array(ArrayData::of(TypeId::kText, std::move(names)));
  }
  if (e.op == "acldefault") {
    const std::string kind = args[0].as_string();
    std::optional<std::string> acl = default_acl(kind.empty() ? '\0' : kind[0], role_name(ctx, args[1].as_int()));
    if (!acl) throw DbError(sqlstate::kInternalError, "unrecognized object type abbreviation: " + kind);
    return Value::string(TypeId::kText, *acl);
  }
  if (e.op == "pg_get_viewdef") {
    // pg_get_viewdef(name) reads the name as regclass does (42P01 if none); the
    // int form wraps the select list at that column, pretty.
    const bool by_name = e.args[0]->type.id == TypeId::kText;
    const std::int64_t view = by_name ? regclass_in(args[0].as_string()).as_int() : args[0].as_int();
    if (view <= 0 || view > UINT32_MAX) return null;
    parser::ViewPrintOptions options;
    if (args.size() > 1 && e.args[1]->type.id == TypeId::kInt4) {
      options.pretty = true;
      options.wrap_column = static_cast<int>(args[1].as_int());
    } else {
      options.pretty = args.size() > 1 && args[1].as_bool();
    }
    std::optional<std::string> text = view_definition(ctx, static_cast<std::uint32_t>(view), options);
    return text ? Value::string(TypeId::kText, *text) : null;
  }
  if (e.op == "pg_database_size") {
    // The one database a server holds, by name or oid.
    if (e.args[0]->type.id != TypeId::kOid && args[0].as_string() != ctx.database_name) {
      throw DbError(sqlstate::kUndefinedDatabase, "database \"" + args[0].as_string() + "\" does not exist");
    }
    if (e.args[0]->type.id == TypeId::kOid && args[0].as_int() != kDatabaseOid) return null;
    return Value::integer(TypeId::kInt8, database_size(ctx));
  }
  const std::int64_t oid = args[0].as_int();
  if (oid < 0 || oid > UINT32_MAX) return null;
  const auto id = static_cast<std::uint32_t>(oid);
  if (std::optional<SizeOf> what = size_of(e.op)) {
    // Only the main fork has data: the free-space and visibility maps are PostgreSQL's alone.
    if (args.size() > 1 && args[1].as_string() != "main") {
      const std::string fork = args[1].as_string();
      if (fork != "fsm" && fork != "vm" && fork != "init") {
        throw DbError(sqlstate::kInvalidParameterValue, "invalid fork name")
            .with_hint("Valid fork names are \"main\", \"fsm\", \"vm\", and \"init\".");
      }
      return Value::integer(TypeId::kInt8, 0);
    }
    std::optional<std::int64_t> bytes = relation_size(ctx, id, *what);
    return bytes ? Value::integer(TypeId::kInt8, *bytes) : null;
  }
  std::optional<std::string> text;
  if (e.op == "pg_get_indexdef") {
    const std::int64_t column = args.size() > 1 ? args[1].as_int() : 0;
    const bool pretty = args.size() > 2 && args[2].as_bool();
    text = index_definition(ctx, id, static_cast<int>(column), pretty);
  } else if (e.op == "pg_get_constraintdef") {
    text = constraint_definition(ctx, id, args.size() > 1 && args[1].as_bool());
  }
  // pg_get_triggerdef: there are no triggers.
  return text ? Value::string(TypeId::kText, *text) : null;
}

}  // namespace heliosdb::engine

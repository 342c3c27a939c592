// pg_proc and pg_language, and the functions psql's \df and pg_dump call to
// print a user's SQL function (PostgreSQL 15 docs, pg_proc and "System
// Catalog Information Functions").
#include "engine/exec/pg_proc_view.hpp"

#include "engine/common/db_error.hpp"
#include "engine/common/identifier.hpp"
#include "engine/exec/acl_text.hpp"
#include "engine/exec/catalog_object_names.hpp"
#include "engine/exec/domain_checks.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/sql_function_call.hpp"
#include "engine/exec/system_views.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/types/array.hpp"
#include "engine/types/cast.hpp"
#include "engine/types/object_names.hpp"

namespace heliosdb::engine {

namespace {

constexpr TypeId O = TypeId::kOid;
constexpr TypeId T = TypeId::kText;
constexpr TypeId B = TypeId::kBool;
constexpr TypeId I2 = TypeId::kInt2;
constexpr TypeId F4 = TypeId::kFloat4;
constexpr TypeId TA = array_of(TypeId::kText);
constexpr TypeId OA = array_of(TypeId::kOid);

// pg_language's oids, as initdb makes them.
constexpr std::uint32_t kInternalLanguage = 12;
constexpr std::uint32_t kCLanguage = 13;
constexpr std::uint32_t kSqlLanguage = 14;

Value oid_value(std::int64_t v) { return Value::oid(O, v, {}); }
Value text(std::string s) { return Value::string(T, std::move(s)); }

std::uint32_t arg_type_oid(const SqlType& t) { return t.domain_oid != 0 ? t.domain_oid : type_oid(t); }

std::uint32_t result_type_oid(const FunctionDef& def) {
  if (def.returns_void) return kVoidPseudoTypeOid;
  if (def.returns_table && def.table_columns().size() != 1) return kRecordPseudoTypeOid;
  return arg_type_oid(def.result);
}

// A type as format_type prints it in a signature: no modifier, a domain by its name.
std::string type_name(const SqlType& t, ExecContext& ctx) {
  if (t.domain_oid != 0) {
    if (const DomainDef* d = ctx.object_names.domain(t.domain_oid)) return domain_display_name(*d);
  }
  SqlType plain = t;
  plain.typmod = -1;
  plain.domain_oid = 0;
  return type_display_name(plain);
}

std::string arguments_text(const FunctionDef& def, ExecContext& ctx, bool defaults) {
  std::string out;
  for (const FunctionDef::Arg* a : def.inputs()) {
    if (!out.empty()) out += ", ";
    if (!a->name.empty()) out += quote_identifier(a->name) + " ";
    out += type_name(a->type, ctx);
    if (defaults && !a->default_text.empty()) out += " DEFAULT " + a->default_text;
  }
  return out;
}

std::string result_text(const FunctionDef& def, ExecContext& ctx) {
  if (def.returns_void) return "void";
  if (def.returns_table) {
    std::string out = "TABLE(";
    bool first = true;
    for (const FunctionDef::Arg* c : def.table_columns()) {
      out += (first ? "" : ", ") + quote_identifier(c->name) + " " + type_name(c->type, ctx);
      first = false;
    }
    return out + ")";
  }
  return (def.returns_set ? "SETOF " : "") + type_name(def.result, ctx);
}

Value array_value(TypeId element, std::vector<Value> items) {
  return encode_array(ArrayData::of(element, std::move(items)));
}

bool visible(const FunctionDef& def, ExecContext& ctx) {
  const std::vector<FunctionDef> found = sql_function_candidates(ctx, {def.name});
  for (const FunctionDef& f : found) {
    if (f.oid == def.oid) return true;
  }
  return false;
}

}  // namespace

Relation pg_proc_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"oid", O},          {"proname", T},      {"pronamespace", O},
                              {"proowner", O},     {"prolang", O},      {"procost", F4},
                              {"prorows", F4},     {"provariadic", O},  {"prosupport", T},
                              {"prokind", T},      {"prosecdef", B},    {"proleakproof", B},
                              {"proisstrict", B},  {"proretset", B},    {"provolatile", T},
                              {"proparallel", T},  {"pronargs", I2},    {"pronargdefaults", I2},
                              {"prorettype", O},   {"proargtypes", T},  {"proallargtypes", OA},
                              {"proargmodes", TA}, {"proargnames", TA}, {"proargdefaults", T},
                              {"protrftypes", OA}, {"prosrc", T},       {"probin", T},
                              {"prosqlbody", T},   {"proconfig", TA},   {"proacl", TA}},
                             qualifier);
  for (const FunctionDef& def : ctx.catalog.functions()) {
    const std::vector<const FunctionDef::Arg*> inputs = def.inputs();
    std::string argtypes;
    for (const FunctionDef::Arg* a : inputs)
      argtypes += (argtypes.empty() ? "" : " ") + std::to_string(arg_type_oid(a->type));
    // With RETURNS TABLE: every argument's type and mode; names when any has one.
    Value all_types = Value::null(OA), modes = Value::null(TA), names = Value::null(TA);
    if (def.returns_table) {
      std::vector<Value> t, m;
      for (const FunctionDef::Arg& a : def.args) {
        t.push_back(oid_value(arg_type_oid(a.type)));
        m.push_back(text(std::string(1, a.mode)));
      }
      all_types = array_value(O, std::move(t));
      modes = array_value(T, std::move(m));
    }
    bool named = false;
    std::vector<Value> n;
    for (const FunctionDef::Arg& a : def.args) {
      named = named || !a.name.empty();
      n.push_back(text(a.name));
    }
    if (named) names = array_value(T, std::move(n));
    const std::size_t defaults = def.defaults();
    std::string default_list;
    for (const FunctionDef::Arg* a : inputs) {
      if (a->default_text.empty()) continue;
      default_list += (default_list.empty() ? "(" : " ") + a->default_text;
    }
    const bool sql_body = def.body_form != FunctionDef::BodyForm::kString;
    r.rows.push_back({oid_value(def.oid),
                      text(def.name),
                      oid_value(namespace_oid(ctx.catalog, def.schema).value_or(kPublicNamespace)),
                      oid_value(def.owner),
                      oid_value(kSqlLanguage),
                      Value::floating(F4, 100),
                      Value::floating(F4, def.returns_set ? 1000 : 0),
                      oid_value(0),
                      text("-"),
                      text("f"),
                      Value::boolean(false),
                      Value::boolean(false),
                      Value::boolean(def.strict),
                      Value::boolean(def.returns_set),
                      text(std::string(1, def.volatility)),
                      text(std::string(1, def.parallel)),
                      Value::integer(I2, static_cast<std::int64_t>(inputs.size())),
                      Value::integer(I2, static_cast<std::int64_t>(defaults)),
                      oid_value(result_type_oid(def)),
                      text(argtypes),
                      all_types,
                      modes,
                      names,
                      defaults == 0 ? Value::null(T) : text(default_list + ")"),
                      Value::null(OA),
                      text(sql_body ? "" : def.body),
                      Value::null(T),
                      sql_body ? text(def.sql_body) : Value::null(T),
                      Value::null(TA),
                      acl_value(ctx, def.acl)});
  }
  return r;
}

Relation pg_language_relation(const std::string& qualifier) {
  Relation r = make_relation({{"oid", O},
                              {"lanname", T},
                              {"lanowner", O},
                              {"lanispl", B},
                              {"lanpltrusted", B},
                              {"lanplcallfoid", O},
                              {"laninline", O},
                              {"lanvalidator", O},
                              {"lanacl", TA}},
                             qualifier);
  // The validators' oids are PostgreSQL's fmgr_internal_validator, fmgr_c_validator and fmgr_sql_validator.
  const struct {
    std::uint32_t oid;
    const char* name;
    bool trusted;
    std::uint32_t validator;
  } kLanguages[] = {
      {kInternalLanguage, "internal", false, 2246}, {kCLanguage, "c", false, 2247}, {kSqlLanguage, "sql", true, 2248}};
  for (const auto& l : kLanguages) {
    r.rows.push_back({oid_value(l.oid), text(l.name), oid_value(kBootstrapSuperuser), Value::boolean(false),
                      Value::boolean(l.trusted), oid_value(0), oid_value(0), oid_value(l.validator), Value::null(TA)});
  }
  return r;
}

bool is_function_definition_function(const std::string& name) {
  return name == "pg_get_functiondef" || name == "pg_get_function_arguments" ||
         name == "pg_get_function_identity_arguments" || name == "pg_get_function_result" ||
         name == "pg_get_function_sqlbody" || name == "pg_function_is_visible";
}

BoundExprPtr bind_function_definition(const std::string& name, std::vector<BoundExprPtr> args, ExecContext* ctx,
                                      int location) {
  if (args.size() == 1 && ctx != nullptr && can_cast(args[0]->type.id, O, CastContext::kImplicit)) {
    auto e = std::make_unique<BoundExpr>();
    e->kind = BoundExpr::Kind::kSessionCall;
    e->type = {name == "pg_function_is_visible" ? B : T, -1};
    e->op = name;
    e->ctx = ctx;
    e->args.push_back(coerce(std::move(args[0]), {O, -1}, CastContext::kImplicit));
    return e;
  }
  std::vector<SqlType> types;
  for (const auto& a : args) types.push_back(a->type);
  throw at(no_such_function(name, types), location);
}

Value evaluate_function_definition(const BoundExpr& e, const std::vector<Value>& args) {
  const Value null = Value::null(e.type.id);
  if (args.empty() || args[0].is_null()) return null;
  const std::int64_t oid = args[0].as_int();
  if (oid < 0 || oid > UINT32_MAX) return null;
  ExecContext& ctx = *e.ctx;
  std::optional<FunctionDef> def = ctx.catalog.find_function(static_cast<std::uint32_t>(oid));
  if (!def) return null;
  if (e.op == "pg_function_is_visible") return Value::boolean(visible(*def, ctx));
  if (e.op == "pg_get_function_arguments") return text(arguments_text(*def, ctx, true));
  if (e.op == "pg_get_function_identity_arguments") return text(arguments_text(*def, ctx, false));
  if (e.op == "pg_get_function_result") return text(result_text(*def, ctx));
  if (e.op == "pg_get_function_sqlbody") {
    return def->body_form == FunctionDef::BodyForm::kString ? null : text(def->sql_body);
  }
  return text(function_definition_text(*def, ctx));
}

std::string function_definition_text(const FunctionDef& def, ExecContext& ctx) {
  std::string out = "CREATE OR REPLACE FUNCTION " + quote_identifier(def.schema) + "." + quote_identifier(def.name) +
                    "(" + arguments_text(def, ctx, true) + ")\n";
  out += " RETURNS " + result_text(def, ctx) + "\n";
  out += " LANGUAGE sql\n";
  std::string options;
  if (def.volatility == 'i') options += " IMMUTABLE";
  if (def.volatility == 's') options += " STABLE";
  if (def.parallel == 's') options += " PARALLEL SAFE";
  if (def.parallel == 'r') options += " PARALLEL RESTRICTED";
  if (def.strict) options += " STRICT";
  if (!options.empty()) out += options + "\n";
  if (def.body_form != FunctionDef::BodyForm::kString) return out + def.sql_body + "\n";
  // Dollar quoting with a tag the body does not hold, as PostgreSQL picks it.
  std::string tag = "$function";
  while (def.body.find(tag) != std::string::npos) tag += "x";
  tag += "$";
  return out + "AS " + tag + def.body + tag + "\n";
}

}  // namespace heliosdb::engine

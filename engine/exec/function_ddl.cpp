// CREATE FUNCTION ... LANGUAGE sql, DROP FUNCTION and ALTER FUNCTION ...
// RENAME TO / OWNER TO / SET SCHEMA, with PostgreSQL 15's errors
// (docs: CREATE FUNCTION, DROP FUNCTION, ALTER FUNCTION).
#include "engine/exec/function_ddl.hpp"
#include "engine/exec/default_privileges.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/catalog_object_names.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/sql_function_call.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/stored_expressions.hpp"
#include "engine/exec/unpositioned.hpp"
#include "engine/exec/view_ddl.hpp"
#include "engine/parser/parser.hpp"
#include "engine/session/settings.hpp"

namespace heliosdb::engine {

namespace {

using Kind = ast::FunctionStmt::Kind;

bool is_void(const ast::TypeName& t) {
  return t.array_dims == 0 && ((t.names.size() == 1 && t.names[0] == "void") ||
                               (t.names.size() == 2 && t.names[0] == "pg_catalog" && t.names[1] == "void"));
}

// An argument's or result's type; the pseudo-types we have no values for are 0A000.
SqlType resolve_function_type(const ast::TypeName& t, ExecContext& ctx) {
  static const std::set<std::string, std::less<>> kPseudo = {"record",
                                                             "anyelement",
                                                             "anyarray",
                                                             "anynonarray",
                                                             "anyenum",
                                                             "anyrange",
                                                             "anymultirange",
                                                             "anycompatible",
                                                             "anycompatiblearray",
                                                             "anycompatiblenonarray",
                                                             "internal",
                                                             "trigger",
                                                             "event_trigger",
                                                             "cstring",
                                                             "language_handler",
                                                             "fdw_handler",
                                                             "index_am_handler",
                                                             "tsm_handler",
                                                             "table_am_handler",
                                                             "opaque",
                                                             "any"};
  if (!t.names.empty() && kPseudo.count(t.names.back()) != 0 && (t.names.size() == 1 || t.names[0] == "pg_catalog")) {
    throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: SQL functions of type " + t.names.back());
  }
  try {
    const SqlType type = resolve_type_name(t);
    require_type_usage(ctx, type, type.domain_oid);
    return type;
  } catch (const DbError& e) {
    // A table's or view's row type (a composite type) is a type PostgreSQL has and we do not.
    if (e.state() != sqlstate::kUndefinedObject || t.names.empty() || t.names.size() > 2) throw;
    const std::vector<std::string> schemas =
        t.names.size() == 2 ? std::vector<std::string>{t.names[0]} : search_path_schemas(ctx);
    for (const std::string& schema : schemas) {
      if (ctx.catalog.relation_exists(schema, t.names.back())) {
        throw DbError(sqlstate::kFeatureNotSupported,
                      "not supported yet: SQL functions taking or returning a table's row type");
      }
    }
    throw;
  }
}

std::vector<SqlType> input_types(const FunctionDef& def) {
  std::vector<SqlType> out;
  for (const FunctionDef::Arg* a : def.inputs()) out.push_back(a->type);
  return out;
}

bool same_types(const std::vector<SqlType>& x, const std::vector<SqlType>& y) {
  if (x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (type_oid(x[i]) != type_oid(y[i]) || x[i].domain_oid != y[i].domain_oid) return false;
  }
  return true;
}

// The function `name` names: with an argument list, the one of those input
// types (the first schema on the search path that has one, unless
// qualified); without, the only function of that name. Nothing when absent
// and `missing_ok` (then `missing` says what was not found).
std::optional<FunctionDef> lookup(const ast::RoutineName& name, ExecContext& ctx, bool missing_ok,
                                  std::string* missing = nullptr) {
  if (name.names.empty() || name.names.size() > 2) {
    throw DbError(sqlstate::kSyntaxError,
                  "improper qualified name (too many dotted names): " + written_name(name.names));
  }
  const std::string shown = written_name(name.names);
  if (name.names.size() == 2 && !namespace_oid(ctx.catalog, name.names[0])) {
    if (missing_ok) {
      if (missing != nullptr) *missing = "schema \"" + name.names[0] + "\" does not exist";
      return std::nullopt;
    }
    throw DbError(sqlstate::kUndefinedSchema, "schema \"" + name.names[0] + "\" does not exist");
  }
  const std::vector<FunctionDef> candidates = sql_function_candidates(ctx, name.names);
  if (!name.args_given) {
    if (candidates.size() == 1) return candidates[0];
    if (candidates.size() > 1) {
      throw DbError(sqlstate::kAmbiguousFunction, "function name \"" + shown + "\" is not unique")
          .with_hint("Specify the argument list to select the function unambiguously.");
    }
    if (missing_ok) {
      if (missing != nullptr) *missing = "function " + shown + "() does not exist";
      return std::nullopt;
    }
    throw DbError(sqlstate::kUndefinedFunction, "could not find a function named \"" + shown + "\"");
  }
  std::vector<SqlType> types;
  for (const ast::TypeName& t : name.args) types.push_back(resolve_type_name(t));
  for (const FunctionDef& def : candidates) {
    if (same_types(input_types(def), types)) return def;
  }
  const std::string text = "function " + function_signature_text(shown, types) + " does not exist";
  if (missing_ok) {
    if (missing != nullptr) *missing = text;
    return std::nullopt;
  }
  throw DbError(sqlstate::kUndefinedFunction, text);
}

// 42723 when `schema` already has a function `name` of these input types (other than `self`).
void refuse_taken(ExecContext& ctx, const std::string& schema, const std::string& name,
                  const std::vector<SqlType>& types, std::uint32_t self) {
  for (const FunctionDef& other : ctx.catalog.functions(schema, name)) {
    if (other.oid != self && same_types(input_types(other), types)) {
      throw DbError(sqlstate::kDuplicateFunction, "function " + function_signature_text(name, types) +
                                                      " already exists in schema \"" + schema + "\"");
    }
  }
}

void check_language(const ast::FunctionStmt& statement) {
  if (statement.language.empty()) throw DbError(sqlstate::kInvalidFunctionDefinition, "no language specified");
  if (statement.language == "sql") return;
  static const std::set<std::string, std::less<>> kKnown = {"plpgsql", "c", "internal"};
  if (kKnown.count(statement.language) != 0) {
    throw DbError(sqlstate::kFeatureNotSupported,
                  "not supported yet: functions in LANGUAGE " + statement.language + " (only LANGUAGE sql)");
  }
  throw DbError(sqlstate::kUndefinedObject, "language \"" + statement.language + "\" does not exist");
}

// The arguments of CREATE FUNCTION, with PostgreSQL's checks of names and defaults.
std::vector<FunctionDef::Arg> arguments(const ast::FunctionStmt& statement, ExecContext& ctx) {
  std::vector<FunctionDef::Arg> out;
  std::set<std::string> names;
  bool saw_default = false;
  using Mode = ast::FunctionParameter::Mode;
  for (const ast::FunctionParameter& p : statement.parameters) {
    switch (p.mode) {
      case Mode::kIn:
      case Mode::kTable:
        break;
      case Mode::kOut:
        throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: OUT parameters");
      case Mode::kInOut:
        throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: INOUT parameters");
      case Mode::kVariadic:
        throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: VARIADIC parameters");
    }
    FunctionDef::Arg arg;
    arg.name = p.name;
    arg.mode = p.mode == Mode::kTable ? 't' : 'i';
    if (is_void(p.type)) {
      throw DbError(sqlstate::kInvalidFunctionDefinition, "SQL functions cannot have arguments of type void");
    }
    arg.type = unpositioned([&] { return resolve_function_type(p.type, ctx); });
    if (!arg.name.empty() && !names.insert(arg.name).second) {
      throw DbError(sqlstate::kInvalidFunctionDefinition, "parameter name \"" + arg.name + "\" used more than once");
    }
    if (p.default_expr) {
      saw_default = true;
      // Bound once for its errors: no columns, and of the argument's type.
      Binder binder({}, "DEFAULT");
      SqlType type = arg.type;
      type.domain_oid = 0;
      const BoundExprPtr checked = coerce(binder.bind(*p.default_expr), type, CastContext::kAssignment);
      (void)checked;
      arg.default_text = p.default_text;
    } else if (saw_default && arg.mode == 'i') {
      throw DbError(sqlstate::kInvalidFunctionDefinition,
                    "input parameters after one with a default value must also have defaults");
    }
    out.push_back(std::move(arg));
  }
  return out;
}

// CREATE OR REPLACE's limits on what may change (PostgreSQL's ProcedureCreate).
void check_replacement(const FunctionDef& old, const FunctionDef& def) {
  const std::string drop_hint = "Use DROP FUNCTION " + function_signature_text(old) + " first.";
  bool same_result = old.returns_set == def.returns_set && old.returns_void == def.returns_void &&
                     old.returns_table == def.returns_table;
  if (same_result && !def.returns_void) {
    if (def.returns_table) {
      const auto a = old.table_columns(), b = def.table_columns();
      same_result = a.size() == b.size();
      for (std::size_t i = 0; same_result && i < a.size(); ++i) {
        same_result = type_oid(a[i]->type) == type_oid(b[i]->type) && a[i]->name == b[i]->name;
      }
    } else {
      same_result = type_oid(old.result) == type_oid(def.result) && old.result.domain_oid == def.result.domain_oid;
    }
  }
  if (!same_result) {
    throw DbError(sqlstate::kInvalidFunctionDefinition, "cannot change return type of existing function")
        .with_hint(drop_hint);
  }
  const auto a = old.inputs(), b = def.inputs();
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (!a[i]->name.empty() && a[i]->name != b[i]->name) {
      throw DbError(sqlstate::kInvalidFunctionDefinition,
                    "cannot change name of input parameter \"" + a[i]->name + "\"")
          .with_hint(drop_hint);
    }
  }
  if (def.defaults() < old.defaults()) {
    throw DbError(sqlstate::kInvalidFunctionDefinition, "cannot remove parameter defaults from existing function");
  }
}

bool checks_bodies(ExecContext& ctx) {
  if (ctx.settings == nullptr) return true;
  std::string v = ctx.settings->show("check_function_bodies");
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return !(v == "off" || v == "false" || v == "0" || v == "no" || v == "f" || v == "n" || v == "of");
}

QueryResult create_function(const ast::FunctionStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "CREATE FUNCTION";
  check_language(statement);
  if (!statement.refused.empty())
    throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: " + statement.refused);
  if (!statement.body) throw DbError(sqlstate::kInvalidFunctionDefinition, "no function body specified");
  const std::vector<std::string>& names = statement.functions.front().names;
  const ast::RangeVar place = object_to_create(ctx, names, "functions");
  FunctionDef def;
  def.schema = place.schema;
  def.name = place.name;
  def.owner = role_oid(std::nullopt, ctx);
  def.acl = initial_acl(ctx, AclObject::kFunction, owner_oid(def.owner), def.schema);
  def.args = arguments(statement, ctx);
  def.returns_set = statement.returns_set;
  def.returns_table = statement.returns_table;
  if (def.returns_table) {
    const auto columns = def.table_columns();
    if (columns.size() == 1) def.result = columns[0]->type;
  } else if (!statement.returns) {
    throw DbError(sqlstate::kInvalidFunctionDefinition, "function result type must be specified");
  } else if (is_void(*statement.returns)) {
    def.returns_void = true;
  } else {
    def.result = unpositioned([&] { return resolve_function_type(*statement.returns, ctx); });
  }
  def.volatility = statement.volatility;
  def.strict = statement.strict;
  def.parallel = statement.parallel;
  switch (statement.body_form) {
    case ast::FunctionStmt::BodyForm::kString:
      def.body_form = FunctionDef::BodyForm::kString;
      break;
    case ast::FunctionStmt::BodyForm::kReturn:
      def.body_form = FunctionDef::BodyForm::kReturn;
      break;
    case ast::FunctionStmt::BodyForm::kAtomic:
      def.body_form = FunctionDef::BodyForm::kAtomic;
      break;
  }
  def.body = *statement.body;
  def.sql_body = statement.sql_body;

  std::optional<FunctionDef> old;
  for (const FunctionDef& other : ctx.catalog.functions(def.schema, def.name)) {
    if (same_types(input_types(other), input_types(def))) old = other;
  }
  if (old && !statement.or_replace) {
    throw DbError(sqlstate::kDuplicateFunction,
                  "function \"" + def.name + "\" already exists with same argument types");
  }
  if (old) {
    require_owner(ctx, old->owner, "function", old->name);
    check_replacement(*old, def);
    def.oid = old->oid;
    def.owner = old->owner;
    def.acl = old->acl;
    def.comment = old->comment;
  }
  // A restored dump turns the check off (check_function_bodies); the SQL-standard forms are always analysed.
  if (checks_bodies(ctx) || def.body_form != FunctionDef::BodyForm::kString) {
    unpositioned([&] {
      try {
        check_sql_function_body(def, ctx);
      } catch (const DbError& e) {
        if (e.state() == sqlstate::kSyntaxError || e.state() == sqlstate::kInvalidFunctionDefinition) throw;
        DbError out(e.state(), e.what());
        out.with_detail(e.detail()).with_hint(e.hint()).with_routine(e.routine());
        out.with_context("SQL function \"" + def.name + "\"");
        throw out;
      }
    });
  } else {
    parser::parse(def.body);  // still its syntax
  }
  if (old) {
    ctx.catalog.update_function(*old, def);
  } else {
    ctx.catalog.create_function(def);
  }
  return result;
}

// The views whose query names `def` (their text is bound again when read,
// so a name is all that ties them to it).
std::vector<ViewDef> views_naming(const FunctionDef& def, ExecContext& ctx) {
  std::vector<ViewDef> out;
  for (ViewDef& view : ctx.catalog.views()) {
    if (names_word(view.sql, def.name)) out.push_back(std::move(view));
  }
  return out;
}

QueryResult drop_functions(const ast::FunctionStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "DROP FUNCTION";
  std::vector<FunctionDef> found;
  for (const ast::RoutineName& name : statement.functions) {
    std::string missing;
    std::optional<FunctionDef> def = lookup(name, ctx, statement.if_exists, &missing);
    if (!def) {
      result.notices.push_back({"NOTICE", "00000", missing + ", skipping", {}});
      continue;
    }
    require_owner(ctx, def->owner, "function", def->name);
    const bool seen = std::any_of(found.begin(), found.end(), [&](const FunctionDef& f) { return f.oid == def->oid; });
    if (!seen) found.push_back(std::move(*def));
  }
  // As PostgreSQL's dependencies: a view using the function goes with CASCADE, else stops the drop.
  std::vector<ViewDef> dependents;
  for (const FunctionDef& def : found) {
    for (ViewDef& view : views_naming(def, ctx)) {
      if (!statement.cascade) {
        const std::string name = function_signature_text(def);
        throw DbError(sqlstate::kDependentObjectsStillExist,
                      "cannot drop function " + name + " because other objects depend on it")
            .with_detail("view " + view.name + " depends on function " + name)
            .with_hint("Use DROP ... CASCADE to drop the dependent objects too.");
      }
      dependents.push_back(std::move(view));
    }
  }
  // Column defaults and checks are kept as text too, but what CASCADE would do to them (drop them) is not built.
  std::set<std::string> view_texts;
  for (const ViewDef& view : ctx.catalog.views()) view_texts.insert(view.sql);
  for (const FunctionDef& def : found) {
    for (const std::string& text : stored_expressions(ctx)) {
      if (view_texts.count(text) != 0 || !names_word(text, def.name)) continue;
      const std::string name = function_signature_text(def);
      if (statement.cascade) {
        throw DbError(sqlstate::kFeatureNotSupported,
                      "not supported yet: DROP FUNCTION ... CASCADE of a function a default or constraint uses");
      }
      throw DbError(sqlstate::kDependentObjectsStillExist,
                    "cannot drop function " + name + " because other objects depend on it")
          .with_detail("a column default or check constraint depends on function " + name)
          .with_hint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
  }
  if (!dependents.empty()) {
    ast::DropStmt drop;
    drop.object = ast::DropStmt::Object::kView;
    drop.cascade = true;
    drop.if_exists = true;  // one view may name two of them
    for (const ViewDef& view : dependents) {
      ast::RangeVar range;
      range.schema = view.schema;
      range.name = view.name;
      drop.names.push_back(std::move(range));
    }
    std::vector<std::string> cascaded;
    for (const ViewDef& view : dependents) cascaded.push_back("view " + view.name);
    add_drop_cascade_notice(result, cascaded);
    // Dependents go whoever owns them, as in PostgreSQL.
    ActAs as_bootstrap(ctx, static_cast<std::uint32_t>(kBootstrapSuperuser));
    const QueryResult dropped = run_drop_view(drop, ctx);
    result.notices.insert(result.notices.end(), dropped.notices.begin(), dropped.notices.end());
  }
  for (const FunctionDef& def : found) ctx.catalog.drop_function(def);
  return result;
}

QueryResult alter_function(const ast::FunctionStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "ALTER FUNCTION";
  // As PostgreSQL: the new owner is looked up before the function.
  const std::int64_t owner = statement.kind == Kind::kOwner ? role_oid(statement.role, ctx) : 0;
  std::string missing;
  std::optional<FunctionDef> def = lookup(statement.functions.front(), ctx, statement.if_exists, &missing);
  if (!def) {
    result.notices.push_back({"NOTICE", "00000", missing + ", skipping", {}});
    return result;
  }
  if (statement.kind != Kind::kOwner && !views_naming(*def, ctx).empty()) {
    // Their text would name a function that is no longer there.
    throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: renaming or moving a function that a view uses");
  }
  FunctionDef updated = *def;
  if (statement.kind != Kind::kOwner) require_owner(ctx, def->owner, "function", def->name);
  switch (statement.kind) {
    case Kind::kRename:
      refuse_taken(ctx, def->schema, statement.new_name, input_types(*def), def->oid);
      updated.name = statement.new_name;
      break;
    case Kind::kOwner:
      if (owner_oid(def->owner) == owner_oid(owner)) return result;
      check_owner_change(ctx, def->owner, owner_oid(owner), "function", def->name, def->schema);
      if (updated.acl) acl_change_owner(*updated.acl, owner_oid(def->owner), owner_oid(owner));
      updated.owner = owner;
      break;
    case Kind::kSetSchema:
      if (!namespace_oid(ctx.catalog, statement.new_schema)) {
        throw DbError(sqlstate::kUndefinedSchema, "schema \"" + statement.new_schema + "\" does not exist");
      }
      if (statement.new_schema == "pg_catalog" || statement.new_schema == "information_schema" ||
          statement.new_schema.rfind("pg_temp", 0) == 0 || statement.new_schema == "pg_toast") {
        throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: moving a function into a system schema");
      }
      if (statement.new_schema == def->schema) return result;
      refuse_taken(ctx, statement.new_schema, def->name, input_types(*def), def->oid);
      updated.schema = statement.new_schema;
      break;
    case Kind::kCreate:
    case Kind::kDrop:
      break;
  }
  ctx.catalog.update_function(*def, updated);
  return result;
}

}  // namespace

QueryResult run_function(const ast::FunctionStmt& statement, ExecContext& ctx) {
  switch (statement.kind) {
    case Kind::kCreate:
      return create_function(statement, ctx);
    case Kind::kDrop:
      return drop_functions(statement, ctx);
    case Kind::kRename:
    case Kind::kOwner:
    case Kind::kSetSchema:
      return alter_function(statement, ctx);
  }
  return {};
}

FunctionDef function_named(const ast::RoutineName& name, ExecContext& ctx) { return *lookup(name, ctx, false); }

std::optional<FunctionDef> function_by_signature(const std::string& text, ExecContext& ctx) {
  std::vector<ast::Statement> parsed;
  try {
    parsed = parser::parse("DROP FUNCTION " + text);
  } catch (const DbError&) {
  }
  if (parsed.size() != 1 || !std::holds_alternative<ast::FunctionStmt>(parsed[0].node) ||
      std::get<ast::FunctionStmt>(parsed[0].node).functions.size() != 1) {
    return std::nullopt;
  }
  return function_named(std::get<ast::FunctionStmt>(parsed[0].node).functions[0], ctx);
}

bool function_uses_type(const FunctionDef& def, std::uint32_t type_oid) {
  auto uses = [&](const SqlType& t) { return t.enum_oid == type_oid || t.domain_oid == type_oid; };
  if (uses(def.result)) return true;
  return std::any_of(def.args.begin(), def.args.end(), [&](const FunctionDef::Arg& a) { return uses(a.type); });
}

}  // namespace heliosdb::engine

// Calls of user SQL functions: which one a call means, and running its body
// with the arguments as parameters. PostgreSQL 15 docs, "Query Language (SQL)
// Functions" and "Function Overloading" (typeconv-func).
#include "engine/exec/sql_function_call.hpp"

#include <set>

#include "engine/common/db_error.hpp"
#include "engine/exec/domain_checks.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/with_queries.hpp"
#include "engine/functions/candidate_choice.hpp"
#include "engine/parser/parser.hpp"
#include "engine/types/cast.hpp"

namespace heliosdb::engine {

namespace {

SqlType value_type(SqlType t) {
  t.domain_oid = 0;
  return t;
}

std::vector<SqlType> input_types(const FunctionDef& def) {
  std::vector<SqlType> out;
  for (const FunctionDef::Arg* a : def.inputs()) out.push_back(a->type);
  return out;
}

bool same_inputs(const FunctionDef& a, const FunctionDef& b) {
  const std::vector<SqlType> x = input_types(a), y = input_types(b);
  if (x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (type_oid(x[i]) != type_oid(y[i]) || x[i].domain_oid != y[i].domain_oid) return false;
  }
  return true;
}

// Whether a value of type `from` goes to a parameter of type `to` without an explicit cast.
bool converts(SqlType from, SqlType to) {
  if (from.id == TypeId::kUnknown) return true;
  if (from.id == to.id) return from.enum_oid == to.enum_oid || to.enum_oid == 0;
  return can_cast(from.id, to.id, CastContext::kImplicit);
}

// The statement kinds a body may hold, and the name of one it may not.
std::string refused_statement(const ast::Statement& statement) {
  return std::visit(
      [](const auto& node) -> std::string {
        using T = std::decay_t<decltype(node)>;
        (void)node;
        if constexpr (std::is_same_v<T, ast::SelectStmt> || std::is_same_v<T, ast::InsertStmt> ||
                      std::is_same_v<T, ast::UpdateStmt> || std::is_same_v<T, ast::DeleteStmt>) {
          return "";
        } else if constexpr (std::is_same_v<T, ast::TransactionStmt>) {
          return "transaction control";
        } else {
          return "this statement";
        }
      },
      statement.node);
}

QueryResult run_statement(const ast::Statement& statement, ExecContext& ctx) {
  return std::visit(
      [&](const auto& node) -> QueryResult {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, ast::SelectStmt>) {
          return run_select(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::InsertStmt>) {
          return run_insert(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::UpdateStmt>) {
          return run_update(node, ctx);
        } else if constexpr (std::is_same_v<T, ast::DeleteStmt>) {
          return run_delete(node, ctx);
        } else {
          throw DbError(sqlstate::kFeatureNotSupported,
                        "not supported yet: " + refused_statement(statement) + " in a SQL function");
        }
      },
      statement.node);
}

// While alive, `ctx` runs a function's body: its arguments are the
// parameters, and the caller's enclosing rows and WITH queries are out of sight.
class FrameScope {
 public:
  FrameScope(ExecContext& ctx, const FunctionDef& def, const std::vector<Value>& args)
      : ctx_(ctx), frame_{&def, &args}, saved_frame_(ctx.sql_function), saved_params_(ctx.params) {
    if (ctx.sql_function_depth >= kMaxSqlFunctionDepth) {
      throw DbError(sqlstate::kStatementTooComplex, "stack depth limit exceeded")
          .with_hint(
              "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after ensuring the "
              "platform's stack depth limit is adequate.");
    }
    ++ctx.sql_function_depth;
    ctx.sql_function = &frame_;
    ctx.params = &args;
    saved_outer_.swap(ctx.outer_rows);
    saved_with_.swap(ctx.with_queries);
  }
  ~FrameScope() {
    --ctx_.sql_function_depth;
    ctx_.sql_function = saved_frame_;
    ctx_.params = saved_params_;
    saved_outer_.swap(ctx_.outer_rows);
    saved_with_.swap(ctx_.with_queries);
  }
  FrameScope(const FrameScope&) = delete;
  FrameScope& operator=(const FrameScope&) = delete;

 private:
  ExecContext& ctx_;
  SqlFunctionFrame frame_;
  const SqlFunctionFrame* saved_frame_;
  const std::vector<Value>* saved_params_;
  std::vector<OuterRow> saved_outer_;
  std::vector<WithBinding*> saved_with_;
};

// PostgreSQL reports where a function's statement failed in CONTEXT.
DbError in_function(const DbError& e, const FunctionDef& def, std::size_t statement) {
  DbError out(e.state(), e.what());
  out.with_detail(e.detail()).with_hint(e.hint()).with_routine(e.routine());
  const std::string line = "SQL function \"" + def.name + "\" statement " + std::to_string(statement);
  out.with_context(e.context().empty() ? line : e.context() + "\n" + line);
  return out;
}

[[noreturn]] void mismatch(const FunctionDef& def, const std::string& detail) {
  const std::string declared = def.returns_table && def.table_columns().size() != 1 ? "record"
                               : def.returns_table ? type_display_name(value_type(def.table_columns()[0]->type))
                                                   : type_display_name(def.result);
  throw DbError(sqlstate::kInvalidFunctionDefinition, "return type mismatch in function declared to return " + declared)
      .with_detail(detail);
}

// The declared result columns: RETURNS TABLE's, else the one result type.
std::vector<SqlType> result_types(const FunctionDef& def) {
  std::vector<SqlType> out;
  if (def.returns_table) {
    for (const FunctionDef::Arg* c : def.table_columns()) out.push_back(c->type);
  } else {
    out.push_back(def.result);
  }
  return out;
}

}  // namespace

std::string function_signature_text(const std::string& name, const std::vector<SqlType>& types) {
  std::string out = name + "(";
  for (std::size_t i = 0; i < types.size(); ++i) {
    SqlType t = types[i];
    t.typmod = -1;
    out += (i > 0 ? ", " : "") + type_display_name(t);
  }
  return out + ")";
}

std::string function_signature_text(const FunctionDef& def, bool qualified) {
  return function_signature_text(qualified ? def.schema + "." + def.name : def.name, input_types(def));
}

std::vector<FunctionDef> sql_function_candidates(ExecContext& ctx, const std::vector<std::string>& names) {
  std::vector<FunctionDef> out;
  if (names.empty() || names.size() > 2) return out;
  if (names.size() == 2) {
    if (names[0] != "pg_catalog" && !namespace_oid(ctx.catalog, names[0])) {
      throw DbError(sqlstate::kUndefinedSchema, "schema \"" + names[0] + "\" does not exist");
    }
    return ctx.catalog.functions(names[0], names[1]);
  }
  for (const std::string& schema : search_path_schemas(ctx)) {
    for (FunctionDef& def : ctx.catalog.functions(schema, names[0])) {
      bool hidden = false;
      for (const FunctionDef& seen : out) hidden = hidden || same_inputs(seen, def);
      if (!hidden) out.push_back(std::move(def));
    }
  }
  return out;
}

const FunctionDef& choose_sql_function(const std::vector<FunctionDef>& candidates, const std::string& shown,
                                       const std::vector<SqlType>& arg_types) {
  std::vector<const FunctionDef*> fits;
  for (const FunctionDef& def : candidates) {
    const std::vector<SqlType> inputs = input_types(def);
    if (arg_types.size() > inputs.size() || arg_types.size() + def.defaults() < inputs.size()) continue;
    bool ok = true;
    for (std::size_t i = 0; i < arg_types.size() && ok; ++i) ok = converts(arg_types[i], value_type(inputs[i]));
    if (ok) fits.push_back(&def);
  }
  if (fits.empty()) {
    throw DbError(sqlstate::kUndefinedFunction,
                  "function " + function_signature_text(shown, arg_types) + " does not exist")
        .with_hint("No function matches the given name and argument types. You might need to add explicit type casts.");
  }
  // As for built-in functions (a user function's arguments have fixed types).
  const FunctionDef* best =
      best_candidate(fits, arg_types, [](const FunctionDef& def, std::size_t i) { return input_types(def)[i].id; });
  if (best == nullptr) {
    throw DbError(sqlstate::kAmbiguousFunction,
                  "function " + function_signature_text(shown, arg_types) + " is not unique")
        .with_hint("Could not choose a best candidate function. You might need to add explicit type casts.");
  }
  return *best;
}

std::shared_ptr<const SqlFunctionBody> parse_sql_function(const FunctionDef& def) {
  auto body = std::make_shared<SqlFunctionBody>();
  body->def = def;
  body->statements = parser::parse(def.body);
  return body;
}

QueryResult run_sql_function(const SqlFunctionBody& body, const std::vector<Value>& args, ExecContext& ctx) {
  const FunctionDef& def = body.def;
  QueryResult out;
  if (def.strict) {
    for (const Value& v : args) {
      if (v.is_null()) return out;
    }
  }
  FrameScope frame(ctx, def, args);
  QueryResult last;
  for (std::size_t i = 0; i < body.statements.size(); ++i) {
    ctx.check_interrupts();
    try {
      last = run_statement(body.statements[i], ctx);
    } catch (const DbError& e) {
      if (e.state() == sqlstate::kStatementTooComplex) throw;
      throw in_function(e, def, i + 1);
    }
  }
  if (def.returns_void) return out;
  const std::vector<SqlType> types = result_types(def);
  if (!def.returns_set && last.rows.size() > 1) last.rows.resize(1);
  for (Row& row : last.rows) {
    Row converted;
    for (std::size_t c = 0; c < types.size() && c < row.size(); ++c) {
      const SqlType target = value_type(types[c]);
      Value v = row[c];
      if (v.is_null()) {
        v = Value::null(target.id);
      } else if (v.type() != target.id || target.typmod >= 0) {
        v = cast_value(v, target, CastContext::kAssignment);
      }
      if (types[c].domain_oid != 0) DomainChecks::check(ctx, types[c].domain_oid, v);
      converted.push_back(std::move(v));
    }
    out.rows.push_back(std::move(converted));
  }
  return out;
}

Value evaluate_sql_function(const BoundExpr& e, const std::vector<Value>& row) {
  std::vector<Value> args;
  args.reserve(e.args.size());
  for (const BoundExprPtr& arg : e.args) args.push_back(evaluate(*arg, row));
  const QueryResult result = run_sql_function(*e.sql_function, args, *e.ctx);
  if (e.sql_function->def.returns_void) return Value::null(TypeId::kText);  // PostgreSQL's void result is NULL
  if (result.rows.empty() || result.rows[0].empty()) return Value::null(e.type.id);
  return result.rows[0][0];
}

BoundExprPtr sql_function_parameter(const ExecContext& ctx, const std::vector<std::string>& names) {
  if (ctx.sql_function == nullptr || names.empty() || names.size() > 2) return nullptr;
  const FunctionDef& def = *ctx.sql_function->def;
  if (names.size() == 2 && names[0] != def.name) return nullptr;
  const std::string& name = names.back();
  std::size_t input = 0;
  for (const FunctionDef::Arg& a : def.args) {
    if (a.mode != 'i') continue;
    if (!a.name.empty() && a.name == name && input < ctx.sql_function->args->size()) {
      BoundExprPtr e = make_constant((*ctx.sql_function->args)[input]);
      e->type = value_type(a.type);
      return e;
    }
    ++input;
  }
  return nullptr;
}

std::optional<SqlType> sql_function_param_type(const ExecContext& ctx, const std::vector<Value>* params, int number) {
  if (ctx.sql_function == nullptr || ctx.sql_function->args != params || number < 1) return std::nullopt;
  const std::vector<const FunctionDef::Arg*> inputs = ctx.sql_function->def->inputs();
  if (static_cast<std::size_t>(number) > inputs.size()) return std::nullopt;
  return value_type(inputs[static_cast<std::size_t>(number - 1)]->type);
}

void check_sql_function_body(const FunctionDef& def, ExecContext& ctx) {
  std::vector<ast::Statement> statements = parser::parse(def.body);
  for (const ast::Statement& s : statements) {
    const std::string refused = refused_statement(s);
    if (!refused.empty()) {
      throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: " + refused + " in a SQL function");
    }
  }
  // Bound and planned, not run: NULLs of the declared types stand for the arguments.
  std::vector<Value> args;
  for (const FunctionDef::Arg* a : def.inputs()) args.push_back(Value::null(a->type.id));
  QueryResult last;
  {
    FrameScope frame(ctx, def, args);
    const bool describing = ctx.describe_only;
    std::vector<SqlType>* param_types = ctx.param_types;
    ctx.describe_only = true;
    ctx.param_types = nullptr;
    try {
      for (const ast::Statement& s : statements) last = run_statement(s, ctx);
    } catch (...) {
      ctx.describe_only = describing;
      ctx.param_types = param_types;
      throw;
    }
    ctx.describe_only = describing;
    ctx.param_types = param_types;
  }
  if (def.returns_void) return;
  const bool returns_rows = !statements.empty() && last.returns_rows;
  if (!returns_rows) {
    mismatch(def, "Function's final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING.");
  }
  const std::vector<SqlType> types = result_types(def);
  if (types.size() == 1) {
    if (last.columns.size() != 1) mismatch(def, "Final statement must return exactly one column.");
    const SqlType from = last.columns[0].type;
    const SqlType to = value_type(types[0]);
    if (from.id != TypeId::kUnknown && !(from.id == to.id && from.enum_oid == to.enum_oid) &&
        !can_cast(from.id, to.id, CastContext::kAssignment)) {
      mismatch(def, "Actual return type is " + type_display_name(from) + ".");
    }
    return;
  }
  if (last.columns.size() > types.size()) mismatch(def, "Final statement returns too many columns.");
  if (last.columns.size() < types.size()) mismatch(def, "Final statement returns too few columns.");
  for (std::size_t i = 0; i < types.size(); ++i) {
    const SqlType from = last.columns[i].type;
    const SqlType to = value_type(types[i]);
    if (from.id != TypeId::kUnknown && !(from.id == to.id && from.enum_oid == to.enum_oid) &&
        !can_cast(from.id, to.id, CastContext::kAssignment)) {
      mismatch(def, "Final statement returns " + type_display_name(from) + " instead of " + type_display_name(to) +
                        " at column " + std::to_string(i + 1) + ".");
    }
  }
}

}  // namespace heliosdb::engine

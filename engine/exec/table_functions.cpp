#include "engine/exec/table_functions.hpp"
#include "engine/exec/matview_status.hpp"
#include "engine/types/temporal.hpp"

#include <fmt/format.h>

#include <map>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/branch_diff.hpp"
#include "engine/exec/branch_lookup.hpp"
#include "engine/exec/branch_merge.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/json_to_record.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/set_functions.hpp"
#include "engine/exec/system_views.hpp"
#include "engine/exec/temporal_arith.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/vector/index_stats.hpp"
#include "storage/store.hpp"

namespace heliosdb::engine {

namespace {

Value text(std::string s) { return Value::string(TypeId::kText, std::move(s)); }
Value timestamptz(storage::UnixMicros unix_micros) {
  return Value::integer(TypeId::kTimestampTz, unix_micros - kPgEpochUnixMicros);
}
Value bigint(std::uint64_t v) { return Value::integer(TypeId::kInt8, static_cast<std::int64_t>(v)); }

// A scalar function in FROM is a relation of one row and one column.
Relation scalar_function(const ast::FunctionRef& ref, const std::string& qualifier, ExecContext& ctx) {
  Binder binder({}, "FROM", ctx);
  BoundExprPtr call = binder.bind(*ref.call);
  Relation r;
  r.scope.push_back({qualifier, ref.alias.empty() ? ref.name : ref.alias, call->type});
  r.rows.push_back({evaluate(*call, {})});
  return r;
}

// The arguments, evaluated once: a function in FROM sees no row.
std::vector<Value> arguments(const ast::FunctionRef& ref, ExecContext& ctx) {
  std::vector<Value> out;
  for (const ast::ExprPtr& arg : std::get<ast::FuncCall>(ref.call->node).args) {
    Binder binder({}, "FROM", ctx);
    out.push_back(evaluate(*binder.bind(*arg), {}));
  }
  return out;
}

[[noreturn]] void no_such_overload(const ast::FunctionRef& ref, const std::string& signature) {
  throw at(DbError(sqlstate::kUndefinedFunction, "function " + ref.name + " does not exist")
               .with_hint("It takes " + signature + "."),
           ref.location);
}

storage::BranchId branch_argument(const ast::FunctionRef& ref, const Value& v, ExecContext& ctx) {
  if (v.is_null()) no_such_overload(ref, "branch names, not NULL");
  return require_branch(ctx.txn.store(), format_value(v)).id;
}

Relation changes_relation(const std::vector<RowChange>& changes, const std::string& qualifier) {
  Relation r = make_relation({{"table_name", TypeId::kText},
                              {"key", TypeId::kText},
                              {"change", TypeId::kText},
                              {"old_value", TypeId::kText},
                              {"new_value", TypeId::kText}},
                             qualifier);
  auto maybe = [](const std::optional<std::string>& s) { return s ? text(*s) : Value::null(TypeId::kText); };
  for (const RowChange& c : changes) {
    r.rows.push_back({text(c.table), text(c.key), text(c.change), maybe(c.old_value), maybe(c.new_value)});
  }
  return r;
}

// heliosdb_branch_diff(a, b): how branch b's rows differ from branch a's;
// heliosdb_branch_diff(branch, scn | timestamptz): what changed since then.
Relation branch_diff_relation(const ast::FunctionRef& ref, const std::string& qualifier, ExecContext& ctx) {
  std::vector<Value> args = arguments(ref, ctx);
  const char* signature = "(branch, branch), (branch, scn bigint) or (branch, timestamptz)";
  if (args.size() != 2 || args[1].is_null()) no_such_overload(ref, signature);
  storage::Store& store = ctx.txn.store();
  const storage::BranchId branch = branch_argument(ref, args[0], ctx);
  switch (args[1].type()) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
      if (args[1].as_int() < 0) no_such_overload(ref, signature);
      return changes_relation(branch_changes_since(store, branch, static_cast<storage::Scn>(args[1].as_int())),
                              qualifier);
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return changes_relation(
          branch_changes_since(store, branch, store.scn_at_time(as_timestamp(args[1]) + kPgEpochUnixMicros)),
          qualifier);
    default:
      return changes_relation(branch_diff(store, branch, branch_argument(ref, args[1], ctx)), qualifier);
  }
}

// heliosdb_merge_conflicts(branch, target): what MERGE would stop at.
Relation merge_conflicts_relation(const ast::FunctionRef& ref, const std::string& qualifier, ExecContext& ctx) {
  std::vector<Value> args = arguments(ref, ctx);
  if (args.size() != 2) no_such_overload(ref, "(branch, target)");
  storage::Store& store = ctx.txn.store();
  Relation r = make_relation({{"object", TypeId::kText},
                              {"key", TypeId::kText},
                              {"branch_change", TypeId::kText},
                              {"target_change", TypeId::kText},
                              {"branch_value", TypeId::kText},
                              {"target_value", TypeId::kText}},
                             qualifier);
  auto maybe = [](const std::optional<std::string>& s) { return s ? text(*s) : Value::null(TypeId::kText); };
  for (const MergeConflict& c :
       merge_conflicts(store, branch_argument(ref, args[0], ctx), branch_argument(ref, args[1], ctx))) {
    r.rows.push_back({text(c.object), c.key.empty() ? Value::null(TypeId::kText) : text(c.key), text(c.branch_change),
                      text(c.target_change), maybe(c.branch_value), maybe(c.target_value)});
  }
  return r;
}

// A set-returning function in FROM: its rows, for the LATERAL row if any.
// One column takes the alias's name, as PostgreSQL names it.
Relation set_function_relation(const ast::FunctionRef& ref, const std::string& qualifier, ExecContext& ctx) {
  Binder binder({}, "FROM", ctx);
  SetFunctionCall call = bind_set_function(ref.name, std::get<ast::FuncCall>(ref.call->node), binder, ref.location);
  Relation r;
  for (const SetFunctionCall::Column& c : call.columns) {
    r.scope.push_back({qualifier,
                       call.columns.size() == 1 && !call.named_columns && !ref.alias.empty() ? ref.alias : c.name,
                       c.type});
  }
  r.rows = call.run({}, ctx);
  return r;
}

void require_no_arguments(const ast::FunctionRef& ref) {
  const auto& call = std::get<ast::FuncCall>(ref.call->node);
  if (!call.args.empty() || call.star) {
    throw at(DbError(sqlstate::kUndefinedFunction, "function " + ref.name + " takes no arguments")
                 .with_hint("No function matches the given name and argument types."),
             ref.location);
  }
}

}  // namespace

Relation branches_relation(storage::Store& store, const std::string& qualifier) {
  Relation r = make_relation({{"branch_name", TypeId::kText},
                              {"parent_branch", TypeId::kText},
                              {"created_at", TypeId::kTimestampTz},
                              {"fork_scn", TypeId::kInt8},
                              {"size_bytes", TypeId::kInt8},
                              {"size_mb", TypeId::kNumeric},
                              {"status", TypeId::kText},
                              {"options", TypeId::kText}},
                             qualifier);
  std::map<storage::BranchId, std::string> names;
  const std::vector<storage::BranchInfo> branches = store.branches();
  for (const storage::BranchInfo& b : branches) names[b.id] = b.name;
  for (const storage::BranchInfo& b : branches) {
    const std::uint64_t bytes = store.branch_size_bytes(b.id);
    auto parent = names.find(b.parent);
    r.rows.push_back({text(b.name), parent == names.end() ? Value::null(TypeId::kText) : text(parent->second),
                      timestamptz(b.created), bigint(b.fork_scn), bigint(bytes),
                      Value::string(TypeId::kNumeric, fmt::format("{:.2f}", static_cast<double>(bytes) / 1048576.0)),
                      text(fully_merged(store, b, branches) ? "merged" : "active"),
                      b.options.empty() ? Value::null(TypeId::kText) : text(b.options)});
  }
  return r;
}

Relation commits_relation(storage::Store& store, const std::string& qualifier) {
  Relation r = make_relation({{"scn", TypeId::kInt8},
                              {"xid", TypeId::kXid8},  // as pg_current_xact_id() gives it
                              {"commit_time", TypeId::kTimestampTz},
                              {"branch", TypeId::kText}},
                             qualifier);
  std::map<storage::BranchId, std::string> names;
  for (const storage::BranchInfo& b : store.branches()) names[b.id] = b.name;
  for (const storage::CommitRecord& c : store.commits(store.retention_floor(), store.last_scn())) {
    if (c.scn == 0) continue;
    auto name = names.find(c.branch);
    r.rows.push_back({bigint(c.scn), Value::integer(TypeId::kXid8, static_cast<std::int64_t>(c.txid)),
                      timestamptz(c.time), name == names.end() ? Value::null(TypeId::kText) : text(name->second)});
  }
  return r;
}

Relation table_function(const ast::FunctionRef& ref, ExecContext& ctx) {
  const std::string qualifier = ref.alias.empty() ? ref.name : ref.alias;
  if (!ref.column_definitions.empty() && !is_json_to_record(ref.name)) {
    throw DbError(sqlstate::kSyntaxError, "a column definition list is only allowed for functions returning \"record\"")
        .at_position(ref.location + 1);
  }
  Relation r;
  if (ref.name == "pg_database_branches") {
    require_no_arguments(ref);
    r = branches_relation(ctx.txn.store(), qualifier);
  } else if (ref.name == "heliosdb_branch_diff") {
    r = branch_diff_relation(ref, qualifier, ctx);
  } else if (ref.name == "pg_vector_index_stats") {
    require_no_arguments(ref);
    r = vector_index_stats_relation(ctx, qualifier);
  } else if (ref.name == "pg_mv_staleness") {
    require_no_arguments(ref);
    r = mv_staleness_relation(ctx, qualifier);
  } else if (ref.name == "pg_mv_cpu_usage") {
    require_no_arguments(ref);
    r = mv_cpu_usage_relation(ctx, qualifier);
  } else if (ref.name == "heliosdb_mv_refresh_due") {
    require_no_arguments(ref);
    r = mv_refresh_due_relation(ctx, qualifier);
  } else if (ref.name == "heliosdb_merge_conflicts") {
    r = merge_conflicts_relation(ref, qualifier, ctx);
  } else if (ref.name == "pg_options_to_table") {
    r = options_to_table_relation(ref, qualifier, ctx);
  } else if (is_json_to_record(ref.name)) {
    r = json_to_record_relation(ref, qualifier, ctx);
  } else if (is_set_function(ref.name)) {
    r = set_function_relation(ref, qualifier, ctx);
  } else if (Binder binder({}, "FROM", ctx);
             auto call = binder.bind_sql_set_function_call(std::get<ast::FuncCall>(ref.call->node), ref.location)) {
    // A user's set-returning SQL function.
    for (const SetFunctionCall::Column& c : call->columns) {
      r.scope.push_back({qualifier,
                         call->columns.size() == 1 && !call->named_columns && !ref.alias.empty() ? ref.alias : c.name,
                         c.type});
    }
    r.rows = call->run({}, ctx);
  } else {
    r = scalar_function(ref, qualifier, ctx);
  }
  if (ref.ordinality) {
    // WITH ORDINALITY numbers the rows from 1 in a last column.
    r.scope.push_back({qualifier, "ordinality", {TypeId::kInt8, -1}});
    for (std::size_t i = 0; i < r.rows.size(); ++i) r.rows[i].push_back(bigint(i + 1));
  }
  if (ref.column_aliases.size() > r.scope.size()) {
    throw DbError(sqlstate::kInvalidColumnReference,
                  fmt::format("table \"{}\" has {} columns available but {} columns specified", qualifier,
                              r.scope.size(), ref.column_aliases.size()));
  }
  for (std::size_t i = 0; i < ref.column_aliases.size(); ++i) r.scope[i].name = ref.column_aliases[i];
  return r;
}

}  // namespace heliosdb::engine

#include "engine/exec/table_functions.hpp"

#include <fmt/format.h>

#include <map>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/branch_diff.hpp"
#include "engine/exec/branch_lookup.hpp"
#include "engine/exec/branch_merge.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/system_views.hpp"
#include "engine/exec/temporal_arith.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/types/array.hpp"
#include "engine/types/decimal.hpp"
#include "engine/vector/index_stats.hpp"
#include "storage/store.hpp"

namespace heliosdb::engine {

namespace {

// Microseconds between the Unix epoch and PostgreSQL's (2000-01-01).
constexpr std::int64_t kPgEpochUnixMicros = 946'684'800'000'000;

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
                      text("active"), b.options.empty() ? Value::null(TypeId::kText) : text(b.options)});
  }
  return r;
}

Relation commits_relation(storage::Store& store, const std::string& qualifier) {
  Relation r = make_relation({{"scn", TypeId::kInt8},
                              {"xid", TypeId::kInt8},
                              {"commit_time", TypeId::kTimestampTz},
                              {"branch", TypeId::kText}},
                             qualifier);
  std::map<storage::BranchId, std::string> names;
  for (const storage::BranchInfo& b : store.branches()) names[b.id] = b.name;
  for (const storage::CommitRecord& c : store.commits(store.retention_floor(), store.last_scn())) {
    if (c.scn == 0) continue;
    auto name = names.find(c.branch);
    r.rows.push_back({bigint(c.scn), bigint(c.txid), timestamptz(c.time),
                      name == names.end() ? Value::null(TypeId::kText) : text(name->second)});
  }
  return r;
}

// generate_series(start, stop [, step]) over integers, numerics and
// timestamps (with an interval step): every value from start towards stop.
Relation generate_series_relation(const ast::FunctionRef& ref, const std::string& qualifier, ExecContext& ctx) {
  const auto& call = std::get<ast::FuncCall>(ref.call->node);
  Binder binder({}, "FROM", ctx);
  std::vector<BoundExprPtr> args;
  std::vector<SqlType> types;
  for (const ast::ExprPtr& arg : call.args) {
    args.push_back(binder.bind(*arg));
    types.push_back(args.back()->type);
  }
  auto fail = [&]() -> void { throw at(no_such_function("generate_series", types), ref.location); };
  if (args.size() < 2 || args.size() > 3) fail();
  const TypeId first = types[0].id == TypeId::kUnknown ? types[1].id : types[0].id;
  TypeId type = TypeId::kInt4;
  TypeId step_type = TypeId::kInt4;
  if (first == TypeId::kTimestamp || first == TypeId::kTimestampTz) {
    if (args.size() != 3) fail();
    type = first;
    step_type = TypeId::kInterval;
  } else {
    bool numeric = false, wide = false;
    for (const SqlType& t : types) {
      if (t.id == TypeId::kUnknown || t.id == TypeId::kInt2 || t.id == TypeId::kInt4) continue;
      if (t.id == TypeId::kInt8) {
        wide = true;
      } else if (t.id == TypeId::kNumeric) {
        numeric = true;
      } else {
        fail();
      }
    }
    type = step_type = numeric ? TypeId::kNumeric : wide ? TypeId::kInt8 : TypeId::kInt4;
  }
  std::vector<Value> v;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const TypeId want = i == 2 ? step_type : type;
    v.push_back(evaluate(*coerce(std::move(args[i]), {want, -1}, CastContext::kImplicit), {}));
  }
  Relation r;
  r.scope.push_back({qualifier, ref.alias.empty() ? "generate_series" : ref.alias, {type, -1}});
  if (std::any_of(v.begin(), v.end(), [](const Value& x) { return x.is_null(); })) return r;
  auto zero_step = [] { throw DbError(sqlstate::kInvalidParameterValue, "step size cannot equal zero"); };
  if (type == TypeId::kInt4 || type == TypeId::kInt8) {
    const std::int64_t stop = v[1].as_int();
    const std::int64_t step = v.size() == 3 ? v[2].as_int() : 1;
    if (step == 0) zero_step();
    for (std::int64_t i = v[0].as_int(); step > 0 ? i <= stop : i >= stop;) {
      ctx.check_interrupts();
      r.rows.push_back({Value::integer(type, i)});
      if (__builtin_add_overflow(i, step, &i)) break;
      if (type == TypeId::kInt4 && (i > INT32_MAX || i < INT32_MIN)) break;
    }
    return r;
  }
  if (type == TypeId::kNumeric) {
    const Decimal stop = Decimal::parse(v[1].as_string());
    const Decimal step = v.size() == 3 ? Decimal::parse(v[2].as_string()) : Decimal::from_int(1);
    if (step.is_zero()) zero_step();
    if (step.is_nan() || stop.is_nan() || Decimal::parse(v[0].as_string()).is_nan()) {
      throw DbError(sqlstate::kInvalidParameterValue, "start value cannot be NaN");
    }
    for (Decimal i = Decimal::parse(v[0].as_string()); step.sign() > 0 ? i.compare(stop) <= 0 : i.compare(stop) >= 0;
         i = i.add(step)) {
      ctx.check_interrupts();
      r.rows.push_back({Value::string(TypeId::kNumeric, i.to_string())});
    }
    return r;
  }
  const Value zero = Value::interval(0, 0, 0);
  const int direction = compare_values(v[2], zero);
  if (direction == 0) zero_step();
  for (Value t = v[0]; direction > 0 ? compare_values(t, v[1]) <= 0 : compare_values(t, v[1]) >= 0;
       t = temporal_arith("+", t, v[2], type)) {
    ctx.check_interrupts();
    r.rows.push_back({t});
  }
  return r;
}

// unnest(array [, array ...]): the elements in order, several arrays side by
// side (the shorter ones padded with NULLs).
Relation unnest_relation(const ast::FunctionRef& ref, const std::string& qualifier, ExecContext& ctx) {
  const auto& call = std::get<ast::FuncCall>(ref.call->node);
  Binder binder({}, "FROM", ctx);
  if (call.args.empty()) throw at(no_such_function("unnest", {}), ref.location);
  Relation r;
  std::vector<ArrayData> arrays;
  for (const ast::ExprPtr& arg : call.args) {
    BoundExprPtr bound = binder.bind(*arg);
    if (bound->type.id == TypeId::kUnknown) {
      throw at(
          DbError(sqlstate::kDatatypeMismatch, "could not determine polymorphic type because input has type unknown"),
          ref.location);
    }
    if (!is_array(bound->type.id)) throw at(no_such_function("unnest", {bound->type}), ref.location);
    const TypeId element = element_of(bound->type.id);
    Value v = evaluate(*bound, {});
    arrays.push_back(v.is_null() ? ArrayData{element, {}, {}} : decode_array(v));
    const std::string name = call.args.size() == 1 && !ref.alias.empty() ? ref.alias : "unnest";
    r.scope.push_back({qualifier, name, {element, bound->type.typmod}});
  }
  std::size_t rows = 0;
  for (const ArrayData& a : arrays) rows = std::max(rows, a.items.size());
  for (std::size_t i = 0; i < rows; ++i) {
    ctx.check_interrupts();
    Row row;
    for (const ArrayData& a : arrays) row.push_back(i < a.items.size() ? a.items[i] : Value::null(a.element));
    r.rows.push_back(std::move(row));
  }
  return r;
}

Relation table_function(const ast::FunctionRef& ref, ExecContext& ctx) {
  const std::string qualifier = ref.alias.empty() ? ref.name : ref.alias;
  Relation r;
  if (ref.name == "pg_database_branches") {
    require_no_arguments(ref);
    r = branches_relation(ctx.txn.store(), qualifier);
  } else if (ref.name == "heliosdb_branch_diff") {
    r = branch_diff_relation(ref, qualifier, ctx);
  } else if (ref.name == "pg_vector_index_stats") {
    require_no_arguments(ref);
    r = vector_index_stats_relation(ctx, qualifier);
  } else if (ref.name == "heliosdb_merge_conflicts") {
    r = merge_conflicts_relation(ref, qualifier, ctx);
  } else if (ref.name == "generate_series") {
    r = generate_series_relation(ref, qualifier, ctx);
  } else if (ref.name == "unnest") {
    r = unnest_relation(ref, qualifier, ctx);
  } else if (ref.name == "pg_options_to_table") {
    r = options_to_table_relation(ref, qualifier, ctx);
  } else {
    r = scalar_function(ref, qualifier, ctx);
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

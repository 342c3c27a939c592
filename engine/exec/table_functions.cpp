#include "engine/exec/table_functions.hpp"

#include <fmt/format.h>

#include <map>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/system_views.hpp"
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

Relation table_function(const ast::FunctionRef& ref, ExecContext& ctx) {
  const std::string qualifier = ref.alias.empty() ? ref.name : ref.alias;
  Relation r;
  if (ref.name == "pg_database_branches") {
    require_no_arguments(ref);
    r = branches_relation(ctx.txn.store(), qualifier);
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

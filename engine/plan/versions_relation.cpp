#include "engine/plan/versions_relation.hpp"
#include "engine/types/temporal.hpp"

#include "engine/common/db_error.hpp"
#include "engine/exec/column_privileges.hpp"
#include "engine/exec/history_point.hpp"
#include "engine/exec/privileges.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/row_codec.hpp"
#include "engine/exec/row_security.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/system_views.hpp"
#include "storage/store.hpp"

namespace heliosdb::engine {

namespace {

storage::Scn bound(const ast::TemporalPoint& point, ExecContext& ctx) {
  return resolve_history_point(point, ctx).value_or(ctx.txn.snapshot_scn());
}

class VersionRows {
 public:
  explicit VersionRows(ExecContext& ctx) : store_(ctx.txn.store()) {}

  void add(const Row& values, storage::Scn start, storage::Scn end, const char* operation) {
    Row row = values;
    row.push_back(Value::integer(TypeId::kInt8, static_cast<std::int64_t>(start)));
    row.push_back(end == 0 ? Value::null(TypeId::kInt8)
                           : Value::integer(TypeId::kInt8, static_cast<std::int64_t>(end)));
    row.push_back(time_of(start));
    row.push_back(end == 0 ? Value::null(TypeId::kTimestampTz) : time_of(end));
    row.push_back(Value::string(TypeId::kText, operation));
    rows_.push_back(std::move(row));
  }

  std::vector<Row> take() { return std::move(rows_); }

 private:
  Value time_of(storage::Scn scn) {
    auto record = store_.commit_at(scn);
    if (!record) return Value::null(TypeId::kTimestampTz);
    return Value::integer(TypeId::kTimestampTz, record->time - kPgEpochUnixMicros);
  }

  storage::Store& store_;
  std::vector<Row> rows_;
};

}  // namespace

std::shared_ptr<const TableDef> table_at(const ast::RangeVar& range, storage::Scn scn, ExecContext& ctx) {
  const std::string schema = relation_schema(ctx, range.schema, range.name);
  const bool catalog_schema = schema == "information_schema" || schema == "pg_catalog";
  if (auto table = catalog_schema ? nullptr : ctx.catalog.table_as_of(schema, range.name, scn)) return table;
  if (catalog_schema || ctx.catalog.table(schema, range.name) == nullptr) {
    const char* kind = !catalog_schema && ctx.catalog.find_view(schema, range.name)       ? "a view"
                       : !catalog_schema && ctx.catalog.find_sequence(schema, range.name) ? "a sequence"
                       : system_view(range.schema, range.name, range.name, ctx)           ? "a catalog relation"
                                                                                          : nullptr;
    if (kind == nullptr) ctx.require_table(range.schema, range.name, range.location);  // throws 42P01
    throw at(DbError(sqlstate::kFeatureNotSupported, "not supported yet: AS OF or VERSIONS on \"" + range.name +
                                                         "\", which is " + kind + " (it keeps no history)"),
             range.temporal->location);
  }
  throw at(DbError(sqlstate::kUndefinedTable, "relation \"" + range.name + "\" did not exist at " + describe_scn(scn)),
           range.temporal->location);
}

PlanNodePtr plan_versions(const ast::RangeVar& range, ExecContext& ctx) {
  const ast::TemporalClause& clause = *range.temporal;
  const storage::Scn from = bound(clause.point, ctx);
  const storage::Scn to = bound(clause.upper, ctx);
  const std::string qualifier = range.alias.empty() ? range.name : range.alias;
  // Rows read with the definition of the newest point asked for.
  auto table = table_at(range, to, ctx);
  const TableDef guarded = with_present_access(ctx, *table);
  // VERSIONS adds columns of its own (the versions' times), which need no column privilege.
  std::vector<ScopeColumn> guards = table_scope(guarded, qualifier);
  guard_reads(ctx, guarded, guards, true);
  const std::vector<BoundExprPtr> policies = row_security_filters(ctx, guarded, 'r', true);
  // From one SCN earlier: a version that ended at `from` was deleted or
  // replaced inside the window.
  const storage::Scn floor = ctx.txn.store().retention_floor();
  const storage::Scn earliest = std::max(from > 0 ? from - 1 : 0, floor);
  std::vector<storage::KeyVersion> versions =
      from > to ? std::vector<storage::KeyVersion>{}
                : ctx.txn.versions(Catalog::rows_begin(table->oid), Catalog::rows_end(table->oid), earliest, to);
  VersionRows out(ctx);
  for (std::size_t i = 0; i < versions.size(); ++i) {
    ctx.check_interrupts();
    const storage::KeyVersion& v = versions[i];
    const bool first = i == 0 || versions[i - 1].key != v.key;
    // An update replaced a version that ended where this one starts; for the
    // first version in the window, that one may lie before the window.
    const bool replaces =
        first ? v.start > floor && ctx.txn.get_as_of(v.key, v.start - 1).has_value() : versions[i - 1].end == v.start;
    const bool replaced = i + 1 < versions.size() && versions[i + 1].key == v.key && versions[i + 1].start == v.end;
    Row values = decode_row(*table, v.value);
    if (!passes_row_security(policies, values)) continue;
    if (v.end == 0 || v.end > from) out.add(values, v.start, v.end, replaces ? "update" : "insert");
    // A version that ended with nothing after it was deleted then.
    if (v.end != 0 && !replaced && v.end >= from && v.end <= to) out.add(values, v.end, 0, "delete");
  }
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kRows;
  node->rows_name = qualifier;
  node->scope = table_scope(*table, qualifier);
  for (std::size_t i = 0; i < guards.size(); ++i) node->scope[i].unreadable = std::move(guards[i].unreadable);
  for (auto [name, type] :
       {std::pair{"version_start_scn", TypeId::kInt8}, std::pair{"version_end_scn", TypeId::kInt8},
        std::pair{"version_start_time", TypeId::kTimestampTz}, std::pair{"version_end_time", TypeId::kTimestampTz},
        std::pair{"version_operation", TypeId::kText}}) {
    node->scope.push_back({qualifier, name, {type, -1}});
  }
  for (std::size_t i = 0; i < range.column_aliases.size() && i < node->scope.size(); ++i) {
    node->scope[i].name = range.column_aliases[i];
  }
  node->rows = out.take();
  return node;
}

}  // namespace heliosdb::engine

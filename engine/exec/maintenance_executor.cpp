// VACUUM and ANALYZE. Old row versions are history here (time travel), not
// garbage: what VACUUM removes is what the retention policy (retention_days)
// no longer keeps, in the whole database; by default every version is kept.
// ANALYZE checks what it is given; the planner keeps no statistics yet.
// VACUUM also lets go of vector indexes that are mostly superseded entries,
// to be rebuilt from the rows at their next use.
#include "engine/common/db_error.hpp"
#include "engine/exec/statements.hpp"
#include "engine/vector/index_registry.hpp"
#include "storage/store.hpp"

namespace heliosdb::engine {

QueryResult run_vacuum(const ast::VacuumStmt& vacuum, ExecContext& ctx) {
  for (const ast::VacuumStmt::Target& target : vacuum.targets) {
    const std::shared_ptr<const TableDef> table = ctx.require_table(target.table.schema, target.table.name, -1);
    if (!target.columns.empty() && vacuum.vacuum && !vacuum.analyze) {
      throw DbError(sqlstate::kFeatureNotSupported, "ANALYZE option must be specified when a column list is provided");
    }
    for (const std::string& column : target.columns) {
      if (table->column_index(column) < 0) {
        throw DbError(sqlstate::kUndefinedColumn,
                      "column \"" + column + "\" of relation \"" + table->name + "\" does not exist");
      }
    }
  }
  if (vacuum.vacuum && !ctx.describe_only) {
    ctx.txn.store().compact_expired();
    std::vector<std::shared_ptr<const TableDef>> tables;
    for (const ast::VacuumStmt::Target& target : vacuum.targets) {
      tables.push_back(ctx.require_table(target.table.schema, target.table.name, -1));
    }
    if (vacuum.targets.empty()) {
      for (TableDef& t : ctx.catalog.tables()) tables.push_back(std::make_shared<const TableDef>(std::move(t)));
    }
    for (const auto& table : tables) VectorIndexRegistry::of(ctx).vacuum(ctx.txn.branch(), *table);
  }
  QueryResult result;
  result.command_tag = vacuum.vacuum ? "VACUUM" : "ANALYZE";
  return result;
}

}  // namespace heliosdb::engine

// VACUUM and ANALYZE. Old row versions are history here (time travel), not
// garbage: what VACUUM removes is what the retention policy (retention_days)
// no longer keeps, in the whole database; by default every version is kept.
// ANALYZE checks what it is given; the planner keeps no statistics yet.
#include "engine/common/db_error.hpp"
#include "engine/exec/statements.hpp"
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
  if (vacuum.vacuum && !ctx.describe_only) ctx.txn.store().compact_expired();
  QueryResult result;
  result.command_tag = vacuum.vacuum ? "VACUUM" : "ANALYZE";
  return result;
}

}  // namespace heliosdb::engine

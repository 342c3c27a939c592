#include "engine/exec/lock_table.hpp"

#include "engine/common/db_error.hpp"
#include "engine/exec/search_path.hpp"

namespace heliosdb::engine {

QueryResult lock_tables(const ast::LockStmt& statement, ExecContext& ctx) {
  for (const ast::RangeVar& range : statement.tables) {
    const std::string schema = relation_schema(ctx, range.schema, range.name);
    if (ctx.catalog.find_table(schema, range.name) || ctx.catalog.find_view(schema, range.name)) continue;
    if (ctx.catalog.find_sequence(schema, range.name)) {
      throw at(DbError(sqlstate::kWrongObjectType, "cannot lock relation \"" + range.name + "\"")
                   .with_detail("This operation is not supported for sequences."),
               range.location);
    }
    throw at(DbError(sqlstate::kUndefinedTable, "relation \"" + range.name + "\" does not exist"), range.location);
  }
  QueryResult result;
  result.command_tag = "LOCK TABLE";
  return result;
}

}  // namespace heliosdb::engine

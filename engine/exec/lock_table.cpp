#include "engine/exec/lock_table.hpp"

#include "engine/common/db_error.hpp"
#include "engine/exec/search_path.hpp"

namespace heliosdb::engine {

namespace {

// What each lock mode takes (LockTableAclCheck): ACCESS SHARE reading, ROW
// EXCLUSIVE writing, the others changing rows.
std::uint32_t privileges_to_lock(int mode) {
  using namespace privilege;
  if (mode == 1) return kSelect | kUpdate | kDelete | kTruncate;
  if (mode == 3) return kInsert | kUpdate | kDelete | kTruncate;
  return kUpdate | kDelete | kTruncate;
}

}  // namespace

QueryResult lock_tables(const ast::LockStmt& statement, ExecContext& ctx) {
  const std::uint32_t wanted = privileges_to_lock(statement.mode);
  for (const ast::RangeVar& range : statement.tables) {
    const std::string schema = relation_schema(ctx, range.schema, range.name);
    if (auto table = ctx.catalog.find_table(schema, range.name)) {
      require_privileges(ctx, AclObject::kTable, table->acl, table->owner, wanted, "table", table->name, true);
      continue;
    }
    if (auto view = ctx.catalog.find_view(schema, range.name)) {
      require_privileges(ctx, AclObject::kTable, view->acl, view->owner, wanted, "view", view->name, true);
      continue;
    }
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

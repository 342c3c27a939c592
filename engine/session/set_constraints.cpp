// SET CONSTRAINTS: which deferrable foreign keys the transaction checks at
// COMMIT; those made IMMEDIATE are checked on the spot.
#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/session/session.hpp"

namespace heliosdb::engine {

QueryResult Session::run_set_constraints(const ast::SetConstraintsStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "SET CONSTRAINTS";
  if (status_ != TransactionStatus::kInBlock && !implicit_) {
    result.notices.push_back({"WARNING", "25P01", "SET CONSTRAINTS can only be used in transaction blocks", {}});
    return result;
  }
  std::vector<std::string> names;
  const std::vector<TableDef> tables = ctx.catalog.tables();
  for (const ast::RangeVar& name : statement.names) {
    bool found = false;
    bool deferrable = false;
    for (const TableDef& table : tables) {
      for (const ForeignKeyDef& fk : table.foreign_keys) {
        if (fk.name != name.name) continue;
        found = true;
        deferrable = deferrable || fk.deferrable;
      }
      const bool other = (!table.primary_key.empty() && table.primary_key_name == name.name) ||
                         std::any_of(table.checks.begin(), table.checks.end(),
                                     [&](const CheckDef& c) { return c.name == name.name; }) ||
                         std::any_of(table.indexes.begin(), table.indexes.end(),
                                     [&](const IndexDef& i) { return i.constraint && i.name == name.name; });
      found = found || other;
    }
    if (!found) throw DbError(sqlstate::kUndefinedObject, "constraint \"" + name.name + "\" does not exist");
    if (!deferrable) {
      throw DbError(sqlstate::kWrongObjectType, "constraint \"" + name.name + "\" is not deferrable");
    }
    names.push_back(name.name);
  }
  deferred_.set_mode(names, statement.deferred);
  if (!statement.deferred) deferred_.run_checks(ctx, false);
  return result;
}

}  // namespace heliosdb::engine

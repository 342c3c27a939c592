#include "engine/exec/exec_context.hpp"

#include "engine/common/db_error.hpp"
#include "engine/exec/search_path.hpp"
#include "storage/version_format.hpp"

namespace heliosdb::engine {

std::shared_ptr<const TableDef> ExecContext::require_table(const std::string& schema, const std::string& name,
                                                           int location) {
  const std::string found_in = relation_schema(*this, schema, name);
  auto table = catalog.table(found_in, name);
  if (!table && catalog.find_sequence(found_in, name)) {
    DbError error(sqlstate::kWrongObjectType, "\"" + name + "\" is not a table");
    if (location >= 0) error.at_position(location + 1);
    throw error;
  }
  // FROM reads a view before this is asked; what asks here writes or alters a table.
  if (!table && catalog.find_view(found_in, name)) {
    DbError error(sqlstate::kFeatureNotSupported, "not supported yet: changing \"" + name + "\", which is a view");
    if (location >= 0) error.at_position(location + 1);
    throw error;
  }
  if (!table) {
    DbError error(sqlstate::kUndefinedTable,
                  "relation \"" + (schema.empty() ? name : schema + "." + name) + "\" does not exist");
    if (location >= 0) error.at_position(location + 1);
    throw error;
  }
  return table;
}

std::string ExecContext::new_row_id() {
  // Unique without coordination: no two transactions share an id.
  std::string id;
  storage::format::put_u64(id, txn.id());
  storage::format::put_u32(id, next_row_id++);
  return id;
}

}  // namespace heliosdb::engine

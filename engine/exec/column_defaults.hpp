#pragma once

#include <vector>

#include "engine/catalog/table_def.hpp"
#include "engine/exec/bound_expr.hpp"
#include "engine/exec/exec_context.hpp"

namespace heliosdb::engine {

/// The DEFAULT of each column of a table: constants as stored, per-row
/// expressions (now(), nextval(...)) bound once and evaluated for each row.
class ColumnDefaults {
 public:
  ColumnDefaults(const TableDef& table, ExecContext& ctx);

  Value operator()(std::size_t column) const;

 private:
  const TableDef& table_;
  std::vector<BoundExprPtr> exprs_;
};

}  // namespace heliosdb::engine

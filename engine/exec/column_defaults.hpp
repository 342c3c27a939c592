#pragma once

#include <vector>

#include "engine/catalog/table_def.hpp"
#include "engine/exec/bound_expr.hpp"
#include "engine/exec/exec_context.hpp"

namespace heliosdb::engine {

/// The columns a column list names (INSERT, COPY): all of the table's when
/// it is empty. 42703 for a column the table lacks, 42701 for one named twice.
std::vector<int> target_columns(const TableDef& table, const std::vector<std::string>& names);

/// The DEFAULT (SQL text) of the domain `domain_oid`, or of the domain it is
/// over when it has none; empty when neither has one (or `domain_oid` is 0).
std::string domain_default(ExecContext& ctx, std::uint32_t domain_oid);

/// The DEFAULT of each column of a table: constants as stored, per-row
/// expressions (now(), nextval(...)) bound once and evaluated for each row.
class ColumnDefaults {
 public:
  ColumnDefaults(const TableDef& table, ExecContext& ctx);

  Value operator()(std::size_t column) const;

 private:
  // Bound on first use: most INSERTs give every column, and a prepared one
  // makes a ColumnDefaults per row.
  const BoundExpr* expression(std::size_t column) const;

  const TableDef& table_;
  ExecContext& ctx_;
  mutable std::vector<BoundExprPtr> exprs_;
  mutable std::vector<bool> bound_;
};

}  // namespace heliosdb::engine

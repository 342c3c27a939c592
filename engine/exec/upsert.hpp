#pragma once

// INSERT ... ON CONFLICT: the arbiter keys a proposed row is tested against,
// and what happens to the existing row it collides with.

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/catalog/table_def.hpp"
#include "engine/exec/column_defaults.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/generated_columns.hpp"
#include "engine/exec/row_security.hpp"
#include "engine/exec/row_writer.hpp"

namespace heliosdb::engine {

class ConflictHandler {
 public:
  /// Finds the arbiters (the conflict target's primary key or unique
  /// constraint; every unique key for DO NOTHING without one) and binds DO
  /// UPDATE's SET and WHERE over the existing row followed by EXCLUDED's.
  /// 42P10 when no unique key matches the target, 42704 for an unknown
  /// constraint, 42703 for an unknown column.
  ConflictHandler(const ast::OnConflict& clause, const TableDef& table, const std::string& qualifier, ExecContext& ctx);

  enum class Outcome : std::uint8_t { kInsert, kSkipped, kUpdated };

  /// What becomes of `proposed` (its generated columns already computed): inserted by the caller, skipped, or folded
  /// into the existing row (left in `updated`). The row's NOT NULL and CHECK
  /// constraints are tested first, as PostgreSQL does. 21000 when DO UPDATE
  /// would change a row this statement already inserted or updated.
  Outcome handle(const Row& proposed, RowWriter& writer, Row& updated);

  /// Tells the handler about a row the statement inserted.
  void inserted(std::string key) { touched_.insert(std::move(key)); }

 private:
  const ast::OnConflict& clause_;
  const TableDef& table_;
  ExecContext& ctx_;
  std::vector<std::vector<int>> arbiters_;
  std::vector<std::pair<int, BoundExprPtr>> sets_;  ///< null: DEFAULT
  BoundExprPtr where_;
  ColumnDefaults defaults_;
  GeneratedColumns generated_;  ///< recomputed after DO UPDATE's SET, from the updated row
  /// Row-level security of the DO UPDATE path: the row it would update, and the row it makes.
  RowSecurityChecks existing_checks_;
  RowSecurityChecks updated_checks_;
  std::set<std::string> touched_;  ///< keys of rows this statement inserted or updated
};

}  // namespace heliosdb::engine

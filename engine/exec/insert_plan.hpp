#pragma once

// A plain INSERT ... VALUES of one row worked out once and run many times:
// PostgreSQL's generic plan of the INSERT a driver prepares and executes a
// row at a time. Resolving the table, checking privileges and row security,
// matching values to columns and binding its constants cost more than
// writing the row; the plan keeps their outcome while nothing they read has
// changed (the catalog as the transaction sees it, the session's settings and
// role). Parameters are converted to their columns' types on every run, as
// binding them would.

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <unordered_map>

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

struct InsertPlan;

/// A session's INSERT plans by statement id (ast::InsertStmt::id): the
/// newest few, so statements parsed once and run once do not pile up.
class InsertPlans {
 public:
  const InsertPlan* find(std::uint64_t id) const;
  const InsertPlan* keep(std::uint64_t id, std::shared_ptr<const InsertPlan> plan);

 private:
  static constexpr std::size_t kKept = 64;
  std::unordered_map<std::uint64_t, std::shared_ptr<const InsertPlan>> plans_;
  std::deque<std::uint64_t> order_;  ///< oldest first
};

/// Runs `insert` by its plan (made now if it has none, or none that still
/// holds). nullopt: the statement is not of the plain kind, or making its
/// plan failed; the general path then runs it and reports what failed.
std::optional<QueryResult> run_planned_insert(const ast::InsertStmt& insert, ExecContext& ctx);

}  // namespace heliosdb::engine

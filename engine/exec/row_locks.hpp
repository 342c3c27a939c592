#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "engine/ast/statement.hpp"
#include "engine/catalog/table_def.hpp"
#include "engine/exec/bound_expr.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/row_codec.hpp"
#include "storage/lock_table.hpp"

namespace heliosdb::engine {

/// What locking a row before changing it found.
struct LockedRow {
  enum class State : std::uint8_t {
    kAsRead,   ///< unchanged since the statement's snapshot
    kNewer,    ///< READ COMMITTED: changed by a transaction that committed since; `row` is its version
    kGone,     ///< READ COMMITTED: deleted by a transaction that committed since
    kSkipped,  ///< SKIP LOCKED: another transaction holds it
  };
  State state = State::kAsRead;
  Row row;
};

/// What a lock wait calls every few milliseconds: throws 57014 on a cancel
/// or statement_timeout, 55P03 once lock_timeout (from now) has passed.
std::function<void()> lock_wait_check(ExecContext& ctx);

/// The storage lock on `key` of `table` (waiting as lock_row does; 55P03,
/// 40P01 and 57014 as there), with what storage found, whatever the isolation.
storage::RowLockResult lock_key(ExecContext& ctx, const TableDef& table, const std::string& key, storage::LockMode mode,
                                storage::LockWaitPolicy policy);

/// Locks row `key` of `table` until the transaction ends, as UPDATE, DELETE
/// and SELECT ... FOR UPDATE/SHARE do (PostgreSQL docs, 13.3.2 "Row-Level
/// Locks"). Waits for a transaction holding a conflicting lock; cancel,
/// statement_timeout and lock_timeout end the wait (57014, 55P03), and so
/// does a deadlock (40P01). A row another transaction changed since the
/// snapshot fails with 40001 under snapshot isolation (REPEATABLE READ);
/// under READ COMMITTED the caller gets the newest version to recheck, as
/// PostgreSQL's EvalPlanQual does. NOWAIT fails with 55P03.
LockedRow lock_row(ExecContext& ctx, const TableDef& table, const std::string& key, storage::LockMode mode,
                   storage::LockWaitPolicy policy = storage::LockWaitPolicy::kWait);

/// A one-table statement's WHERE, bound on first use: READ COMMITTED
/// rechecks it against a row's newer version.
class WhereRecheck {
 public:
  /// `where` may be null (every row qualifies); it and `table` must outlive this.
  WhereRecheck(const TableDef& table, std::string qualifier, const ast::Expr* where, ExecContext& ctx)
      : table_(table), qualifier_(std::move(qualifier)), where_(where), ctx_(ctx) {}
  /// A newer version must also pass the row-level security policies the
  /// statement's scan applied (row_security_filters' `command`, `also_select`).
  void require_policies(char command, bool also_select) {
    policy_command_ = command;
    policy_reads_ = also_select;
  }
  bool passes(const Row& row);
  bool passes_policies(const Row& row);

 private:
  const TableDef& table_;
  std::string qualifier_;
  const ast::Expr* where_;
  ExecContext& ctx_;
  BoundExprPtr bound_;
  char policy_command_ = 0;  ///< 0: no policies
  bool policy_reads_ = false;
  std::optional<std::vector<BoundExprPtr>> policies_;  ///< bound when a newer version first needs them
};

/// What a statement does with a row it picked on its snapshot once locked.
enum class Picked : std::uint8_t {
  kAsRead,  ///< goes on with the row as read
  kNewer,   ///< goes on with its newer version (READ COMMITTED)
  kDrop,    ///< gone, skipped (SKIP LOCKED), or the newer version fails WHERE
};

/// Locks a row that a one-table statement picked (lock_row) and says whether
/// the statement goes on with it; with kNewer, `newer` holds the version.
Picked lock_picked_row(ExecContext& ctx, const TableDef& table, const std::string& key, storage::LockMode mode,
                       storage::LockWaitPolicy policy, WhereRecheck& recheck, Row& newer);

/// What SELECT ... FOR UPDATE/SHARE asks of the one table it reads.
struct RowLocking {
  storage::LockMode mode = storage::LockMode::kExclusive;
  storage::LockWaitPolicy policy = storage::LockWaitPolicy::kWait;
};

/// Checks the locking clauses of `s` where PostgreSQL does (0A000 with set
/// operations, DISTINCT, GROUP BY, HAVING, aggregates and VALUES; 42P01 for
/// an OF name not in FROM) and says what to lock: nothing if no clause
/// covers the table. `grouped`: the query groups or aggregates. Locking rows
/// of a join, a subquery or a view is 0A000 for now.
std::optional<RowLocking> row_locking_of(const ast::SelectStmt& s, bool grouped);

/// "FOR UPDATE", "FOR SHARE", ...: a locking clause as errors name it.
std::string locking_clause_name(ast::LockingClause::Strength strength);

}  // namespace heliosdb::engine

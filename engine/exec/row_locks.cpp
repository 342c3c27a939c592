#include "engine/exec/row_locks.hpp"

#include <chrono>
#include <optional>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/row_codec.hpp"
#include "engine/exec/row_security.hpp"
#include "engine/session/settings.hpp"
#include "storage/storage_error.hpp"

namespace heliosdb::engine {

std::function<void()> lock_wait_check(ExecContext& ctx) {
  std::optional<std::chrono::steady_clock::time_point> lock_deadline;
  if (ctx.settings != nullptr) {
    std::chrono::milliseconds timeout = ctx.settings->lock_timeout();
    if (timeout.count() > 0) lock_deadline = std::chrono::steady_clock::now() + timeout;
  }
  return [&ctx, lock_deadline] {
    if (ctx.interrupts != nullptr) ctx.interrupts->check_now();
    if (lock_deadline && std::chrono::steady_clock::now() > *lock_deadline) {
      throw DbError(sqlstate::kLockNotAvailable, "canceling statement due to lock timeout");
    }
  };
}

storage::RowLockResult lock_key(ExecContext& ctx, const TableDef& table, const std::string& key, storage::LockMode mode,
                                storage::LockWaitPolicy policy) {
  try {
    return ctx.txn.lock_row(key, mode, policy, lock_wait_check(ctx));
  } catch (const storage::StorageError& e) {
    if (e.code() == storage::StorageErrc::kLockNotAvailable) {
      throw DbError(sqlstate::kLockNotAvailable, "could not obtain lock on row in relation \"" + table.name + "\"");
    }
    if (e.code() == storage::StorageErrc::kDeadlock) {
      throw DbError(sqlstate::kTRDeadlockDetected, "deadlock detected")
          .with_detail(e.what())
          .with_hint("See server log for query details.");
    }
    throw;
  }
}

LockedRow lock_row(ExecContext& ctx, const TableDef& table, const std::string& key, storage::LockMode mode,
                   storage::LockWaitPolicy policy) {
  const storage::RowLockResult found = lock_key(ctx, table, key, mode, policy);
  LockedRow out;
  if (found.skipped) {
    out.state = LockedRow::State::kSkipped;
    return out;
  }
  if (!found.changed) return out;
  if (!ctx.read_committed) {
    throw DbError(sqlstate::kTRSerializationFailure, found.latest
                                                         ? "could not serialize access due to concurrent update"
                                                         : "could not serialize access due to concurrent delete");
  }
  if (!found.latest) {
    out.state = LockedRow::State::kGone;
    return out;
  }
  out.state = LockedRow::State::kNewer;
  out.row = decode_row(table, *found.latest);
  return out;
}

bool WhereRecheck::passes_policies(const Row& row) {
  if (policy_command_ == 0) return true;
  if (!policies_) policies_ = row_security_filters(ctx_, table_, policy_command_, policy_reads_);
  return passes_row_security(*policies_, row);
}

bool WhereRecheck::passes(const Row& row) {
  if (!passes_policies(row)) return false;
  if (where_ == nullptr) return true;
  if (!bound_) bound_ = Binder(table_scope(table_, qualifier_), "WHERE", ctx_).bind_condition(*where_);
  Value ok = evaluate(*bound_, row);
  return !ok.is_null() && ok.as_bool();
}

Picked lock_picked_row(ExecContext& ctx, const TableDef& table, const std::string& key, storage::LockMode mode,
                       storage::LockWaitPolicy policy, WhereRecheck& recheck, Row& newer) {
  LockedRow locked = lock_row(ctx, table, key, mode, policy);
  switch (locked.state) {
    case LockedRow::State::kAsRead:
      return Picked::kAsRead;
    case LockedRow::State::kGone:
    case LockedRow::State::kSkipped:
      return Picked::kDrop;
    case LockedRow::State::kNewer:
      if (!recheck.passes(locked.row)) return Picked::kDrop;
      newer = std::move(locked.row);
      return Picked::kNewer;
  }
  return Picked::kDrop;
}

std::string locking_clause_name(ast::LockingClause::Strength strength) {
  switch (strength) {
    case ast::LockingClause::Strength::kKeyShare:
      return "FOR KEY SHARE";
    case ast::LockingClause::Strength::kShare:
      return "FOR SHARE";
    case ast::LockingClause::Strength::kNoKeyUpdate:
      return "FOR NO KEY UPDATE";
    case ast::LockingClause::Strength::kUpdate:
      return "FOR UPDATE";
  }
  return "FOR UPDATE";
}

std::optional<RowLocking> row_locking_of(const ast::SelectStmt& s, bool grouped) {
  if (s.locking.empty()) return std::nullopt;
  const std::string clause = locking_clause_name(s.locking.front().strength);
  auto refuse = [&](const std::string& what) {
    throw DbError(sqlstate::kFeatureNotSupported, clause + " is not allowed with " + what);
  };
  if (s.set_op != ast::SelectStmt::SetOp::kNone) refuse("UNION/INTERSECT/EXCEPT");
  if (!s.values.empty()) throw DbError(sqlstate::kFeatureNotSupported, clause + " cannot be applied to VALUES");
  if (s.distinct) refuse("DISTINCT clause");
  if (!s.group_by.empty()) refuse("GROUP BY clause");
  if (s.having) refuse("HAVING clause");
  if (grouped) refuse("aggregate functions");

  const ast::RangeVar* table = nullptr;
  if (s.from.size() == 1) table = std::get_if<ast::RangeVar>(&s.from[0]->node);
  std::optional<RowLocking> out;
  for (const ast::LockingClause& c : s.locking) {
    if (!s.from.empty() && table == nullptr) {
      throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: " + locking_clause_name(c.strength) +
                                                        " on a join, a subquery or several tables");
    }
    for (const ast::RangeVar& rel : c.relations) {
      if (table == nullptr || rel.name != (table->alias.empty() ? table->name : table->alias)) {
        throw at(
            DbError(sqlstate::kUndefinedTable, "relation \"" + rel.name + "\" in " + locking_clause_name(c.strength) +
                                                   " clause not found in FROM clause"),
            rel.location);
      }
    }
    if (table == nullptr) continue;  // no FROM: nothing to lock
    RowLocking mine;
    mine.mode =
        c.strength == ast::LockingClause::Strength::kKeyShare || c.strength == ast::LockingClause::Strength::kShare
            ? storage::LockMode::kShare
            : storage::LockMode::kExclusive;
    mine.policy = c.wait == ast::LockingClause::Wait::kNoWait       ? storage::LockWaitPolicy::kNoWait
                  : c.wait == ast::LockingClause::Wait::kSkipLocked ? storage::LockWaitPolicy::kSkipLocked
                                                                    : storage::LockWaitPolicy::kWait;
    // Several clauses on one table: the strongest lock, the least patient wait (PostgreSQL's applyLockingClause).
    if (!out) {
      out = mine;
    } else {
      out->mode = std::max(out->mode, mine.mode);
      out->policy = std::max(out->policy, mine.policy);
    }
  }
  return out;
}

}  // namespace heliosdb::engine

// INSERT, UPDATE and DELETE with RETURNING; rows are written through RowWriter.
#include <optional>
#include <set>

#include "engine/common/db_error.hpp"
#include "engine/exec/assignment.hpp"
#include "engine/exec/column_defaults.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/generated_columns.hpp"
#include "engine/exec/plan_executor.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/row_locks.hpp"
#include "engine/exec/row_writer.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/upsert.hpp"
#include "engine/exec/with_queries.hpp"
#include "engine/parser/parser.hpp"
#include "engine/plan/planner.hpp"

namespace heliosdb::engine {

namespace {

QueryResult returning_result(const Projection* projection) {
  QueryResult result;
  if (projection != nullptr) {
    result.returns_rows = true;
    result.columns = projection->columns;
  }
  return result;
}

std::unique_ptr<Projection> bind_returning(const std::vector<ast::ResultTarget>& targets,
                                           std::vector<ScopeColumn> scope, ExecContext& ctx) {
  if (targets.empty()) return nullptr;
  Binder binder(std::move(scope), "RETURNING", ctx);
  return std::make_unique<Projection>(bind_projection(targets, binder, false));
}

// The table an UPDATE or DELETE changes, and the rows its WHERE picks: read
// in full first, so rows the statement writes are not seen again.
struct Targets {
  TableDef table;
  std::string qualifier;
  std::vector<KeyedRow> rows;
  /// What SET, RETURNING and WHERE see: the target's columns, then for
  /// UPDATE ... FROM and DELETE ... USING its hidden key and the other tables'.
  std::vector<ScopeColumn> scope;
  std::vector<Row> joined;  ///< UPDATE ... FROM, DELETE ... USING: each target row's joined row, parallel to rows
};

// The row SET and RETURNING read for target `i`, with its columns as `row` has them.
Row context_row(const Targets& t, std::size_t i, const Row& row) {
  if (t.joined.empty()) return row;
  Row out = t.joined[i];
  std::copy(row.begin(), row.end(), out.begin());
  return out;
}

Targets find_targets(const ast::RangeVar& range, const std::vector<ast::TableRefPtr>& others, const ast::Expr* where,
                     ExecContext& ctx) {
  Targets t;
  t.table = *ctx.require_table(range.schema, range.name, range.location);
  t.qualifier = range.alias.empty() ? range.name : range.alias;
  // The target is the first table of the FROM list, the others after it.
  ast::RangeVar target_range = range;
  target_range.table_only = true;
  target_range.with_row_key = !others.empty();
  const ast::TableRef target{std::move(target_range)};
  std::vector<const ast::TableRef*> from{&target};
  for (const ast::TableRefPtr& item : others) from.push_back(item.get());
  PlanNodePtr plan = plan_from_where(from, where, ctx);
  t.scope = plan->scope;
  if (ctx.describe_only) return t;
  if (others.empty()) {
    t.rows = scan_with_keys(*plan, ctx);
    return t;
  }
  // Each target row changes once, with the first joined row that picks it.
  const std::size_t width = t.table.columns.size();
  std::set<std::string> seen;
  for (Row& row : execute_plan(*plan, ctx).rows) {
    std::string key = row[width].as_string();
    if (!seen.insert(key).second) continue;
    t.rows.emplace_back(std::move(key), Row(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(width)));
    t.joined.push_back(std::move(row));
  }
  return t;
}

// Locks each target row before it changes; rows another transaction
// changed meanwhile go on in their newest version or drop out (lock_picked_row).
void lock_targets(Targets& t, const ast::Expr* where, ExecContext& ctx) {
  WhereRecheck recheck(t.table, t.qualifier, where, ctx);
  BoundExprPtr joined_where;  // for a join, WHERE is rechecked over the joined row
  std::vector<KeyedRow> kept;
  std::vector<Row> kept_joined;
  kept.reserve(t.rows.size());
  Row newer;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    KeyedRow& target = t.rows[i];
    Picked picked;
    if (t.joined.empty()) {
      picked = lock_picked_row(ctx, t.table, target.first, storage::LockMode::kExclusive,
                               storage::LockWaitPolicy::kWait, recheck, newer);
    } else {
      LockedRow locked =
          lock_row(ctx, t.table, target.first, storage::LockMode::kExclusive, storage::LockWaitPolicy::kWait);
      picked = locked.state == LockedRow::State::kAsRead  ? Picked::kAsRead
               : locked.state == LockedRow::State::kNewer ? Picked::kNewer
                                                          : Picked::kDrop;
      if (picked == Picked::kNewer) {
        std::copy(locked.row.begin(), locked.row.end(), t.joined[i].begin());
        if (where != nullptr) {
          if (!joined_where) joined_where = Binder(t.scope, "WHERE", ctx).bind_condition(*where);
          Value ok = evaluate(*joined_where, t.joined[i]);
          if (ok.is_null() || !ok.as_bool()) picked = Picked::kDrop;
        }
        newer = std::move(locked.row);
      }
    }
    switch (picked) {
      case Picked::kAsRead:
        kept.push_back(std::move(target));
        break;
      case Picked::kNewer:
        kept.emplace_back(std::move(target.first), std::move(newer));
        break;
      case Picked::kDrop:
        continue;
    }
    if (!t.joined.empty()) kept_joined.push_back(std::move(t.joined[i]));
  }
  t.rows = std::move(kept);
  t.joined = std::move(kept_joined);
}

}  // namespace

QueryResult run_insert(const ast::InsertStmt& insert, ExecContext& ctx) {
  WithScope with(insert.with, ctx);
  const std::shared_ptr<const TableDef> table_def =
      ctx.require_table(insert.table.schema, insert.table.name, insert.table.location);
  const TableDef& table = *table_def;
  std::string qualifier = insert.table.alias.empty() ? insert.table.name : insert.table.alias;

  std::vector<int> targets = target_columns(table, insert.columns);

  // The scope is built only for a RETURNING list: most INSERTs have none.
  auto returning =
      insert.returning.empty() ? nullptr : bind_returning(insert.returning, table_scope(table, qualifier), ctx);
  QueryResult result = returning_result(returning.get());

  RowWriter writer(ctx);
  std::optional<ConflictHandler> conflicts;
  if (insert.on_conflict) conflicts.emplace(*insert.on_conflict, table, qualifier, ctx);
  const GeneratedColumns generated(table);
  auto store_row = [&](Row row) {
    generated.compute(row);  // before ON CONFLICT looks for the row: an arbiter may be a generated column
    if (conflicts) {
      Row updated;
      switch (conflicts->handle(row, writer, updated)) {
        case ConflictHandler::Outcome::kSkipped:
          return;
        case ConflictHandler::Outcome::kUpdated:
          row = std::move(updated);
          break;
        case ConflictHandler::Outcome::kInsert:
          conflicts->inserted(writer.insert(table, row));
          break;
      }
    } else {
      writer.insert(table, row);
    }
    if (returning) result.rows.push_back(returning->evaluate(row));
    ++result.rows_affected;
  };
  ColumnDefaults defaults(table, ctx);
  // Defaults only for the columns not given: a nextval() default must not
  // run for a row that brings its own id.
  auto fresh_row = [&](const std::vector<bool>& given) {
    Row row(table.columns.size());
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (!given[c]) row[c] = defaults(c);
    }
    return row;
  };
  bool plain_values = insert.source != nullptr && !insert.source->values.empty() && insert.source->order_by.empty() &&
                      !insert.source->limit && !insert.source->offset;
  std::optional<QueryResult> source;
  if (insert.source != nullptr && !plain_values) source = run_select(*insert.source, ctx);
  // Described: the values are bound (so their parameters get the columns'
  // types) but no default is evaluated and no row made.
  const bool describing = ctx.describe_only;
  if (insert.columns.empty() && insert.source != nullptr) {
    // Without a column list the values fill the leading columns; the rest get defaults.
    std::size_t width = plain_values ? insert.source->values[0].size() : source->columns.size();
    if (width > targets.size()) {
      throw DbError(sqlstate::kSyntaxError, "INSERT has more expressions than target columns");
    }
    targets.resize(width);
  }
  std::vector<bool> targeted(table.columns.size(), false);
  for (int t : targets) targeted[static_cast<std::size_t>(t)] = true;
  // Identity columns: OVERRIDING USER VALUE drops the values given for them;
  // a GENERATED ALWAYS one takes none unless OVERRIDING SYSTEM VALUE.
  std::vector<bool> overridden(table.columns.size(), false);
  const ColumnDef* always = nullptr;
  const ColumnDef* generated_target = nullptr;  // takes DEFAULT only, whatever OVERRIDING says
  for (int t : targets) {
    const ColumnDef& column = table.columns[static_cast<std::size_t>(t)];
    if (column.is_generated() && generated_target == nullptr) generated_target = &column;
    if (column.identity == 0) continue;
    if (insert.overriding == ast::InsertStmt::Overriding::kUserValue) {
      overridden[static_cast<std::size_t>(t)] = true;
      targeted[static_cast<std::size_t>(t)] = false;
    } else if (column.identity == 'a' && insert.overriding != ast::InsertStmt::Overriding::kSystemValue) {
      always = &column;
    }
  }
  auto refuse_always = [&](const ColumnDef& column) {
    throw DbError(sqlstate::kGeneratedAlways, "cannot insert a non-DEFAULT value into column \"" + column.name + "\"")
        .with_detail("Column \"" + column.name + "\" is an identity column defined as GENERATED ALWAYS.")
        .with_hint("Use OVERRIDING SYSTEM VALUE to override.");
  };

  if (insert.source == nullptr) {
    if (!describing) store_row(fresh_row(std::vector<bool>(table.columns.size(), false)));  // DEFAULT VALUES
  } else if (plain_values) {
    Binder binder({}, "VALUES", ctx);
    // Every row is looked at before any default draws from a sequence.
    for (const auto& list : insert.source->values) {
      for (std::size_t i = 0;
           (always != nullptr || generated_target != nullptr) && i < list.size() && i < targets.size(); ++i) {
        const ColumnDef& column = table.columns[static_cast<std::size_t>(targets[i])];
        if (std::holds_alternative<ast::DefaultMarker>(list[i]->node)) continue;
        if (column.is_generated()) refuse_generated_insert(column);
        if (column.identity == 'a' && always != nullptr) refuse_always(column);
      }
    }
    for (const auto& list : insert.source->values) {
      if (list.size() != insert.source->values[0].size()) {
        throw DbError(sqlstate::kSyntaxError, "VALUES lists must all be the same length");
      }
      if (list.size() > targets.size()) {
        throw DbError(sqlstate::kSyntaxError, "INSERT has more expressions than target columns");
      }
      if (list.size() < targets.size()) {
        throw DbError(sqlstate::kSyntaxError, "INSERT has more target columns than expressions");
      }
      std::vector<bool> given = targeted;
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (std::holds_alternative<ast::DefaultMarker>(list[i]->node))
          given[static_cast<std::size_t>(targets[i])] = false;
      }
      Row row = describing ? Row(table.columns.size()) : fresh_row(given);
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (std::holds_alternative<ast::DefaultMarker>(list[i]->node)) continue;
        const ColumnDef& column = table.columns[static_cast<std::size_t>(targets[i])];
        if (overridden[static_cast<std::size_t>(targets[i])]) continue;
        BoundExprPtr e = assign_to(binder.bind(*list[i]), column, list[i]->location);
        if (!describing) row[static_cast<std::size_t>(targets[i])] = evaluate(*e, {});
      }
      if (!describing) store_row(std::move(row));
    }
  } else {
    if (source->columns.size() > targets.size()) {
      throw DbError(sqlstate::kSyntaxError, "INSERT has more expressions than target columns");
    }
    if (source->columns.size() < targets.size()) {
      throw DbError(sqlstate::kSyntaxError, "INSERT has more target columns than expressions");
    }
    if (generated_target != nullptr) refuse_generated_insert(*generated_target);
    if (always != nullptr) refuse_always(*always);
    std::vector<BoundExprPtr> converts;
    for (std::size_t i = 0; i < targets.size(); ++i) {
      converts.push_back(assign_to(make_column(static_cast<int>(i), source->columns[i].type),
                                   table.columns[static_cast<std::size_t>(targets[i])], -1));
    }
    for (const Row& in : source->rows) {
      Row row = fresh_row(targeted);
      for (std::size_t i = 0; i < targets.size(); ++i) {
        if (!overridden[static_cast<std::size_t>(targets[i])]) {
          row[static_cast<std::size_t>(targets[i])] = evaluate(*converts[i], in);
        }
      }
      store_row(std::move(row));
    }
  }
  writer.finish();
  result.command_tag = "INSERT 0 " + std::to_string(result.rows_affected);
  return result;
}

QueryResult run_update(const ast::UpdateStmt& update, ExecContext& ctx) {
  WithScope with(update.with, ctx);
  Targets targets = find_targets(update.table, update.from, update.where.get(), ctx);
  lock_targets(targets, update.where.get(), ctx);
  const TableDef& table = targets.table;
  Binder binder(targets.scope, "UPDATE", ctx);

  const auto sets = bind_set_list(update.set, table, binder);  // null expression: DEFAULT
  ColumnDefaults defaults(table, ctx);
  const GeneratedColumns generated(table);
  auto returning = bind_returning(update.returning, targets.scope, ctx);
  QueryResult result = returning_result(returning.get());
  RowWriter writer(ctx);
  for (std::size_t i = 0; i < targets.rows.size(); ++i) {
    const auto& [key, old_row] = targets.rows[i];
    const Row before = context_row(targets, i, old_row);
    Row row = old_row;
    for (const auto& [index, e] : sets) {
      row[static_cast<std::size_t>(index)] = e ? evaluate(*e, before) : defaults(static_cast<std::size_t>(index));
    }
    generated.compute(row);
    writer.update(table, key, old_row, row);
    if (returning) result.rows.push_back(returning->evaluate(context_row(targets, i, row)));
    ++result.rows_affected;
  }
  writer.finish();
  result.command_tag = "UPDATE " + std::to_string(result.rows_affected);
  return result;
}

QueryResult run_delete(const ast::DeleteStmt& del, ExecContext& ctx) {
  WithScope with(del.with, ctx);
  Targets targets = find_targets(del.table, del.using_tables, del.where.get(), ctx);
  lock_targets(targets, del.where.get(), ctx);
  auto returning = bind_returning(del.returning, targets.scope, ctx);
  QueryResult result = returning_result(returning.get());
  RowWriter writer(ctx);
  for (std::size_t i = 0; i < targets.rows.size(); ++i) {
    const auto& [key, row] = targets.rows[i];
    writer.remove(targets.table, key, row);
    if (returning) result.rows.push_back(returning->evaluate(context_row(targets, i, row)));
  }
  writer.finish();
  result.rows_affected = targets.rows.size();
  result.command_tag = "DELETE " + std::to_string(result.rows_affected);
  return result;
}

}  // namespace heliosdb::engine

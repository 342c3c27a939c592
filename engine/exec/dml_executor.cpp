// INSERT, UPDATE and DELETE with RETURNING; rows are written through RowWriter.
#include <algorithm>
#include <optional>
#include <set>

#include "engine/ast/expr_walk.hpp"
#include "engine/common/db_error.hpp"
#include "engine/exec/assignment.hpp"
#include "engine/exec/column_defaults.hpp"
#include "engine/exec/column_privileges.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/generated_columns.hpp"
#include "engine/exec/insert_plan.hpp"
#include "engine/exec/materialized_views.hpp"
#include "engine/exec/plan_executor.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/returning.hpp"
#include "engine/exec/row_locks.hpp"
#include "engine/exec/row_security.hpp"
#include "engine/exec/row_writer.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/upsert.hpp"
#include "engine/exec/view_target.hpp"
#include "engine/exec/with_queries.hpp"
#include "engine/parser/parser.hpp"
#include "engine/plan/planner.hpp"

namespace heliosdb::engine {

namespace {

// Whether `e` names a column (outside its subqueries).
bool reads_a_column(const ast::Expr& e) {
  if (std::holds_alternative<ast::ColumnRef>(e.node)) return true;
  bool found = false;
  ast::for_each_child(e, [&](const ast::Expr& child) { found = found || reads_a_column(child); });
  return found;
}

// What a statement changes: a table, or a view and the table under it.
struct ChangedRelation {
  std::shared_ptr<const TableDef> table;
  std::unique_ptr<ViewTarget> view;  ///< null when the statement names the table
};

// A table's SELECT is checked per column as the statement names them (its
// scopes are guarded), INSERT and UPDATE per column once the statement's
// columns are known (require_column_privileges); here, that the actor
// holds the privilege on the table or on one of its columns at least.
ChangedRelation changed_relation(const ast::RangeVar& range, ViewTarget::Action action, ExecContext& ctx) {
  // Tables first: the common case pays for no view lookup.
  if (auto table = ctx.catalog.table(relation_schema(ctx, range.schema, range.name), range.name)) {
    if (action == ViewTarget::Action::kDelete) {
      require_table_privileges(ctx, *table, privilege::kDelete);
    } else {
      require_column_privileges(ctx, *table,
                                action == ViewTarget::Action::kInsert ? privilege::kInsert : privilege::kUpdate, {});
    }
    refuse_matview_change(*table);
    return {std::move(table), nullptr};
  }
  if (auto view = ViewTarget::find(range, action, ctx)) return {view->table_ptr(), std::move(view)};
  return {ctx.require_table(range.schema, range.name, range.location), nullptr};  // throws
}

// The table an UPDATE or DELETE changes, and the rows its WHERE picks: read
// in full first, so rows the statement writes are not seen again.
struct Targets {
  TableDef table;
  std::string qualifier;
  std::vector<KeyedRow> rows;
  /// What SET, RETURNING and WHERE see: the target's columns, then for
  /// UPDATE ... FROM and DELETE ... USING its hidden key and the other tables'.
  /// Through a view: the view's columns.
  std::vector<ScopeColumn> scope;
  std::vector<Row> joined;  ///< UPDATE ... FROM, DELETE ... USING: each target row's joined row, parallel to rows
  const ViewTarget* view = nullptr;
  BoundExprPtr view_where;  ///< through a view: the statement's WHERE over the view's row
};

// The row SET and RETURNING read for target `i`, with its columns as `row` has them.
Row context_row(const Targets& t, std::size_t i, const Row& row) {
  if (t.view != nullptr) return t.view->view_row(row);
  if (t.joined.empty()) return row;
  Row out = t.joined[i];
  std::copy(row.begin(), row.end(), out.begin());
  return out;
}

// Through a view: whether the view shows a table row and the statement's WHERE picks it.
bool view_picks(const Targets& t, const Row& row) {
  if (!t.view->shows(row)) return false;
  if (!t.view_where) return true;
  const Value ok = evaluate(*t.view_where, t.view->view_row(row));
  return !ok.is_null() && ok.as_bool();
}

// Through a view, the table's rows the views' scan picks are read as the views show them.
Targets find_view_targets(const ViewTarget& view, const std::vector<ast::TableRefPtr>& others, const ast::Expr* where,
                          const char* statement, ExecContext& ctx) {
  if (!others.empty()) {
    throw DbError(sqlstate::kFeatureNotSupported,
                  std::string("not supported yet: ") + statement + " on a view joined to other tables");
  }
  Targets t;
  t.view = &view;
  t.table = view.table();
  t.qualifier = view.table_range().alias.empty() ? view.table_range().name : view.table_range().alias;
  t.scope = view.scope();
  if (where != nullptr) t.view_where = Binder(t.scope, "WHERE", ctx).bind_condition(*where);
  PlanNodePtr plan = view.plan_scan(t.view_where.get(), ctx);
  if (ctx.describe_only) return t;
  for (KeyedRow& row : scan_with_keys(*plan, ctx)) {
    if (view_picks(t, row.second)) t.rows.push_back(std::move(row));
  }
  return t;
}

Targets find_targets(const TableDef& table, const ast::RangeVar& range, const std::vector<ast::TableRefPtr>& others,
                     const ast::Expr* where, ExecContext& ctx) {
  Targets t;
  t.table = table;
  t.qualifier = range.alias.empty() ? range.name : range.alias;
  // The target is the first table of the FROM list, the others after it.
  ast::RangeVar target_range = range;
  target_range.table_only = true;
  target_range.with_row_key = !others.empty();
  target_range.privileges_checked = true;
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
void lock_targets(Targets& t, const ast::RangeVar& range, const ast::Expr* where, ExecContext& ctx) {
  // Through a view every row is checked again below, once locked.
  WhereRecheck recheck(t.table, t.qualifier, t.view != nullptr ? nullptr : where, ctx);
  if (t.view == nullptr) recheck.require_policies(range.policy_command, range.policy_reads);
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
        if (!recheck.passes_policies(locked.row)) picked = Picked::kDrop;
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
  if (t.view != nullptr) {
    // A newer version of a row may have left the view or no longer match WHERE.
    std::erase_if(t.rows, [&](const KeyedRow& row) { return !view_picks(t, row.second); });
  }
}

// The targets of an UPDATE or DELETE naming `range`, locked.
Targets locked_targets(const ChangedRelation& changed, const ast::RangeVar& range,
                       const std::vector<ast::TableRefPtr>& others, const ast::Expr* where, const char* statement,
                       ExecContext& ctx) {
  Targets t = changed.view ? find_view_targets(*changed.view, others, where, statement, ctx)
                           : find_targets(*changed.table, range, others, where, ctx);
  lock_targets(t, range, where, ctx);
  return t;
}

// An UPDATE's or DELETE's target, read under the policies of `command`
// (and SELECT's when the statement `reads` its rows).
ast::RangeVar policy_target(const ast::RangeVar& range, char command, bool reads) {
  ast::RangeVar target = range;
  target.policy_command = command;
  target.policy_reads = reads;
  return target;
}

// INSERT or UPDATE through a view: the view's column `index` (as the column
// list or SET list named it) becomes the table column it shows.
void to_table_columns(const ViewTarget& view, std::vector<int>& columns, const char* verb) {
  std::set<int> seen;
  for (int& c : columns) {
    c = view.table_column(static_cast<std::size_t>(c), verb);
    if (!seen.insert(c).second) {
      throw DbError(sqlstate::kSyntaxError, "multiple assignments to same column \"" +
                                                view.table().columns[static_cast<std::size_t>(c)].name + "\"");
    }
  }
}

}  // namespace

QueryResult run_insert(const ast::InsertStmt& insert, ExecContext& ctx) {
  if (std::optional<QueryResult> planned = run_planned_insert(insert, ctx)) return std::move(*planned);
  WithScope with(insert.with, ctx);
  const ChangedRelation changed = changed_relation(insert.table, ViewTarget::Action::kInsert, ctx);
  const TableDef& table = *changed.table;
  const ViewTarget* view = changed.view.get();
  std::string qualifier = insert.table.alias.empty() ? insert.table.name : insert.table.alias;
  if (view != nullptr && insert.on_conflict) {
    throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: INSERT ... ON CONFLICT on a view");
  }

  // Through a view these are the view's columns until the list is complete.
  std::vector<int> targets = target_columns(view != nullptr ? view->as_table() : table, insert.columns);

  // The scope is built only for a RETURNING list: most INSERTs have none.
  auto returning = insert.returning.empty()
                       ? nullptr
                       : bind_returning(insert.returning,
                                        view != nullptr ? view->scope() : readable_scope(ctx, table, qualifier), ctx);
  QueryResult result = returning_result(returning.get());

  // Through a view, the table's policies are its owner's (view_target.hpp refuses the case).
  const RowSecurityChecks policies = view != nullptr
                                         ? RowSecurityChecks{}
                                         : RowSecurityChecks::for_new_row(ctx, table, 'a', !insert.returning.empty());
  RowWriter writer(ctx);
  std::optional<ConflictHandler> conflicts;
  if (insert.on_conflict) conflicts.emplace(*insert.on_conflict, table, qualifier, ctx);
  const GeneratedColumns generated(table);
  auto store_row = [&](Row row) {
    generated.compute(row);  // before ON CONFLICT looks for the row: an arbiter may be a generated column
    policies.check(row);     // the proposed row, whether it is inserted or not (PostgreSQL's order)
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
    if (view != nullptr) view->check_new_row(row);
    if (returning) result.rows.push_back(returning->evaluate(view != nullptr ? view->view_row(row) : row));
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
  if (view != nullptr) {
    to_table_columns(*view, targets, "insert into");
  } else {
    require_column_privileges(ctx, table, privilege::kInsert, insert.source == nullptr ? std::vector<int>{} : targets);
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
  // SET n = n + 1 reads the row too, as WHERE and RETURNING do: SELECT's privilege and policies hold.
  const bool reads = update.where || !update.returning.empty() || !update.from.empty() ||
                     std::any_of(update.set.begin(), update.set.end(),
                                 [](const ast::SetClause& set) { return set.value && reads_a_column(*set.value); });
  const ChangedRelation changed = changed_relation(update.table, ViewTarget::Action::kUpdate, ctx);
  Targets targets = locked_targets(changed, policy_target(update.table, 'w', reads), update.from, update.where.get(),
                                   "UPDATE ... FROM", ctx);
  const TableDef& table = targets.table;
  Binder binder(targets.scope, "UPDATE", ctx);

  // null expression: DEFAULT
  auto sets = bind_set_list(update.set, changed.view ? changed.view->as_table() : table, binder);
  if (!changed.view) require_column_privileges(ctx, table, privilege::kUpdate, set_columns(sets));
  if (changed.view) {
    std::vector<int> columns;
    for (const auto& set : sets) columns.push_back(set.first);
    to_table_columns(*changed.view, columns, "update");
    for (std::size_t i = 0; i < sets.size(); ++i) {
      sets[i].first = columns[i];
      // A view's column has no default of its own: SET ... = DEFAULT through it is NULL, as in PostgreSQL.
      if (!sets[i].second) {
        sets[i].second = make_constant(Value::null(table.columns[static_cast<std::size_t>(columns[i])].type.id));
      }
    }
  }
  ColumnDefaults defaults(table, ctx);
  const GeneratedColumns generated(table);
  const RowSecurityChecks policies =
      changed.view ? RowSecurityChecks{} : RowSecurityChecks::for_new_row(ctx, table, 'w', reads);
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
    policies.check(row);
    writer.update(table, key, old_row, row);
    if (changed.view) changed.view->check_new_row(row);
    if (returning) result.rows.push_back(returning->evaluate(context_row(targets, i, row)));
    ++result.rows_affected;
  }
  writer.finish();
  result.command_tag = "UPDATE " + std::to_string(result.rows_affected);
  return result;
}

QueryResult run_delete(const ast::DeleteStmt& del, ExecContext& ctx) {
  WithScope with(del.with, ctx);
  const bool reads = del.where || !del.returning.empty() || !del.using_tables.empty();
  const ChangedRelation changed = changed_relation(del.table, ViewTarget::Action::kDelete, ctx);
  Targets targets = locked_targets(changed, policy_target(del.table, 'd', reads), del.using_tables, del.where.get(),
                                   "DELETE ... USING", ctx);
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

#include "engine/exec/upsert.hpp"

#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/exec/assignment.hpp"
#include "engine/exec/column_privileges.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/index_access.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/row_locks.hpp"

namespace heliosdb::engine {

namespace {

std::vector<int> sorted(std::vector<int> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<std::vector<int>> find_arbiters(const ast::OnConflict& c, const TableDef& table) {
  if (!c.constraint.empty()) {
    if (!table.primary_key.empty() && c.constraint == table.primary_key_name) return {table.primary_key};
    for (const IndexDef& index : table.indexes) {
      if (index.unique && index.constraint && index.plain() && index.name == c.constraint) return {index.columns};
    }
    throw at(DbError(sqlstate::kUndefinedObject,
                     "constraint \"" + c.constraint + "\" for table \"" + table.name + "\" does not exist"),
             c.location);
  }
  if (!c.columns.empty()) {
    std::vector<int> wanted;
    for (const std::string& name : c.columns) {
      const int index = table.column_index(name);
      if (index < 0)
        throw at(DbError(sqlstate::kUndefinedColumn, "column \"" + name + "\" does not exist"), c.location);
      wanted.push_back(index);
    }
    wanted = sorted(wanted);
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    if (!table.primary_key.empty() && sorted(table.primary_key) == wanted) return {table.primary_key};
    for (const IndexDef& index : table.indexes) {
      if (index.unique && index.plain() && sorted(index.columns) == wanted) return {index.columns};
    }
    throw at(DbError(sqlstate::kInvalidColumnReference,
                     "there is no unique or exclusion constraint matching the ON CONFLICT specification"),
             c.location);
  }
  // DO NOTHING without a target: a conflict on any unique key. (One on a
  // unique index over expressions or of some rows is not looked for: the
  // insert then fails with 23505 rather than skip.)
  std::vector<std::vector<int>> all;
  if (!table.primary_key.empty()) all.push_back(table.primary_key);
  for (const IndexDef& index : table.indexes) {
    if (index.unique && index.plain()) all.push_back(index.columns);
  }
  return all;
}

}  // namespace

ConflictHandler::ConflictHandler(const ast::OnConflict& clause, const TableDef& table, const std::string& qualifier,
                                 ExecContext& ctx)
    : clause_(clause),
      table_(table),
      ctx_(ctx),
      arbiters_(find_arbiters(clause, table)),
      defaults_(table, ctx),
      generated_(table) {
  // The arbiter a statement names is read (SELECT on its columns); DO NOTHING alone reads none.
  if (!clause.columns.empty() || !clause.constraint.empty()) {
    for (const std::vector<int>& columns : arbiters_)
      require_column_privileges(ctx, table, privilege::kSelect, columns);
  }
  if (!clause.update) return;
  // The arbiter's columns are read, so SELECT's policies hold as well.
  existing_checks_ = RowSecurityChecks::for_conflicting_row(ctx, table, true);
  updated_checks_ = RowSecurityChecks::for_new_row(ctx, table, 'w', true);
  std::vector<ScopeColumn> scope = readable_scope(ctx, table, qualifier);
  for (ScopeColumn& c : readable_scope(ctx, table, "excluded")) scope.push_back(std::move(c));
  Binder binder(scope, "UPDATE", ctx);
  sets_ = bind_set_list(clause.set, table, binder);
  require_column_privileges(ctx, table, privilege::kUpdate, set_columns(sets_));
  if (clause.where) {
    Binder where_binder(scope, "WHERE", ctx);
    where_ = where_binder.bind_condition(*clause.where);
  }
}

ConflictHandler::Outcome ConflictHandler::handle(const Row& proposed, RowWriter& writer, Row& updated) {
  writer.check_row(table_, proposed);
  for (const std::vector<int>& columns : arbiters_) {
    Row values;
    bool has_null = false;
    for (int c : columns) {
      const Value& v = proposed[static_cast<std::size_t>(c)];
      has_null = has_null || v.is_null();  // NULL conflicts with nothing
      values.push_back(v);
    }
    if (has_null) continue;
    std::vector<KeyedRow> found = find_rows_equal(ctx_, table_, columns, values);
    if (found.empty()) continue;
    if (!clause_.update) return Outcome::kSkipped;
    auto& [key, existing] = found.front();
    if (touched_.count(key) > 0) {
      throw DbError(sqlstate::kCardinalityViolation, "ON CONFLICT DO UPDATE command cannot affect row a second time")
          .with_hint(
              "Ensure that no rows proposed for insertion within the same command have duplicate constrained "
              "values.");
    }
    LockedRow locked = lock_row(ctx_, table_, key, storage::LockMode::kExclusive);
    if (locked.state == LockedRow::State::kGone) continue;
    if (locked.state == LockedRow::State::kNewer) existing = std::move(locked.row);
    touched_.insert(key);
    // SET and WHERE read the existing row, then EXCLUDED (the proposed one).
    Row both = existing;
    both.insert(both.end(), proposed.begin(), proposed.end());
    if (where_ && !evaluate_condition(*where_, both)) return Outcome::kSkipped;
    existing_checks_.check(existing);
    Row row = existing;
    for (const auto& [index, e] : sets_) {
      row[static_cast<std::size_t>(index)] = e ? evaluate(*e, both) : defaults_(static_cast<std::size_t>(index));
    }
    generated_.compute(row);
    updated_checks_.check(row);
    touched_.insert(writer.update(table_, key, existing, row));
    updated = std::move(row);
    return Outcome::kUpdated;
  }
  return Outcome::kInsert;
}

}  // namespace heliosdb::engine

#include "engine/exec/row_writer.hpp"

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/deferred_constraints.hpp"
#include "engine/exec/domain_checks.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/index_keys.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/row_locks.hpp"
#include "engine/parser/parser.hpp"
#include "engine/vector/index_registry.hpp"

namespace heliosdb::engine {

namespace {

// Inserted keys locked per transaction before a bulk load goes on unlocked.
constexpr std::size_t kMaxInsertLocks = 10000;

bool has_null(const Row& values) {
  for (const Value& v : values) {
    if (v.is_null()) return true;
  }
  return false;
}

bool same_values(const Row& a, const Row& b) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].is_null() != b[i].is_null()) return false;
    if (!a[i].is_null() && compare_values(a[i], b[i]) != 0) return false;
  }
  return true;
}

// The values converted to the types of `columns` of `table`, for a lookup there.
Row as_column_types(const TableDef& table, const std::vector<int>& columns, const Row& values) {
  Row out;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    out.push_back(
        cast_value(values[i], table.columns[static_cast<std::size_t>(columns[i])].type, CastContext::kAssignment));
  }
  return out;
}

[[noreturn]] void unique_violation(const TableDef& table, const std::string& constraint,
                                   const std::vector<int>& columns, const Row& row) {
  throw DbError(sqlstate::kUniqueViolation, "duplicate key value violates unique constraint \"" + constraint + "\"")
      .with_detail("Key " + key_text(table, columns, pick(row, columns)) + " already exists.")
      .with_table(table.schema, table.name)
      .with_constraint(constraint);
}

[[noreturn]] void unique_violation(const TableDef& table, const IndexDef& index, const Row& row) {
  throw DbError(sqlstate::kUniqueViolation, "duplicate key value violates unique constraint \"" + index.name + "\"")
      .with_detail("Key " + index_key_text(table, index, row) + " already exists.")
      .with_table(table.schema, table.name)
      .with_constraint(index.name);
}

}  // namespace

std::string RowWriter::insert(const TableDef& table, const Row& row) {
  ctx_.check_interrupts();
  std::string key = row_key(table, row, table.primary_key.empty() ? ctx_.new_row_id() : std::string());
  insert_at(table, key, row);
  return key;
}

void RowWriter::insert_at(const TableDef& table, const std::string& key, const Row& row) {
  check_row(table, row);
  put_row(table, key, row, true);
  add_index_entries(table, row, row_key_suffix(table, key));
  queue_foreign_keys(table, key, nullptr, &row);
}

std::string RowWriter::update(const TableDef& table, const std::string& key, const Row& old_row, const Row& row) {
  check_row(table, row, &old_row);
  std::string new_key = table.primary_key.empty() ? key : row_key(table, row, {});
  std::string_view old_suffix = row_key_suffix(table, key);
  std::string_view new_suffix = row_key_suffix(table, new_key);
  for (const IndexDef& index : table.indexes) {
    std::optional<std::string> old_entry = index_entry_key(table, index, old_row, old_suffix);
    if (!old_entry || (old_entry == index_entry_key(table, index, row, new_suffix) && old_suffix == new_suffix))
      continue;
    ctx_.txn.del_unchecked(*old_entry);  // the row's own entry: its key is written (and checked) too
  }
  if (new_key == key) {
    put_row(table, key, row, false);
  } else {
    ctx_.txn.del(key);
    if (!table.vector_indexes.empty()) VectorIndexRegistry::of(ctx_).row_removed(ctx_, table, key);
    put_row(table, new_key, row, true);
  }
  for (const IndexDef& index : table.indexes) {
    std::optional<std::string> new_entry = index_entry_key(table, index, row, new_suffix);
    if (!new_entry || (new_entry == index_entry_key(table, index, old_row, old_suffix) && old_suffix == new_suffix)) {
      continue;
    }
    if (index.unique) {
      auto existing = ctx_.txn.get(*new_entry);
      if (existing && *existing != new_suffix) unique_violation(table, index, row);
    }
    put_index_entry(index, *new_entry, new_suffix);
  }
  queue_foreign_keys(table, new_key, &old_row, &row);
  return new_key;
}

void RowWriter::remove(const TableDef& table, const std::string& key, const Row& row) {
  remove_index_entries(table, row, row_key_suffix(table, key));
  ctx_.txn.del(key);
  if (!table.vector_indexes.empty()) VectorIndexRegistry::of(ctx_).row_removed(ctx_, table, key);
  queue_foreign_keys(table, key, &row, nullptr);
}

void RowWriter::check_row(const TableDef& table, const Row& row, const Row* old_row) {
  // A domain column's value first, as PostgreSQL checks it when it is
  // assigned; one an UPDATE left as it was is not checked again.
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const std::uint32_t domain = table.columns[i].domain_oid;
    if (domain == 0) continue;
    if (old_row != nullptr && same_values(Row{(*old_row)[i]}, Row{row[i]})) continue;
    DomainChecks::check(ctx_, domain, row[i]);
  }
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnDef& c = table.columns[i];
    if (row[i].is_null() && c.not_null) {
      throw DbError(sqlstate::kNotNullViolation, "null value in column \"" + c.name + "\" of relation \"" + table.name +
                                                     "\" violates not-null constraint")
          .with_detail("Failing row contains " + row_text(row) + ".")
          .with_table(table.schema, table.name)
          .with_column(c.name);
    }
  }
  const std::vector<BoundExprPtr>& checks = checks_of(table);
  for (std::size_t i = 0; i < checks.size(); ++i) {
    // Only false fails: a CHECK that is NULL passes, as in PostgreSQL.
    Value ok = evaluate(*checks[i], row);
    if (!ok.is_null() && !ok.as_bool()) {
      throw DbError(sqlstate::kCheckViolation, "new row for relation \"" + table.name +
                                                   "\" violates check constraint \"" + table.checks[i].name + "\"")
          .with_detail("Failing row contains " + row_text(row) + ".")
          .with_table(table.schema, table.name)
          .with_constraint(table.checks[i].name);
    }
  }
}

void RowWriter::put_row(const TableDef& table, const std::string& key, const Row& row, bool must_be_new) {
  if (must_be_new && !table.primary_key.empty()) {
    // A new key is locked, as PostgreSQL's unique check waits for an
    // inserter of the same key: a second INSERT then gets 23505 once the
    // first commits (or goes on if it rolls back), not 40001. A bulk load
    // past kMaxInsertLocks falls back to first-committer-wins.
    bool deleted_since = false;
    if (ctx_.txn.lock_count() < kMaxInsertLocks) {
      storage::RowLockResult found =
          lock_key(ctx_, table, key, storage::LockMode::kExclusive, storage::LockWaitPolicy::kWait);
      if (found.changed && found.latest) unique_violation(table, table.primary_key_name, table.primary_key, row);
      deleted_since = found.changed;
    }
    if (!deleted_since && ctx_.txn.get(key)) unique_violation(table, table.primary_key_name, table.primary_key, row);
  }
  ctx_.txn.put(key, encode_row(table, row));
  if (!table.vector_indexes.empty()) VectorIndexRegistry::of(ctx_).row_written(ctx_, table, key, row);
}

void RowWriter::add_index_entries(const TableDef& table, const Row& row, std::string_view suffix) {
  for (const IndexDef& index : table.indexes) {
    std::optional<std::string> entry = index_entry_key(table, index, row, suffix);
    if (!entry) continue;
    if (index.unique && ctx_.txn.get(*entry)) unique_violation(table, index, row);
    put_index_entry(index, *entry, suffix);
  }
}

void RowWriter::put_index_entry(const IndexDef& index, const std::string& entry, std::string_view suffix) {
  // A unique entry is keyed by the values alone, so two rows may race for it:
  // first committer wins. Any other entry is the row's own, covered by the
  // row key's check or lock.
  if (index.unique) {
    ctx_.txn.put(entry, suffix);
  } else {
    ctx_.txn.put_unchecked(entry, suffix);
  }
}

void RowWriter::remove_index_entries(const TableDef& table, const Row& row, std::string_view suffix) {
  for (const IndexDef& index : table.indexes) {
    if (auto entry = index_entry_key(table, index, row, suffix)) ctx_.txn.del_unchecked(*entry);
  }
}

void RowWriter::queue_foreign_keys(const TableDef& table, const std::string& key, const Row* old_row, const Row* row) {
  if (row != nullptr) {
    for (const ForeignKeyDef& fk : table.foreign_keys) {
      if (old_row == nullptr || !same_values(pick(*old_row, fk.columns), pick(*row, fk.columns))) {
        child_checks_.push_back({table.oid, key, {}});
        break;
      }
    }
  }
  if (old_row == nullptr) return;
  for (const Reference& ref : references_to(table.oid)) {
    if (row == nullptr || !same_values(pick(*old_row, ref.fk.ref_columns), pick(*row, ref.fk.ref_columns))) {
      parent_changes_.push_back({table.oid, *old_row, row ? std::optional<Row>(*row) : std::nullopt});
      return;
    }
  }
}

void RowWriter::finish() {
  // Actions can change more rows, which queue more work.
  while (!parent_changes_.empty() || !child_checks_.empty()) {
    std::vector<ParentChange> parents = std::move(parent_changes_);
    parent_changes_.clear();
    for (const ParentChange& change : parents) apply_parent_change(change);
    std::vector<ChildCheck> children = std::move(child_checks_);
    child_checks_.clear();
    for (const ChildCheck& check : children) check_child(check);
  }
}

void RowWriter::check_child(const ChildCheck& check) {
  const TableDef& table = table_by_oid(check.table);
  auto raw = ctx_.txn.get(check.key);
  if (!raw) return;  // deleted again by the same statement
  Row row = decode_row(table, *raw);
  for (const ForeignKeyDef& fk : table.foreign_keys) {
    if (!check.fk.empty() && fk.name != check.fk) continue;
    if (check.fk.empty() && ctx_.deferred != nullptr && ctx_.deferred->deferred(fk)) {
      ctx_.deferred->defer_child_check(table.oid, check.key, fk);
      continue;
    }
    Row values = pick(row, fk.columns);
    if (has_null(values)) continue;  // MATCH SIMPLE: a NULL references nothing
    const TableDef& parent = table_by_oid(fk.ref_table);
    if (find_rows_equal(ctx_, parent, fk.ref_columns, as_column_types(parent, fk.ref_columns, values)).empty()) {
      throw DbError(sqlstate::kForeignKeyViolation, "insert or update on table \"" + table.name +
                                                        "\" violates foreign key constraint \"" + fk.name + "\"")
          .with_detail("Key " + key_text(table, fk.columns, values) + " is not present in table \"" + parent.name +
                       "\".")
          .with_table(table.schema, table.name)
          .with_constraint(fk.name);
    }
  }
}

void RowWriter::apply_parent_change(const ParentChange& change) {
  const TableDef parent = table_by_oid(change.table);
  for (const Reference& ref : references_to(parent.oid)) {
    Row old_values = pick(change.old_row, ref.fk.ref_columns);
    if (has_null(old_values)) continue;
    if (change.new_row && same_values(old_values, pick(*change.new_row, ref.fk.ref_columns))) continue;
    // NO ACTION: fine if the statement left another row with the same key.
    if (!find_rows_equal(ctx_, parent, ref.fk.ref_columns, old_values).empty()) continue;
    const char action = change.new_row ? ref.fk.on_update : ref.fk.on_delete;
    if (action == 'a' && ctx_.deferred != nullptr && ctx_.deferred->deferred(ref.fk)) {
      ctx_.deferred->defer_parent_check(parent.oid, ref.child.oid, ref.fk, std::move(old_values));
      continue;
    }
    for (const KeyedRow& child :
         find_rows_equal(ctx_, ref.child, ref.fk.columns, as_column_types(ref.child, ref.fk.columns, old_values))) {
      act_on_child(ref, parent, child, change);
    }
  }
}

void RowWriter::check_parent_gone(std::uint32_t parent_oid, std::uint32_t child_oid, const std::string& fk_name,
                                  const Row& values) {
  const TableDef& parent = table_by_oid(parent_oid);
  const Reference* ref = nullptr;
  for (const Reference& r : references_to(parent_oid)) {
    if (r.child.oid == child_oid && r.fk.name == fk_name) ref = &r;
  }
  if (ref == nullptr) return;  // the constraint is gone
  if (!find_rows_equal(ctx_, parent, ref->fk.ref_columns, values).empty()) return;
  const TableDef& child = table_by_oid(child_oid);
  if (find_rows_equal(ctx_, child, ref->fk.columns, as_column_types(child, ref->fk.columns, values)).empty()) return;
  throw DbError(sqlstate::kForeignKeyViolation, "update or delete on table \"" + parent.name +
                                                    "\" violates foreign key constraint \"" + fk_name +
                                                    "\" on table \"" + child.name + "\"")
      .with_detail("Key " + key_text(parent, ref->fk.ref_columns, values) + " is still referenced from table \"" +
                   child.name + "\".")
      .with_table(child.schema, child.name)
      .with_constraint(fk_name);
}

void RowWriter::act_on_child(const Reference& ref, const TableDef& parent, const KeyedRow& child,
                             const ParentChange& change) {
  char action = change.new_row ? ref.fk.on_update : ref.fk.on_delete;
  const TableDef& table = table_by_oid(ref.child.oid);
  Row row = child.second;
  switch (action) {
    case 'c':
      if (!change.new_row) {
        remove(table, child.first, child.second);
        return;
      }
      for (std::size_t i = 0; i < ref.fk.columns.size(); ++i) {
        auto c = static_cast<std::size_t>(ref.fk.columns[i]);
        row[c] = cast_value((*change.new_row)[static_cast<std::size_t>(ref.fk.ref_columns[i])], table.columns[c].type,
                            CastContext::kAssignment);
      }
      break;
    case 'n':
    case 'd':
      for (int c : ref.fk.columns) {
        const ColumnDef& column = table.columns[static_cast<std::size_t>(c)];
        row[static_cast<std::size_t>(c)] =
            action == 'd' && column.default_value ? *column.default_value : Value::null(column.type.id);
      }
      break;
    default:
      throw DbError(sqlstate::kForeignKeyViolation, "update or delete on table \"" + parent.name +
                                                        "\" violates foreign key constraint \"" + ref.fk.name +
                                                        "\" on table \"" + table.name + "\"")
          .with_detail("Key " + key_text(parent, ref.fk.ref_columns, pick(change.old_row, ref.fk.ref_columns)) +
                       " is still referenced from table \"" + table.name + "\".")
          .with_table(table.schema, table.name)
          .with_constraint(ref.fk.name);
  }
  generated_of(table).compute(row);  // as the UPDATE PostgreSQL's action runs would
  std::string key = update(table, child.first, child.second, row);
  // SET DEFAULT may point at a row that is not there either: check it even if unchanged.
  if (action == 'd') child_checks_.push_back({table.oid, key, {}});
}

const TableDef& RowWriter::table_by_oid(std::uint32_t oid) {
  auto it = tables_.find(oid);
  if (it == tables_.end()) {
    auto table = ctx_.catalog.find_table(oid);
    if (!table)
      throw DbError(sqlstate::kUndefinedTable, "relation with OID " + std::to_string(oid) + " does not exist");
    it = tables_.emplace(oid, std::move(*table)).first;
  }
  return it->second;
}

const std::vector<RowWriter::Reference>& RowWriter::references_to(std::uint32_t oid) {
  auto it = references_.find(oid);
  if (it != references_.end()) return it->second;
  std::vector<Reference> refs;
  for (TableDef& table : ctx_.catalog.tables()) {
    for (const ForeignKeyDef& fk : table.foreign_keys) {
      if (fk.ref_table == oid) refs.push_back({table, fk});
    }
  }
  return references_.emplace(oid, std::move(refs)).first->second;
}

const GeneratedColumns& RowWriter::generated_of(const TableDef& table) {
  auto it = generated_.find(table.oid);
  if (it == generated_.end()) it = generated_.emplace(table.oid, GeneratedColumns(table)).first;
  return it->second;
}

const std::vector<BoundExprPtr>& RowWriter::checks_of(const TableDef& table) {
  auto it = checks_.find(table.oid);
  if (it != checks_.end()) return it->second;
  std::vector<BoundExprPtr> bound;
  for (const CheckDef& check : table.checks) {
    Binder binder(table_scope(table, table.name), "CHECK", ctx_);  // a user's SQL function may be called
    bound.push_back(binder.bind_condition(*parser::parse_expression(check.expr)));
  }
  return checks_.emplace(table.oid, std::move(bound)).first->second;
}

}  // namespace heliosdb::engine

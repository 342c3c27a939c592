#include "engine/exec/constraint_builder.hpp"

#include <set>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/column_privileges.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/index_access.hpp"
#include "engine/exec/index_keys.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/row_writer.hpp"
#include "engine/parser/parser.hpp"

namespace heliosdb::engine {

namespace {

// PostgreSQL's NAMEDATALEN - 1.
constexpr std::size_t kMaxNameLength = 63;

std::vector<int> resolve_columns(const TableDef& def, const std::vector<std::string>& names, const std::string& what,
                                 int location) {
  std::vector<int> out;
  for (const std::string& name : names) {
    int index = def.column_index(name);
    if (index < 0) throw at(DbError(sqlstate::kUndefinedColumn, "column \"" + name + "\" " + what), location);
    out.push_back(index);
  }
  return out;
}

}  // namespace

bool comparable_keys(TypeId a, TypeId b) {
  return a == b || (is_numeric_type(a) && is_numeric_type(b)) ||
         (is_string(a) && is_string(b) && a != TypeId::kUnknown && b != TypeId::kUnknown);
}

std::string choose_name(const std::string& table, const std::vector<std::string>& columns, const std::string& label,
                        const std::function<bool(const std::string&)>& taken) {
  std::string name2;
  for (const std::string& c : columns) name2 += (name2.empty() ? "" : "_") + c;
  for (int n = 0;; ++n) {
    std::string suffix = label + (n > 0 ? std::to_string(n) : "");
    // Shorten the longer of the two parts until everything fits.
    std::string a = table, b = name2;
    std::size_t overhead = suffix.size() + 1 + (b.empty() ? 0 : 1);
    while (a.size() + b.size() + overhead > kMaxNameLength) {
      (a.size() >= b.size() ? a : b).pop_back();
    }
    std::string name = a + (b.empty() ? "" : "_" + b) + "_" + suffix;
    if (!taken(name)) return name;
  }
}

bool name_in_use(ExecContext& ctx, const TableDef& def, const std::string& name) {
  if (name == def.primary_key_name && !def.primary_key.empty()) return true;
  for (const IndexDef& index : def.indexes) {
    if (index.name == name) return true;
  }
  for (const CheckDef& check : def.checks) {
    if (check.name == name) return true;
  }
  for (const ForeignKeyDef& fk : def.foreign_keys) {
    if (fk.name == name) return true;
  }
  return name == def.name || ctx.catalog.relation_exists(def.schema, name);
}

void add_unique(TableDef& def, const ast::Constraint& k, const std::string& column, ExecContext& ctx) {
  std::vector<std::string> names = column.empty() ? k.columns : std::vector<std::string>{column};
  IndexDef index;
  index.columns = resolve_columns(def, names, "named in key does not exist", k.location);
  index.descending.assign(index.columns.size(), false);
  index.nulls_first.assign(index.columns.size(), false);
  index.unique = true;
  index.constraint = true;
  index.name = k.name.empty()
                   ? choose_name(def.name, names, "key", [&](const std::string& n) { return name_in_use(ctx, def, n); })
                   : k.name;
  if (!k.name.empty() && name_in_use(ctx, def, k.name)) {
    throw DbError(sqlstate::kDuplicateTable, "relation \"" + k.name + "\" already exists");
  }
  index.oid = ctx.catalog.allocate_oid();
  def.indexes.push_back(std::move(index));
}

void add_check(TableDef& def, const ast::Constraint& k, const std::string& /*column*/, ExecContext& ctx) {
  CheckDef check;
  check.expr = k.expr_text;
  // Bind now, so that a bad condition fails the DDL rather than every later write.
  Binder binder(table_scope(def, def.name), "CHECK", ctx);
  BoundExprPtr condition = binder.bind_condition(*parser::parse_expression(check.expr));
  if (k.name.empty()) {
    // As PostgreSQL: "t_c_check" when the condition reads just column c,
    // wherever it was written, else "t_check".
    const std::vector<int> read = columns_read(*condition);
    std::vector<std::string> cols;
    if (read.size() == 1) cols.push_back(def.columns[static_cast<std::size_t>(read[0])].name);
    check.name = choose_name(def.name, cols, "check", [&](const std::string& n) { return name_in_use(ctx, def, n); });
  } else {
    if (name_in_use(ctx, def, k.name)) {
      throw DbError(sqlstate::kDuplicateObject,
                    "constraint \"" + k.name + "\" for relation \"" + def.name + "\" already exists");
    }
    check.name = k.name;
  }
  def.checks.push_back(std::move(check));
}

void add_foreign_key(TableDef& def, const ast::Constraint& k, const std::string& column, ExecContext& ctx) {
  const ast::ForeignKeyRef& ref = *k.references;
  std::vector<std::string> names = column.empty() ? k.columns : std::vector<std::string>{column};
  ForeignKeyDef fk;
  fk.columns = resolve_columns(def, names, "referenced in foreign key constraint does not exist", k.location);
  bool self = (ref.table.schema.empty() || ref.table.schema == def.schema) && ref.table.name == def.name;
  TableDef parent = self ? def : *ctx.require_table(ref.table.schema, ref.table.name, ref.table.location);
  if (parent.materialized) {
    throw DbError(sqlstate::kWrongObjectType, "referenced relation \"" + parent.name + "\" is not a table");
  }
  fk.ref_table = parent.oid;
  if (ref.columns.empty()) {
    if (parent.primary_key.empty()) {
      throw DbError(sqlstate::kUndefinedObject, "there is no primary key for referenced table \"" + parent.name + "\"");
    }
    fk.ref_columns = parent.primary_key;
  } else {
    fk.ref_columns = resolve_columns(parent, ref.columns, "referenced in foreign key constraint does not exist", -1);
  }
  if (fk.columns.size() != fk.ref_columns.size()) {
    throw DbError(sqlstate::kInvalidForeignKey,
                  "number of referencing and referenced columns for foreign key disagree");
  }
  if (!has_unique_key_on(parent, fk.ref_columns)) {
    throw DbError(sqlstate::kInvalidForeignKey,
                  "there is no unique constraint matching given keys for referenced table \"" + parent.name + "\"");
  }
  if (!self) require_column_privileges(ctx, parent, privilege::kReferences, fk.ref_columns);
  fk.name = k.name.empty()
                ? choose_name(def.name, names, "fkey", [&](const std::string& n) { return name_in_use(ctx, def, n); })
                : k.name;
  for (std::size_t i = 0; i < fk.columns.size(); ++i) {
    const ColumnDef& a = def.columns[static_cast<std::size_t>(fk.columns[i])];
    const ColumnDef& b = parent.columns[static_cast<std::size_t>(fk.ref_columns[i])];
    if (!comparable_keys(a.type.id, b.type.id)) {
      throw DbError(sqlstate::kDatatypeMismatch, "foreign key constraint \"" + fk.name + "\" cannot be implemented")
          .with_detail("Key columns \"" + a.name + "\" and \"" + b.name + "\" are of incompatible types: " +
                       type_display_name(a.type) + " and " + type_display_name(b.type) + ".");
    }
  }
  // An action that writes the referencing columns cannot write a generated one.
  for (int c : fk.columns) {
    if (!def.columns[static_cast<std::size_t>(c)].is_generated()) continue;
    auto refuse = [](const char* action) {
      throw DbError(sqlstate::kSyntaxError, std::string("invalid ") + action +
                                                " action for foreign key constraint containing generated column");
    };
    if (k.on_update == 'c' || k.on_update == 'n' || k.on_update == 'd') refuse("ON UPDATE");
    if (k.on_delete == 'n' || k.on_delete == 'd') refuse("ON DELETE");
  }
  fk.on_delete = k.on_delete;
  fk.on_update = k.on_update;
  fk.deferrable = k.deferrable;
  fk.initially_deferred = k.initially_deferred;
  def.foreign_keys.push_back(std::move(fk));
}

void build_index(ExecContext& ctx, const TableDef& table, const IndexDef& index) {
  std::vector<std::pair<std::string, std::string>> entries;
  std::set<std::string> seen;
  {
    storage::Scanner scanner = ctx.catalog.scan_rows(table);
    while (scanner.next()) {
      Row row = decode_row(table, scanner.value());
      std::string suffix(row_key_suffix(table, scanner.key()));
      std::optional<std::string> key = index_entry_key(table, index, row, suffix);
      if (!key) continue;
      if (index.unique && !seen.insert(*key).second) {
        throw DbError(sqlstate::kUniqueViolation, "could not create unique index \"" + index.name + "\"")
            .with_detail("Key " + index_key_text(table, index, row) + " is duplicated.");
      }
      entries.emplace_back(std::move(*key), std::move(suffix));
    }
  }
  for (const auto& [key, suffix] : entries) ctx.txn.put(key, suffix);
}

void validate_check(ExecContext& ctx, const TableDef& table, const CheckDef& check) {
  Binder binder(table_scope(table, table.name), "CHECK", ctx);
  BoundExprPtr condition = binder.bind_condition(*parser::parse_expression(check.expr));
  storage::Scanner scanner = ctx.catalog.scan_rows(table);
  while (scanner.next()) {
    Value ok = evaluate(*condition, decode_row(table, scanner.value()));
    if (!ok.is_null() && !ok.as_bool()) {
      throw DbError(sqlstate::kCheckViolation, "check constraint \"" + check.name + "\" of relation \"" + table.name +
                                                   "\" is violated by some row");
    }
  }
}

void validate_foreign_key(ExecContext& ctx, const TableDef& table, const ForeignKeyDef& fk) {
  // Each stored row is checked as if it had just been inserted.
  TableDef only_this = table;
  only_this.foreign_keys = {fk};
  std::vector<std::string> keys;
  {
    storage::Scanner scanner = ctx.catalog.scan_rows(table);
    while (scanner.next()) keys.emplace_back(scanner.key());
  }
  RowWriter writer(ctx);
  for (const std::string& key : keys) writer.queue_child_check(only_this, key);
  writer.finish();
}

}  // namespace heliosdb::engine

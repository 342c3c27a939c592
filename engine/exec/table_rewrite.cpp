#include "engine/exec/table_rewrite.hpp"

#include <algorithm>
#include <string>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/constraint_builder.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/generated_columns.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/row_codec.hpp"
#include "engine/parser/parser.hpp"

namespace heliosdb::engine {

namespace {

DbError contains_nulls(const TableDef& table, std::size_t column) {
  return DbError(sqlstate::kNotNullViolation, "column \"" + table.columns[column].name + "\" of relation \"" +
                                                  table.name + "\" contains null values");
}

}  // namespace

void rewrite_rows(ExecContext& ctx, const TableDef& old, const TableDef& table,
                  const std::vector<ColumnSource>& sources) {
  std::vector<std::pair<const CheckDef*, BoundExprPtr>> checks;
  for (const CheckDef& check : table.checks) {
    Binder binder(table_scope(table, table.name), "CHECK", ctx);
    checks.emplace_back(&check, binder.bind_condition(*parser::parse_expression(check.expr)));
  }
  const GeneratedColumns generated(table);  // an added column is computed; the others again, to the same values
  std::vector<std::string> old_keys;
  // Encoded as they come and sorted once: a table's worth of rows in a map
  // costs a search and a node each.
  struct Rewritten {
    std::string key;
    std::string value;
    std::size_t seen;  ///< the row's place in the scan
  };
  std::vector<Rewritten> rows;
  storage::Scanner scanner = ctx.catalog.scan_rows(old);
  while (scanner.next()) {
    old_keys.emplace_back(scanner.key());
    const Row before = decode_row(old, scanner.value());
    Row row(table.columns.size());
    for (std::size_t i = 0; i < row.size(); ++i) {
      const ColumnSource& source = sources[i];
      const ColumnDef& column = table.columns[i];
      if (source.compute) {
        row[i] = evaluate(*source.compute, before);
      } else if (source.old_column >= 0) {
        row[i] = before[static_cast<std::size_t>(source.old_column)];
      } else {
        row[i] = column.missing_value.value_or(Value::null(column.type.id));
      }
    }
    generated.compute(row);
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (table.columns[i].not_null && row[i].is_null()) throw contains_nulls(table, i);
    }
    for (const auto& [check, condition] : checks) {
      Value ok = evaluate(*condition, row);
      if (!ok.is_null() && !ok.as_bool()) {
        throw DbError(sqlstate::kCheckViolation, "check constraint \"" + check->name + "\" of relation \"" +
                                                     table.name + "\" is violated by some row");
      }
    }
    std::string key;
    if (!table.primary_key.empty()) {
      key = row_key(table, row, {});
    } else if (old.primary_key.empty()) {
      key = old_keys.back();  // keeps its hidden row id
    } else {
      key = row_key(table, row, ctx.new_row_id());
    }
    rows.push_back({std::move(key), encode_row(table, row), rows.size()});
  }
  std::sort(rows.begin(), rows.end(),
            [](const Rewritten& a, const Rewritten& b) { return a.key != b.key ? a.key < b.key : a.seen < b.seen; });
  // The duplicate reported is the one the scan met first, as when rows
  // were checked one by one.
  const Rewritten* duplicate = nullptr;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].key == rows[i - 1].key && (duplicate == nullptr || rows[i].seen < duplicate->seen)) {
      duplicate = &rows[i];
    }
  }
  if (duplicate != nullptr) {
    const Row row = decode_row(table, duplicate->value);
    throw DbError(sqlstate::kUniqueViolation, "could not create unique index \"" + table.primary_key_name + "\"")
        .with_detail("Key " + key_text(table, table.primary_key, pick(row, table.primary_key)) + " is duplicated.");
  }
  for (const std::string& key : old_keys) ctx.txn.del(key);
  for (const Rewritten& r : rows) ctx.txn.put(r.key, r.value);
  for (const IndexDef& index : old.indexes) ctx.catalog.delete_index_entries(index.oid);
  for (const IndexDef& index : table.indexes) build_index(ctx, table, index);
}

void check_no_nulls(ExecContext& ctx, const TableDef& table, const std::vector<int>& columns) {
  if (columns.empty()) return;
  storage::Scanner scanner = ctx.catalog.scan_rows(table);
  while (scanner.next()) {
    const Row row = decode_row(table, scanner.value());
    for (int c : columns) {
      if (row[static_cast<std::size_t>(c)].is_null()) throw contains_nulls(table, static_cast<std::size_t>(c));
    }
  }
}

}  // namespace heliosdb::engine

// INSERT, UPDATE and DELETE, with NOT NULL and primary-key checks and RETURNING.
#include <set>

#include "engine/common/db_error.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/statements.hpp"

namespace heliosdb::engine {

namespace {

std::string row_text(const Row& row) {
  std::string out = "(";
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out += ", ";
    out += row[i].is_null() ? "null" : format_value(row[i]);
  }
  return out + ")";
}

void check_not_null(const TableDef& table, const Row& row) {
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnDef& c = table.columns[i];
    if (row[i].is_null() && c.not_null) {
      throw DbError(sqlstate::kNotNullViolation, "null value in column \"" + c.name + "\" of relation \"" + table.name +
                                                     "\" violates not-null constraint")
          .with_detail("Failing row contains " + row_text(row) + ".");
    }
  }
}

// Writes a row under a key no other row has (the primary key is unique).
void put_unique(ExecContext& ctx, const TableDef& table, const std::string& key, const Row& row) {
  if (!table.primary_key.empty() && ctx.txn.get(key)) {
    std::string columns, values;
    for (int i : table.primary_key) {
      columns += (columns.empty() ? "" : ", ") + table.columns[static_cast<std::size_t>(i)].name;
      values += (values.empty() ? "" : ", ") + format_value(row[static_cast<std::size_t>(i)]);
    }
    throw DbError(sqlstate::kUniqueViolation,
                  "duplicate key value violates unique constraint \"" + table.name + "_pkey\"")
        .with_detail("Key (" + columns + ")=(" + values + ") already exists.");
  }
  ctx.txn.put(key, encode_row(table, row));
}

// Converts a value for a column, as an assignment (INSERT and UPDATE).
BoundExprPtr assign_to(BoundExprPtr e, const ColumnDef& column, int location) {
  if (e->kind == BoundExpr::Kind::kConstant && e->op == "numeric-literal" && !is_float(column.type.id) &&
      !is_integer(column.type.id)) {
    throw at(DbError(sqlstate::kFeatureNotSupported, "not supported yet: type numeric"), location);
  }
  if (!can_cast(e->type.id, column.type.id, CastContext::kAssignment)) {
    throw at(DbError(sqlstate::kDatatypeMismatch, "column \"" + column.name + "\" is of type " +
                                                      type_display_name(column.type) + " but expression is of type " +
                                                      type_display_name(e->type))
                 .with_hint("You will need to rewrite or cast the expression."),
             location);
  }
  return coerce(std::move(e), column.type, CastContext::kAssignment);
}

Value column_default(const ColumnDef& column) {
  return column.default_value ? *column.default_value : Value::null(column.type.id);
}

void scan_table(ExecContext& ctx, const TableDef& table, const BoundExpr* where,
                std::vector<std::pair<std::string, Row>>& out) {
  storage::Scanner scanner = ctx.catalog.scan_rows(table);
  while (scanner.next()) {
    Row row = decode_row(table, scanner.value());
    if (where == nullptr || evaluate_condition(*where, row))
      out.emplace_back(std::string(scanner.key()), std::move(row));
  }
}

QueryResult returning_result(const Projection* projection) {
  QueryResult result;
  if (projection != nullptr) {
    result.returns_rows = true;
    result.columns = projection->columns;
  }
  return result;
}

std::unique_ptr<Projection> bind_returning(const std::vector<ast::ResultTarget>& targets, const TableDef& table,
                                           const std::string& qualifier, const ExecContext& ctx) {
  if (targets.empty()) return nullptr;
  Binder binder(table_scope(table, qualifier), "RETURNING", ctx.params);
  return std::make_unique<Projection>(bind_projection(targets, binder, false));
}

// The table an UPDATE or DELETE changes, and the rows its WHERE picks: read
// in full first, so rows the statement writes are not seen again.
struct Targets {
  TableDef table;
  std::string qualifier;
  std::vector<std::pair<std::string, Row>> rows;  ///< storage key and row
};

Targets find_targets(const ast::RangeVar& range, const ast::Expr* where_expr, ExecContext& ctx) {
  Targets t{
      ctx.require_table(range.schema, range.name, range.location), range.alias.empty() ? range.name : range.alias, {}};
  Binder where_binder(table_scope(t.table, t.qualifier), "WHERE", ctx.params);
  BoundExprPtr where = where_expr ? where_binder.bind_condition(*where_expr) : nullptr;
  scan_table(ctx, t.table, where.get(), t.rows);
  return t;
}

}  // namespace

QueryResult run_insert(const ast::InsertStmt& insert, ExecContext& ctx) {
  TableDef table = ctx.require_table(insert.table.schema, insert.table.name, insert.table.location);
  std::string qualifier = insert.table.alias.empty() ? insert.table.name : insert.table.alias;

  std::vector<int> targets;
  if (insert.columns.empty()) {
    for (std::size_t i = 0; i < table.columns.size(); ++i) targets.push_back(static_cast<int>(i));
  } else {
    std::set<int> seen;
    for (const std::string& name : insert.columns) {
      int index = table.column_index(name);
      if (index < 0) {
        throw DbError(sqlstate::kUndefinedColumn,
                      "column \"" + name + "\" of relation \"" + table.name + "\" does not exist");
      }
      if (!seen.insert(index).second) {
        throw DbError(sqlstate::kDuplicateColumn, "column \"" + name + "\" specified more than once");
      }
      targets.push_back(index);
    }
  }

  auto returning = bind_returning(insert.returning, table, qualifier, ctx);
  QueryResult result = returning_result(returning.get());

  auto store_row = [&](Row row) {
    check_not_null(table, row);
    std::string key = row_key(table, row, table.primary_key.empty() ? ctx.new_row_id() : std::string());
    put_unique(ctx, table, key, row);
    if (returning) result.rows.push_back(returning->evaluate(row));
    ++result.rows_affected;
  };
  auto fresh_row = [&] {
    Row row;
    for (const ColumnDef& c : table.columns) row.push_back(column_default(c));
    return row;
  };

  if (insert.source == nullptr) {
    store_row(fresh_row());  // DEFAULT VALUES
  } else if (!insert.source->values.empty() && insert.source->order_by.empty() && !insert.source->limit &&
             !insert.source->offset) {
    Binder binder({}, "VALUES", ctx.params);
    for (const auto& list : insert.source->values) {
      if (list.size() > targets.size()) {
        throw DbError(sqlstate::kSyntaxError, "INSERT has more expressions than target columns");
      }
      if (list.size() < targets.size()) {
        throw DbError(sqlstate::kSyntaxError, "INSERT has more target columns than expressions");
      }
      Row row = fresh_row();
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (std::holds_alternative<ast::DefaultMarker>(list[i]->node)) continue;
        const ColumnDef& column = table.columns[static_cast<std::size_t>(targets[i])];
        BoundExprPtr e = assign_to(binder.bind(*list[i]), column, list[i]->location);
        row[static_cast<std::size_t>(targets[i])] = evaluate(*e, {});
      }
      store_row(std::move(row));
    }
  } else {
    QueryResult source = run_select(*insert.source, ctx);
    if (source.columns.size() > targets.size()) {
      throw DbError(sqlstate::kSyntaxError, "INSERT has more expressions than target columns");
    }
    if (source.columns.size() < targets.size()) {
      throw DbError(sqlstate::kSyntaxError, "INSERT has more target columns than expressions");
    }
    std::vector<BoundExprPtr> converts;
    for (std::size_t i = 0; i < targets.size(); ++i) {
      converts.push_back(assign_to(make_column(static_cast<int>(i), source.columns[i].type),
                                   table.columns[static_cast<std::size_t>(targets[i])], -1));
    }
    for (const Row& in : source.rows) {
      Row row = fresh_row();
      for (std::size_t i = 0; i < targets.size(); ++i)
        row[static_cast<std::size_t>(targets[i])] = evaluate(*converts[i], in);
      store_row(std::move(row));
    }
  }
  result.command_tag = "INSERT 0 " + std::to_string(result.rows_affected);
  return result;
}

QueryResult run_update(const ast::UpdateStmt& update, ExecContext& ctx) {
  Targets targets = find_targets(update.table, update.where.get(), ctx);
  const TableDef& table = targets.table;
  Binder binder(table_scope(table, targets.qualifier), "UPDATE", ctx.params);

  std::vector<std::pair<int, BoundExprPtr>> sets;  // null expression: DEFAULT
  std::set<int> seen;
  for (const ast::SetClause& set : update.set) {
    int index = table.column_index(set.column);
    if (index < 0) {
      throw at(DbError(sqlstate::kUndefinedColumn,
                       "column \"" + set.column + "\" of relation \"" + table.name + "\" does not exist"),
               set.location);
    }
    if (!seen.insert(index).second) {
      throw at(DbError(sqlstate::kSyntaxError, "multiple assignments to same column \"" + set.column + "\""),
               set.location);
    }
    if (std::holds_alternative<ast::DefaultMarker>(set.value->node)) {
      sets.emplace_back(index, nullptr);
    } else {
      sets.emplace_back(index, assign_to(binder.bind(*set.value), table.columns[static_cast<std::size_t>(index)],
                                         set.value->location));
    }
  }
  auto returning = bind_returning(update.returning, table, targets.qualifier, ctx);
  QueryResult result = returning_result(returning.get());
  for (auto& [key, old_row] : targets.rows) {
    Row row = old_row;
    for (const auto& [index, e] : sets) {
      row[static_cast<std::size_t>(index)] =
          e ? evaluate(*e, old_row) : column_default(table.columns[static_cast<std::size_t>(index)]);
    }
    check_not_null(table, row);
    std::string new_key = table.primary_key.empty() ? key : row_key(table, row, {});
    if (new_key == key) {
      ctx.txn.put(key, encode_row(table, row));
    } else {
      ctx.txn.del(key);
      put_unique(ctx, table, new_key, row);
    }
    if (returning) result.rows.push_back(returning->evaluate(row));
    ++result.rows_affected;
  }
  result.command_tag = "UPDATE " + std::to_string(result.rows_affected);
  return result;
}

QueryResult run_delete(const ast::DeleteStmt& del, ExecContext& ctx) {
  Targets targets = find_targets(del.table, del.where.get(), ctx);
  auto returning = bind_returning(del.returning, targets.table, targets.qualifier, ctx);
  QueryResult result = returning_result(returning.get());
  for (const auto& [key, row] : targets.rows) {
    ctx.txn.del(key);
    if (returning) result.rows.push_back(returning->evaluate(row));
  }
  result.rows_affected = targets.rows.size();
  result.command_tag = "DELETE " + std::to_string(result.rows_affected);
  return result;
}

}  // namespace heliosdb::engine

// COPY between a table (or a query) and the client: rows go through the
// CopyClient, which owns the data format; rows written go through RowWriter
// like INSERT's, with the defaults of the columns the copy leaves out.
#include "engine/common/db_error.hpp"
#include "engine/exec/column_defaults.hpp"
#include "engine/exec/column_privileges.hpp"
#include "engine/exec/copy_client.hpp"
#include "engine/exec/generated_columns.hpp"
#include "engine/exec/plan_executor.hpp"
#include "engine/exec/row_security.hpp"
#include "engine/exec/row_writer.hpp"
#include "engine/exec/statements.hpp"
#include "engine/plan/planner.hpp"

namespace heliosdb::engine {

namespace {

std::vector<ResultColumn> result_columns(const TableDef& table, const std::vector<int>& targets) {
  std::vector<ResultColumn> columns;
  for (int t : targets) {
    const ColumnDef& c = table.columns[static_cast<std::size_t>(t)];
    columns.push_back({c.name, c.type, table.oid, static_cast<std::int16_t>(t + 1)});
  }
  return columns;
}

std::vector<std::string> names_of(const std::vector<ResultColumn>& columns) {
  std::vector<std::string> names;
  for (const ResultColumn& c : columns) names.push_back(c.name);
  return names;
}

std::vector<std::string> names_of(const TableDef& table) {
  std::vector<std::string> names;
  for (const ColumnDef& c : table.columns) names.push_back(c.name);
  return names;
}

// The columns COPY reads or writes: those named, or every column but the
// generated ones (PostgreSQL 15 leaves them out, in both directions). 42P10
// for a generated column named.
std::vector<int> copied_columns(const TableDef& table, const std::vector<std::string>& names) {
  std::vector<int> targets = target_columns(table, names);
  if (names.empty()) {
    std::erase_if(targets, [&](int c) { return table.columns[static_cast<std::size_t>(c)].is_generated(); });
    return targets;
  }
  for (int c : targets) {
    const ColumnDef& column = table.columns[static_cast<std::size_t>(c)];
    if (column.is_generated()) {
      throw DbError(sqlstate::kInvalidColumnReference, "column \"" + column.name + "\" is a generated column")
          .with_detail("Generated columns cannot be used in COPY.");
    }
  }
  return targets;
}

QueryResult copied(std::uint64_t rows) {
  QueryResult result;
  result.rows_affected = rows;
  result.command_tag = "COPY " + std::to_string(rows);
  return result;
}

QueryResult copy_from(const ast::CopyStmt& copy, CopyClient& client, ExecContext& ctx) {
  const std::shared_ptr<const TableDef> table_def = ctx.require_table(copy.table.schema, copy.table.name, -1);
  if (table_def->materialized) {
    throw DbError(sqlstate::kWrongObjectType, "cannot copy to materialized view \"" + table_def->name + "\"");
  }
  const TableDef& table = *table_def;
  const std::vector<int> targets = copied_columns(table, copy.columns);
  require_column_privileges(ctx, table, privilege::kInsert, targets);
  if (row_security_applies(ctx, *table_def)) {
    throw DbError(sqlstate::kFeatureNotSupported, "COPY FROM not supported with row-level security")
        .with_hint("Use INSERT statements instead.");
  }
  const std::vector<ResultColumn> columns = result_columns(table, targets);
  const CopyOptions options = copy_options(copy, names_of(columns), names_of(table), table.name);

  std::vector<bool> given(table.columns.size(), false);
  for (int t : targets) given[static_cast<std::size_t>(t)] = true;
  ColumnDefaults defaults(table, ctx);
  const GeneratedColumns generated(table);
  RowWriter writer(ctx);
  client.begin_copy_in(table.name, options, columns);
  Row in;
  std::uint64_t count = 0;
  while (client.next_row(in)) {
    Row row(table.columns.size());
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (!given[c]) row[c] = defaults(c);
    }
    for (std::size_t i = 0; i < targets.size(); ++i) row[static_cast<std::size_t>(targets[i])] = std::move(in[i]);
    try {
      generated.compute(row);
      writer.insert(table, row);
    } catch (DbError& e) {
      if (e.context().empty()) e.with_context(client.context());
      throw;
    }
    if (++count % kBatchSize == 0) ctx.check_interrupts();
  }
  writer.finish();
  return copied(count);
}

QueryResult copy_to(const ast::CopyStmt& copy, CopyClient& client, ExecContext& ctx) {
  if (copy.query) {
    QueryResult result = run_select(*copy.query, ctx);
    client.begin_copy_out(copy_options(copy, names_of(result.columns), names_of(result.columns), ""), result.columns);
    for (const Row& row : result.rows) client.write_row(row);
    client.end_copy_out();
    return copied(result.rows.size());
  }
  const std::shared_ptr<const TableDef> table_def = ctx.require_table(copy.table.schema, copy.table.name, -1);
  if (table_def->materialized) {
    throw DbError(sqlstate::kWrongObjectType, "cannot copy from materialized view \"" + table_def->name + "\"")
        .with_hint("Try the COPY (SELECT ...) TO variant.");
  }
  const std::vector<int> targets = copied_columns(*table_def, copy.columns);
  require_column_privileges(ctx, *table_def, privilege::kSelect, targets);
  const std::vector<ResultColumn> columns = result_columns(*table_def, targets);
  client.begin_copy_out(copy_options(copy, names_of(columns), names_of(*table_def), table_def->name), columns);

  std::vector<ast::TableRefPtr> from;
  from.push_back(std::make_unique<ast::TableRef>(ast::TableRef{copy.table}));
  PlanNodePtr plan = plan_from_where(from, nullptr, ctx);
  std::uint64_t count = 0;
  Row out(targets.size());
  stream_plan(*plan, ctx, [&](RowBatch& batch) {
    for (Row& row : batch) {
      for (std::size_t i = 0; i < targets.size(); ++i) out[i] = std::move(row[static_cast<std::size_t>(targets[i])]);
      client.write_row(out);
    }
    count += batch.size();
    ctx.check_interrupts();
    return true;
  });
  client.end_copy_out();
  return copied(count);
}

}  // namespace

QueryResult run_copy(const ast::CopyStmt& copy, ExecContext& ctx) {
  if (!copy.file.empty() || copy.program) {
    throw DbError(sqlstate::kFeatureNotSupported, std::string("not supported yet: COPY ") +
                                                      (copy.from ? "FROM" : "TO") +
                                                      (copy.program ? " PROGRAM" : " a file") + " on the server")
        .with_hint(copy.from ? "Use COPY FROM STDIN (psql's \\copy reads a client-side file)."
                             : "Use COPY TO STDOUT (psql's \\copy writes a client-side file).");
  }
  if (ctx.copy_client == nullptr) {
    throw DbError(sqlstate::kFeatureNotSupported,
                  std::string("COPY ") + (copy.from ? "FROM STDIN" : "TO STDOUT") + " needs a client connection");
  }
  return copy.from ? copy_from(copy, *ctx.copy_client, ctx) : copy_to(copy, *ctx.copy_client, ctx);
}

}  // namespace heliosdb::engine

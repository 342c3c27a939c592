#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/catalog/table_def.hpp"
#include "engine/exec/exec_context.hpp"

namespace heliosdb::engine {

// The pieces of a table definition that CREATE TABLE and ALTER TABLE share
// (engine/exec/ddl_executor.cpp).

/// A column as written, before its constraints; a SERIAL is an integer
/// here and gets its sequence from make_serial_column.
ColumnDef column_as_written(const ast::ColumnDef& c);
/// The constraints written on column `i` of `def`, as `c` declares them.
void apply_column_constraints(TableDef& def, std::size_t i, const ast::ColumnDef& c, ExecContext& ctx);
/// Checks the generation expression `c` declares for column `i` of `def`
/// (check_generation_expression), once all of the table's columns are there.
void check_generation_expressions(const TableDef& def, std::size_t i, const ast::ColumnDef& c);
/// PRIMARY KEY, UNIQUE, CHECK or FOREIGN KEY; `column` is set for one written on a column.
void add_table_constraint(TableDef& def, const ast::Constraint& k, const std::string& column, ExecContext& ctx);
/// DEFAULT: a constant is stored already converted to the column's type; any
/// other expression (now(), nextval(...)) as SQL text, evaluated per row.
/// Throws 42804 when the value cannot be assigned to the column. With `ctx`
/// (CREATE TABLE, ALTER TABLE) the expression may call a user's SQL function.
void set_default(const ast::Constraint& k, ColumnDef& column, ExecContext* ctx = nullptr);

/// The foreign keys of other tables that reference `table`.
std::vector<std::pair<TableDef, ForeignKeyDef>> referencing_keys(ExecContext& ctx, const TableDef& table);
bool contains_table(const std::vector<TableDef>& tables, std::uint32_t oid);

}  // namespace heliosdb::engine

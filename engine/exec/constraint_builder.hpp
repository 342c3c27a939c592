#pragma once

#include <functional>
#include <string>
#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/catalog/table_def.hpp"
#include "engine/exec/exec_context.hpp"

namespace heliosdb::engine {

// Adding UNIQUE, CHECK and FOREIGN KEY constraints and indexes to a table
// definition, named and validated as PostgreSQL does. Used by CREATE TABLE,
// ALTER TABLE ADD CONSTRAINT and CREATE INDEX. `def.oid` must be set.

/// PostgreSQL's generated name: table_col1_col2_label, shortened to fit 63
/// bytes, with 1, 2, ... appended while `taken` says it is in use.
std::string choose_name(const std::string& table, const std::vector<std::string>& columns, const std::string& label,
                        const std::function<bool(const std::string&)>& taken);

/// Whether PostgreSQL has an equality operator between the two key types.
bool comparable_keys(TypeId a, TypeId b);

/// Whether `name` is already a relation, or a constraint of `def`.
bool name_in_use(ExecContext& ctx, const TableDef& def, const std::string& name);

/// A UNIQUE constraint: a unique index of the constraint's name. `column`
/// names the column of a column constraint, empty for a table constraint.
void add_unique(TableDef& def, const ast::Constraint& k, const std::string& column, ExecContext& ctx);
void add_check(TableDef& def, const ast::Constraint& k, const std::string& column, ExecContext& ctx);
void add_foreign_key(TableDef& def, const ast::Constraint& k, const std::string& column, ExecContext& ctx);

/// Writes the entries of `index` for every stored row of `table`.
/// Throws 23505 "could not create unique index" if a unique index meets a duplicate.
void build_index(ExecContext& ctx, const TableDef& table, const IndexDef& index);
/// Throws 23514 if a stored row fails `check` (ALTER TABLE ADD CONSTRAINT).
void validate_check(ExecContext& ctx, const TableDef& table, const CheckDef& check);
/// Throws 23503 if a stored row references a missing row.
void validate_foreign_key(ExecContext& ctx, const TableDef& table, const ForeignKeyDef& fk);

}  // namespace heliosdb::engine

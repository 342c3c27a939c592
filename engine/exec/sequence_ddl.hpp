#pragma once

#include "engine/ast/statement.hpp"
#include "engine/catalog/table_def.hpp"
#include "engine/exec/exec_context.hpp"

namespace heliosdb::engine {

// SERIAL columns; CREATE/ALTER/DROP SEQUENCE themselves are in statements.hpp.

/// Whether a column type is written smallserial/serial/bigserial (or serial2/4/8).
bool is_serial_type(const ast::TypeName& type);
/// Makes column `column` of `def` (being created) a SERIAL: its integer type,
/// NOT NULL, and a default drawing from a new sequence owned by the column,
/// named as PostgreSQL names it (table_column_seq). `def.oid` must be set.
void make_serial_column(TableDef& def, std::size_t column, const ast::ColumnDef& c, ExecContext& ctx);
/// Makes column `column` of `def` GENERATED ALWAYS|BY DEFAULT AS IDENTITY
/// (`k`, a kIdentity constraint): NOT NULL, drawing from a new sequence it
/// owns, made with the constraint's options. Throws 22023 for a type other
/// than smallint/integer/bigint, 42601 beside a DEFAULT.
void make_identity_column(TableDef& def, std::size_t column, const ast::Constraint& k, ExecContext& ctx);
/// The sequence column `column` of `table` owns (its SERIAL or identity one).
std::optional<SequenceDef> identity_sequence(ExecContext& ctx, const TableDef& table, int column);
/// ALTER COLUMN ... SET INCREMENT BY / RESTART ...: options applied to an identity's sequence.
void alter_identity_sequence(ExecContext& ctx, const SequenceDef& seq, const std::vector<ast::SequenceOption>& options);
/// TRUNCATE ... RESTART IDENTITY: the sequences `table`'s columns own start over.
void restart_owned_sequences(ExecContext& ctx, const TableDef& table);
/// The name of the sequence a column default draws from, as written in its
/// nextval('name'[::regclass]); nullopt for any other default.
std::optional<std::string> default_sequence(const std::string& default_expr);
/// The sequence column `c`'s default draws from, if it is a nextval() of an existing one.
std::optional<SequenceDef> default_sequence_of(ExecContext& ctx, const ColumnDef& c);
/// The default that draws from `sequence`: nextval('schema.name'::regclass).
std::string nextval_call(const SequenceDef& sequence);

/// Drops the sequences owned by columns of `table` (DROP TABLE).
void drop_owned_sequences(ExecContext& ctx, const TableDef& table);

}  // namespace heliosdb::engine

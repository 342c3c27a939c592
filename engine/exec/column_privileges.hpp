#pragma once
// Privileges on single columns (GRANT SELECT (a, b) ON t ...), as
// PostgreSQL's ExecCheckRTEPerms uses them: a role without the relation's
// own privilege may still read, insert, update or reference the columns it
// holds that privilege on, and only those. A statement reading no column
// (count(*)) needs the privilege on one column at least.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/catalog/table_def.hpp"
#include "engine/catalog/view_def.hpp"

namespace heliosdb::engine {

struct ExecContext;
struct ScopeColumn;

/// SELECT on the relation: when the actor holds it on some columns only,
/// the others in `scope` (the relation's columns, in order, from its first
/// entry) become unreadable, so naming one fails with 42501. `required`:
/// 42501 at once when it may read no column at all (a DML target needs no
/// SELECT until it names a column, so it passes false).
void guard_reads(ExecContext& ctx, const TableDef& table, std::vector<ScopeColumn>& scope, bool required);
void guard_reads(ExecContext& ctx, const ViewDef& view, std::vector<ScopeColumn>& scope, bool required);

/// The table's columns as a statement writing it sees them (RETURNING, ON
/// CONFLICT's SET), guarded for reading.
std::vector<ScopeColumn> readable_scope(ExecContext& ctx, const TableDef& table, const std::string& qualifier);

/// 42501 "permission denied for table t" unless the actor holds `wanted`
/// (INSERT, UPDATE, SELECT or REFERENCES) on the table or on each of
/// `columns` (positions in it); no columns: on one column at least.
void require_column_privileges(ExecContext& ctx, const TableDef& table, std::uint32_t wanted,
                               const std::vector<int>& columns);

/// Whether the actor holds `wanted` on the table itself (then every column is covered).
bool holds_table_privileges(ExecContext& ctx, const TableDef& table, std::uint32_t wanted);

}  // namespace heliosdb::engine

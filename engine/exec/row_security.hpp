#pragma once
// Row-level security: which of a table's rows a statement may see and which
// it may write, by the table's policies (PostgreSQL's rowsecurity.c rules).
// Policies hold once the table has ENABLE ROW LEVEL SECURITY, for every
// role but superusers, BYPASSRLS roles and the table's owner (unless FORCE).
// A command's permissive policies combine with OR, its restrictive ones
// with AND; with no permissive policy, nothing passes.
//
// Reads filter: rows a policy's USING rejects are not there for the scan.
// Writes check: a new row a policy's WITH CHECK rejects is an error (42501).

#include <memory>
#include <string>
#include <vector>

#include "engine/catalog/table_def.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/exec_context.hpp"

namespace heliosdb::engine {

/// Whether `table`'s policies hold for the statement's actor. With
/// row_security off, where they would hold that is 42501 instead (pg_dump
/// sets it off so that a dump is never silently partial).
bool row_security_applies(ExecContext& ctx, const TableDef& table);

/// The conditions rows of `table` must meet to be read by `command`
/// (PolicyDef letters: 'r' SELECT, 'w' UPDATE, 'd' DELETE), bound over the
/// table's row, to be AND-ed before any condition of the query; with
/// `also_select`, SELECT's policies hold as well (the statement reads the
/// rows it changes). Empty when no policy holds. A plan serves one
/// execution, so the session's tenant is a constant in them, which an
/// index on the tenant column can look up.
std::vector<BoundExprPtr> row_security_filters(ExecContext& ctx, const TableDef& table, char command, bool also_select);

/// A table read as it was (AS OF, VERSIONS BETWEEN) is guarded as it is
/// now: `then` with today's owner, access list and policies (its own when
/// the table is gone), so a REVOKE or a new policy covers its past too.
TableDef with_present_access(ExecContext& ctx, const TableDef& then);

/// Whether `row` (the table's columns first) passes every row_security_filters condition.
bool passes_row_security(const std::vector<BoundExprPtr>& filters, const Row& row);

/// What a row written to a table must pass, as PostgreSQL's WITH CHECK
/// options: an INSERT's new row, an UPDATE's new row, and for ON CONFLICT
/// DO UPDATE the row it updates.
class RowSecurityChecks {
 public:
  /// The checks `command` ('a' INSERT, 'w' UPDATE) makes of a new row: its
  /// policies' WITH CHECK (an UPDATE policy without one: its USING), and
  /// with `also_select` SELECT's USING (the statement returns the row).
  static RowSecurityChecks for_new_row(ExecContext& ctx, const TableDef& table, char command, bool also_select);
  /// ON CONFLICT DO UPDATE: the existing row must pass UPDATE's USING
  /// (and SELECT's, with `also_select`).
  static RowSecurityChecks for_conflicting_row(ExecContext& ctx, const TableDef& table, bool also_select);

  /// Throws 42501 "new row violates row-level security policy ..." unless `row` passes.
  void check(const Row& row) const;
  bool empty() const { return checks_.empty(); }

 private:
  struct Check {
    BoundExprPtr condition;
    std::string policy;  ///< a restrictive policy's name; empty for the permissive ones together
  };
  void add(ExecContext& ctx, const TableDef& table, char command, bool use_using);

  std::string table_;
  bool on_existing_row_ = false;  ///< reported as the USING expression's
  std::vector<Check> checks_;
};

/// current_tenant_id(): the session's heliosdb.tenant_id, NULL when unset.
/// Its type is unknown, as a literal's, so that it compares with an integer
/// or a text tenant column alike.
BoundExprPtr bind_current_tenant_id(ExecContext* ctx, int location);

}  // namespace heliosdb::engine

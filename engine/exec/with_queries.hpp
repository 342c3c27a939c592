#pragma once

// WITH queries (common table expressions): each is materialised once, when
// the statement first reads it, and read from FROM like a table. WITH
// RECURSIVE iterates `non-recursive term UNION [ALL] recursive term` over a
// working table until no new rows come; a data-modifying WITH query
// (INSERT/UPDATE/DELETE ... RETURNING) runs before the statement, always.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

struct WithBinding;

/// Puts one WITH clause's queries in scope for as long as it lives: around
/// the run of the statement that holds the clause. Runs its data-modifying
/// queries on construction.
class WithScope {
 public:
  WithScope(const std::shared_ptr<const ast::WithClause>& with, ExecContext& ctx);
  ~WithScope();
  WithScope(const WithScope&) = delete;
  WithScope& operator=(const WithScope&) = delete;

 private:
  ExecContext& ctx_;
  std::vector<std::unique_ptr<WithBinding>> bindings_;
};

/// FROM name: the rows of the WITH query in scope called `name` under
/// `qualifier`, materialising it on first use; nullopt when no WITH query
/// in scope has that name.
std::optional<Relation> with_query_relation(const std::string& name, const std::string& qualifier, int location,
                                            ExecContext& ctx);

/// Throws 0A000 for reading a table that a data-modifying WITH query of the
/// same statement changed: PostgreSQL would show it as it was before the
/// statement, and we have no per-command snapshot to do that yet.
void check_not_changed_by_with(const TableDef& table, ExecContext& ctx);

}  // namespace heliosdb::engine

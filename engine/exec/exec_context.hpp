#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/catalog/catalog.hpp"
#include "engine/catalog/table_width.hpp"
#include "engine/exec/batch_pool.hpp"
#include "engine/exec/catalog_object_names.hpp"
#include "engine/exec/interrupts.hpp"
#include "engine/exec/privileges.hpp"
#include "engine/types/value.hpp"
#include "storage/transaction.hpp"

namespace heliosdb::engine {

struct ScopeColumn;
struct SessionSequences;
class CopyClient;
class Settings;
struct Notification;
class BackendDirectory;
class AdvisoryLocks;
class DeferredConstraints;
class CursorStore;
struct Notice;
struct WithBinding;
class DomainChecks;
struct SqlFunctionFrame;
class InsertPlans;
namespace ast {
struct ColumnRef;
}

/// The row of an enclosing query while a correlated subquery runs: the
/// subquery binds the enclosing query's columns as this row's values.
struct OuterRow {
  const std::vector<ScopeColumn>* scope;
  const std::vector<Value>* row;            ///< all NULL while the subquery is first bound
  bool grouped = false;                     ///< the enclosing query is grouped: its rows are groups
  bool used = false;                        ///< set when the subquery used one of these columns
  std::vector<const ast::ColumnRef*> refs;  ///< the subquery's references bound to these columns
};

/// Who is asking: what current_user, current_database() and
/// pg_backend_pid() report. The server fills it from the startup packet.
struct SessionInfo {
  std::string user = "heliosdb";
  std::string database = "heliosdb";
  std::int32_t backend_pid = 0;
};

/// What a statement runs against: one storage transaction and its catalog.
struct ExecContext {
  /// `memo`: the session's, so that lookups carry over between its statements.
  explicit ExecContext(storage::Transaction& transaction, CatalogMemo* memo = nullptr)
      : txn(transaction), catalog(transaction, memo) {}

  storage::Transaction& txn;
  Catalog catalog;
  /// regclass/regtype names come from this statement's catalog while it runs.
  CatalogObjectNames object_names{catalog, *this};
  ObjectNamesScope object_names_scope{&object_names};
  std::uint32_t next_row_id = 0;               ///< hidden row ids: the transaction id, then this counter
  const std::vector<Value>* params = nullptr;  ///< $1, $2, ... of the statement, if any
  std::string database_name = "heliosdb";      ///< current_database(), as catalogs report it
  std::string user_name = "heliosdb";          ///< current_user
  std::string session_user;                    ///< session_user; empty: current_user's
  /// The role privileges are checked for (privileges.hpp): found on first use.
  std::optional<Actor> actor;
  std::int32_t backend_pid = 0;           ///< pg_backend_pid()
  std::vector<OuterRow> outer_rows;       ///< innermost last, while subqueries run
  SessionSequences* sequences = nullptr;  ///< currval()/lastval() memory of the session
  Interrupts* interrupts = nullptr;       ///< cancel and timeout of the session's statement
  /// Describing, not running: statements bind and plan, report their result
  /// columns and stop before reading or writing a row. What context makes
  /// of each parameter of no declared type lands in `param_types`.
  bool describe_only = false;
  std::vector<SqlType>* param_types = nullptr;
  CopyClient* copy_client = nullptr;  ///< the client's end of COPY FROM STDIN / TO STDOUT, if any
  Settings* settings = nullptr;       ///< the session's run-time parameters (set_config, current_setting)
  std::vector<Notification>* notifications = nullptr;  ///< pg_notify's queue, sent at commit; null without a server
  /// READ COMMITTED: a row locked after a concurrent change goes on with its
  /// newest version; otherwise (snapshot isolation) that fails with 40001.
  bool read_committed = false;
  BackendDirectory* backends = nullptr;     ///< the server's connections; null when embedded
  AdvisoryLocks* advisory = nullptr;        ///< the session's advisory locks
  DeferredConstraints* deferred = nullptr;  ///< the transaction's deferred foreign-key checks; null: none deferred
  const CursorStore* cursors = nullptr;     ///< the session's SQL cursors, for pg_cursors
  std::vector<Notice>* notices = nullptr;   ///< WARNINGs and NOTICEs functions raise while the statement runs
  std::vector<WithBinding*> with_queries;   ///< the WITH queries in scope, innermost last (with_queries.hpp)
  /// While a view's query is planned: how wide its tables were when it was
  /// made, which `*` keeps to (ViewNamesAsMade); null otherwise.
  const std::vector<TableWidth>* table_widths = nullptr;
  std::vector<std::uint32_t> changed_by_with;  ///< tables a data-modifying WITH query of the statement wrote
  /// The session's schema for temporary tables ("pg_temp_N"), made by its
  /// first CREATE TEMP TABLE; empty where there is no session to own one.
  std::string temp_schema;
  /// Set when the statement made (or put something in) the temporary
  /// schema: the session then drops it when it ends.
  bool* temp_schema_used = nullptr;
  BatchPool* batches = nullptr;         ///< the session's spare row batches; null: none kept
  InsertPlans* insert_plans = nullptr;  ///< the session's plans of prepared INSERTs (insert_plan.hpp); null: none kept
  /// search_path as last read (its text), the schemas of it that exist, and
  /// whether the temporary schema, searched first, does (search_path.hpp).
  using SearchPath = ResolvedSearchPath;
  std::shared_ptr<const SearchPath> search_path;  ///< shared with the session's memo, not copied
  /// Domains' constraints as bound by this statement (domain_checks.hpp); null until one is checked.
  std::shared_ptr<DomainChecks> domain_checks;
  /// The SQL function whose body runs, innermost (sql_function_call.hpp); null outside one.
  const SqlFunctionFrame* sql_function = nullptr;
  int sql_function_depth = 0;  ///< SQL function calls running inside each other
  /// Tables whose row-level security policies are being bound, innermost
  /// last: a policy that reads its own table again is 42P17 (row_security.hpp).
  std::vector<std::uint32_t> policy_tables;

  /// Throws 57014 if the statement was cancelled or ran past its timeout.
  void check_interrupts() {
    if (interrupts != nullptr) interrupts->check();
  }

  /// A table by name (the search path's unless a schema is given). Throws 42P01 if absent.
  std::shared_ptr<const TableDef> require_table(const std::string& schema, const std::string& name, int location);
  /// A fresh hidden row id for a table without a primary key.
  std::string new_row_id();
};

}  // namespace heliosdb::engine

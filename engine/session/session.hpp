#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/exec/copy_client.hpp"
#include "engine/exec/deferred_constraints.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/insert_plan.hpp"
#include "engine/exec/interrupts.hpp"
#include "engine/exec/query_result.hpp"
#include "engine/exec/sequence_ops.hpp"
#include "engine/session/advisory_locks.hpp"
#include "engine/session/backend_directory.hpp"
#include "engine/session/cursors.hpp"
#include "engine/session/notification_hub.hpp"
#include "engine/session/settings.hpp"
#include "storage/store.hpp"

namespace heliosdb::engine {

/// PostgreSQL's transaction status, as ReadyForQuery reports it.
enum class TransactionStatus : char { kIdle = 'I', kInBlock = 'T', kFailed = 'E' };

enum class IsolationLevel : std::uint8_t { kReadCommitted, kRepeatableRead };

/// A statement prepared by PREPARE or by the protocol's Parse: the two share
/// one namespace per session, as in PostgreSQL.
struct PreparedStatement {
  std::shared_ptr<const ast::Statement> statement;  ///< null: an empty query
  std::vector<std::uint32_t> param_types;           ///< type OIDs; 0 where left open
  /// Once described: the result's column types, which a later run must
  /// still have (clients cache the row shape).
  std::optional<std::vector<std::uint32_t>> result_types;
  std::string text;  ///< the SQL as the client sent it (pg_stat_activity's query)
};

/// What a prepared statement takes and returns, found without running it.
struct StatementDescription {
  std::vector<std::uint32_t> param_types;  ///< OIDs; open ones as the context types them (text if nothing does)
  std::vector<ResultColumn> columns;
  bool returns_rows = false;
};

/// One client's conversation with a database: runs statements with
/// PostgreSQL's transaction rules. Outside a block each statement commits on
/// its own; several statements in one execute() call share one implicit
/// transaction; BEGIN opens a block; an error inside a block aborts it and
/// every later statement fails with 25P02 until ROLLBACK (or COMMIT, which
/// then rolls back). The default isolation is snapshot isolation, shown as
/// REPEATABLE READ.
///
/// Not thread-safe: one session per client. The store must outlive it.
class Session {
 public:
  /// A session on `branch`, or on the branch named main when none is given.
  explicit Session(storage::Store& store, std::optional<storage::BranchId> branch = std::nullopt);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// Runs every statement of `sql`, handing each result to `on_result` as it
  /// completes. Throws DbError for the first failing statement; the ones
  /// before it have run (and, outside a block, are undone with it if they
  /// shared its implicit transaction, as in PostgreSQL).
  void execute(std::string_view sql, const std::function<void(QueryResult&&)>& on_result);
  /// The same, collecting the results.
  std::vector<QueryResult> execute(std::string_view sql);
  /// Runs statements parsed earlier, with `params` as $1, $2, ... (a
  /// prepared statement). Same transaction rules as execute(sql). `sql` is
  /// the text they came from, if known (pg_cursors shows it).
  void execute(const std::vector<ast::Statement>& statements, const std::vector<Value>& params,
               const std::function<void(QueryResult&&)>& on_result, std::string_view sql = {});

  /// The extended query protocol's implicit transaction: outside a block,
  /// the statements run between two Syncs share one transaction, which
  /// Sync commits (end_implicit) and any error rolls back. begin_implicit
  /// is a no-op inside a block or when one is open already.
  void begin_implicit();
  /// Commits the implicit transaction, if one is open. Throws DbError if
  /// the commit fails (40001), having rolled it back.
  void end_implicit();

  /// An error outside any statement (a Bind that does not fit the
  /// statement, a portal that does not exist) fails the transaction as a
  /// failing statement would: the implicit one rolls back, a block aborts.
  void fail_transaction() { abort_after_error(); }

  /// Runs a prepared statement with `params`, under the same rules.
  void execute_prepared(const PreparedStatement& prepared, const std::vector<Value>& params,
                        const std::function<void(QueryResult&&)>& on_result);

  /// Binds and plans `prepared` with its parameters unknown, reading and
  /// writing nothing: the parameter types the statement gives them and the
  /// columns it would return. Errors as running it would give (42P01, ...).
  StatementDescription describe(const PreparedStatement& prepared);
  /// Describes the statement prepared as `name` and keeps what was learnt
  /// with it: inferred parameter types and the result's shape.
  StatementDescription describe_prepared(const std::string& name);

  /// Named statements: 42P05 if `name` is taken (the unnamed one, "", is replaced).
  void prepare(const std::string& name, PreparedStatement statement);
  /// 26000 if there is none by that name.
  std::shared_ptr<const PreparedStatement> prepared(const std::string& name) const;
  /// Forgets `name`: 26000 if there is none, unless `missing_ok`.
  void deallocate(const std::string& name, bool missing_ok);

  /// The SQL cursor `name` (DECLARE), or null; valid until the next statement.
  /// The protocol's Describe of a portal finds DECLAREd cursors by name too.
  const Cursor* find_cursor(const std::string& name) const { return cursors_.find_if(name); }
  /// Closes the SQL cursor `name` if there is one (the protocol's Close of a portal).
  void close_cursor_if_exists(const std::string& name) {
    if (cursors_.find_if(name) != nullptr) cursors_.close(name);
  }

  TransactionStatus status() const { return status_; }
  /// The branch the session reads and writes (USE BRANCH, SET heliosdb.branch).
  std::string branch_name() const;
  storage::BranchId branch() const { return branch_; }
  /// Whether the session goes with the branch named main (none was chosen):
  /// after DROP DATABASE BRANCH main and a rename of another to main, its
  /// next transaction runs on the new main.
  bool follows_main() const { return follows_main_; }
  /// Switches to the branch `name`: 3D000 if there is none, 25001 inside a
  /// transaction.
  void use_branch(std::string_view name);
  const Settings& settings() const { return settings_; }
  /// Who the session is, for current_user and friends.
  SessionInfo& info() { return info_; }
  /// Where another thread asks the running statement to stop (CancelRequest).
  Interrupts& interrupts() { return interrupts_; }
  /// The client's end of COPY FROM STDIN / TO STDOUT (none: COPY fails 0A000).
  void set_copy_client(CopyClient* client) { copy_client_ = client; }
  /// Where LISTEN and NOTIFY go: `inbox` receives what this session listens
  /// to. Without a hub they fail with 0A000.
  /// The server's connections, for pg_stat_activity and pg_cancel/terminate_backend.
  void set_backend_directory(BackendDirectory* backends) { backends_ = backends; }
  void set_notifications(NotificationHub* hub, NotificationHub::Listener* inbox) {
    hub_ = hub;
    inbox_ = inbox;
  }
  /// For parameters a client gives at connection start.
  Settings& settings() { return settings_; }

 private:
  QueryResult run(const ast::Statement& statement);
  QueryResult run_transaction_control(const ast::TransactionStmt& statement);
  QueryResult run_savepoint(const ast::TransactionStmt& statement);
  QueryResult run_setting(const ast::SettingStmt& statement);
  QueryResult run_execute(const ast::ExecuteStmt& statement);
  QueryResult run_notify(const ast::NotifyStmt& statement);
  QueryResult run_discard(const ast::DiscardStmt& statement, ExecContext& ctx);
  void drop_temp_tables() noexcept;
  /// DECLARE: runs the query and keeps its rows as a cursor (cursors.hpp says why).
  QueryResult run_declare_cursor(const ast::DeclareCursorStmt& statement, ExecContext& ctx);
  QueryResult run_fetch(const ast::FetchStmt& statement);
  /// CREATE | DROP | ALTER | MERGE DATABASE BRANCH, USE BRANCH, SHOW BRANCHES.
  QueryResult run_branch(const ast::BranchStmt& statement);
  QueryResult run_set_constraints(const ast::SetConstraintsStmt& statement, ExecContext& ctx);
  /// SET / SHOW / RESET heliosdb.branch.
  QueryResult run_branch_setting(const ast::SettingStmt& statement);
  /// Puts the session on `branch`, or back with main (none), and tells BranchUsers.
  void choose_branch(std::optional<storage::BranchId> branch);
  /// LISTEN/UNLISTEN and NOTIFY of the transaction that just committed take effect.
  void apply_notifications();
  void run_all(const std::vector<const ast::Statement*>& statements, const std::vector<Value>& params,
               const std::function<void(QueryResult&&)>& on_result, std::string_view sql);
  /// What default_transaction_isolation says.
  IsolationLevel default_isolation() const;
  /// Ends the open transaction without committing it.
  void roll_back();
  QueryResult dispatch(const ast::Statement& statement);
  void begin(IsolationLevel isolation);
  void commit();
  void abort_after_error();

  storage::Store& store_;
  storage::BranchId branch_;
  bool follows_main_;
  std::unique_ptr<storage::Transaction> txn_;
  struct SavepointEntry {
    std::string name;
    storage::Transaction::Savepoint storage;
    std::uint64_t cursors = 0;  ///< CursorStore::mark() when it was taken
  };
  /// The open block's savepoints, oldest first (a name may repeat: the newest wins).
  std::vector<SavepointEntry> savepoints_;
  TransactionStatus status_ = TransactionStatus::kIdle;
  bool implicit_ = false;  ///< txn_ is the implicit transaction of a multi-statement execute() or of a pipeline
  bool pipeline_ = false;  ///< that implicit transaction lasts until end_implicit(), not the execute() call
  IsolationLevel isolation_ = IsolationLevel::kRepeatableRead;
  std::int64_t transaction_start_ = 0;  ///< now() of the open transaction
  std::uint32_t next_row_id_ = 0;
  const std::vector<Value>* params_ = nullptr;        ///< of the statements running now
  std::vector<SqlType>* described_params_ = nullptr;  ///< set while describe() runs
  SessionSequences sequences_;                        ///< currval() and lastval()
  Settings settings_;
  Interrupts interrupts_;
  SessionInfo info_;
  CopyClient* copy_client_ = nullptr;
  NotificationHub* hub_ = nullptr;
  BackendDirectory* backends_ = nullptr;
  AdvisoryLocks advisory_;         ///< pg_advisory_lock and friends
  std::string temp_schema_;        ///< pg_temp_N: this session's temporary tables
  bool temp_schema_used_ = false;  ///< a statement made temporary tables: drop them at the end
  CatalogMemo catalog_memo_;       ///< catalog lookups kept between statements
  InsertPlans insert_plans_;       ///< plans of the INSERTs it runs again and again
  BatchPool batch_pool_;           ///< row batches kept between statements
  DeferredConstraints deferred_;   ///< the transaction's deferred foreign-key checks, run at COMMIT
  NotificationHub::Listener* inbox_ = nullptr;
  std::vector<std::pair<bool, std::string>> pending_listens_;  ///< (listen?, channel; empty: all), until commit
  std::vector<Notification> pending_notifications_;            ///< until commit
  std::map<std::string, std::shared_ptr<const PreparedStatement>, std::less<>> prepared_;
  CursorStore cursors_;
  std::string_view source_text_;  ///< the SQL of the statements running now, if known
};

}  // namespace heliosdb::engine

#pragma once

// Statements as the parser produces them. One struct per statement kind.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/ast/expr.hpp"

namespace heliosdb::engine::ast {

struct TableRef;
using TableRefPtr = std::unique_ptr<TableRef>;

/// A point in a database's history: `AS OF TIMESTAMP expr | TRANSACTION n |
/// SCN n | NOW` after a table name or in CREATE DATABASE BRANCH.
struct TemporalPoint {
  enum class Kind : std::uint8_t { kNow, kTimestamp, kTransaction, kScn };
  Kind kind = Kind::kNow;
  ExprPtr expr;  ///< null for NOW
};

/// What HeliosDB's syntax after a table name asks of its rows: the table as
/// of a past point, or every version between two points (`VERSIONS BETWEEN
/// {TIMESTAMP|SCN} a AND b`). Lifted off the token stream, since the
/// PostgreSQL grammar has neither.
struct TemporalClause {
  enum class Kind : std::uint8_t { kAsOf, kVersions };
  Kind kind = Kind::kAsOf;
  TemporalPoint point;  ///< AS OF; the lower bound of VERSIONS
  TemporalPoint upper;  ///< VERSIONS only
  int location = -1;    ///< of the clause's first word
};

/// A table name with its alias: `s.t AS x (a, b)`.
struct RangeVar {
  std::string schema;
  std::string name;
  std::string alias;
  std::vector<std::string> column_aliases;
  int location = -1;
  std::shared_ptr<const TemporalClause> temporal;  ///< AS OF / VERSIONS, if given
  bool table_only = false;                         ///< an UPDATE's or DELETE's target: a table, never a WITH query
  /// UPDATE ... FROM, DELETE ... USING: the target's scan also yields each
  /// row's storage key, as a hidden bytea column after the table's columns.
  bool with_row_key = false;
  /// The statement checked its privileges on it already (it names it as
  /// the target it writes), so its scan checks none.
  bool privileges_checked = false;
  /// Whose row-level security policies its scan applies (PolicyDef::command
  /// letters): 'r' SELECT's; an UPDATE's or DELETE's target 'w' or 'd', and
  /// SELECT's as well when `policy_reads` (the statement reads its rows).
  char policy_command = 'r';
  bool policy_reads = true;
};

struct JoinRef {
  enum class Kind : std::uint8_t { kInner, kLeft, kRight, kFull, kCross };
  Kind kind = Kind::kInner;
  TableRefPtr left;
  TableRefPtr right;
  ExprPtr on;
  std::vector<std::string> using_columns;
  bool natural = false;
  std::string alias;
};

struct SubqueryRef {
  std::unique_ptr<SelectStmt> select;
  std::string alias;
  std::vector<std::string> column_aliases;
  bool lateral = false;
};

/// A function in FROM: `pg_database_branches()`, `upper('a') AS u (x)`.
struct FunctionRef {
  ExprPtr call;      ///< the FuncCall
  std::string name;  ///< the function's name, unqualified
  std::string alias;
  std::vector<std::string> column_aliases;
  bool ordinality = false;  ///< WITH ORDINALITY: a last bigint column numbering the rows
  bool lateral = false;     ///< written LATERAL (a function in FROM may use earlier items either way)
  int location = -1;
  /// AS alias(name type, ...): the columns of a function returning record (json_to_record).
  std::vector<std::pair<std::string, TypeName>> column_definitions;
};

struct TableRef {
  std::variant<RangeVar, JoinRef, SubqueryRef, FunctionRef> node;
};

/// One item of a SELECT list or RETURNING list.
struct ResultTarget {
  ExprPtr expr;
  std::string alias;  ///< empty when none was given
  int location = -1;
};

struct Statement;

/// One query of a WITH clause: `name [(columns)] AS [NOT] MATERIALIZED (query)`.
/// The query is a SELECT, or an INSERT, UPDATE or DELETE (a data-modifying
/// WITH query, whose RETURNING rows are its rows).
struct CommonTableExpr {
  std::string name;
  std::vector<std::string> column_aliases;
  std::shared_ptr<const Statement> query;
  int location = -1;
};

struct WithClause {
  bool recursive = false;
  std::vector<CommonTableExpr> queries;
};

/// FOR UPDATE | NO KEY UPDATE | SHARE | KEY SHARE [OF t, ...] [NOWAIT | SKIP LOCKED].
struct LockingClause {
  enum class Strength : std::uint8_t { kKeyShare, kShare, kNoKeyUpdate, kUpdate };
  enum class Wait : std::uint8_t { kBlock, kSkipLocked, kNoWait };
  Strength strength = Strength::kUpdate;
  Wait wait = Wait::kBlock;
  std::vector<RangeVar> relations;  ///< OF: names or aliases in FROM; empty for all
};

/// A SELECT, a VALUES list, or a set operation of two of them.
struct SelectStmt {
  enum class SetOp : std::uint8_t { kNone, kUnion, kIntersect, kExcept };
  std::shared_ptr<const WithClause> with;
  SetOp set_op = SetOp::kNone;
  bool set_all = false;
  std::unique_ptr<SelectStmt> left;
  std::unique_ptr<SelectStmt> right;

  bool distinct = false;
  ExprList distinct_on;
  std::vector<ResultTarget> targets;
  std::vector<TableRefPtr> from;
  ExprPtr where;
  ExprList group_by;
  /// GROUPING SETS, ROLLUP and CUBE: each grouping as positions in group_by
  /// (the empty set is the grand total); empty: group_by is one plain grouping.
  std::vector<std::vector<std::size_t>> grouping_sets;
  ExprPtr having;
  std::vector<ExprList> values;  ///< VALUES rows, when this is a VALUES list

  std::vector<SortItem> order_by;
  std::vector<std::shared_ptr<const WindowDef>> windows;  ///< WINDOW name AS (...), ...
  ExprPtr limit;
  ExprPtr offset;
  std::vector<LockingClause> locking;
};

struct SetClause {
  std::string column;
  ExprPtr value;
  int location = -1;
  bool subscripted = false;  ///< SET c.field = ... or c[i] = ...: not supported yet
};

/// INSERT ... ON CONFLICT [(columns) | ON CONSTRAINT name] DO NOTHING |
/// DO UPDATE SET ... [WHERE ...].
struct OnConflict {
  bool update = false;               ///< DO UPDATE; else DO NOTHING
  std::vector<std::string> columns;  ///< the conflict target's columns
  std::string constraint;            ///< ON CONSTRAINT name
  std::vector<SetClause> set;
  ExprPtr where;
  int location = -1;
};

struct InsertStmt {
  enum class Overriding : std::uint8_t { kNone, kSystemValue, kUserValue };
  std::shared_ptr<const WithClause> with;
  RangeVar table;
  Overriding overriding = Overriding::kNone;
  std::vector<std::string> columns;
  std::unique_ptr<SelectStmt> source;  ///< null for DEFAULT VALUES
  std::unique_ptr<OnConflict> on_conflict;
  std::vector<ResultTarget> returning;
  /// Unique to the parse that made it (0: none): a session keeps the plan
  /// of a prepared INSERT under it (insert_plan.hpp).
  std::uint64_t id = 0;
};

struct UpdateStmt {
  std::shared_ptr<const WithClause> with;
  RangeVar table;
  std::vector<SetClause> set;
  std::vector<TableRefPtr> from;  ///< FROM: other tables joined to the target
  ExprPtr where;
  std::vector<ResultTarget> returning;
};

struct DeleteStmt {
  std::shared_ptr<const WithClause> with;
  RangeVar table;
  std::vector<TableRefPtr> using_tables;  ///< USING: other tables joined to the target
  ExprPtr where;
  std::vector<ResultTarget> returning;
};

struct ForeignKeyRef {
  RangeVar table;
  std::vector<std::string> columns;  ///< empty: the referenced table's primary key
};

/// One option of CREATE/ALTER SEQUENCE, as written: INCREMENT 5, NO MAXVALUE
/// (no value), AS bigint (type), OWNED BY t.c (names), RESTART [WITH n].
struct SequenceOption {
  std::string name;  ///< "as", "increment", "minvalue", "maxvalue", "start", "restart", "cache", "cycle", "owned_by"
  std::optional<std::string> value;  ///< the number, or "true"/"false" for cycle; none for NO ... / bare RESTART
  std::optional<TypeName> type;      ///< AS type
  std::vector<std::string> names;    ///< OWNED BY: table and column, or "none"
  int location = -1;
};

/// A column or table constraint.
struct Constraint {
  enum class Kind : std::uint8_t {
    kNotNull,
    kNull,
    kDefault,
    kPrimaryKey,
    kUnique,
    kCheck,
    kForeignKey,
    kIdentity,
    kGenerated,  ///< GENERATED ALWAYS AS (expr) STORED
  };
  Kind kind = Kind::kNotNull;
  std::string name;
  std::vector<std::string> columns;  ///< table constraints: the constrained columns
  ExprPtr expr;                      ///< DEFAULT value, CHECK condition or generation expression
  std::string expr_text;             ///< that expression as SQL text, for the catalog
  std::optional<ForeignKeyRef> references;
  char on_delete = 'a';     ///< FOREIGN KEY actions, PostgreSQL's letters: a no action, r restrict,
  char on_update = 'a';     ///< c cascade, n set null, d set default
  bool deferrable = false;  ///< FOREIGN KEY ... DEFERRABLE
  bool initially_deferred = false;
  char identity = 0;                             ///< GENERATED ALWAYS (a) / BY DEFAULT (d) AS IDENTITY
  std::vector<SequenceOption> sequence_options;  ///< AS IDENTITY (options)
  int location = -1;
};

struct ColumnDef {
  std::string name;
  TypeName type;
  std::vector<Constraint> constraints;
  int location = -1;
};

struct CreateTableStmt {
  RangeVar table;
  bool if_not_exists = false;
  bool temporary = false;  ///< CREATE TEMP TABLE: the session's own, dropped when it ends
  std::vector<ColumnDef> columns;
  std::vector<Constraint> constraints;
  std::vector<std::pair<std::string, std::string>> options;  ///< WITH (name = value)
};

/// CREATE TABLE name [(columns)] AS query [WITH [NO] DATA], SELECT ... INTO
/// name, and CREATE MATERIALIZED VIEW name [(columns)] [WITH (options)] AS
/// query [WITH (options)] [WITH [NO] DATA] (the second WITH is HeliosDB's).
struct CreateTableAsStmt {
  RangeVar table;
  std::vector<std::string> columns;  ///< names for the leading columns; the rest keep the query's
  std::shared_ptr<SelectStmt> query;
  bool if_not_exists = false;
  bool with_data = true;
  bool temporary = false;
  bool materialized = false;
  std::string sql;                                           ///< a materialized view's statement as written
  std::vector<std::pair<std::string, std::string>> options;  ///< a materialized view's WITH (name = value)
};

/// REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA].
struct RefreshMatViewStmt {
  RangeVar name;
  bool concurrently = false;
  bool with_data = true;
  /// The background refresher's: by the changed rows, as CONCURRENTLY
  /// refreshes, with or without a unique index (no SQL text sets it).
  bool background = false;
};

struct DropStmt {
  enum class Object : std::uint8_t { kTable, kIndex, kSequence, kView, kMaterializedView };
  Object object = Object::kTable;
  std::vector<RangeVar> names;
  bool if_exists = false;
  bool cascade = false;
  bool concurrently = false;  ///< DROP INDEX CONCURRENTLY
};

struct IndexColumn {
  std::string name;
  std::string expression;  ///< an expression key as SQL text (then `name` is empty)
  std::string opclass;     ///< as written (vector_cosine_ops, ...); empty: the type's default
  bool descending = false;
  std::optional<bool> nulls_first;
  int location = -1;
};

struct CreateIndexStmt {
  std::string name;  ///< empty: PostgreSQL's generated name
  RangeVar table;
  std::vector<IndexColumn> columns;
  bool unique = false;
  bool if_not_exists = false;
  std::string method;                                        ///< USING ...; "btree" by default
  std::vector<std::pair<std::string, std::string>> options;  ///< WITH (name = value)
  std::string predicate;                                     ///< WHERE of a partial index, as SQL text
  bool concurrently = false;  ///< CONCURRENTLY: not in a transaction block, else as without it
};

struct TruncateStmt {
  std::vector<RangeVar> tables;
  bool cascade = false;
  bool restart_identity = false;  ///< RESTART IDENTITY: the sequences the tables' columns own start over
};

struct AlterTableStmt {
  struct AddColumn {
    ColumnDef column;
    bool if_not_exists = false;
  };
  struct AddConstraint {
    Constraint constraint;
  };
  struct DropColumn {
    std::string column;
    bool if_exists = false;
    bool cascade = false;
  };
  /// ALTER COLUMN c [SET DATA] TYPE t [USING expr].
  struct AlterColumnType {
    std::string column;
    TypeName type;
    ExprPtr using_expr;  ///< null: the column itself, cast as an assignment would
    int location = -1;
  };
  /// ALTER COLUMN c SET DEFAULT expr (a kDefault constraint) / DROP DEFAULT (none).
  struct SetDefault {
    std::string column;
    std::optional<Constraint> value;
  };
  /// ALTER COLUMN c SET NOT NULL / DROP NOT NULL.
  struct SetNotNull {
    std::string column;
    bool not_null = true;
  };
  struct DropConstraint {
    std::string name;
    bool if_exists = false;
    bool cascade = false;
  };
  /// ALTER COLUMN c ADD GENERATED ... AS IDENTITY [(options)]: `identity` is the kIdentity constraint.
  struct AddIdentity {
    std::string column;
    Constraint identity;
  };
  /// ALTER COLUMN c SET GENERATED {ALWAYS | BY DEFAULT} and/or sequence options (SET INCREMENT BY, RESTART).
  struct SetIdentity {
    std::string column;
    char generated = 0;  ///< a or d; 0: unchanged
    std::vector<SequenceOption> sequence_options;
  };
  struct DropIdentity {
    std::string column;
    bool if_exists = false;
  };
  /// OWNER TO role (pg_dump's ALTER TABLE also names sequences and views this way).
  struct OwnerTo {
    std::string role;           ///< the role named
    bool current_user = false;  ///< CURRENT_USER, CURRENT_ROLE or SESSION_USER instead
  };
  /// ALTER COLUMN c DROP EXPRESSION [IF EXISTS]: a generated column becomes a plain one.
  struct DropExpression {
    std::string column;
    bool if_exists = false;
  };
  /// SET (name = value, ...) / RESET (name, ...): storage parameters, and a
  /// materialized view's refresh options.
  struct SetOptions {
    std::vector<std::pair<std::string, std::string>> options;  ///< RESET: the names, values empty
    bool reset = false;
  };
  /// ENABLE / DISABLE / FORCE / NO FORCE ROW LEVEL SECURITY.
  struct RowSecurity {
    bool force = false;  ///< FORCE or NO FORCE, else ENABLE or DISABLE
    bool on = true;
  };
  using Command =
      std::variant<AddColumn, AddConstraint, DropColumn, AlterColumnType, SetDefault, SetNotNull, DropConstraint,
                   AddIdentity, SetIdentity, DropIdentity, DropExpression, OwnerTo, SetOptions, RowSecurity>;
  RangeVar table;
  bool if_exists = false;
  std::vector<Command> commands;
  std::string command_tag = "ALTER TABLE";  ///< ALTER VIEW, SEQUENCE or INDEX ... OWNER TO say so
};

/// ALTER TABLE t RENAME TO u, ALTER TABLE t RENAME [COLUMN] a TO b.
struct RenameStmt {
  /// What ALTER names: ALTER TABLE may rename a view or sequence too, as in PostgreSQL.
  enum class Object : std::uint8_t { kTable, kView, kSequence, kMaterializedView };
  Object object = Object::kTable;
  RangeVar table;          ///< the table, or with `index` the index
  std::string column;      ///< empty when the table itself is renamed
  std::string constraint;  ///< RENAME CONSTRAINT: its name
  std::string new_name;
  bool if_exists = false;
  bool index = false;  ///< ALTER INDEX name RENAME TO new_name
};

/// CREATE [OR REPLACE] VIEW name [(columns)] AS query.
struct CreateViewStmt {
  RangeVar name;
  std::vector<std::string> columns;
  std::shared_ptr<SelectStmt> query;
  bool or_replace = false;
  std::string sql;        ///< the statement as written, which the catalog keeps
  char check_option = 0;  ///< WITH LOCAL ('l') / CASCADED ('c') CHECK OPTION
};

/// CREATE SEQUENCE and ALTER SEQUENCE.
struct SequenceStmt {
  RangeVar name;
  bool alter = false;
  bool if_not_exists = false;  ///< CREATE ... IF NOT EXISTS
  bool if_exists = false;      ///< ALTER ... IF EXISTS
  std::vector<SequenceOption> options;
};

struct TransactionStmt {
  /// kSetTransaction: SET TRANSACTION, which changes the running transaction's isolation level;
  /// kSessionCharacteristics: SET SESSION CHARACTERISTICS AS TRANSACTION, the later ones' default.
  enum class Kind : std::uint8_t {
    kBegin,
    kCommit,
    kRollback,
    kSavepoint,
    kRelease,
    kRollbackTo,
    kSetTransaction,
    kSessionCharacteristics
  };
  Kind kind = Kind::kBegin;
  std::string savepoint;                 ///< SAVEPOINT, RELEASE and ROLLBACK TO: its name
  bool start_transaction = false;        ///< spelled START TRANSACTION (its own command tag)
  std::optional<std::string> isolation;  ///< "read committed", "repeatable read", ...
  std::optional<bool> read_only;
};

/// COMMENT ON TABLE | VIEW | SEQUENCE | INDEX | COLUMN name IS 'text' | NULL.
/// A function as DROP, ALTER and COMMENT name it: name[(argtypes)].
struct RoutineName {
  std::vector<std::string> names;  ///< as written, maybe schema-qualified
  std::vector<TypeName> args;      ///< the input argument types (OUT ones left out)
  bool args_given = false;         ///< written with a (possibly empty) argument list
  int location = -1;
};

struct CommentStmt {
  enum class Object : std::uint8_t { kTable, kView, kSequence, kIndex, kColumn, kType, kFunction, kExtension };
  Object object = Object::kTable;
  RangeVar name;                       ///< the relation, or the column's relation; kExtension: its name
  RoutineName function;                ///< kFunction
  std::string column;                  ///< kColumn
  std::optional<std::string> comment;  ///< none: IS NULL, which removes it
};

/// SET CONSTRAINTS {ALL | name, ...} {DEFERRED | IMMEDIATE}.
struct SetConstraintsStmt {
  std::vector<RangeVar> names;  ///< empty: ALL
  bool deferred = false;
};

/// SET, RESET and SHOW of a run-time parameter.
struct SettingStmt {
  enum class Kind : std::uint8_t { kSet, kSetDefault, kReset, kResetAll, kShow, kShowAll };
  Kind kind = Kind::kShow;
  std::string name;                 ///< lower case, as PostgreSQL folds it
  std::vector<std::string> values;  ///< kSet: the items, as text ('a', 1, on)
  bool local = false;               ///< SET LOCAL
};

struct Statement;
/// PREPARE name [(types)] AS statement.
struct PrepareStmt {
  std::string name;
  std::vector<TypeName> param_types;
  int param_count = 0;                         ///< the highest $n the statement uses
  std::shared_ptr<const Statement> statement;  ///< shared: the session keeps it after this text is gone
};

/// EXECUTE name [(values)].
struct ExecuteStmt {
  std::string name;
  ExprList params;
};

/// DECLARE name [BINARY] [ASENSITIVE | INSENSITIVE] [[NO] SCROLL] CURSOR
/// [{WITH | WITHOUT} HOLD] FOR query (PostgreSQL 15 docs, SQL Commands, DECLARE).
struct DeclareCursorStmt {
  std::string name;
  std::unique_ptr<SelectStmt> query;  ///< a SELECT or VALUES: the grammar takes nothing else
  bool binary = false;
  bool scroll = false;     ///< SCROLL given
  bool no_scroll = false;  ///< NO SCROLL given
  bool insensitive = false;
  bool hold = false;  ///< WITH HOLD: the cursor outlives the transaction's COMMIT
};

/// FETCH and MOVE [direction] [FROM | IN] name. Every spelling of a direction
/// comes as one of four kinds with a count: NEXT is FORWARD 1, PRIOR is
/// BACKWARD 1, FIRST is ABSOLUTE 1, LAST is ABSOLUTE -1, a bare n is FORWARD n.
struct FetchStmt {
  enum class Direction : std::uint8_t { kForward, kBackward, kAbsolute, kRelative };
  static constexpr std::int64_t kAll = INT64_MAX;  ///< the count of ALL
  Direction direction = Direction::kForward;
  std::int64_t count = 1;  ///< may be negative: FORWARD -1 goes back one row
  std::string cursor;
  bool move = false;  ///< MOVE: positions without returning rows
};

/// CLOSE name | ALL and DISCARD ALL | PLANS | SEQUENCES | TEMP: a session
/// gives back its cursors and state (connection pools send these on release).
struct DiscardStmt {
  enum class Kind : std::uint8_t { kClose, kCloseAll, kAll, kPlans, kSequences, kTemp };
  Kind kind = Kind::kAll;
  std::string cursor;  ///< kClose
};

/// LOCK [TABLE] name, ... [IN mode MODE] [NOWAIT].
struct LockStmt {
  std::vector<RangeVar> tables;
  int mode = 8;  ///< PostgreSQL's lock mode number: 1 ACCESS SHARE ... 8 ACCESS EXCLUSIVE (the default)
  bool nowait = false;
};

/// DEALLOCATE name | ALL.
struct DeallocateStmt {
  std::string name;  ///< empty: ALL
};

/// COPY table [(columns)] FROM STDIN | TO STDOUT, COPY (query) TO STDOUT.
struct CopyStmt {
  RangeVar table;                     ///< empty name when copying a query's rows
  std::vector<std::string> columns;   ///< empty: every column
  std::unique_ptr<SelectStmt> query;  ///< COPY (query) TO
  bool from = false;                  ///< FROM (into the table) rather than TO
  std::string file;                   ///< a server-side file; empty for STDIN/STDOUT
  bool program = false;               ///< FROM/TO PROGRAM
  /// WITH (name value, ...) and the old spellings (CSV HEADER ...).
  struct Option {
    std::string name;
    std::vector<std::string> values;  ///< FORCE_QUOTE * is the single value "*"
    int location = -1;
  };
  std::vector<Option> options;
};

/// VACUUM and ANALYZE, with the tables (and columns) they name.
struct VacuumStmt {
  struct Target {
    RangeVar table;
    std::vector<std::string> columns;
  };
  bool vacuum = true;  ///< false: ANALYZE alone
  bool analyze = false;
  std::vector<Target> targets;  ///< empty: every table
};

/// LISTEN, UNLISTEN [*] and NOTIFY channel [, 'payload'].
struct NotifyStmt {
  enum class Kind : std::uint8_t { kListen, kUnlisten, kNotify };
  Kind kind = Kind::kNotify;
  std::string channel;  ///< empty for UNLISTEN *
  std::string payload;
};

/// A role named in a role statement; CURRENT_USER, CURRENT_ROLE and
/// SESSION_USER are `current` (one role for us: no SET ROLE yet).
struct RoleName {
  std::string name;
  bool current = false;
  bool is_public = false;  ///< PUBLIC, where GRANT and REVOKE name every role
};

/// CREATE ROLE | USER | GROUP, ALTER ROLE | USER [WITH] attributes or
/// RENAME TO, DROP ROLE | USER | GROUP [IF EXISTS]; GRANT roles TO roles
/// [WITH ADMIN OPTION] [GRANTED BY role] and REVOKE [ADMIN OPTION FOR]
/// roles FROM roles. Attributes left unset keep their value (ALTER) or
/// default (CREATE).
struct RoleStmt {
  enum class Kind : std::uint8_t { kCreate, kAlter, kDrop, kGrant, kRevoke };
  Kind kind = Kind::kCreate;
  bool user = false;                 ///< CREATE USER: LOGIN unless NOLOGIN is given
  std::vector<RoleName> roles;       ///< one, except for DROP; GRANT's and REVOKE's members
  std::vector<std::string> granted;  ///< GRANT / REVOKE: the roles granted or revoked
  bool admin_option = false;         ///< GRANT ... WITH ADMIN OPTION, REVOKE ADMIN OPTION FOR
  std::optional<RoleName> grantor;   ///< GRANTED BY
  /// CREATE ROLE ... IN ROLE (the new role joins them), ROLE (they join it)
  /// and ADMIN (they join it WITH ADMIN OPTION).
  std::vector<RoleName> in_roles, role_members, admin_members;
  bool if_exists = false;
  std::optional<bool> superuser, inherit, create_role, create_db, login, replication, bypass_rls;
  std::optional<std::int32_t> connection_limit;
  std::optional<std::optional<std::string>> password;  ///< PASSWORD 'x', or PASSWORD NULL (inner nullopt)
  std::optional<std::string> valid_until;
  std::string new_name;  ///< ALTER ... RENAME TO
};

/// GRANT privileges ON objects TO roles [WITH GRANT OPTION] [GRANTED BY
/// role]; REVOKE [GRANT OPTION FOR] privileges ON objects FROM roles
/// [CASCADE | RESTRICT].
struct GrantStmt {
  enum class Object : std::uint8_t { kTable, kSequence, kSchema, kFunction, kDatabase, kType, kDomain };
  bool grant = true;
  Object object = Object::kTable;
  /// ON ALL TABLES | SEQUENCES | FUNCTIONS IN SCHEMA: `names` are the schemas.
  bool all_in_schema = false;
  std::vector<RangeVar> relations;              ///< kTable, kSequence
  std::vector<std::string> names;               ///< kSchema, kDatabase, and the schemas of all_in_schema
  std::vector<RoutineName> functions;           ///< kFunction
  std::vector<std::vector<std::string>> types;  ///< kType, kDomain: each name as written, maybe qualified
  std::vector<std::string> privileges;          ///< lower case, as written; empty: ALL [PRIVILEGES]
  /// SELECT (a, b), ALL (a): privileges on columns. `privilege` is empty for ALL.
  struct ColumnPrivilege {
    std::string privilege;
    std::vector<std::string> columns;
  };
  std::vector<ColumnPrivilege> column_privileges;
  std::vector<RoleName> grantees;
  bool grant_option = false;  ///< WITH GRANT OPTION; REVOKE GRANT OPTION FOR
  std::optional<RoleName> grantor;
  bool cascade = false;
};

/// ALTER DEFAULT PRIVILEGES [FOR ROLE roles] [IN SCHEMA schemas] GRANT |
/// REVOKE ... ON TABLES | SEQUENCES | FUNCTIONS | TYPES | SCHEMAS: `grant`
/// names the privileges and grantees, its object the kind.
struct DefaultPrivilegesStmt {
  std::vector<RoleName> roles;       ///< empty: the current role
  std::vector<std::string> schemas;  ///< empty: every schema
  GrantStmt grant;
};

/// DROP OWNED BY roles [CASCADE | RESTRICT]; REASSIGN OWNED BY roles TO role.
struct OwnedStmt {
  bool drop = true;
  std::vector<RoleName> roles;
  RoleName new_owner;  ///< REASSIGN's
  bool cascade = false;
};

/// CREATE SCHEMA [IF NOT EXISTS] [name] [AUTHORIZATION role] [elements],
/// DROP SCHEMA [IF EXISTS] names [CASCADE], ALTER SCHEMA name RENAME TO /
/// OWNER TO.
struct SchemaStmt {
  enum class Kind : std::uint8_t { kCreate, kDrop, kRename, kOwner };
  Kind kind = Kind::kCreate;
  std::vector<std::string> names;  ///< one, except for DROP; CREATE with none takes the role's name
  std::optional<RoleName> role;    ///< CREATE ... AUTHORIZATION, ALTER ... OWNER TO
  std::string new_name;            ///< RENAME TO
  bool if_exists = false;
  bool if_not_exists = false;
  bool cascade = false;
  /// CREATE SCHEMA's own CREATE TABLE, VIEW, INDEX and SEQUENCE statements,
  /// which make their objects in the new schema.
  std::vector<std::unique_ptr<Statement>> elements;
  int location = -1;
};

/// CREATE TYPE name AS ENUM (labels), DROP TYPE [IF EXISTS] names
/// [CASCADE], ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'x' [BEFORE | AFTER
/// 'y'], RENAME VALUE 'a' TO 'b', RENAME TO, OWNER TO.
struct TypeStmt {
  enum class Kind : std::uint8_t { kCreateEnum, kDrop, kAddValue, kRenameValue, kRename, kOwner };
  Kind kind = Kind::kCreateEnum;
  std::vector<std::vector<std::string>> names;  ///< each as written, maybe schema-qualified; one but for DROP
  std::vector<std::string> labels;              ///< CREATE's labels; ADD VALUE's new one
  std::string neighbor;                         ///< ADD VALUE's BEFORE/AFTER label; RENAME VALUE's old label
  bool before = false;                          ///< ADD VALUE ... BEFORE neighbor (else AFTER, when given)
  std::string new_name;                         ///< RENAME TO, RENAME VALUE ... TO
  std::optional<RoleName> role;                 ///< OWNER TO
  bool if_exists = false;
  bool if_not_exists = false;
  bool cascade = false;
  int location = -1;
};

/// CREATE DOMAIN, DROP DOMAIN and ALTER DOMAIN (PostgreSQL 15 docs, CREATE
/// DOMAIN and ALTER DOMAIN).
struct DomainStmt {
  enum class Kind : std::uint8_t {
    kCreate,
    kDrop,
    kSetDefault,  ///< ALTER DOMAIN ... SET DEFAULT (constraints[0] is the kDefault)
    kDropDefault,
    kSetNotNull,
    kDropNotNull,
    kAddConstraint,  ///< constraints[0]
    kDropConstraint,
    kValidateConstraint,
    kRename,
    kRenameConstraint,
    kOwner,
  };
  Kind kind = Kind::kCreate;
  std::vector<std::vector<std::string>> names;  ///< each as written, maybe schema-qualified; one but for DROP
  TypeName type;                                ///< CREATE: the base type
  bool collate = false;                         ///< CREATE ... COLLATE, which we have no collations for
  std::vector<Constraint> constraints;          ///< CREATE's DEFAULT, NULL, NOT NULL and CHECKs; ADD's one
  bool not_valid = false;                       ///< ADD ... NOT VALID
  std::string constraint;                       ///< DROP, VALIDATE and RENAME CONSTRAINT's name
  std::string new_name;                         ///< RENAME TO, RENAME CONSTRAINT ... TO
  std::optional<RoleName> role;                 ///< OWNER TO
  bool if_exists = false;
  bool cascade = false;
  int location = -1;
};

/// One parameter of CREATE FUNCTION, or a column of RETURNS TABLE (kTable).
struct FunctionParameter {
  enum class Mode : std::uint8_t { kIn, kOut, kInOut, kVariadic, kTable };
  std::string name;  ///< empty when unnamed
  TypeName type;
  Mode mode = Mode::kIn;
  ExprPtr default_expr;      ///< DEFAULT / = expression, if any
  std::string default_text;  ///< the same deparsed, as the catalog keeps it
};

/// CREATE [OR REPLACE] FUNCTION, DROP FUNCTION, ALTER FUNCTION ... RENAME TO /
/// OWNER TO / SET SCHEMA (PostgreSQL 15 docs, CREATE FUNCTION, ALTER FUNCTION).
struct FunctionStmt {
  enum class Kind : std::uint8_t { kCreate, kDrop, kRename, kOwner, kSetSchema };
  /// How the body was written: AS 'text', RETURN expr, or BEGIN ATOMIC ... END.
  enum class BodyForm : std::uint8_t { kString, kReturn, kAtomic };
  Kind kind = Kind::kCreate;
  std::vector<RoutineName> functions;  ///< DROP: every one named; otherwise one
  bool or_replace = false;
  std::vector<FunctionParameter> parameters;
  std::optional<TypeName> returns;  ///< RETURNS type; none for RETURNS TABLE or no RETURNS at all
  bool returns_set = false;         ///< SETOF, or RETURNS TABLE
  bool returns_table = false;
  std::string language;   ///< as written, lower-cased; empty when not given
  char volatility = 'v';  ///< 'i', 's' or 'v' (provolatile)
  bool strict = false;
  char parallel = 'u';  ///< 's', 'r' or 'u' (proparallel)
  BodyForm body_form = BodyForm::kString;
  std::optional<std::string> body;  ///< AS's text; RETURN / BEGIN ATOMIC: statements as text, ';'-separated
  std::string sql_body;             ///< RETURN / BEGIN ATOMIC as deparsed for pg_get_functiondef
  std::string refused;              ///< the first option we do not support (SECURITY DEFINER, SET, ...), if any
  std::string new_name;             ///< RENAME TO
  std::string new_schema;           ///< SET SCHEMA
  std::optional<RoleName> role;     ///< OWNER TO
  bool if_exists = false;
  bool cascade = false;
  int location = -1;
};

struct ExplainStmt {
  std::unique_ptr<Statement> statement;
  bool analyze = false;
  bool verbose = false;
};

/// HeliosDB's branch commands: CREATE | DROP | ALTER ... RENAME | MERGE
/// DATABASE BRANCH, USE BRANCH, SHOW BRANCHES.
struct BranchStmt {
  enum class Kind : std::uint8_t { kCreate, kDrop, kRename, kMerge, kUse, kShow };
  Kind kind = Kind::kShow;
  std::string name;     ///< the branch created, dropped, renamed, merged (source) or used
  std::string parent;   ///< CREATE ... FROM parent; empty for FROM CURRENT
  std::string target;   ///< RENAME TO target, MERGE ... INTO target
  TemporalPoint as_of;  ///< CREATE ... AS OF
  std::vector<std::pair<std::string, std::string>> options;  ///< WITH (name = value, ...)
  bool if_exists = false;
};

/// CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v]
/// [CASCADE], DROP EXTENSION [IF EXISTS] names [CASCADE | RESTRICT].
struct ExtensionStmt {
  enum class Kind : std::uint8_t { kCreate, kDrop };
  Kind kind = Kind::kCreate;
  std::vector<std::string> names;  ///< one, except for DROP
  std::string schema;              ///< SCHEMA; empty: the first schema of the search path
  std::string version;             ///< VERSION; empty: the default
  bool if_exists = false;
  bool if_not_exists = false;
  bool cascade = false;
};

/// REINDEX [(VERBOSE)] {INDEX | TABLE | SCHEMA | DATABASE | SYSTEM} [CONCURRENTLY] name
struct ReindexStmt {
  enum class Kind : std::uint8_t { kIndex, kTable, kSchema, kDatabase, kSystem };
  Kind kind = Kind::kTable;
  RangeVar relation;  ///< INDEX, TABLE
  std::string name;   ///< SCHEMA, DATABASE, SYSTEM
  bool concurrently = false;
  bool verbose = false;
};

/// CREATE POLICY name ON table [AS PERMISSIVE | RESTRICTIVE] [FOR command]
/// [TO roles] [USING (expr)] [WITH CHECK (expr)]; ALTER POLICY name ON
/// table [TO roles] [USING (...)] [WITH CHECK (...)] or RENAME TO new_name;
/// DROP POLICY [IF EXISTS] name ON table [CASCADE | RESTRICT].
struct PolicyStmt {
  enum class Kind : std::uint8_t { kCreate, kAlter, kRename, kDrop };
  Kind kind = Kind::kCreate;
  std::string name;
  RangeVar table;
  char command = '*';  ///< PolicyDef::command
  bool permissive = true;
  std::vector<RoleName> roles;  ///< TO ...; empty: PUBLIC (CREATE) or unchanged (ALTER)
  std::string using_expr;       ///< as SQL text; empty: none given
  std::string check_expr;
  std::shared_ptr<const Expr> using_ast;  ///< the same, parsed (errors point into the statement)
  std::shared_ptr<const Expr> check_ast;
  std::string new_name;
  bool if_exists = false;
};

struct Statement {
  std::variant<SelectStmt, InsertStmt, UpdateStmt, DeleteStmt, CreateTableStmt, CreateTableAsStmt, CreateIndexStmt,
               DropStmt, TruncateStmt, AlterTableStmt, RenameStmt, SequenceStmt, CreateViewStmt, TransactionStmt,
               ExplainStmt, SettingStmt, PrepareStmt, ExecuteStmt, DeallocateStmt, CopyStmt, VacuumStmt, NotifyStmt,
               RoleStmt, BranchStmt, SetConstraintsStmt, CommentStmt, DiscardStmt, LockStmt, DeclareCursorStmt,
               FetchStmt, SchemaStmt, TypeStmt, DomainStmt, FunctionStmt, ReindexStmt, ExtensionStmt, GrantStmt,
               DefaultPrivilegesStmt, OwnedStmt, RefreshMatViewStmt, PolicyStmt>
      node;
  int location = 0;  ///< byte offset of the statement in the submitted text
  int length = 0;    ///< 0: to the end of the text
};

}  // namespace heliosdb::engine::ast

// DECLARE, FETCH and MOVE (PostgreSQL 15 docs, SQL Commands): the session's
// side of SQL cursors. CLOSE is in run_discard; a cursor's lifetime across
// COMMIT, ROLLBACK and savepoints is CursorStore's.
#include <string>

#include "engine/common/db_error.hpp"
#include "engine/exec/row_locks.hpp"
#include "engine/exec/statements.hpp"
#include "engine/session/session.hpp"
#include "engine/types/temporal.hpp"

namespace heliosdb::engine {

namespace {

// What PostgreSQL's parse analysis of DECLARE refuses, in its order.
void check_declarable(const ast::DeclareCursorStmt& statement) {
  const ast::SelectStmt& query = *statement.query;
  if (query.with) {
    for (const ast::CommonTableExpr& cte : query.with->queries) {
      if (!std::holds_alternative<ast::SelectStmt>(cte.query->node)) {
        throw DbError(sqlstate::kFeatureNotSupported,
                      "DECLARE CURSOR must not contain data-modifying statements in WITH");
      }
    }
  }
  if (!query.locking.empty()) {
    const std::string locking = locking_clause_name(query.locking.front().strength);
    if (statement.hold) {
      throw DbError(sqlstate::kFeatureNotSupported, "DECLARE CURSOR WITH HOLD ... " + locking + " is not supported")
          .with_detail("Holdable cursors must be READ ONLY.");
    }
    if (statement.scroll) {
      throw DbError(sqlstate::kFeatureNotSupported, "DECLARE SCROLL CURSOR ... " + locking + " is not supported")
          .with_detail("Scrollable cursors must be READ ONLY.");
    }
    if (statement.insensitive) {
      throw DbError(sqlstate::kInvalidCursorDefinition, "DECLARE INSENSITIVE CURSOR ... " + locking + " is not valid")
          .with_detail("Insensitive cursors must be READ ONLY.");
    }
  }
  if (statement.binary) {
    // Rows in binary would need a per-result output format the simple
    // protocol path does not carry yet.
    throw DbError(sqlstate::kFeatureNotSupported, "BINARY cursors are not supported")
        .with_hint("Declare the cursor without BINARY; the extended protocol can still fetch its rows in binary.");
  }
}

}  // namespace

QueryResult Session::run_declare_cursor(const ast::DeclareCursorStmt& statement, ExecContext& ctx) {
  check_declarable(statement);
  // All the rows now, through this statement's snapshot: see Cursor for why
  // that returns what reading them lazily would. A FOR UPDATE query locks
  // every row it returns now rather than as FETCH reaches it.
  QueryResult rows = run_select(*statement.query, ctx);
  QueryResult result;
  result.command_tag = "DECLARE CURSOR";
  result.notices = std::move(rows.notices);
  if (ctx.describe_only) return result;
  CursorOptions options;
  options.hold = statement.hold;
  // Neither SCROLL nor NO SCROLL: PostgreSQL allows going back when its plan
  // can; the copied rows always can.
  options.scroll = !statement.no_scroll;
  options.binary = statement.binary;
  cursors_.declare(Cursor(statement.name, std::string(source_text_), options, std::move(rows.columns),
                          std::move(rows.rows), temporal::now_micros()));
  return result;
}

QueryResult Session::run_fetch(const ast::FetchStmt& statement) {
  Cursor& cursor = cursors_.find(statement.cursor);
  QueryResult result;
  if (statement.move) {
    const std::uint64_t moved = cursor.fetch(statement.direction, statement.count, nullptr);
    result.command_tag = "MOVE " + std::to_string(moved);
    return result;
  }
  result.columns = cursor.columns();
  result.returns_rows = true;
  const std::uint64_t fetched = cursor.fetch(statement.direction, statement.count, &result.rows);
  result.command_tag = "FETCH " + std::to_string(fetched);
  return result;
}

}  // namespace heliosdb::engine

#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

/// What DECLARE asked of a cursor, as pg_cursors reports it.
struct CursorOptions {
  bool hold = false;    ///< WITH HOLD: survives the COMMIT of the transaction that declared it
  bool scroll = true;   ///< false for NO SCROLL: FETCH and MOVE may only go forward
  bool binary = false;  ///< BINARY (the session refuses it; kept for pg_cursors)
};

/// One SQL cursor (PostgreSQL 15 docs, SQL Commands, DECLARE and FETCH): the
/// rows of its query and a position among them. The position is before the
/// first row, on one row, or after the last; FETCH and MOVE move it exactly
/// as PostgreSQL's portals move (a FETCH that runs out of rows leaves it
/// after the last row, one that runs out going back leaves it before the
/// first).
///
/// The rows are all taken when the cursor is declared, through the
/// declaring statement's snapshot. A read-only query sees that snapshot
/// whenever its rows are read, so the rows are the ones a lazily read
/// cursor would return; the differences are when the work happens (an
/// error such as a division by zero in the tenth row shows at DECLARE, not
/// at the FETCH that reaches it) and the memory the rows take.
///
/// Plain data; not thread-safe (one session's).
class Cursor {
 public:
  Cursor(std::string name, std::string statement, CursorOptions options, std::vector<ResultColumn> columns,
         std::vector<Row> rows, std::int64_t creation_time);

  /// FETCH `direction` `count`: the rows passed on the way, in the order
  /// passed, appended to `out`; MOVE when `out` is null. Returns how many
  /// rows that is (the count of the command tag). Throws DbError 55000 when
  /// a NO SCROLL cursor would have to go back; the position may then have
  /// moved forward already (PostgreSQL leaves it so too, and the error
  /// aborts the transaction).
  std::uint64_t fetch(ast::FetchStmt::Direction direction, std::int64_t count, std::vector<Row>* out);

  const std::string& name() const { return name_; }
  /// The text of the statements the client sent with its DECLARE (pg_cursors.statement).
  const std::string& statement() const { return statement_; }
  const CursorOptions& options() const { return options_; }
  const std::vector<ResultColumn>& columns() const { return columns_; }
  std::int64_t creation_time() const { return creation_time_; }  ///< microseconds since 2000-01-01 UTC

 private:
  friend class CursorStore;

  /// The primitive moves. Each passes at most `count` rows (count <= 0:
  /// none) and reports how many it passed.
  std::uint64_t forward(std::int64_t count, std::vector<Row>* out);
  std::uint64_t backward(std::int64_t count, std::vector<Row>* out);
  /// Count 0: the current row again if the cursor is on one.
  std::uint64_t refetch(bool forward_direction, std::vector<Row>* out);
  std::uint64_t absolute(std::int64_t count, std::vector<Row>* out);
  std::uint64_t relative(std::int64_t count, std::vector<Row>* out);
  void require_scroll() const;
  std::size_t after_last() const { return rows_.size() + 1; }
  bool on_row() const { return position_ >= 1 && position_ <= rows_.size(); }

  std::string name_;
  std::string statement_;
  CursorOptions options_;
  std::vector<ResultColumn> columns_;
  std::vector<Row> rows_;
  std::int64_t creation_time_ = 0;
  /// 0: before the first row; k: on row k (1-based); rows_.size() + 1: after the last.
  std::size_t position_ = 0;
  std::uint64_t serial_ = 0;  ///< order of declaration, for ROLLBACK TO SAVEPOINT
  bool held_ = false;         ///< WITH HOLD and its transaction committed: no rollback drops it any more
};

/// A session's SQL cursors by name, with their transactional lifetime
/// (PostgreSQL 15 docs, DECLARE, Notes): a cursor lasts until CLOSE or the
/// end of its transaction; one WITH HOLD survives that transaction's COMMIT
/// and then lasts until CLOSE or the session's end; a rollback drops the
/// cursors it declared, ROLLBACK TO SAVEPOINT the ones declared since the
/// savepoint. CLOSE and fetch positions are not transactional.
///
/// Not thread-safe: the session's thread only.
class CursorStore {
 public:
  /// Adds `cursor`. Throws DbError 42P03 if its name is taken.
  void declare(Cursor cursor);
  /// Throws DbError 34000 if there is none by that name.
  Cursor& find(const std::string& name);
  /// Null if there is none by that name; valid until the next change to the store.
  const Cursor* find_if(const std::string& name) const;
  /// CLOSE name: throws DbError 34000 if there is none.
  void close(const std::string& name);
  /// CLOSE ALL, DISCARD ALL.
  void close_all() { cursors_.clear(); }

  /// The point a savepoint records: roll_back_to() drops what was declared after it.
  std::uint64_t mark() const { return next_serial_; }
  void roll_back_to(std::uint64_t mark);
  /// The transaction committed: its cursors WITH HOLD are held, the others close.
  void commit();
  /// The transaction rolled back: only the cursors held from earlier transactions stay.
  void roll_back();

  /// Every cursor, by name.
  const std::map<std::string, Cursor, std::less<>>& all() const { return cursors_; }

 private:
  std::map<std::string, Cursor, std::less<>> cursors_;
  std::uint64_t next_serial_ = 1;
};

}  // namespace heliosdb::engine

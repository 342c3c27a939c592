#pragma once

// Internal to engine/parser: HeliosDB's syntax that PostgreSQL 15's grammar
// lacks, found on the token stream before libpg_query parses the rest.
//
//   - whole statements: CREATE | DROP | ALTER | MERGE DATABASE BRANCH ...,
//     USE BRANCH name, SHOW BRANCHES;
//   - clauses after a table name: AS OF {TIMESTAMP expr | TRANSACTION n |
//     SCN n | NOW}, VERSIONS BETWEEN {TIMESTAMP | SCN} a AND b;
//   - WITH (name = value, ...) after a materialized view's query (before
//     any WITH [NO] DATA): its refresh options.
//
// A lifted clause is blanked out of the text (same length, so every position
// libpg_query reports still points into the user's SQL) and handed to the
// transform of the table reference that starts where its table name starts.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ast/statement.hpp"

namespace heliosdb::engine::parser {

/// A statement of ours, with where it stands in the text.
struct LiftedStatement {
  ast::BranchStmt statement;
  int location = 0;
  int length = 0;
};

/// A materialized view's refresh options, lifted from [begin, end) of the text.
struct LiftedOptions {
  int begin = 0;
  int end = 0;
  std::vector<std::pair<std::string, std::string>> options;
};

struct LiftedSyntax {
  /// The SQL for libpg_query: extension statements and clauses blanked.
  std::string sql;
  std::vector<LiftedStatement> statements;
  /// Temporal clauses by the location of the table name they follow.
  std::map<int, std::shared_ptr<const ast::TemporalClause>> temporal;
  std::vector<LiftedOptions> matview_options;
};

/// Finds our syntax in `sql`. Cheap when there is none (a text search
/// first). Throws DbError 42601 with a position for a malformed command.
LiftedSyntax lift_extension_syntax(std::string_view sql);

/// While alive, transform_range_var() takes its AS OF / VERSIONS clause
/// from `lifted` (one parse per thread at a time); on destruction nothing
/// is consulted any more. claimed() says whether every clause was used.
class TemporalClauses {
 public:
  explicit TemporalClauses(const LiftedSyntax& lifted);
  ~TemporalClauses();
  TemporalClauses(const TemporalClauses&) = delete;
  TemporalClauses& operator=(const TemporalClauses&) = delete;

  /// The clause after the table name at `location`, marking it used.
  static std::shared_ptr<const ast::TemporalClause> take(int location);
  /// Throws 42601 for a clause that followed no table name (a function
  /// call in FROM, a subquery) and so was never taken.
  void require_all_taken() const;

 private:
  const LiftedSyntax& lifted_;
  std::vector<int> taken_;
  TemporalClauses* previous_;
};

}  // namespace heliosdb::engine::parser

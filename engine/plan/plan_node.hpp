#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/catalog/table_def.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/row_codec.hpp"

namespace heliosdb::engine {

/// Rows with the scope that names their columns.
struct Relation {
  std::vector<ScopeColumn> scope;
  std::vector<Row> rows;
};

/// ORDER BY a distance LIMIT k, through a vector index or by measuring every
/// row: the rows nearest to `query`, until `limit` of them pass the scan's
/// filters.
struct VectorOrder {
  Value query;
  std::size_t limit = 0;
  std::shared_ptr<const BoundExpr> distance;  ///< the ORDER BY expression (EXPLAIN's Order By)
  int column = -1;                            ///< the vector column measured
  std::string function;                       ///< the distance function, as bound (l2_distance, ...)
};

/// How a table scan finds its rows: every row, only the keys of the primary
/// key or of an index that the WHERE conditions allow, or the nearest rows
/// a vector index offers.
struct AccessPath {
  /// kVectorExact: every row, each measured against `vector`'s query, only
  /// the nearest `vector.limit` handed on (exact_search.hpp).
  enum class Kind : std::uint8_t { kSeqScan, kPrimaryKey, kIndex, kVectorIndex, kVectorExact };
  Kind kind = Kind::kSeqScan;
  int index = -1;      ///< position in TableDef::indexes for kIndex, TableDef::vector_indexes for kVectorIndex
  VectorOrder vector;  ///< kVectorIndex
  std::vector<std::string> points;  ///< primary keys to read, when every key column is given, or
  std::vector<std::pair<std::string, std::string>> ranges;  ///< key ranges [begin, end) to scan
  std::vector<const BoundExpr*> conditions;  ///< the conditions that chose the keys (EXPLAIN's Index Cond)
  /// Conditions the keys alone enforce, moved out of the node's filters so
  /// no row is tested against them again (EXPLAIN still shows them).
  std::vector<BoundExprPtr> enforced;
  /// kSeqScan, kPrimaryKey, kIndex: read in descending key order (ORDER BY
  /// key DESC ... LIMIT n, scan_order.hpp); points and ranges last first.
  bool backward = false;
};

/// One node of a FROM clause's plan. Expressions of a node refer to its
/// own row: a join's row is its left row followed by its right row.
struct PlanNode {
  enum class Kind : std::uint8_t { kTableScan, kRows, kJoin };
  Kind kind = Kind::kTableScan;
  std::vector<ScopeColumn> scope;
  std::vector<BoundExprPtr> filters;  ///< conditions pushed down to this node, AND-ed

  // kTableScan
  std::shared_ptr<const TableDef> table;
  std::string alias;  ///< the name the query gives the table, if not its own
  AccessPath access;
  std::vector<bool> needed;           ///< the columns anyone reads (empty: all); the rest stay NULL
  std::optional<storage::Scn> as_of;  ///< read the table as of this point (AS OF); nullopt: the present
  bool emit_key = false;              ///< each row ends with its storage key (RangeVar::with_row_key)
  /// The rows a LIMIT over this scan can take, when it stops the scan (0: not
  /// known): the scan's first batch is no larger.
  std::size_t row_limit = 0;

  // kRows: rows computed while planning (system views)
  std::string rows_name;
  std::vector<Row> rows;

  // kJoin
  ast::JoinRef::Kind join_kind = ast::JoinRef::Kind::kInner;
  std::unique_ptr<PlanNode> left;
  std::unique_ptr<PlanNode> right;
  BoundExprPtr condition;                      ///< ON, over left row + right row
  std::vector<std::pair<int, int>> hash_keys;  ///< left column = right column pairs: a hash join
  /// A LATERAL right side that reads the left row: planned again for each
  /// left row, which it sees as its enclosing row (`right` gives the scope).
  std::function<std::unique_ptr<PlanNode>(ExecContext&)> lateral;
};

using PlanNodePtr = std::unique_ptr<PlanNode>;

}  // namespace heliosdb::engine

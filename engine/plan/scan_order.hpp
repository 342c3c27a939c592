#pragma once

// Whether a table scan already hands its rows on in an ORDER BY's order, so
// that ORDER BY ... LIMIT n can stop after n rows instead of reading the
// whole table (PostgreSQL's index scan under a Limit, without a Sort).

#include <cstdint>
#include <vector>

#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

/// One ORDER BY key, as a column of the scan's row.
struct OrderColumn {
  int column = -1;
  bool descending = false;
  bool nulls_first = false;
};

enum class ScanDirection : std::uint8_t { kNone, kForward, kBackward };

/// kForward when `node` is a table scan read in key order (a sequential scan
/// or a primary-key range in primary-key order, or a plain index's range)
/// and `order` follows that key: its columns in key order, each sorted as
/// the key sorts it (the primary key ascending, an index column as declared,
/// NULLs included), the key columns that an equality fixes to one value left
/// out or not. kBackward when `order` is that order reversed, every column
/// of it (descending, and NULLs at the other end): the scan read backwards
/// (AccessPath::backward) gives it. kNone otherwise.
ScanDirection scan_direction(const PlanNode& node, const std::vector<OrderColumn>& order);

/// A sequential scan of a table with no conditions, under ORDER BY ...
/// LIMIT in an order its primary key does not give but a plain index of it
/// does (or its reverse): turned into a scan of that whole index, which the
/// LIMIT stops after its rows, as PostgreSQL's `ORDER BY created DESC LIMIT
/// 10` reads an index on created. With conditions the scan stays: rows the
/// index walk fetches one by one might mostly fail them. True when changed.
bool scan_index_for_order(PlanNode& node, const std::vector<OrderColumn>& order);

}  // namespace heliosdb::engine

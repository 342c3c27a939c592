#pragma once

// Whether a table scan already hands its rows on in an ORDER BY's order, so
// that ORDER BY ... LIMIT n can stop after n rows instead of reading the
// whole table (PostgreSQL's index scan under a Limit, without a Sort).

#include <vector>

#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

/// One ORDER BY key, as a column of the scan's row.
struct OrderColumn {
  int column = -1;
  bool descending = false;
};

/// True when `node` is a table scan read in primary-key order (a sequential
/// scan or a primary-key range, of the present) and `order` follows that
/// key: its columns in key order, ascending, the key columns that an
/// equality fixes to one value left out or not.
bool scan_gives_order(const PlanNode& node, const std::vector<OrderColumn>& order);

}  // namespace heliosdb::engine

#pragma once

#include "engine/exec/exec_context.hpp"
#include "engine/exec/index_access.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

/// Runs a FROM clause's plan: reads each table through its access path,
/// applies the conditions pushed to each node, and joins (hash join on
/// equality keys, nested loop otherwise).
Relation execute_plan(const PlanNode& node, ExecContext& ctx);

/// The rows of one table scan node with their storage keys (UPDATE and
/// DELETE need the keys).
std::vector<KeyedRow> scan_with_keys(const PlanNode& node, ExecContext& ctx);

}  // namespace heliosdb::engine

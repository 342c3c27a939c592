#pragma once

#include <functional>

#include "engine/exec/exec_context.hpp"
#include "engine/exec/index_access.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

/// Rows travel up a plan in batches of up to kBatchSize. A consumer returns
/// false once it wants no more (LIMIT without ORDER BY), which stops the scans.
using RowBatch = std::vector<Row>;
using BatchSink = std::function<bool(RowBatch& batch)>;
inline constexpr std::size_t kBatchSize = 1024;

/// Runs a FROM clause's plan: reads each table through its access path,
/// applies the conditions pushed to each node, and joins (hash join on
/// equality keys, nested loop otherwise), handing the rows to `sink` as they
/// come. A join holds its right (build) side in memory; the left streams.
/// The sink may move rows out of a batch.
void stream_plan(const PlanNode& node, ExecContext& ctx, const BatchSink& sink);

/// The same, collecting every row.
Relation execute_plan(const PlanNode& node, ExecContext& ctx);

/// The rows of one table scan node with their storage keys (UPDATE and
/// DELETE need the keys).
std::vector<KeyedRow> scan_with_keys(const PlanNode& node, ExecContext& ctx);

}  // namespace heliosdb::engine

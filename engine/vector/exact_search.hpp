#pragma once

#include <functional>
#include <string_view>

#include "engine/exec/exec_context.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

/// The rows a kVectorExact scan hands on: of the table's rows (as of the
/// scan's point in time) that pass its filters, the `vector.limit` nearest
/// to `vector.query` by the ORDER BY's distance, nearest first, then NaN
/// distances, then rows whose vector is NULL (ORDER BY ... ASC's order).
/// Each row's distance is measured on its stored bytes; the row itself is
/// decoded, and its filters tested, only when that distance could still
/// place it among the nearest, so most rows are never decoded. The caller
/// decodes what it is handed (raw row bytes) and sorts again as ORDER BY
/// says, which the few rows handed on make cheap.
void exact_nearest_rows(const PlanNode& scan, ExecContext& ctx,
                        const std::function<bool(std::string_view key, std::string_view raw)>& visit);

}  // namespace heliosdb::engine

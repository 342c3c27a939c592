#pragma once

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

/// FROM t VERSIONS BETWEEN {TIMESTAMP | SCN} a AND b: every version of each
/// row of t that existed in [a, b], as rows of t's columns followed by
/// version_start_scn, version_end_scn (NULL while current),
/// version_start_time, version_end_time and version_operation ('insert',
/// 'update' or 'delete'; a delete's row shows the values it removed).
PlanNodePtr plan_versions(const ast::RangeVar& range, ExecContext& ctx);

/// The table `range` names, with the definition it had at `scn`, for AS OF
/// and VERSIONS reads: 42P01 naming the point if it did not exist then; 0A000
/// for a view, a sequence or a catalog relation, which keep no history.
std::shared_ptr<const TableDef> table_at(const ast::RangeVar& range, storage::Scn scn, ExecContext& ctx);

}  // namespace heliosdb::engine

#pragma once

#include <string>

#include "engine/exec/exec_context.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

/// pg_vector_index_stats(): one row per vector index of the branch, with
/// what its FAISS structure holds (built first if it is not in memory).
Relation vector_index_stats_relation(ExecContext& ctx, const std::string& qualifier);

}  // namespace heliosdb::engine

#pragma once

#include <optional>
#include <string>

#include "engine/exec/exec_context.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

/// information_schema's views of constraints, with PostgreSQL 15's columns
/// and values: table_constraints, key_column_usage, referential_constraints,
/// constraint_column_usage and check_constraints. Nullopt for another name.
std::optional<Relation> constraint_view(const std::string& name, const std::string& qualifier, ExecContext& ctx);

}  // namespace heliosdb::engine

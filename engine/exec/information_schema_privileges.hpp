#pragma once

#include <optional>
#include <string>

#include "engine/exec/exec_context.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

/// information_schema's views of table privileges, with PostgreSQL 15's
/// columns and rules: table_privileges (every grant the current role made,
/// received, or PUBLIC holds) and role_table_grants (those the role made or
/// received). Nullopt for another name.
std::optional<Relation> privilege_view(const std::string& name, const std::string& qualifier, ExecContext& ctx);

}  // namespace heliosdb::engine

#pragma once

#include <string>

#include "engine/exec/exec_context.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

/// information_schema.domains: a row per domain, computed from `ctx`'s catalog (its snapshot).
Relation domains_view(const std::string& qualifier, ExecContext& ctx);
/// information_schema.domain_constraints: a row per domain CHECK.
Relation domain_constraints_view(const std::string& qualifier, ExecContext& ctx);

}  // namespace heliosdb::engine

#pragma once
// pg_get_viewdef: a view's query as PostgreSQL 15 prints it, for psql's \d+
// and pg_dump.
#include <cstdint>
#include <optional>
#include <string>

#include "engine/exec/exec_context.hpp"
#include "engine/parser/view_definition_text.hpp"

namespace heliosdb::engine {

/// The query of view `oid` (parser::view_definition_text says how it reads
/// and where it differs from PostgreSQL's): names are looked up as the view
/// made them, and schemas printed where the session's search path would not
/// find them, so pg_dump's text (under an empty search path) restores the
/// view. nullopt when no view has that oid (a table's too, as PostgreSQL).
std::optional<std::string> view_definition(ExecContext& ctx, std::uint32_t oid,
                                           const parser::ViewPrintOptions& options);

/// pg_get_viewdef(oid) for the catalogs' rows (pg_views.definition,
/// information_schema.views.view_definition): NULL for a view it cannot print.
Value view_definition_or_null(ExecContext& ctx, std::uint32_t oid);

}  // namespace heliosdb::engine

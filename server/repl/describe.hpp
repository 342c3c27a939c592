#pragma once

#include <ostream>
#include <string>

#include "engine/catalog/catalog.hpp"
#include "engine/exec/exec_context.hpp"

namespace heliosdb::server {

// The REPL's \d and \d NAME, read straight from the catalog and laid out as
// psql shows them (in the REPL's boxed tables).

/// \d: every table and sequence, by schema and name.
void list_relations(engine::Catalog& catalog, std::ostream& out);
/// \d NAME: a table's columns, indexes, constraints and the foreign keys
/// that reference it, or a sequence's parameters. NAME may be schema-
/// qualified and double-quoted; without a schema it is looked up along the
/// search path. False if there is no such relation.
bool describe_relation(engine::ExecContext& ctx, const std::string& name, std::ostream& out);

}  // namespace heliosdb::server

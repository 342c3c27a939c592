#pragma once
// The past of an index made over existing rows. CREATE INDEX gives each of
// its entries the history of the row versions it indexes (from the retained
// history's floor), so an AS OF read from before the index existed can still
// use it: a WHERE on a historical read need not walk the whole history.
#include <memory>

#include "engine/catalog/table_def.hpp"
#include "engine/exec/exec_context.hpp"
#include "storage/types.hpp"

namespace heliosdb::engine {

/// Gives the entries of `index` (just built over `table`'s rows in this
/// transaction) the past of those rows, and records on it from which SCN and
/// on which branch it has one. A unique index whose values were not unique
/// at some point in the past is given none: it could not have existed then.
void give_index_history(ExecContext& ctx, const TableDef& table, IndexDef& index);

/// `then`, the table's definition at `scn`, with the indexes of its present
/// definition that were made later over a past covering `scn` on this branch
/// and whose columns `then` has too. Plain indexes only (no expressions, no
/// predicate): those mean the same over either definition's rows.
std::shared_ptr<const TableDef> with_indexes_made_later(std::shared_ptr<const TableDef> then, storage::Scn scn,
                                                        ExecContext& ctx);

}  // namespace heliosdb::engine

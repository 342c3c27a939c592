#pragma once

#include <optional>

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"

namespace heliosdb::engine {

/// The SCN that `AS OF TIMESTAMP t | TRANSACTION n | SCN n` names, for a
/// read of the statement's branch; nullopt for NOW (the present, with the
/// transaction's own writes).
///
/// A timestamp names the newest commit at or before it (to the
/// microsecond); a transaction, its commit. Points after the transaction's
/// snapshot are clamped to it for a timestamp and refused otherwise.
/// Throws DbError: 22023 for a point in the future or a transaction that
/// never committed, 72000 for one before the retained history, 22004 for
/// NULL.
std::optional<storage::Scn> resolve_history_point(const ast::TemporalPoint& point, ExecContext& ctx);

/// How a point reads in messages and EXPLAIN: "SCN 42".
std::string describe_scn(storage::Scn scn);

}  // namespace heliosdb::engine

#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "engine/catalog/sequence_def.hpp"
#include "engine/exec/bound_expr.hpp"

namespace heliosdb::engine {

struct ExecContext;
}  // namespace heliosdb::engine
namespace heliosdb::storage {
class Store;
}  // namespace heliosdb::storage
namespace heliosdb::engine {

/// What one session remembers of the sequences it used: currval() per
/// sequence and lastval().
struct SessionSequences {
  std::map<std::uint32_t, std::int64_t> current;
  std::uint32_t last_used = 0;
  /// TRUNCATE ... RESTART IDENTITY in the open transaction: what each
  /// sequence was, put back if the transaction rolls back (a sequence's
  /// value is otherwise not transactional).
  std::vector<std::pair<SequenceDef, SequenceState>> restarted;

  /// DISCARD SEQUENCES: currval() and lastval() know nothing again.
  void forget_values() {
    current.clear();
    last_used = 0;
  }
};

/// The sequence a regclass-style name denotes ('s', 'public.s', '"My Seq"').
/// Throws 42P01 if there is none, 42809 if the relation is not a sequence.
SequenceDef resolve_sequence(ExecContext& ctx, const std::string& name);
/// pg_get_serial_sequence(table, column): the sequence a SERIAL or identity
/// column owns, as "schema.name", or NULL. The table is parsed as regclass
/// text; the column name is taken as it is. Throws 42P01 / 42703.
Value serial_sequence_of(ExecContext& ctx, const std::string& table, const std::string& column);

// nextval(), currval(), lastval() and setval() with PostgreSQL's rules and
// errors. A sequence's value is not transactional: nextval() commits its
// step at once in a transaction of its own, so concurrent callers never get
// the same value and a rollback leaves a gap, as in PostgreSQL. Steps are
// reserved in blocks shared by the sessions of this process (like
// PostgreSQL's SEQ_LOG_VALS): after a crash the sequence may skip ahead.
std::int64_t sequence_nextval(ExecContext& ctx, const SequenceDef& def);
std::int64_t sequence_currval(ExecContext& ctx, const SequenceDef& def);
std::int64_t sequence_lastval(ExecContext& ctx);
std::int64_t sequence_setval(ExecContext& ctx, const SequenceDef& def, std::int64_t value, bool is_called);
/// The value of a kSequence expression (nextval(...) and friends) for `row`.
Value evaluate_sequence_function(const BoundExpr& e, const std::vector<Value>& row);

/// Before ALTER SEQUENCE: the values this process reserved go back, so the
/// sequence continues from the last one handed out.
void release_sequence_reservation(ExecContext& ctx, const SequenceDef& def);
/// Before a store closes: the same for every sequence of the store.
void release_sequence_reservations(storage::Store& store);

/// The state nextval() continues from, as SELECT * FROM a sequence shows it.
SequenceState sequence_state(ExecContext& ctx, const SequenceDef& def);

}  // namespace heliosdb::engine

#include "engine/exec/history_point.hpp"

#include <fmt/format.h>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/types/temporal.hpp"
#include "storage/store.hpp"

namespace heliosdb::engine {

namespace {

// `also` is a type taken as it is besides `type` (xid8 for a transaction id).
Value evaluate_point(const ast::TemporalPoint& point, SqlType type, const char* what, ExecContext& ctx,
                     TypeId also = TypeId::kUnknown) {
  Binder binder({}, what, ctx);
  BoundExprPtr bound = binder.bind(*point.expr);
  if (also == TypeId::kUnknown || bound->type.id != also)
    bound = coerce(std::move(bound), type, CastContext::kAssignment);
  Value v = evaluate(*bound, {});
  if (v.is_null()) throw DbError(sqlstate::kNullValueNotAllowed, std::string(what) + " must not be null");
  return v;
}

// The retained history starts at the floor: earlier points are gone.
void require_retained(storage::Scn scn, ExecContext& ctx, const std::string& point) {
  const storage::Scn floor = ctx.txn.store().retention_floor();
  if (scn < floor) {
    throw DbError(sqlstate::kSnapshotTooOld, point + " is before the retained history")
        .with_detail(fmt::format("The oldest point that can be read is SCN {}.", floor))
        .with_hint("History is kept for retention_days; VACUUM and compaction remove what is older.");
  }
}

storage::Scn at_timestamp(const ast::TemporalPoint& point, ExecContext& ctx) {
  const std::int64_t ts = as_timestamp(evaluate_point(point, {TypeId::kTimestampTz, -1}, "AS OF TIMESTAMP", ctx));
  const std::string text = "AS OF TIMESTAMP '" + temporal::format_timestamptz(ts) + "'";
  if (ts > temporal::now_micros()) throw DbError(sqlstate::kInvalidParameterValue, text + " is in the future");
  storage::Store& store = ctx.txn.store();
  storage::Scn scn = store.scn_at_time(ts + kPgEpochUnixMicros);
  // A commit after this transaction's snapshot is invisible to it, as in the present.
  scn = std::min(scn, ctx.txn.snapshot_scn());
  require_retained(scn, ctx, text);
  return scn;
}

storage::Scn at_transaction(const ast::TemporalPoint& point, ExecContext& ctx) {
  const Value id = evaluate_point(point, {TypeId::kInt8, -1}, "AS OF TRANSACTION", ctx, TypeId::kXid8);
  const std::int64_t txid = id.as_int();  // an xid8 past 2^63 is negative here: no such transaction
  const std::string text = "AS OF TRANSACTION " + format_value(id);
  auto record = txid > 0 ? ctx.txn.store().commit_by_txid(static_cast<storage::TxnId>(txid)) : std::nullopt;
  if (!record) {
    throw DbError(sqlstate::kInvalidParameterValue, "transaction " + format_value(id) + " has not committed")
        .with_detail(
            "Only committed transactions name a point in history; pg_current_xact_id() gives the current "
            "one's id.");
  }
  if (record->scn > ctx.txn.snapshot_scn()) {
    throw DbError(sqlstate::kInvalidParameterValue,
                  "transaction " + format_value(id) + " committed after this transaction started");
  }
  require_retained(record->scn, ctx, text);
  return record->scn;
}

storage::Scn at_scn(const ast::TemporalPoint& point, ExecContext& ctx) {
  const std::int64_t scn = evaluate_point(point, {TypeId::kInt8, -1}, "AS OF SCN", ctx).as_int();
  const std::string text = fmt::format("AS OF SCN {}", scn);
  if (scn < 0) throw DbError(sqlstate::kInvalidParameterValue, text + ": an SCN is not negative");
  if (static_cast<storage::Scn>(scn) > ctx.txn.snapshot_scn()) {
    throw DbError(sqlstate::kInvalidParameterValue, text + " is in the future")
        .with_detail(fmt::format("The newest SCN this transaction sees is {}.", ctx.txn.snapshot_scn()));
  }
  require_retained(static_cast<storage::Scn>(scn), ctx, text);
  return static_cast<storage::Scn>(scn);
}

}  // namespace

std::optional<storage::Scn> resolve_history_point(const ast::TemporalPoint& point, ExecContext& ctx) {
  switch (point.kind) {
    case ast::TemporalPoint::Kind::kNow:
      return std::nullopt;
    case ast::TemporalPoint::Kind::kTimestamp:
      return at_timestamp(point, ctx);
    case ast::TemporalPoint::Kind::kTransaction:
      return at_transaction(point, ctx);
    case ast::TemporalPoint::Kind::kScn:
      return at_scn(point, ctx);
  }
  return std::nullopt;
}

std::string describe_scn(storage::Scn scn) { return fmt::format("SCN {}", scn); }

}  // namespace heliosdb::engine

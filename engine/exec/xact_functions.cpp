#include "engine/exec/xact_functions.hpp"

#include <fmt/format.h>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/types/cast.hpp"
#include "storage/store.hpp"

namespace heliosdb::engine {

namespace {

bool is_status_function(const std::string& name) { return name == "pg_xact_status" || name == "txid_status"; }

// The txid_* forms predate xid8 and give bigint; the pg_*_xact_* forms xid8.
TypeId id_type(const std::string& name) { return name.starts_with("txid_") ? TypeId::kInt8 : TypeId::kXid8; }

}  // namespace

bool is_xact_function(const std::string& name) {
  return name == "pg_current_xact_id" || name == "txid_current" || name == "pg_current_xact_id_if_assigned" ||
         name == "txid_current_if_assigned" || is_status_function(name) || name == "heliosdb_current_scn";
}

BoundExprPtr bind_xact_function(const std::string& name, std::vector<BoundExprPtr> args, ExecContext* ctx,
                                int location) {
  const TypeId wanted = id_type(name);
  const bool fits = is_status_function(name)
                        ? args.size() == 1 && can_cast(args[0]->type.id, wanted, CastContext::kImplicit)
                        : args.empty();
  if (!fits || ctx == nullptr) {
    std::vector<SqlType> types;
    for (const auto& a : args) types.push_back(a->type);
    throw at(no_such_function(name, types), location);
  }
  // The newest commit this transaction's snapshot holds: AS OF SCN reads it as the present.
  if (name == "heliosdb_current_scn") {
    return make_constant(Value::integer(TypeId::kInt8, static_cast<std::int64_t>(ctx->txn.snapshot_scn())));
  }
  // The id AS OF TRANSACTION names once this transaction commits; asking
  // for it gives the transaction one, as in PostgreSQL.
  if (name == "pg_current_xact_id" || name == "txid_current") {
    return make_constant(Value::integer(wanted, static_cast<std::int64_t>(ctx->txn.public_id())));
  }
  if (!is_status_function(name)) {
    const storage::TxnId id = ctx->txn.assigned_id();
    return make_constant(id == 0 ? Value::null(wanted) : Value::integer(wanted, static_cast<std::int64_t>(id)));
  }
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExpr::Kind::kSessionCall;
  e->type = {TypeId::kText, -1};
  e->op = name;
  e->ctx = ctx;
  e->args.push_back(coerce(std::move(args[0]), {wanted, -1}, CastContext::kImplicit));
  return e;
}

Value evaluate_xact_function(const BoundExpr& e, const std::vector<Value>& args) {
  if (args[0].is_null() || args[0].as_int() == 0) return Value::null(TypeId::kText);
  const auto id = static_cast<storage::TxnId>(args[0].as_int());
  switch (e.ctx->txn.store().transaction_status(id)) {
    case storage::TxnStatus::kCommitted:
      return Value::string(TypeId::kText, "committed");
    case storage::TxnStatus::kInProgress:
      return Value::string(TypeId::kText, "in progress");
    case storage::TxnStatus::kAborted:
      return Value::string(TypeId::kText, "aborted");
    case storage::TxnStatus::kFuture:
      break;
  }
  throw DbError(sqlstate::kInvalidParameterValue, fmt::format("transaction ID {} is in the future", id));
}

}  // namespace heliosdb::engine

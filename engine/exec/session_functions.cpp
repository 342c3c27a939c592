// Functions of the session's state: set_config and current_setting (the
// run-time parameters, as pg_dump and drivers call them), pg_notify and
// pg_sleep.
#include "engine/exec/session_functions.hpp"

#include <chrono>
#include <set>
#include <thread>

#include "engine/common/db_error.hpp"
#include "engine/common/identifier.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/branch_lookup.hpp"
#include "engine/exec/catalog_definitions.hpp"
#include "engine/exec/comments.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/extensions.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/query_result.hpp"
#include "engine/exec/row_locks.hpp"
#include "engine/exec/sequence_ops.hpp"
#include "engine/exec/xact_functions.hpp"
#include "engine/session/advisory_locks.hpp"
#include "engine/session/backend_directory.hpp"
#include "engine/session/notification_hub.hpp"
#include "engine/session/settings.hpp"
#include "storage/storage_error.hpp"

namespace heliosdb::engine {

bool is_advisory_lock_function(const std::string& name) {
  static const std::set<std::string> kNames = {"pg_advisory_lock",          "pg_advisory_lock_shared",
                                               "pg_try_advisory_lock",      "pg_try_advisory_lock_shared",
                                               "pg_advisory_xact_lock",     "pg_advisory_xact_lock_shared",
                                               "pg_try_advisory_xact_lock", "pg_try_advisory_xact_lock_shared",
                                               "pg_advisory_unlock",        "pg_advisory_unlock_shared",
                                               "pg_advisory_unlock_all"};
  return kNames.contains(name);
}

namespace {

// The advisory lock functions take (bigint) or (int, int); unlock_all nothing.
// The lock and unlock_all forms return void, shown as an empty text.
BoundExprPtr bind_advisory(const std::string& name, std::vector<BoundExprPtr> args, ExecContext* ctx) {
  const std::size_t n = args.size();
  bool fits = name == "pg_advisory_unlock_all" ? n == 0 : n == 1 || n == 2;
  const TypeId wanted = n == 1 ? TypeId::kInt8 : TypeId::kInt4;
  for (std::size_t i = 0; fits && i < n; ++i) fits = can_cast(args[i]->type.id, wanted, CastContext::kImplicit);
  if (!fits || ctx == nullptr) return nullptr;
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExpr::Kind::kSessionCall;
  const bool returns_void =
      name == "pg_advisory_unlock_all" || (!name.starts_with("pg_try_") && name.find("unlock") == std::string::npos);
  e->type = {returns_void ? TypeId::kText : TypeId::kBool, -1};
  e->op = name;
  e->ctx = ctx;
  for (auto& a : args) e->args.push_back(coerce(std::move(a), {wanted, -1}, CastContext::kImplicit));
  return e;
}

Value advisory_call(const BoundExpr& e, const std::vector<Value>& args) {
  ExecContext& ctx = *e.ctx;
  if (ctx.advisory == nullptr) throw DbError(sqlstate::kFeatureNotSupported, e.op + " needs a session");
  const std::string& name = e.op;
  if (name == "pg_advisory_unlock_all") {
    ctx.advisory->unlock_all();
    return Value::string(TypeId::kText, "");
  }
  for (const Value& v : args) {
    if (v.is_null()) return Value::null(e.type.id);
  }
  AdvisoryKey key;
  if (args.size() == 1) {
    key.id = args[0].as_int();
  } else {
    key.two_part = true;
    key.id =
        static_cast<std::int64_t>((static_cast<std::uint64_t>(static_cast<std::uint32_t>(args[0].as_int())) << 32) |
                                  static_cast<std::uint32_t>(args[1].as_int()));
  }
  const bool shared = name.ends_with("_shared");
  if (name.find("unlock") != std::string::npos) {
    const bool held = ctx.advisory->unlock(key, shared);
    if (!held && ctx.notices != nullptr) {
      ctx.notices->push_back({"WARNING", "01000",
                              std::string("you don't own a lock of type ") + (shared ? "ShareLock" : "ExclusiveLock"),
                              ""});
    }
    return Value::boolean(held);
  }
  const bool try_only = name.starts_with("pg_try_");
  const bool transaction_level = name.find("_xact_") != std::string::npos;
  bool got = false;
  try {
    got = ctx.advisory->lock(key, shared, transaction_level, try_only, lock_wait_check(ctx));
  } catch (const storage::StorageError& error) {
    if (error.code() != storage::StorageErrc::kDeadlock) throw;
    throw DbError(sqlstate::kTRDeadlockDetected, "deadlock detected")
        .with_detail(error.what())
        .with_hint("See server log for query details.");
  }
  if (try_only) return Value::boolean(got);
  return Value::string(TypeId::kText, "");
}

}  // namespace

BoundExprPtr Binder::bind_session_call(const std::string& name, const ast::FuncCall& call, int location) {
  std::vector<BoundExprPtr> args;
  for (const auto& a : call.args) args.push_back(bind(*a));
  if (is_advisory_lock_function(name)) {
    std::vector<SqlType> types;
    for (const auto& a : args) types.push_back(a->type);
    BoundExprPtr e = call.star || call.distinct || call.filter ? nullptr : bind_advisory(name, std::move(args), ctx_);
    if (!e) throw at(no_such_function(name, types), location);
    return e;
  }
  // set_config(text, text, boolean); current_setting(text [, boolean]); pg_notify(text, text);
  // pg_get_userbyid(oid); pg_table_is_visible(oid).
  const std::size_t n = args.size();
  const bool by_oid = name == "pg_get_userbyid" || name == "pg_table_is_visible" || name == "pg_type_is_visible";
  // pg_cancel_backend(int4); pg_terminate_backend(int4 [, timeout int8]).
  const bool by_pid = name == "pg_cancel_backend" || name == "pg_terminate_backend";
  auto wanted = [&](std::size_t i) {
    if (name == "pg_sleep") return TypeId::kFloat8;
    if (by_oid) return TypeId::kOid;
    if (by_pid) return i == 0 ? TypeId::kInt4 : TypeId::kInt8;
    if (name == "obj_description") return i == 0 ? TypeId::kOid : TypeId::kText;
    if (name == "col_description") return i == 0 ? TypeId::kOid : TypeId::kInt4;
    if (name == "pg_notify" || name == "pg_get_serial_sequence" || i == 0) return TypeId::kText;
    return name == "set_config" && i == 1 ? TypeId::kText : TypeId::kBool;
  };
  bool fits = name == "set_config"               ? n == 3
              : name == "obj_description"        ? n == 1 || n == 2
              : name == "col_description"        ? n == 2
              : name == "pg_notify"              ? n == 2
              : name == "pg_get_serial_sequence" ? n == 2
              : by_oid || name == "pg_sleep"     ? n == 1
              : name == "pg_cancel_backend"      ? n == 1
                                                 : n == 1 || n == 2;
  for (std::size_t i = 0; fits && i < n; ++i) fits = can_cast(args[i]->type.id, wanted(i), CastContext::kImplicit);
  if (call.star || call.distinct || call.filter || !fits || ctx_ == nullptr || ctx_->settings == nullptr) {
    std::vector<SqlType> types;
    for (const auto& a : args) types.push_back(a->type);
    throw at(no_such_function(name, types), location);
  }
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExpr::Kind::kSessionCall;
  e->type = {name == "pg_table_is_visible" || name == "pg_type_is_visible" || by_pid ? TypeId::kBool : TypeId::kText,
             -1};
  e->op = name;
  e->ctx = ctx_;
  for (std::size_t i = 0; i < n; ++i)
    e->args.push_back(coerce(std::move(args[i]), {wanted(i), -1}, CastContext::kImplicit));
  return e;
}

namespace {

// pg_cancel_backend / pg_terminate_backend: a superuser may signal any
// backend, another role only its own; an unknown pid gives false and a
// WARNING in PostgreSQL (here only the false).
Value signal_backend(const BoundExpr& e, const std::vector<Value>& args) {
  if (args[0].is_null()) return Value::null(TypeId::kBool);
  const bool cancel = e.op == "pg_cancel_backend";
  if (args.size() > 1 && !args[1].is_null() && args[1].as_int() < 0) {
    throw DbError(sqlstate::kInvalidParameterValue, "\"timeout\" must not be negative");
  }
  ExecContext& ctx = *e.ctx;
  if (ctx.backends == nullptr) return Value::boolean(false);
  const auto pid = static_cast<std::int32_t>(args[0].as_int());
  std::optional<RoleDef> me = ctx.catalog.find_role(ctx.user_name);
  if (me && !me->superuser) {
    for (const BackendActivity& b : ctx.backends->activity()) {
      if (b.pid == pid && b.user != ctx.user_name) {
        throw DbError(sqlstate::kInsufficientPrivilege,
                      cancel ? "permission denied to cancel query" : "permission denied to terminate process")
            .with_detail(std::string("Only roles with privileges of the role whose ") +
                         (cancel ? "query is being canceled" : "process is being terminated") +
                         " or with privileges of the \"pg_signal_backend\" role may " +
                         (cancel ? "cancel this query." : "terminate this process."));
      }
    }
  }
  return Value::boolean(cancel ? ctx.backends->cancel_backend(pid)
                               : ctx.backends->terminate_backend(pid, ctx.backend_pid));
}

}  // namespace

Value evaluate_session_function(const BoundExpr& e, const std::vector<Value>& row) {
  std::vector<Value> args;
  for (const auto& a : e.args) args.push_back(evaluate(*a, row));
  if (is_catalog_definition_function(e.op)) return evaluate_catalog_definition(e, args);
  if (e.op == "current_tenant_id") {
    // Never set, or RESET to its empty default: no tenant.
    std::string tenant = e.ctx->settings->show("heliosdb.tenant_id");
    return tenant.empty() ? Value::null(TypeId::kUnknown) : Value::string(TypeId::kUnknown, std::move(tenant));
  }
  if (is_xact_function(e.op)) return evaluate_xact_function(e, args);
  Settings& settings = *e.ctx->settings;
  if (e.op == "pg_type_is_visible") {
    if (args[0].is_null() || args[0].as_int() < 0 || args[0].as_int() > UINT32_MAX) return Value::null(TypeId::kBool);
    // A built-in type is in pg_catalog, searched first; an enum (or its array)
    // when its name alone finds it along the search path.
    const auto oid = static_cast<std::uint32_t>(args[0].as_int());
    if (type_from_oid(oid)) return Value::boolean(true);
    std::optional<std::string> name = e.ctx->object_names.user_type_name(oid);
    if (!name) return Value::null(TypeId::kBool);
    if (const DomainDef* domain = e.ctx->object_names.domain(oid)) {
      return Value::boolean(name->find(quote_identifier(domain->schema) + ".") != 0);
    }
    std::optional<EnumDef> def = e.ctx->catalog.find_enum(oid);
    if (!def) def = e.ctx->catalog.find_enum(oid - 1);
    return Value::boolean(def && name->find(quote_identifier(def->schema) + ".") != 0);
  }
  if (e.op == "pg_get_userbyid" || e.op == "pg_table_is_visible") {
    if (args[0].is_null()) return Value::null(e.type.id);
    if (e.op == "pg_get_userbyid") return Value::string(TypeId::kText, role_name(*e.ctx, args[0].as_int()));
    const std::int64_t oid = args[0].as_int();
    if (oid < 0 || oid > UINT32_MAX) return Value::null(TypeId::kBool);
    std::optional<bool> visible = relation_oid_visible(*e.ctx, static_cast<std::uint32_t>(oid));
    return visible ? Value::boolean(*visible) : Value::null(TypeId::kBool);
  }
  if (e.op == "pg_cancel_backend" || e.op == "pg_terminate_backend") return signal_backend(e, args);
  if (e.op == "obj_description" || e.op == "col_description") {
    for (const Value& v : args) {
      if (v.is_null()) return Value::null(TypeId::kText);
    }
    // Only relations and their columns have comments here (pg_class's).
    if (e.op == "obj_description" && args.size() == 2 && args[1].as_string() == "pg_proc") {
      return function_description(*e.ctx, args[0].as_int());
    }
    if (e.op == "obj_description" && args.size() == 2 && args[1].as_string() == "pg_type") {
      return type_description(*e.ctx, args[0].as_int());
    }
    if (e.op == "obj_description" && args.size() == 2 && args[1].as_string() == "pg_extension") {
      std::optional<std::string> comment = extension_comment(*e.ctx, args[0].as_int());
      return comment ? Value::string(TypeId::kText, *comment) : Value::null(TypeId::kText);
    }
    if (e.op == "obj_description" && args.size() == 2 && args[1].as_string() == "pg_namespace") {
      return schema_description(args[0].as_int());
    }
    if (e.op == "obj_description" && args.size() == 2 && args[1].as_string() != "pg_class") {
      return Value::null(TypeId::kText);
    }
    if (e.op == "col_description") return column_description(*e.ctx, args[0].as_int(), args[1].as_int());
    Value comment = object_description(*e.ctx, args[0].as_int());
    // obj_description(oid) alone takes any catalog's object: a type's too.
    if (comment.is_null() && args.size() == 1) comment = type_description(*e.ctx, args[0].as_int());
    return comment;
  }
  if (e.op == "pg_get_serial_sequence") {
    if (args[0].is_null() || args[1].is_null()) return Value::null(TypeId::kText);
    return serial_sequence_of(*e.ctx, args[0].as_string(), args[1].as_string());
  }
  if (is_advisory_lock_function(e.op)) return advisory_call(e, args);
  if (e.op == "pg_sleep") {
    // In slices, so a cancel or statement_timeout ends it as in PostgreSQL.
    const double seconds = args[0].is_null() ? 0 : args[0].as_float();
    const auto until = std::chrono::steady_clock::now() +
                       std::chrono::microseconds(static_cast<std::int64_t>(std::min(seconds, 1e9) * 1e6));
    while (std::chrono::steady_clock::now() < until) {
      if (e.ctx->interrupts != nullptr) e.ctx->interrupts->check_now();
      std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
          until - std::chrono::steady_clock::now(), std::chrono::milliseconds(10)));
    }
    return Value::string(TypeId::kText, "");  // void, whose text form is empty
  }
  if (e.op == "pg_notify") {
    if (e.ctx->notifications == nullptr) {
      throw DbError(sqlstate::kFeatureNotSupported,
                    "LISTEN and NOTIFY need the server: no other session can hear them");
    }
    // pg_notify returns void; its text form is empty.
    queue_notification(*e.ctx->notifications, e.ctx->backend_pid, args[0].is_null() ? "" : args[0].as_string(),
                       args[1].is_null() ? "" : args[1].as_string());
    return Value::string(TypeId::kText, "");
  }
  if (args[0].is_null()) {
    if (e.op == "set_config") throw DbError(sqlstate::kNullValueNotAllowed, "SET requires parameter name");
    return Value::null(TypeId::kText);
  }
  const std::string& name = args[0].as_string();
  if (name.size() == kBranchSetting.size() &&
      std::equal(name.begin(), name.end(), kBranchSetting.begin(),
                 [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; })) {
    // The session's branch lives in the session, not among the settings: a
    // switch must happen between transactions, which a function cannot do.
    if (e.op != "current_setting") {
      throw DbError(sqlstate::kFeatureNotSupported, "set_config cannot switch branches")
          .with_hint("Use SET heliosdb.branch = 'name' or USE BRANCH name between transactions.");
    }
    auto info = e.ctx->txn.store().branch(e.ctx->txn.branch());
    return info ? Value::string(TypeId::kText, info->name) : Value::null(TypeId::kText);
  }
  if (e.op == "current_setting") {
    const bool missing_ok = args.size() > 1 && !args[1].is_null() && args[1].as_bool();
    try {
      return Value::string(TypeId::kText, settings.show(name));
    } catch (const DbError& error) {
      if (missing_ok && error.state() == sqlstate::kUndefinedObject) return Value::null(TypeId::kText);
      throw;
    }
  }
  const bool local = !args[2].is_null() && args[2].as_bool();
  if (args[1].is_null()) {
    settings.reset(name);  // a NULL value is DEFAULT
  } else {
    settings.set(name, {args[1].as_string()}, local);
  }
  return Value::string(TypeId::kText, settings.show(name));
}

}  // namespace heliosdb::engine

#include "engine/exec/sequence_ops.hpp"

#include <mutex>
#include <tuple>

#include "engine/common/db_error.hpp"
#include "engine/common/identifier.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/search_path.hpp"
#include "storage/storage_error.hpp"
#include "storage/store.hpp"

namespace heliosdb::engine {

namespace {

// Values reserved per committed step: fewer commits for bulk inserts into a
// SERIAL column, at the price of a gap of up to this many after a crash.
constexpr std::int64_t kReserveBlock = 32;

// regclass input: identifiers split on dots, unquoted ones lower-cased.
std::pair<std::string, std::string> parse_qualified_name(const std::string& text) {
  std::vector<std::string> parts(1);
  bool quoted = false;
  bool any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        parts.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        parts.back() += c;
      }
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == '.') {
      if (parts.back().empty()) break;
      parts.emplace_back();
    } else {
      parts.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      any = true;
    }
  }
  if (!any || quoted || parts.back().empty() || parts.size() > 2) {
    throw DbError(sqlstate::kInvalidName, "invalid name syntax");
  }
  if (parts.size() == 1) return {"", parts[0]};
  return {parts[0], parts[1]};
}

// The next value after `state`, or nullopt past the bound of a sequence without CYCLE.
std::optional<std::int64_t> step(const SequenceDef& def, const SequenceState& state) {
  if (!state.is_called) return state.last_value;
  std::int64_t next = 0;
  bool overflow = __builtin_add_overflow(state.last_value, def.increment, &next);
  if (def.increment > 0 && (overflow || next > def.max)) {
    if (!def.cycle) return std::nullopt;
    return def.min;
  }
  if (def.increment < 0 && (overflow || next < def.min)) {
    if (!def.cycle) return std::nullopt;
    return def.max;
  }
  return next;
}

[[noreturn]] void limit_reached(const SequenceDef& def) {
  bool up = def.increment > 0;
  throw DbError(sqlstate::kSequenceGeneratorLimitExceeded,
                std::string("nextval: reached ") + (up ? "maximum" : "minimum") + " value of sequence \"" + def.name +
                    "\" (" + std::to_string(up ? def.max : def.min) + ")");
}

// Values this process reserved and not yet handed out: (last, limit].
struct Reserved {
  std::int64_t last;
  std::int64_t limit;
  std::int64_t increment;  ///< the definition they were reserved under; a change discards them
  std::int64_t min, max;
};

using CacheKey = std::tuple<std::uint64_t, storage::BranchId, std::uint32_t>;  // store instance, branch, oid

std::mutex cache_mutex;
std::map<CacheKey, Reserved> cache;

CacheKey cache_key(ExecContext& ctx, const SequenceDef& def) {
  return {ctx.txn.store().instance_id(), ctx.txn.branch(), def.oid};
}

// Runs `fn` on the committed state in a transaction of its own, retried on
// write conflicts; false if the sequence is not committed yet (created by
// the caller's open transaction, whose own writes then hold its state).
template <typename Fn>
bool in_own_transaction(ExecContext& ctx, const SequenceDef& def, Fn fn) {
  const std::string key = Catalog::sequence_state_key(def.oid);
  for (int attempt = 0;; ++attempt) {
    storage::Transaction txn(ctx.txn.store(), ctx.txn.branch());
    auto raw = txn.get(key);
    if (!raw) return false;
    SequenceState state = fn(decode_sequence_state(*raw));
    txn.put(key, encode_sequence_state(state));
    try {
      txn.commit();
      return true;
    } catch (const storage::StorageError& error) {
      if (error.code() != storage::StorageErrc::kSerializationFailure || attempt > 1000) throw;
    }
  }
}

// Hands back what this process reserved and did not use: the sequence goes
// on from the last value given out, as if nothing had been reserved.
void give_back(storage::Store& store, storage::BranchId branch, std::uint32_t oid, const Reserved& r) {
  if (r.last == r.limit) return;
  const std::string key = Catalog::sequence_state_key(oid);
  for (int attempt = 0; attempt < 100; ++attempt) {
    storage::Transaction txn(store, branch);
    auto raw = txn.get(key);
    if (!raw) return;
    SequenceState state = decode_sequence_state(*raw);
    if (state.last_value != r.limit || !state.is_called) return;  // moved on meanwhile: keep the gap
    txn.put(key, encode_sequence_state({r.last, true}));
    try {
      txn.commit();
      return;
    } catch (const storage::StorageError& error) {
      if (error.code() != storage::StorageErrc::kSerializationFailure) throw;
    }
  }
}

// The newest state: committed by anyone, else (a sequence this transaction
// created) the caller's own.
SequenceState read_state(ExecContext& ctx, const SequenceDef& def) {
  const std::string key = Catalog::sequence_state_key(def.oid);
  storage::Transaction latest(ctx.txn.store(), ctx.txn.branch());
  if (auto committed = latest.get(key)) return decode_sequence_state(*committed);
  auto raw = ctx.txn.get(key);
  if (!raw) throw DbError(sqlstate::kUndefinedTable, "relation \"" + def.name + "\" does not exist");
  return decode_sequence_state(*raw);
}

void remember(ExecContext& ctx, const SequenceDef& def, std::int64_t value) {
  if (ctx.sequences == nullptr) return;
  ctx.sequences->current[def.oid] = value;
  ctx.sequences->last_used = def.oid;
}

}  // namespace

Value serial_sequence_of(ExecContext& ctx, const std::string& table_text, const std::string& column_text) {
  auto [given, relname] = parse_qualified_name(table_text);
  const std::string schema = relation_schema(ctx, given, relname);
  auto table = ctx.catalog.find_table(schema, relname);
  if (!table) throw DbError(sqlstate::kUndefinedTable, "relation \"" + table_text + "\" does not exist");
  const int column = table->column_index(column_text);
  if (column < 0) {
    throw DbError(sqlstate::kUndefinedColumn,
                  "column \"" + column_text + "\" of relation \"" + relname + "\" does not exist");
  }
  for (const SequenceDef& seq : ctx.catalog.sequences()) {
    if (seq.owner_table == table->oid && seq.owner_column == column) {
      return Value::string(TypeId::kText, quote_identifier(seq.schema) + "." + quote_identifier(seq.name));
    }
  }
  return Value::null(TypeId::kText);
}

SequenceDef resolve_sequence(ExecContext& ctx, const std::string& name) {
  auto [given, relname] = parse_qualified_name(name);
  const std::string schema = relation_schema(ctx, given, relname);
  if (auto def = ctx.catalog.find_sequence(schema, relname)) return *def;
  if (ctx.catalog.relation_exists(schema, relname)) {
    throw DbError(sqlstate::kWrongObjectType, "\"" + relname + "\" is not a sequence");
  }
  throw DbError(sqlstate::kUndefinedTable, "relation \"" + name + "\" does not exist");
}

std::int64_t sequence_nextval(ExecContext& ctx, const SequenceDef& def) {
  const CacheKey key = cache_key(ctx, def);
  // Held while a block is reserved too, so two sessions never both reserve
  // one and drop the other's.
  std::lock_guard lock(cache_mutex);
  auto it = cache.find(key);
  if (it != cache.end()) {
    Reserved& r = it->second;
    if (r.increment == def.increment && r.min == def.min && r.max == def.max && r.last != r.limit) {
      r.last += def.increment;
      remember(ctx, def, r.last);
      return r.last;
    }
    cache.erase(it);
  }
  std::int64_t first = 0;
  std::int64_t limit = 0;
  auto reserve = [&](SequenceState state) {
    auto next = step(def, state);
    if (!next) limit_reached(def);
    first = limit = *next;
    const std::int64_t block = std::max(def.cache, kReserveBlock);
    for (std::int64_t i = 1; i < block; ++i) {
      auto more = step(def, {limit, true});
      if (!more || *more == first || (def.increment > 0) != (*more > limit)) break;  // stop at a bound or a wrap
      limit = *more;
    }
    return SequenceState{limit, true};
  };
  if (in_own_transaction(ctx, def, reserve)) {
    if (limit != first) cache[key] = Reserved{first, limit, def.increment, def.min, def.max};
  } else {
    SequenceState state = read_state(ctx, def);
    auto next = step(def, state);
    if (!next) limit_reached(def);
    first = *next;
    ctx.txn.put(Catalog::sequence_state_key(def.oid), encode_sequence_state({first, true}));
  }
  remember(ctx, def, first);
  return first;
}

std::int64_t sequence_currval(ExecContext& ctx, const SequenceDef& def) {
  if (ctx.sequences != nullptr) {
    auto it = ctx.sequences->current.find(def.oid);
    if (it != ctx.sequences->current.end()) return it->second;
  }
  throw DbError(sqlstate::kObjectNotInPrerequisiteState,
                "currval of sequence \"" + def.name + "\" is not yet defined in this session");
}

std::int64_t sequence_lastval(ExecContext& ctx) {
  if (ctx.sequences == nullptr || ctx.sequences->last_used == 0) {
    throw DbError(sqlstate::kObjectNotInPrerequisiteState, "lastval is not yet defined in this session");
  }
  auto def = ctx.catalog.find_sequence(ctx.sequences->last_used);
  if (!def) throw DbError(sqlstate::kObjectNotInPrerequisiteState, "lastval is not yet defined in this session");
  require_sequence_privileges(ctx, *def, privilege::kSelect | privilege::kUsage, true);
  return sequence_currval(ctx, *def);
}

std::int64_t sequence_setval(ExecContext& ctx, const SequenceDef& def, std::int64_t value, bool is_called) {
  if (value < def.min || value > def.max) {
    throw DbError(sqlstate::kNumericValueOutOfRange,
                  "setval: value " + std::to_string(value) + " is out of bounds for sequence \"" + def.name + "\" (" +
                      std::to_string(def.min) + ".." + std::to_string(def.max) + ")");
  }
  {
    std::lock_guard lock(cache_mutex);
    cache.erase(cache_key(ctx, def));
  }
  SequenceState state{value, is_called};
  if (!in_own_transaction(ctx, def, [&](SequenceState) { return state; })) {
    ctx.txn.put(Catalog::sequence_state_key(def.oid), encode_sequence_state(state));
  }
  if (is_called && ctx.sequences != nullptr) ctx.sequences->current[def.oid] = value;
  return value;
}

SequenceState sequence_state(ExecContext& ctx, const SequenceDef& def) {
  {
    std::lock_guard lock(cache_mutex);
    auto it = cache.find(cache_key(ctx, def));
    if (it != cache.end()) return {it->second.last, true};
  }
  return read_state(ctx, def);
}

Value evaluate_sequence_function(const BoundExpr& e, const std::vector<Value>& row) {
  if (e.ctx == nullptr) {
    throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: " + e.op + "() in this context");
  }
  ExecContext& ctx = *e.ctx;
  if (e.op == "lastval") return Value::integer(TypeId::kInt8, sequence_lastval(ctx));
  std::vector<Value> args;
  for (const auto& arg : e.args) {
    args.push_back(evaluate(*arg, row));
    if (args.back().is_null()) return Value::null(TypeId::kInt8);
  }
  const SequenceDef def = e.sequence ? *e.sequence : resolve_sequence(ctx, args[0].as_string());
  std::int64_t v = 0;
  if (e.op == "nextval") {
    if (!e.identity_sequence) require_sequence_privileges(ctx, def, privilege::kUsage | privilege::kUpdate, true);
    v = sequence_nextval(ctx, def);
  } else if (e.op == "currval") {
    require_sequence_privileges(ctx, def, privilege::kSelect | privilege::kUsage, true);
    v = sequence_currval(ctx, def);
  } else {
    require_sequence_privileges(ctx, def, privilege::kUpdate);
    v = sequence_setval(ctx, def, args[1].as_int(), args.size() < 3 || args[2].as_bool());
  }
  return Value::integer(TypeId::kInt8, v);
}

void release_sequence_reservation(ExecContext& ctx, const SequenceDef& def) {
  std::optional<Reserved> reserved;
  {
    std::lock_guard lock(cache_mutex);
    auto it = cache.find(cache_key(ctx, def));
    if (it == cache.end()) return;
    reserved = it->second;
    cache.erase(it);
  }
  give_back(ctx.txn.store(), ctx.txn.branch(), def.oid, *reserved);
}

void release_sequence_reservations(storage::Store& store) {
  std::vector<std::pair<CacheKey, Reserved>> mine;
  {
    std::lock_guard lock(cache_mutex);
    for (auto it = cache.begin(); it != cache.end();) {
      if (std::get<0>(it->first) == store.instance_id()) {
        mine.emplace_back(*it);
        it = cache.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (const auto& [key, reserved] : mine) {
    try {
      give_back(store, std::get<1>(key), std::get<2>(key), reserved);
    } catch (const std::exception&) {
      // Closing goes on: the sequence then merely skips the unused values.
    }
  }
}

}  // namespace heliosdb::engine

#include "engine/exec/matview_status.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include "engine/exec/relation_size.hpp"
#include "engine/exec/system_views.hpp"
#include "engine/types/temporal.hpp"
#include "storage/store.hpp"

namespace heliosdb::engine {

namespace {

constexpr std::int64_t kMinute = std::int64_t{60} * 1000000;
// Counting stops here: past it a view is simply very stale.
constexpr std::uint64_t kPendingLimit = 100'000'000;

Value text(std::string s) { return Value::string(TypeId::kText, std::move(s)); }
Value float8(double v) { return Value::floating(TypeId::kFloat8, v); }
Value timestamptz_or_null(std::int64_t unix_micros) {
  if (unix_micros == 0) return Value::null(TypeId::kTimestampTz);
  return Value::integer(TypeId::kTimestampTz, unix_micros - kPgEpochUnixMicros);
}

void drop_old(std::deque<MatViewActivity::Refresh>& recent, std::int64_t now) {
  while (!recent.empty() && recent.front().ended < now - kMinute) recent.pop_front();
}

// The tables whose rows the view's rows come from: what it reads, through
// views down to tables and materialized views.
std::set<std::uint32_t> base_tables(ExecContext& ctx, const std::vector<std::uint32_t>& reads) {
  std::set<std::uint32_t> out;
  std::set<std::uint32_t> seen;
  std::vector<std::uint32_t> unvisited(reads.begin(), reads.end());
  while (!unvisited.empty()) {
    const std::uint32_t oid = unvisited.back();
    unvisited.pop_back();
    if (!seen.insert(oid).second) continue;
    if (auto view = ctx.catalog.find_view(oid)) {
      unvisited.insert(unvisited.end(), view->reads.begin(), view->reads.end());
    } else {
      out.insert(oid);
    }
  }
  return out;
}

std::string status_word(const MatViewStatus& s, const MatViewActivity::Entry& activity) {
  if (activity.refreshing) return "refreshing";
  if (!s.view.materialized->populated) return "not populated";
  return s.pending_changes == 0 ? "fresh" : "stale";
}

}  // namespace

std::int64_t unix_micros_now() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void MatViewActivity::started(storage::BranchId branch, std::uint32_t oid, std::int64_t now) {
  std::lock_guard lock(mutex_);
  Entry& e = entries_[{branch, oid}];
  e.refreshing = true;
  e.last_started = now;
}

void MatViewActivity::finished(storage::BranchId branch, std::uint32_t oid, std::int64_t now, std::int64_t cpu_us,
                               std::string error) {
  std::lock_guard lock(mutex_);
  Entry& e = entries_[{branch, oid}];
  e.refreshing = false;
  e.last_cpu_us = cpu_us;
  e.last_error = std::move(error);
  if (e.last_error.empty()) ++e.refreshes;
  e.recent.push_back({now, cpu_us});
  drop_old(e.recent, now);
}

MatViewActivity::Entry MatViewActivity::entry(storage::BranchId branch, std::uint32_t oid) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find({branch, oid});
  return it == entries_.end() ? Entry{} : it->second;
}

double MatViewActivity::cpu_percent(storage::BranchId branch, std::uint32_t oid, std::int64_t now) const {
  Entry e = entry(branch, oid);
  drop_old(e.recent, now);
  std::int64_t cpu = 0;
  for (const Refresh& r : e.recent) cpu += r.cpu_us;
  return 100.0 * static_cast<double>(cpu) / static_cast<double>(kMinute);
}

std::vector<MatViewStatus> matview_statuses(ExecContext& ctx) {
  std::vector<MatViewStatus> out;
  storage::Store& store = ctx.txn.store();
  const storage::BranchId branch = ctx.txn.branch();
  const storage::Scn last = store.last_scn();
  const std::optional<storage::BranchInfo> info = store.branch(branch);
  for (TableDef& t : ctx.catalog.tables()) {
    if (!t.materialized) continue;
    MatViewStatus status;
    const std::set<std::uint32_t> tables = base_tables(ctx, t.materialized->reads);
    auto wanted = [&](std::string_view key) {
      for (std::uint32_t oid : tables) {
        if (key >= Catalog::rows_begin(oid) && key < Catalog::rows_end(oid)) return true;
      }
      return false;
    };
    const storage::Scn since = t.materialized->refreshed_scn;
    storage::Store::ChangeCount changes = store.count_changes(branch, since, last, wanted, kPendingLimit);
    // Made before the branch forked: the parent's changes up to the fork count too.
    if (info && info->parent != 0 && since < info->fork_scn) {
      storage::Store::ChangeCount before =
          store.count_changes(info->parent, since, info->fork_scn, wanted, kPendingLimit);
      changes.count += before.count;
      if (before.count > 0) changes.first = before.first;
    }
    status.pending_changes = changes.count;
    if (changes.first != 0) {
      if (auto commit = store.commit_at(changes.first)) status.stale_since = commit->time;
    }
    if (t.materialized->options.threshold_table_size > 0) {  // only then is the size asked
      for (std::uint32_t oid : tables) status.base_bytes += relation_size(ctx, oid, SizeOf::kRelation).value_or(0);
    }
    status.view = std::move(t);
    out.push_back(std::move(status));
  }
  return out;
}

bool refresh_due(const MatViewStatus& status, const MatViewActivity::Entry& activity, std::int64_t now,
                 double commit_rate, std::string& why) {
  const MaterializedViewDef& mv = *status.view.materialized;
  const MatViewRefreshOptions& o = mv.options;
  if (!o.auto_refresh) {
    why = "manual";
    return false;
  }
  if (activity.refreshing) {
    why = "refreshing";
    return false;
  }
  if (mv.populated && status.pending_changes == 0) {
    why = "fresh";
    return false;
  }
  // max_cpu_percent: a refresh that took c of CPU waits c * (100 / p - 1)
  // after it started, so refreshing takes at most p% of one core.
  if (activity.last_started != 0) {
    const double pause = static_cast<double>(activity.last_cpu_us) * (100.0 / o.max_cpu_percent - 1.0);
    if (static_cast<double>(now - activity.last_started) < pause + static_cast<double>(activity.last_cpu_us)) {
      why = "throttled";
      return false;
    }
  }
  const std::int64_t stale_for = status.stale_since == 0 ? 0 : now - status.stale_since;
  const bool overdue = !mv.populated || stale_for >= o.lazy_catchup_window;
  if (overdue) return true;
  if (status.base_bytes < o.threshold_table_size) {
    why = "below threshold_table_size";
    return false;
  }
  if (o.lazy_update && commit_rate >= kBusyCommitsPerSecond) {
    why = "deferred (busy)";
    return false;
  }
  if (o.threshold_dml_rate > 0) {
    const double seconds = std::max(1.0, static_cast<double>(stale_for) / 1e6);
    if (static_cast<double>(status.pending_changes) / seconds < static_cast<double>(o.threshold_dml_rate)) {
      why = "below threshold_dml_rate";
      return false;
    }
  }
  return true;
}

Relation mv_staleness_relation(ExecContext& ctx, const std::string& qualifier) {
  Relation r = make_relation({{"view_name", TypeId::kText},
                              {"schema_name", TypeId::kText},
                              {"staleness_sec", TypeId::kFloat8},
                              {"pending_changes", TypeId::kInt8},
                              {"status", TypeId::kText},
                              {"auto_refresh", TypeId::kBool},
                              {"last_refresh", TypeId::kTimestampTz}},
                             qualifier);
  const MatViewActivity& activity = ctx.txn.store().attachment<MatViewActivity>();
  const std::int64_t now = unix_micros_now();
  for (const MatViewStatus& s : matview_statuses(ctx)) {
    const MaterializedViewDef& mv = *s.view.materialized;
    const double staleness = s.stale_since == 0 ? 0.0 : static_cast<double>(now - s.stale_since) / 1e6;
    r.rows.push_back({text(s.view.name), text(s.view.schema), float8(std::max(0.0, staleness)),
                      Value::integer(TypeId::kInt8, static_cast<std::int64_t>(s.pending_changes)),
                      text(status_word(s, activity.entry(ctx.txn.branch(), s.view.oid))),
                      Value::boolean(mv.options.auto_refresh), timestamptz_or_null(mv.refreshed_at)});
  }
  return r;
}

Relation mv_cpu_usage_relation(ExecContext& ctx, const std::string& qualifier) {
  Relation r = make_relation({{"view_name", TypeId::kText},
                              {"schema_name", TypeId::kText},
                              {"max_cpu_percent", TypeId::kFloat8},
                              {"current_cpu_percent", TypeId::kFloat8},
                              {"status", TypeId::kText},
                              {"refreshes", TypeId::kInt8},
                              {"last_refresh_cpu_ms", TypeId::kFloat8},
                              {"last_error", TypeId::kText}},
                             qualifier);
  const MatViewActivity& activity = ctx.txn.store().attachment<MatViewActivity>();
  const std::int64_t now = unix_micros_now();
  for (const MatViewStatus& s : matview_statuses(ctx)) {
    const MatViewActivity::Entry entry = activity.entry(ctx.txn.branch(), s.view.oid);
    std::string why;
    const bool due = refresh_due(s, entry, now, activity.commit_rate(), why);
    const std::string status = due ? "pending" : why == "fresh" ? "idle" : why;
    r.rows.push_back({text(s.view.name), text(s.view.schema), float8(s.view.materialized->options.max_cpu_percent),
                      float8(activity.cpu_percent(ctx.txn.branch(), s.view.oid, now)), text(status),
                      Value::integer(TypeId::kInt8, static_cast<std::int64_t>(entry.refreshes)),
                      float8(static_cast<double>(entry.last_cpu_us) / 1000.0),
                      entry.last_error.empty() ? Value::null(TypeId::kText) : text(entry.last_error)});
  }
  return r;
}

Relation mv_refresh_due_relation(ExecContext& ctx, const std::string& qualifier) {
  Relation r =
      make_relation({{"schema_name", TypeId::kText}, {"view_name", TypeId::kText}, {"oid", TypeId::kOid}}, qualifier);
  const MatViewActivity& activity = ctx.txn.store().attachment<MatViewActivity>();
  const std::int64_t now = unix_micros_now();
  for (const MatViewStatus& s : matview_statuses(ctx)) {
    std::string why;
    if (refresh_due(s, activity.entry(ctx.txn.branch(), s.view.oid), now, activity.commit_rate(), why)) {
      r.rows.push_back({text(s.view.schema), text(s.view.name), Value::integer(TypeId::kOid, s.view.oid)});
    }
  }
  return r;
}

}  // namespace heliosdb::engine

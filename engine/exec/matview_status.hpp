#pragma once

// How fresh each materialized view is and what the background refresher did
// with it: pg_mv_staleness(), pg_mv_cpu_usage(), and the refresher's choice
// of what to refresh next (heliosdb_mv_refresh_due()).

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/catalog/table_def.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/plan/plan_node.hpp"
#include "storage/types.hpp"

namespace heliosdb::engine {

/// What the background refresher did, per branch and view (a store
/// attachment, shared by every session of the store). Thread-safe.
class MatViewActivity {
 public:
  struct Refresh {
    std::int64_t ended = 0;   ///< unix µs
    std::int64_t cpu_us = 0;  ///< CPU time the refresh took
  };
  struct Entry {
    bool refreshing = false;
    std::int64_t last_started = 0;  ///< unix µs; 0: never
    std::int64_t last_cpu_us = 0;
    std::uint64_t refreshes = 0;
    std::string last_error;      ///< the last automatic refresh's failure, if it failed
    std::deque<Refresh> recent;  ///< those of the last minute
  };

  void started(storage::BranchId branch, std::uint32_t oid, std::int64_t now);
  void finished(storage::BranchId branch, std::uint32_t oid, std::int64_t now, std::int64_t cpu_us, std::string error);
  Entry entry(storage::BranchId branch, std::uint32_t oid) const;
  /// The share of one CPU the view's refreshes took over the last minute, in percent.
  double cpu_percent(storage::BranchId branch, std::uint32_t oid, std::int64_t now) const;

  /// Commits per second as the refresher last measured them (lazy_update's load).
  void set_commit_rate(double rate) {
    std::lock_guard lock(mutex_);
    commit_rate_ = rate;
  }
  double commit_rate() const {
    std::lock_guard lock(mutex_);
    return commit_rate_;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<storage::BranchId, std::uint32_t>, Entry> entries_;
  double commit_rate_ = 0;
};

/// Commits per second above which the database counts as busy: a view with
/// lazy_update waits (up to its lazy_catchup_window) until it is not.
inline constexpr double kBusyCommitsPerSecond = 100;

/// One materialized view of the session's branch and how far behind it is.
struct MatViewStatus {
  TableDef view;
  std::uint64_t pending_changes = 0;  ///< rows of what it reads changed since its refresh
  std::int64_t stale_since = 0;       ///< unix µs of the first of those; 0 when there are none
  std::int64_t base_bytes = 0;        ///< bytes of the tables it reads
};

/// Every materialized view of the branch the session is on.
std::vector<MatViewStatus> matview_statuses(ExecContext& ctx);

/// Whether the background refresher should refresh `status` now; if not,
/// `why` says what holds it back ("fresh", "throttled", ...).
bool refresh_due(const MatViewStatus& status, const MatViewActivity::Entry& activity, std::int64_t now,
                 double commit_rate, std::string& why);

/// The current time in unix microseconds.
std::int64_t unix_micros_now();

Relation mv_staleness_relation(ExecContext& ctx, const std::string& qualifier);
Relation mv_cpu_usage_relation(ExecContext& ctx, const std::string& qualifier);
/// The views the refresher should refresh now: schema_name, view_name, oid.
Relation mv_refresh_due_relation(ExecContext& ctx, const std::string& qualifier);

}  // namespace heliosdb::engine

// Materialized views' refresh options and when the background refresher
// refreshes one.
#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "engine/exec/matview_options.hpp"
#include "engine/exec/matview_status.hpp"
#include "tests/unit/error_state.hpp"

using namespace heliosdb::engine;
using heliosdb::testing::state_of;

namespace {

constexpr std::int64_t kSecond = 1000000;
constexpr std::int64_t kNow = std::int64_t{1'800'000'000} * kSecond;

MatViewStatus stale_view(MatViewRefreshOptions options, std::uint64_t pending, std::int64_t stale_for) {
  MatViewStatus s;
  s.view.name = "mv";
  s.view.materialized = MaterializedViewDef{};
  s.view.materialized->options = options;
  s.pending_changes = pending;
  s.stale_since = pending == 0 ? 0 : kNow - stale_for;
  return s;
}

MatViewRefreshOptions automatic() {
  MatViewRefreshOptions o;
  o.auto_refresh = true;
  return o;
}

}  // namespace

TEST_CASE("refresh options parse with their defaults and PostgreSQL's errors", "[matview]") {
  const MatViewRefreshOptions defaults = parse_matview_options({});
  CHECK((!defaults.auto_refresh && defaults.max_cpu_percent == 15.0 && defaults.threshold_dml_rate == 0 &&
         !defaults.lazy_update && defaults.lazy_catchup_window == 3600 * kSecond));
  const MatViewRefreshOptions o = parse_matview_options({{"AUTO_REFRESH", "on"},
                                                         {"max_cpu_percent", "2.5"},
                                                         {"threshold_table_size", "10MB"},
                                                         {"threshold_dml_rate", "200"},
                                                         {"lazy_update", "true"},
                                                         {"lazy_catchup_window", "30 seconds"},
                                                         {"fillfactor", "70"}});
  CHECK((o.auto_refresh && o.max_cpu_percent == 2.5 && o.threshold_table_size == 10 * 1024 * 1024 &&
         o.threshold_dml_rate == 200 && o.lazy_update && o.lazy_catchup_window == 30 * kSecond));
  CHECK(parse_matview_options({{"lazy_catchup_window", "1h"}}).lazy_catchup_window == 3600 * kSecond);
  CHECK(parse_size_bytes("0") == 0);
  CHECK(parse_size_bytes("2 kB") == 2048);
  CHECK(state_of([] { parse_matview_options({{"refresh_every", "1"}}); }) == "22023");
  CHECK(state_of([] { parse_matview_options({{"auto_refresh", "maybe"}}); }) == "22023");
  CHECK(state_of([] { parse_matview_options({{"max_cpu_percent", "0"}}); }) == "22023");
  CHECK(state_of([] { parse_matview_options({{"max_cpu_percent", "101"}}); }) == "22023");
  CHECK(state_of([] { parse_matview_options({{"threshold_dml_rate", "-1"}}); }) == "22023");
  CHECK(state_of([] { parse_matview_options({{"threshold_table_size", "3 parsecs"}}); }) == "22023");
  CHECK(state_of([] { parse_matview_options({{"lazy_catchup_window", "soon"}}); }) == "22023");
}

TEST_CASE("the refresher refreshes a view that is stale, when its options allow", "[matview]") {
  MatViewActivity::Entry idle;
  std::string why;
  MatViewRefreshOptions manual = automatic();
  manual.auto_refresh = false;
  CHECK_FALSE(refresh_due(stale_view(manual, 5, kSecond), idle, kNow, 0, why));
  CHECK(why == "manual");
  CHECK_FALSE(refresh_due(stale_view(automatic(), 0, 0), idle, kNow, 0, why));
  CHECK(why == "fresh");
  CHECK(refresh_due(stale_view(automatic(), 1, 0), idle, kNow, 0, why));

  // threshold_dml_rate: 10 changes in 10 s is 1 a second.
  MatViewRefreshOptions rate = automatic();
  rate.threshold_dml_rate = 5;
  CHECK_FALSE(refresh_due(stale_view(rate, 10, 10 * kSecond), idle, kNow, 0, why));
  CHECK(why == "below threshold_dml_rate");
  CHECK(refresh_due(stale_view(rate, 100, 10 * kSecond), idle, kNow, 0, why));
  // ... until the catch-up window has passed.
  rate.lazy_catchup_window = 5 * kSecond;
  CHECK(refresh_due(stale_view(rate, 10, 10 * kSecond), idle, kNow, 0, why));

  // lazy_update waits while the database is busy, up to the window.
  MatViewRefreshOptions lazy = automatic();
  lazy.lazy_update = true;
  CHECK_FALSE(refresh_due(stale_view(lazy, 3, kSecond), idle, kNow, kBusyCommitsPerSecond, why));
  CHECK(why == "deferred (busy)");
  CHECK(refresh_due(stale_view(lazy, 3, kSecond), idle, kNow, kBusyCommitsPerSecond - 1, why));
  CHECK(refresh_due(stale_view(lazy, 3, 2 * 3600 * kSecond), idle, kNow, kBusyCommitsPerSecond, why));

  // threshold_table_size: below it, only the window brings a refresh.
  MatViewRefreshOptions big = automatic();
  big.threshold_table_size = 1000;
  MatViewStatus small = stale_view(big, 3, kSecond);
  small.base_bytes = 999;
  CHECK_FALSE(refresh_due(small, idle, kNow, 0, why));
  small.base_bytes = 1000;
  CHECK(refresh_due(small, idle, kNow, 0, why));
}

TEST_CASE("max_cpu_percent spaces refreshes by what the last one cost", "[matview]") {
  MatViewRefreshOptions o = automatic();
  o.max_cpu_percent = 10;  // a refresh of 1 s CPU: the next starts 10 s after it started
  MatViewActivity::Entry last;
  last.last_started = kNow - 5 * kSecond;
  last.last_cpu_us = kSecond;
  std::string why;
  CHECK_FALSE(refresh_due(stale_view(o, 1, 0), last, kNow, 0, why));
  CHECK(why == "throttled");
  last.last_started = kNow - 10 * kSecond;
  CHECK(refresh_due(stale_view(o, 1, 0), last, kNow, 0, why));
  last.refreshing = true;
  CHECK_FALSE(refresh_due(stale_view(o, 1, 0), last, kNow, 0, why));
  CHECK(why == "refreshing");

  MatViewActivity activity;
  activity.started(1, 42, kNow - 2 * kSecond);
  activity.finished(1, 42, kNow - kSecond, 6 * kSecond / 10, "");
  CHECK(activity.entry(1, 42).refreshes == 1);
  CHECK(activity.cpu_percent(1, 42, kNow) == Approx(1.0));  // 0.6 s of the last minute
  CHECK(activity.cpu_percent(1, 42, kNow + 61 * kSecond) == 0.0);
}

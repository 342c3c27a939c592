#include "engine/session/matview_refresher.hpp"

#include <time.h>

#include "engine/common/db_error.hpp"
#include "engine/exec/matview_status.hpp"
#include "engine/session/session.hpp"

namespace heliosdb::engine {

namespace {

std::int64_t thread_cpu_micros() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return std::int64_t{ts.tv_sec} * 1000000 + ts.tv_nsec / 1000;
}

struct Due {
  std::string schema;
  std::string name;
  std::uint32_t oid = 0;
};

}  // namespace

MatViewRefresher::MatViewRefresher(storage::Store& store, std::chrono::milliseconds tick)
    : store_(store), tick_(tick), last_scn_(store.last_scn()) {
  thread_ = std::thread([this] { run(); });
}

MatViewRefresher::~MatViewRefresher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

bool MatViewRefresher::stopping() {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void MatViewRefresher::run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, tick_, [&] { return stopping_; });
      if (stopping_) return;
    }
    try {
      round();
    } catch (const std::exception&) {
      // A branch dropped under it, a store shutting down: the next round sees
      // what is there then. A view's own failures are in pg_mv_cpu_usage().
    }
  }
}

void MatViewRefresher::round() {
  MatViewActivity& activity = store_.attachment<MatViewActivity>();
  const storage::Scn scn = store_.last_scn();
  const double seconds = std::chrono::duration<double>(tick_).count();
  activity.set_commit_rate(static_cast<double>(scn - last_scn_) / seconds);
  last_scn_ = scn;
  for (const storage::BranchInfo& branch : store_.branches()) {
    Session session(store_, branch.id);
    std::vector<Due> due;
    session.execute("SELECT schema_name, view_name, oid FROM heliosdb_mv_refresh_due()", [&](QueryResult&& r) {
      for (const Row& row : r.rows) {
        due.push_back({row[0].as_string(), row[1].as_string(), static_cast<std::uint32_t>(row[2].as_int())});
      }
    });
    for (const Due& view : due) {
      if (stopping()) return;
      ast::RefreshMatViewStmt refresh;
      refresh.name.schema = view.schema;
      refresh.name.name = view.name;
      refresh.background = true;
      std::vector<ast::Statement> statements(1);
      statements[0].node = std::move(refresh);
      activity.started(branch.id, view.oid, unix_micros_now());
      const std::int64_t cpu = thread_cpu_micros();
      std::string error;
      try {
        session.execute(statements, {}, [](QueryResult&&) {});
      } catch (const DbError& e) {
        // A write that crossed it (40001) or a view that went meanwhile: the next round tries again.
        error = e.what();
      }
      activity.finished(branch.id, view.oid, unix_micros_now(), thread_cpu_micros() - cpu, std::move(error));
    }
  }
}

}  // namespace heliosdb::engine

#include "server/repl/system_views.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace heliosdb::server {

const std::vector<SystemView>& system_views() {
  static const std::vector<SystemView> kViews = {
      {"heliosdb_branch_diff", "heliosdb_branch_diff(branch, other)", "function",
       "Rows that differ between two branches, or on a branch since an SCN or time",
       "SELECT * FROM heliosdb_branch_diff(current_setting('heliosdb.branch'), "
       "current_setting('heliosdb.branch')) LIMIT 0"},
      {"heliosdb_commits", "heliosdb_commits", "view", "Commits in the retained history: SCN, xid, time, branch",
       "SELECT * FROM heliosdb_commits LIMIT 0"},
      {"heliosdb_merge_conflicts", "heliosdb_merge_conflicts(branch, target)", "function",
       "What MERGE DATABASE BRANCH branch INTO target would conflict on",
       "SELECT * FROM heliosdb_merge_conflicts(current_setting('heliosdb.branch'), "
       "current_setting('heliosdb.branch')) LIMIT 0"},
      {"heliosdb_mv_refresh_due", "heliosdb_mv_refresh_due()", "function",
       "Materialized views the background refresher would refresh now",
       "SELECT * FROM heliosdb_mv_refresh_due() LIMIT 0"},
      {"pg_database_branches", "pg_database_branches()", "function",
       "Database branches: parent, fork point, size, status, options", "SELECT * FROM pg_database_branches() LIMIT 0"},
      {"pg_mv_cpu_usage", "pg_mv_cpu_usage()", "function",
       "Materialized views: CPU their automatic refreshes take against max_cpu_percent",
       "SELECT * FROM pg_mv_cpu_usage() LIMIT 0"},
      {"pg_mv_staleness", "pg_mv_staleness()", "function",
       "Materialized views: changes pending since the last refresh, staleness, status",
       "SELECT * FROM pg_mv_staleness() LIMIT 0"},
      {"pg_vector_index_stats", "pg_vector_index_stats()", "function",
       "Vector indexes: method, metric, vectors, memory, compression, parameters",
       "SELECT * FROM pg_vector_index_stats() LIMIT 0"},
  };
  return kViews;
}

const SystemView* find_system_view(std::string_view name) {
  std::string key(name);
  if (key.ends_with("()")) key.resize(key.size() - 2);
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const SystemView& v : system_views()) {
    if (v.name == key) return &v;
  }
  return nullptr;
}

}  // namespace heliosdb::server

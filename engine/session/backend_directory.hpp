#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace heliosdb::engine {

/// One server connection as pg_stat_activity shows it.
struct BackendActivity {
  std::int32_t pid = 0;
  std::string database;
  std::string user;
  std::string application_name;
  std::optional<std::string> client_addr;  ///< none for the Unix socket
  std::int32_t client_port = -1;           ///< -1 for the Unix socket
  std::string state;                       ///< "active", "idle", "idle in transaction", ...
  std::string query;                       ///< running, or the last one run
  /// timestamptz values: microseconds since 2000-01-01 UTC.
  std::int64_t backend_start = 0;
  std::optional<std::int64_t> xact_start;
  std::optional<std::int64_t> query_start;
  std::optional<std::int64_t> state_change;
};

/// The server's live connections, for pg_stat_activity, pg_cancel_backend
/// and pg_terminate_backend. The server implements it; an embedded database
/// has none. Thread-safe: any session may call it.
class BackendDirectory {
 public:
  virtual ~BackendDirectory() = default;
  virtual std::vector<BackendActivity> activity() const = 0;
  /// Cancels what backend `pid` runs (as a CancelRequest); false if there is no such backend.
  virtual bool cancel_backend(std::int32_t pid) = 0;
  /// Ends backend `pid`'s connection (FATAL 57P01) once its statement is
  /// over, cancelling the statement unless `pid` is the `caller` itself;
  /// false if there is no such backend.
  virtual bool terminate_backend(std::int32_t pid, std::int32_t caller) = 0;
};

}  // namespace heliosdb::engine

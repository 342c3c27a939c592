#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace heliosdb::engine {

/// A session's run-time parameters (SET, RESET, SHOW) with PostgreSQL's
/// transaction rules: a SET in a transaction that rolls back is undone, and
/// SET LOCAL lasts until the transaction ends. Only values we honour are
/// accepted: asking for a time zone or date style we cannot produce is
/// refused with 0A000 rather than ignored.
class Settings {
 public:
  Settings();

  /// SHOW's text; throws 42704 for a parameter that does not exist.
  std::string show(std::string_view name) const;
  /// A parameter's value by its lower-case name, without a copy: for what
  /// every statement reads (search_path). Throws 42704 as show() does.
  std::string_view current(std::string_view key) const;
  /// The name SHOW heads its column with ("DateStyle" for datestyle).
  std::string display_name(std::string_view name) const;
  /// Throws 42704 (unknown), 55P02 (read-only), 22023 (invalid value) or
  /// 0A000 (a value we cannot honour yet).
  void set(std::string_view name, const std::vector<std::string>& values, bool local);
  void reset(std::string_view name);
  void reset_all();
  /// Every parameter for SHOW ALL: name, setting, description.
  std::vector<std::array<std::string, 3>> all() const;
  /// Whether anything differs from the defaults (most sessions: no).
  bool changed() const { return !values_.empty() || !local_.empty(); }
  /// What every statement or transaction reads, worked out again only after
  /// a change (a lookup by name costs more than a point select's planning
  /// can spare). Durations are zero for none.
  struct Hot {
    std::string default_transaction_isolation;
    std::string client_min_messages;
    std::string application_name;
    std::string role;                   ///< SET ROLE's, "none" when unset
    std::string session_authorization;  ///< SET SESSION AUTHORIZATION's, "" when unset
    std::chrono::milliseconds statement_timeout{0};
    std::chrono::milliseconds lock_timeout{0};
    std::chrono::milliseconds idle_in_transaction_timeout{0};
  };
  const Hot& hot() const;
  std::chrono::milliseconds statement_timeout() const { return hot().statement_timeout; }
  std::chrono::milliseconds lock_timeout() const { return hot().lock_timeout; }
  std::chrono::milliseconds idle_in_transaction_timeout() const { return hot().idle_in_transaction_timeout; }

  /// An integer parameter's value (hnsw.ef_search, ivf.probes, ...).
  long long integer(std::string_view name) const { return std::stoll(show(name)); }
  void begin_transaction();
  void end_transaction(bool committed);
  /// Changes whenever a value may have: the server reports parameters to the
  /// client only after a statement that moved it.
  std::uint64_t generation() const { return generation_; }

 private:
  std::chrono::milliseconds duration(std::string_view name) const;
  /// Before any change: keeps what a rollback restores, moves generation().
  void will_change();

  // Only what SET changed: a session starts with nothing to copy.
  std::map<std::string, std::string, std::less<>> values_;  ///< by lower-case name
  /// values_ before the transaction's first change: a rollback restores them.
  std::optional<std::map<std::string, std::string, std::less<>>> saved_;
  std::map<std::string, std::string, std::less<>> local_;  ///< SET LOCAL, until the transaction ends
  bool in_transaction_ = false;
  std::uint64_t generation_ = 0;
  mutable Hot hot_;
  mutable std::optional<std::uint64_t> hot_generation_;  ///< the generation hot_ was worked out at
};

}  // namespace heliosdb::engine

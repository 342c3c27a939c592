#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/catalog/table_def.hpp"
#include "engine/exec/row_codec.hpp"

namespace heliosdb::engine {

struct ExecContext;

/// The foreign-key checks a transaction puts off until COMMIT, and which
/// constraints are deferred now: DEFERRABLE INITIALLY DEFERRED ones, and
/// those SET CONSTRAINTS ... DEFERRED names. A check looks at the rows as
/// they are when it runs, so one queued by work a savepoint later undid
/// finds nothing wrong. One per session; cleared when a transaction ends.
class DeferredConstraints {
 public:
  /// Whether `fk` is checked at commit rather than when the statement ends.
  bool deferred(const ForeignKeyDef& fk) const;

  /// SET CONSTRAINTS names|ALL (empty `names`) DEFERRED|IMMEDIATE. The
  /// names must be deferrable constraints (the caller checks them).
  void set_mode(const std::vector<std::string>& names, bool deferred);

  /// The row stored under `key` of `table` must find its parent for `fk`.
  void defer_child_check(std::uint32_t table, std::string key, const ForeignKeyDef& fk);
  /// A parent row of `parent` with these referenced values went: unless
  /// one like it is back, no row of `child` may still reference them.
  void defer_parent_check(std::uint32_t parent, std::uint32_t child, const ForeignKeyDef& fk, Row values);

  /// Runs the queued checks of the constraints that are no longer deferred
  /// (at COMMIT: `all`). Throws DbError 23503 for the first that fails.
  void run_checks(ExecContext& ctx, bool all);

  bool empty() const { return children_.empty() && parents_.empty(); }
  void clear();

 private:
  struct ChildCheck {
    std::uint32_t table;
    std::string key;
    std::string fk;
    bool initially_deferred;
  };
  struct ParentCheck {
    std::uint32_t parent;
    std::uint32_t child;
    std::string fk;
    bool initially_deferred;
    Row values;
  };
  bool deferred_now(const std::string& fk, bool initially_deferred) const;

  std::optional<bool> all_;              // SET CONSTRAINTS ALL
  std::map<std::string, bool> by_name_;  // SET CONSTRAINTS name: after ALL, named later wins
  std::vector<ChildCheck> children_;
  std::vector<ParentCheck> parents_;
};

}  // namespace heliosdb::engine

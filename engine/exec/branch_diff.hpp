#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/store.hpp"

namespace heliosdb::engine {

/// One row that differs: what heliosdb_branch_diff() returns per row.
struct RowChange {
  std::string table;                     ///< "public.users"
  std::string key;                       ///< the primary key, "(id)=(5)"
  std::string change;                    ///< insert | update | delete: what turns the old row into the new
  std::optional<std::string> old_value;  ///< the row as text; nullopt for an insert
  std::optional<std::string> new_value;  ///< nullopt for a delete
};

/// The rows that differ between branch `from` and branch `to`, among those
/// either changed since their histories parted: applying the changes to
/// `from`'s rows gives `to`'s. In table and key order.
std::vector<RowChange> branch_diff(storage::Store& store, storage::BranchId from, storage::BranchId to);

/// The rows of `branch` that changed after `scn`: old as of scn, new now.
/// Throws DbError 22023 (future) or 72000 (before retained history).
std::vector<RowChange> branch_changes_since(storage::Store& store, storage::BranchId branch, storage::Scn scn);

}  // namespace heliosdb::engine

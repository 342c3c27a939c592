#pragma once

#include <string_view>

#include "storage/store.hpp"

namespace heliosdb::engine {

/// The run-time parameter that names a session's branch.
inline constexpr std::string_view kBranchSetting = "heliosdb.branch";

/// Where a session starts: the branch named main (it may have been
/// replaced: DROP DATABASE BRANCH main; ALTER ... main_new RENAME TO main).
storage::BranchId default_branch(const storage::Store& store);

/// The branch called `name`. Throws DbError 3D000 if there is none.
storage::BranchInfo require_branch(const storage::Store& store, std::string_view name);

/// A branch name as a client may give it in a database name: "mydb@staging"
/// is database mydb on branch staging. Returns {database, branch}; the
/// branch is empty when the name has no '@'.
std::pair<std::string, std::string> split_database_name(std::string_view name);

}  // namespace heliosdb::engine

#include "engine/exec/branch_lookup.hpp"

#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

storage::BranchId default_branch(const storage::Store& store) {
  auto main = store.find_branch(storage::kMainBranchName);
  return main ? main->id : storage::kMainBranch;
}

storage::BranchInfo require_branch(const storage::Store& store, std::string_view name) {
  auto info = store.find_branch(name);
  if (!info) throw DbError(sqlstate::kInvalidCatalogName, "branch \"" + std::string(name) + "\" does not exist");
  return *info;
}

std::pair<std::string, std::string> split_database_name(std::string_view name) {
  auto at = name.rfind('@');
  if (at == std::string_view::npos) return {std::string(name), {}};
  return {std::string(name.substr(0, at)), std::string(name.substr(at + 1))};
}

}  // namespace heliosdb::engine

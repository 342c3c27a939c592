#include "engine/session/branch_users.hpp"

#include <fmt/format.h>

#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

void BranchUsers::join(storage::BranchId branch) {
  std::lock_guard lock(mutex_);
  if (!store_.branch(branch)) {
    throw DbError(sqlstate::kInvalidCatalogName, fmt::format("branch {} has been dropped", branch));
  }
  ++sessions_[branch];
}

void BranchUsers::leave(storage::BranchId branch) noexcept {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(branch);
  if (it != sessions_.end() && --it->second <= 0) sessions_.erase(it);
}

void BranchUsers::drop_unless_used(storage::BranchId branch, int own, const std::function<void()>& drop) {
  std::lock_guard lock(mutex_);
  check_unused(branch, own);
  drop();
}

void BranchUsers::require_unused(storage::BranchId branch, int own) const {
  std::lock_guard lock(mutex_);
  check_unused(branch, own);
}

void BranchUsers::check_unused(storage::BranchId branch, int own) const {
  auto it = sessions_.find(branch);
  const int others = it == sessions_.end() ? 0 : it->second - own;
  if (others <= 0) return;
  const auto info = store_.branch(branch);
  throw DbError(sqlstate::kObjectInUse,
                fmt::format("branch \"{}\" is being used by other sessions", info ? info->name : "?"))
      .with_detail(others == 1 ? "There is 1 other session using the branch."
                               : fmt::format("There are {} other sessions using the branch.", others))
      .with_hint("Those sessions must switch to another branch (USE BRANCH main) or disconnect first.");
}

}  // namespace heliosdb::engine

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
  {
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(branch);
    if (it != sessions_.end() && --it->second <= 0) sessions_.erase(it);
  }
  left_.notify_all();
}

void BranchUsers::drop_unless_used(storage::BranchId branch, int own, const std::function<void()>& drop) {
  std::unique_lock lock(mutex_);
  wait_unused(lock, branch, own);
  drop();
}

void BranchUsers::require_unused(storage::BranchId branch, int own) {
  std::unique_lock lock(mutex_);
  wait_unused(lock, branch, own);
}

int BranchUsers::others(storage::BranchId branch, int own) const {
  auto it = sessions_.find(branch);
  return it == sessions_.end() ? 0 : it->second - own;
}

void BranchUsers::wait_unused(std::unique_lock<std::mutex>& lock, storage::BranchId branch, int own) {
  left_.wait_for(lock, wait_, [&] { return others(branch, own) <= 0; });
  const int staying = others(branch, own);
  if (staying <= 0) return;
  const auto info = store_.branch(branch);
  throw DbError(sqlstate::kObjectInUse,
                fmt::format("branch \"{}\" is being used by other sessions", info ? info->name : "?"))
      .with_detail(staying == 1 ? "There is 1 other session using the branch."
                                : fmt::format("There are {} other sessions using the branch.", staying))
      .with_hint("Those sessions must switch to another branch (USE BRANCH main) or disconnect first.");
}

}  // namespace heliosdb::engine

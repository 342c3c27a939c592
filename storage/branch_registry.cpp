#include "storage/branch_registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>

#include "storage/storage_error.hpp"

namespace heliosdb::storage {

void BranchRegistry::load(std::vector<BranchInfo> branches) {
  std::unique_lock lock(mutex_);
  branches_.clear();
  for (BranchInfo& b : branches) branches_.emplace(b.id, std::move(b));
}

void BranchRegistry::upsert(const BranchInfo& info) {
  std::unique_lock lock(mutex_);
  branches_[info.id] = info;
}

void BranchRegistry::erase(BranchId id) {
  std::unique_lock lock(mutex_);
  branches_.erase(id);
}

std::optional<BranchInfo> BranchRegistry::get(BranchId id) const {
  std::shared_lock lock(mutex_);
  auto it = branches_.find(id);
  if (it == branches_.end()) return std::nullopt;
  return it->second;
}

std::optional<BranchInfo> BranchRegistry::find(std::string_view name) const {
  std::shared_lock lock(mutex_);
  for (const auto& [id, info] : branches_) {
    if (info.name == name) return info;
  }
  return std::nullopt;
}

std::vector<BranchInfo> BranchRegistry::all() const {
  std::shared_lock lock(mutex_);
  std::vector<BranchInfo> out;
  out.reserve(branches_.size());
  for (const auto& [id, info] : branches_) out.push_back(info);
  return out;
}

bool BranchRegistry::has_children(BranchId id) const {
  std::shared_lock lock(mutex_);
  return std::any_of(branches_.begin(), branches_.end(), [&](const auto& kv) { return kv.second.parent == id; });
}

ReadChain BranchRegistry::chain(BranchId branch, Scn bound, Scn snapshot) const {
  std::shared_lock lock(mutex_);
  ReadChain out;
  BranchId id = branch;
  while (id != 0) {
    auto it = branches_.find(id);
    if (it == branches_.end()) {
      throw StorageError(StorageErrc::kBranchNotFound, fmt::format("branch {} does not exist", id));
    }
    const BranchInfo& info = it->second;
    out.push_back(ReadLevel{id, bound, bound >= snapshot, info.parent == 0});
    bound = std::min(bound, info.fork_scn);
    id = info.parent;
  }
  return out;
}

std::map<BranchId, std::vector<Scn>> BranchRegistry::pinned_points() const {
  std::shared_lock lock(mutex_);
  std::map<BranchId, std::vector<Scn>> out;
  for (const auto& [id, info] : branches_) {
    // A branch at present reads its parent at the fork, the grandparent at
    // min(fork, parent's fork), and so on up.
    Scn bound = info.fork_scn;
    BranchId parent = info.parent;
    while (parent != 0) {
      out[parent].push_back(bound);
      auto it = branches_.find(parent);
      if (it == branches_.end()) break;
      bound = std::min(bound, it->second.fork_scn);
      parent = it->second.parent;
    }
  }
  return out;
}

}  // namespace heliosdb::storage

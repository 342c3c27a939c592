#include "storage/branch_registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>

#include "storage/storage_error.hpp"

namespace heliosdb::storage {

namespace {

[[noreturn]] void throw_not_found(BranchId id) {
  throw StorageError(StorageErrc::kBranchNotFound, fmt::format("branch {} does not exist", id));
}

}  // namespace

void BranchRegistry::load(std::vector<format::BranchRecord> branches) {
  std::unique_lock lock(mutex_);
  generation_.fetch_add(1, std::memory_order_release);
  branches_.clear();
  for (format::BranchRecord& b : branches) branches_.emplace(b.info.id, std::move(b));
}

void BranchRegistry::upsert(const BranchInfo& info) {
  std::unique_lock lock(mutex_);
  generation_.fetch_add(1, std::memory_order_release);
  branches_[info.id] = format::BranchRecord{info, false};
}

void BranchRegistry::retire(BranchId id) {
  std::unique_lock lock(mutex_);
  generation_.fetch_add(1, std::memory_order_release);
  if (auto it = branches_.find(id); it != branches_.end()) it->second.retired = true;
}

void BranchRegistry::erase(BranchId id) {
  std::unique_lock lock(mutex_);
  generation_.fetch_add(1, std::memory_order_release);
  branches_.erase(id);
}

std::optional<BranchInfo> BranchRegistry::get(BranchId id) const {
  std::shared_lock lock(mutex_);
  auto it = branches_.find(id);
  if (it == branches_.end() || it->second.retired) return std::nullopt;
  return it->second.info;
}

std::optional<BranchInfo> BranchRegistry::find(std::string_view name) const {
  std::shared_lock lock(mutex_);
  // A retired branch keeps its old name in its record; a live one may have
  // taken it since.
  for (const auto& [id, record] : branches_) {
    if (!record.retired && record.info.name == name) return record.info;
  }
  return std::nullopt;
}

std::vector<BranchInfo> BranchRegistry::all() const {
  std::shared_lock lock(mutex_);
  std::vector<BranchInfo> out;
  out.reserve(branches_.size());
  for (const auto& [id, record] : branches_) {
    if (!record.retired) out.push_back(record.info);
  }
  return out;
}

std::vector<format::BranchRecord> BranchRegistry::records() const {
  std::shared_lock lock(mutex_);
  std::vector<format::BranchRecord> out;
  out.reserve(branches_.size());
  for (const auto& [id, record] : branches_) out.push_back(record);
  return out;
}

bool BranchRegistry::has_children(BranchId id) const {
  std::shared_lock lock(mutex_);
  return std::any_of(branches_.begin(), branches_.end(), [&](const auto& kv) { return kv.second.info.parent == id; });
}

void BranchRegistry::walk(ReadChain& out, BranchId id, Scn bound, Scn snapshot) const {
  while (id != 0) {
    auto it = branches_.find(id);
    if (it == branches_.end()) throw_not_found(id);
    const BranchInfo& info = it->second.info;
    out.push_back(ReadLevel{id, bound, bound >= snapshot, info.parent == 0});
    bound = std::min(bound, info.fork_scn);
    id = info.parent;
  }
}

ReadChain BranchRegistry::chain(BranchId branch, Scn bound, Scn snapshot) const {
  std::shared_lock lock(mutex_);
  auto it = branches_.find(branch);
  if (it == branches_.end() || it->second.retired) throw_not_found(branch);
  ReadChain out;
  walk(out, branch, bound, snapshot);
  return out;
}

ReadChain BranchRegistry::ancestors(BranchId branch, Scn snapshot) const {
  std::shared_lock lock(mutex_);
  auto it = branches_.find(branch);
  if (it == branches_.end()) throw_not_found(branch);
  ReadChain out;
  walk(out, it->second.info.parent, it->second.info.fork_scn, snapshot);
  return out;
}

std::map<BranchId, std::vector<Scn>> BranchRegistry::pinned_points() const {
  std::shared_lock lock(mutex_);
  std::map<BranchId, std::vector<Scn>> out;
  for (const auto& [id, record] : branches_) {
    // Nothing reads a retired branch at its present: its own fork point
    // matters only as far as its live descendants read through it, and
    // their walks below cover that.
    if (record.retired) continue;
    // A branch at present reads its parent at the fork, the grandparent at
    // min(fork, parent's fork), and so on up, through retired ancestors too.
    Scn bound = record.info.fork_scn;
    BranchId parent = record.info.parent;
    while (parent != 0) {
      out[parent].push_back(bound);
      auto it = branches_.find(parent);
      if (it == branches_.end()) break;
      bound = std::min(bound, it->second.info.fork_scn);
      parent = it->second.info.parent;
    }
  }
  return out;
}

bool BranchRegistry::is_pinned(BranchId branch, Scn scn) const {
  const auto points = pinned_points();
  auto it = points.find(branch);
  return it != points.end() && std::find(it->second.begin(), it->second.end(), scn) != it->second.end();
}

}  // namespace heliosdb::storage

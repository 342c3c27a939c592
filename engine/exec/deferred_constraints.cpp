#include "engine/exec/deferred_constraints.hpp"

#include <algorithm>

#include "engine/exec/exec_context.hpp"
#include "engine/exec/row_writer.hpp"

namespace heliosdb::engine {

bool DeferredConstraints::deferred_now(const std::string& fk, bool initially_deferred) const {
  if (auto it = by_name_.find(fk); it != by_name_.end()) return it->second;
  return all_.value_or(initially_deferred);
}

bool DeferredConstraints::deferred(const ForeignKeyDef& fk) const {
  return fk.deferrable && deferred_now(fk.name, fk.initially_deferred);
}

void DeferredConstraints::set_mode(const std::vector<std::string>& names, bool deferred) {
  if (names.empty()) {
    all_ = deferred;
    by_name_.clear();
    return;
  }
  for (const std::string& name : names) by_name_[name] = deferred;
}

void DeferredConstraints::defer_child_check(std::uint32_t table, std::string key, const ForeignKeyDef& fk) {
  children_.push_back({table, std::move(key), fk.name, fk.initially_deferred});
}

void DeferredConstraints::defer_parent_check(std::uint32_t parent, std::uint32_t child, const ForeignKeyDef& fk,
                                             Row values) {
  parents_.push_back({parent, child, fk.name, fk.initially_deferred, std::move(values)});
}

void DeferredConstraints::run_checks(ExecContext& ctx, bool all) {
  // What runs now leaves the queue first: a failure ends the transaction anyway.
  std::vector<ChildCheck> children;
  std::vector<ParentCheck> parents;
  auto due = [&](const auto& check) { return all || !deferred_now(check.fk, check.initially_deferred); };
  for (auto it = children_.begin(); it != children_.end();) {
    if (!due(*it)) {
      ++it;
      continue;
    }
    children.push_back(std::move(*it));
    it = children_.erase(it);
  }
  for (auto it = parents_.begin(); it != parents_.end();) {
    if (!due(*it)) {
      ++it;
      continue;
    }
    parents.push_back(std::move(*it));
    it = parents_.erase(it);
  }
  RowWriter writer(ctx);
  auto exists = [&](std::uint32_t oid) { return ctx.catalog.find_table(oid).has_value(); };
  for (const ParentCheck& check : parents) {
    if (exists(check.parent) && exists(check.child)) {
      writer.check_parent_gone(check.parent, check.child, check.fk, check.values);
    }
  }
  for (const ChildCheck& check : children) {
    if (exists(check.table)) writer.check_reference(check.table, check.key, check.fk);
  }
}

void DeferredConstraints::clear() {
  all_.reset();
  by_name_.clear();
  children_.clear();
  parents_.clear();
}

}  // namespace heliosdb::engine

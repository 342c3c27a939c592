// Which stored columns a query reads, so that its table scans decode only
// those: a scan of a wide table for sum(val) should not build every string.
#include <map>

#include "engine/plan/planner.hpp"

namespace heliosdb::engine {

namespace {

using K = BoundExpr::Kind;

// Marks the columns `e` reads; false if it reads the row in a way we cannot
// follow (a subquery may read the enclosing row by position at run time).
bool mark(const BoundExpr& e, std::vector<bool>& used) {
  if (e.kind == K::kSubquery) return false;
  if (e.kind == K::kColumn) {
    if (e.column < 0 || static_cast<std::size_t>(e.column) >= used.size()) return false;
    used[static_cast<std::size_t>(e.column)] = true;
  }
  for (const BoundExprPtr& arg : e.args) {
    if (arg && !mark(*arg, used)) return false;
  }
  return true;
}

// Works out the columns each scan under `node` must read, given the ones
// read from `node`'s row above it.
bool collect(PlanNode& node, std::vector<bool> used, std::map<PlanNode*, std::vector<bool>>& scans) {
  for (const BoundExprPtr& f : node.filters) {
    if (!mark(*f, used)) return false;
  }
  switch (node.kind) {
    case PlanNode::Kind::kTableScan:
      scans[&node] = std::move(used);
      return true;
    case PlanNode::Kind::kRows:
      return true;
    case PlanNode::Kind::kJoin: {
      if (node.lateral) return false;  // the right side reads the left row unseen
      if (node.condition && !mark(*node.condition, used)) return false;
      const std::size_t left_width = node.left->scope.size();
      for (const auto& [l, r] : node.hash_keys) {
        used[static_cast<std::size_t>(l)] = true;
        used[left_width + static_cast<std::size_t>(r)] = true;
      }
      std::vector<bool> left(used.begin(), used.begin() + static_cast<std::ptrdiff_t>(left_width));
      std::vector<bool> right(used.begin() + static_cast<std::ptrdiff_t>(left_width), used.end());
      return collect(*node.left, std::move(left), scans) && collect(*node.right, std::move(right), scans);
    }
  }
  return false;
}

}  // namespace

void prune_columns(PlanNode& root, const std::vector<const BoundExpr*>& uses) {
  std::vector<bool> used(root.scope.size(), false);
  for (const BoundExpr* e : uses) {
    if (e != nullptr && !mark(*e, used)) return;
  }
  std::map<PlanNode*, std::vector<bool>> scans;
  if (!collect(root, std::move(used), scans)) return;
  for (auto& [node, needed] : scans) node->needed = std::move(needed);
}

}  // namespace heliosdb::engine

#include "engine/plan/scan_order.hpp"

#include <algorithm>
#include <utility>

#include "engine/catalog/catalog.hpp"

namespace heliosdb::engine {

namespace {

// Types whose key encoding orders as their values compare (text in the C
// collation, as ours does); not floats (NaN, -0) nor character(n) (padding).
bool key_orders_as_values(TypeId t) {
  return is_integer(t) || t == TypeId::kText || t == TypeId::kVarchar || t == TypeId::kDate ||
         t == TypeId::kTimestamp || t == TypeId::kTimestampTz || t == TypeId::kNumeric || t == TypeId::kBool;
}

// Whether one of the scan's key conditions is `column = constant`.
bool fixed_by_equality(const PlanNode& node, int column) {
  return std::any_of(node.access.conditions.begin(), node.access.conditions.end(), [&](const BoundExpr* c) {
    if (c->kind != BoundExpr::Kind::kCompare || c->op != "=") return false;
    const BoundExpr& a = *c->args[0];
    const BoundExpr& b = *c->args[1];
    return (a.kind == BoundExpr::Kind::kColumn && a.column == column && b.kind == BoundExpr::Kind::kConstant) ||
           (b.kind == BoundExpr::Kind::kColumn && b.column == column && a.kind == BoundExpr::Kind::kConstant);
  });
}

}  // namespace

ScanDirection scan_direction(const PlanNode& node, const std::vector<OrderColumn>& order) {
  constexpr ScanDirection kNo = ScanDirection::kNone;
  if (node.kind != PlanNode::Kind::kTableScan || !node.table || node.as_of || order.empty()) return kNo;
  const TableDef& table = *node.table;
  // The key's columns, and how each sorts: (descending, NULLs first).
  std::vector<int> columns;
  std::vector<std::pair<bool, bool>> sorts;
  switch (node.access.kind) {
    case AccessPath::Kind::kSeqScan:
    case AccessPath::Kind::kPrimaryKey:
      columns = table.primary_key;  // ascending, and never NULL
      sorts.assign(columns.size(), {false, false});
      break;
    case AccessPath::Kind::kIndex: {
      const IndexDef& index = table.indexes[static_cast<std::size_t>(node.access.index)];
      if (!index.plain()) return kNo;
      columns = index.columns;
      for (std::size_t p = 0; p < columns.size(); ++p) sorts.emplace_back(index.descending[p], index.nulls_first[p]);
      break;
    }
    default:
      return kNo;
  }
  std::size_t next = 0;  // the ORDER BY key to meet
  const bool primary = node.access.kind != AccessPath::Kind::kIndex;
  ScanDirection direction = kNo;  // as the first key met says; the rest must agree
  for (std::size_t p = 0; p < columns.size() && next < order.size(); ++p) {
    // A table scan's row is the table's columns in order.
    const auto position = static_cast<std::size_t>(columns[p]);
    if (position >= node.scope.size() || !key_orders_as_values(node.scope[position].type.id)) return kNo;
    if (order[next].column == columns[p]) {
      // The primary key has no NULLs to place.
      const bool same =
          order[next].descending == sorts[p].first && (primary || order[next].nulls_first == sorts[p].second);
      const bool reversed =
          order[next].descending != sorts[p].first && (primary || order[next].nulls_first != sorts[p].second);
      const ScanDirection here = same ? ScanDirection::kForward : reversed ? ScanDirection::kBackward : kNo;
      if (here == kNo || (direction != kNo && here != direction)) return kNo;
      direction = here;
      ++next;
    } else if (!fixed_by_equality(node, columns[p])) {
      return kNo;
    }
  }
  return next == order.size() ? direction : kNo;
}

bool scan_index_for_order(PlanNode& node, const std::vector<OrderColumn>& order) {
  if (node.kind != PlanNode::Kind::kTableScan || !node.table || node.as_of ||
      node.access.kind != AccessPath::Kind::kSeqScan || !node.filters.empty() ||
      scan_direction(node, order) != ScanDirection::kNone) {
    return false;
  }
  const std::vector<IndexDef>& indexes = node.table->indexes;
  for (std::size_t i = 0; i < indexes.size(); ++i) {
    if (!indexes[i].plain()) continue;
    AccessPath whole;
    whole.kind = AccessPath::Kind::kIndex;
    whole.index = static_cast<int>(i);
    whole.ranges.emplace_back(Catalog::index_begin(indexes[i].oid), Catalog::index_end(indexes[i].oid));
    AccessPath seq = std::exchange(node.access, std::move(whole));
    if (scan_direction(node, order) != ScanDirection::kNone) return true;
    node.access = std::move(seq);
  }
  return false;
}

}  // namespace heliosdb::engine

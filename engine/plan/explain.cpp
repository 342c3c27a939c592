#include <algorithm>

#include "engine/plan/expr_text.hpp"
#include "engine/plan/planner.hpp"

namespace heliosdb::engine {

namespace {

bool is_join_tree(const PlanNode& node) { return node.kind == PlanNode::Kind::kJoin; }

std::string join_label(const PlanNode& node) {
  using JK = ast::JoinRef::Kind;
  std::string method = node.hash_keys.empty() ? "Nested Loop" : "Hash";
  switch (node.join_kind) {
    case JK::kLeft:
      return method + " Left Join";
    case JK::kRight:
      return method + " Right Join";
    case JK::kFull:
      return method + " Full Join";
    case JK::kInner:
    case JK::kCross:
      break;
  }
  return node.hash_keys.empty() ? method : method + " Join";
}

std::string and_text(const std::vector<const BoundExpr*>& exprs, const std::vector<ScopeColumn>& scope, bool qualify) {
  std::string out;
  for (const BoundExpr* e : exprs) out += (out.empty() ? "" : " AND ") + expr_text(*e, scope, qualify);
  return exprs.size() > 1 ? "(" + out + ")" : out;
}

}  // namespace

void explain_node(const PlanNode& node, const std::string& indent, bool child, std::vector<std::string>& lines) {
  const std::string head = indent + (child ? "->  " : "");
  const std::string detail = indent + (child ? "      " : "  ");
  // Columns are qualified once more than one table is in play, as PostgreSQL does.
  const bool qualify = is_join_tree(node) || node.scope.empty() ||
                       std::any_of(node.scope.begin(), node.scope.end(),
                                   [&](const ScopeColumn& c) { return c.qualifier != node.scope.front().qualifier; });
  std::vector<const BoundExpr*> filters;
  for (const auto& f : node.filters) filters.push_back(f.get());

  switch (node.kind) {
    case PlanNode::Kind::kTableScan: {
      const TableDef& table = *node.table;
      std::string name = table.name + (node.alias.empty() || node.alias == table.name ? "" : " " + node.alias);
      const AccessPath& access = node.access;
      // An exact nearest-rows scan is a Seq Scan under its Sort, as PostgreSQL shows one.
      if (access.kind == AccessPath::Kind::kSeqScan && access.backward) {
        // The whole table from its last key: PostgreSQL's backward scan of the primary key.
        lines.push_back(head + "Index Scan Backward using " + table.primary_key_name + " on " + name);
      } else if (access.kind == AccessPath::Kind::kSeqScan || access.kind == AccessPath::Kind::kVectorExact) {
        lines.push_back(head + "Seq Scan on " + name);
        if (node.as_of) lines.push_back(detail + "As Of: SCN " + std::to_string(*node.as_of));
      } else if (access.kind == AccessPath::Kind::kVectorIndex) {
        lines.push_back(head + "Index Scan using " + table.vector_indexes[static_cast<std::size_t>(access.index)].name +
                        " on " + name);
        lines.push_back(detail + "Order By: " + expr_text(*access.vector.distance, node.scope, false));
      } else {
        std::string index = access.kind == AccessPath::Kind::kPrimaryKey
                                ? table.primary_key_name
                                : table.indexes[static_cast<std::size_t>(access.index)].name;
        lines.push_back(head + (access.backward ? "Index Scan Backward using " : "Index Scan using ") + index + " on " +
                        name);
        if (!access.conditions.empty()) {
          lines.push_back(detail + "Index Cond: " + and_text(access.conditions, node.scope, false));
        }
        if (node.as_of) lines.push_back(detail + "As Of: SCN " + std::to_string(*node.as_of));
        std::erase_if(filters, [&](const BoundExpr* f) {
          return std::find(access.conditions.begin(), access.conditions.end(), f) != access.conditions.end();
        });
      }
      if (!filters.empty()) lines.push_back(detail + "Filter: " + and_text(filters, node.scope, false));
      return;
    }
    case PlanNode::Kind::kRows:
      lines.push_back(head + (node.rows_name.empty() ? "Result" : "Subquery Scan on " + node.rows_name));
      if (!filters.empty()) lines.push_back(detail + "Filter: " + and_text(filters, node.scope, true));
      return;
    case PlanNode::Kind::kJoin:
      lines.push_back(head + join_label(node));
      if (node.condition) {
        lines.push_back(detail + (node.hash_keys.empty() ? "Join Filter: " : "Hash Cond: ") +
                        expr_text(*node.condition, node.scope, qualify));
      }
      if (!filters.empty()) lines.push_back(detail + "Filter: " + and_text(filters, node.scope, qualify));
      explain_node(*node.left, detail, true, lines);
      if (node.hash_keys.empty()) {
        explain_node(*node.right, detail, true, lines);
      } else {
        lines.push_back(detail + "->  Hash");
        explain_node(*node.right, detail + "      ", true, lines);
      }
      return;
  }
}

}  // namespace heliosdb::engine

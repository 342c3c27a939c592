#include "engine/exec/plan_executor.hpp"

#include <unordered_map>

#include "engine/catalog/catalog.hpp"
#include "engine/exec/equality_key.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/index_access.hpp"

namespace heliosdb::engine {

namespace {

bool passes(const std::vector<BoundExprPtr>& filters, const Row& row) {
  for (const auto& f : filters) {
    if (!evaluate_condition(*f, row)) return false;
  }
  return true;
}

Row nulls_for(const std::vector<ScopeColumn>& scope) {
  Row row;
  for (const ScopeColumn& c : scope) row.push_back(Value::null(c.type.id));
  return row;
}

Row concat(const Row& a, const Row& b) {
  Row out;
  out.reserve(a.size() + b.size());
  out.insert(out.end(), a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

Relation join(const PlanNode& node, Relation left, Relation right) {
  using Kind = ast::JoinRef::Kind;
  const Kind kind = node.join_kind;
  const BoundExpr* condition = node.condition.get();
  Relation out;
  out.scope = node.scope;
  std::vector<bool> right_matched(right.rows.size(), false);
  auto emit_matches = [&](const Row& l, const std::vector<std::size_t>& candidates) {
    bool matched = false;
    for (std::size_t ri : candidates) {
      Row combined = concat(l, right.rows[ri]);
      if (condition && !evaluate_condition(*condition, combined)) continue;
      matched = true;
      right_matched[ri] = true;
      out.rows.push_back(std::move(combined));
    }
    if (!matched && (kind == Kind::kLeft || kind == Kind::kFull)) out.rows.push_back(concat(l, nulls_for(right.scope)));
  };

  if (!node.hash_keys.empty()) {
    // Build on the right side; NULL keys never match.
    std::unordered_map<std::string, std::vector<std::size_t>> table;
    auto key_of = [&](const Row& row, bool left_side, bool& has_null) {
      Row values;
      for (const auto& [l, r] : node.hash_keys) {
        const Value& v = row[static_cast<std::size_t>(left_side ? l : r)];
        has_null = has_null || v.is_null();
        values.push_back(v);
      }
      return equality_key(values);
    };
    for (std::size_t i = 0; i < right.rows.size(); ++i) {
      bool has_null = false;
      std::string key = key_of(right.rows[i], false, has_null);
      if (!has_null) table[key].push_back(i);
    }
    static const std::vector<std::size_t> kNone;
    for (const Row& l : left.rows) {
      bool has_null = false;
      std::string key = key_of(l, true, has_null);
      auto it = has_null ? table.end() : table.find(key);
      emit_matches(l, it == table.end() ? kNone : it->second);
    }
  } else {
    std::vector<std::size_t> all(right.rows.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    for (const Row& l : left.rows) emit_matches(l, all);
  }
  if (kind == Kind::kRight || kind == Kind::kFull) {
    Row left_nulls = nulls_for(left.scope);
    for (std::size_t i = 0; i < right.rows.size(); ++i) {
      if (!right_matched[i]) out.rows.push_back(concat(left_nulls, right.rows[i]));
    }
  }
  return out;
}

}  // namespace

std::vector<KeyedRow> scan_with_keys(const PlanNode& node, ExecContext& ctx) {
  const TableDef& table = *node.table;
  const AccessPath& access = node.access;
  std::vector<KeyedRow> out;
  auto keep = [&](std::string key, Row row) {
    if (passes(node.filters, row)) out.emplace_back(std::move(key), std::move(row));
  };
  switch (access.kind) {
    case AccessPath::Kind::kSeqScan: {
      storage::Scanner scanner = ctx.catalog.scan_rows(table);
      while (scanner.next()) keep(std::string(scanner.key()), decode_row(table, scanner.value()));
      break;
    }
    case AccessPath::Kind::kPrimaryKey:
      for (const std::string& key : access.points) {
        if (auto raw = ctx.txn.get(key)) keep(key, decode_row(table, *raw));
      }
      for (const auto& [begin, end] : access.ranges) {
        storage::Scanner scanner = ctx.txn.scan(begin, end);
        while (scanner.next()) keep(std::string(scanner.key()), decode_row(table, scanner.value()));
      }
      break;
    case AccessPath::Kind::kIndex:
      for (const auto& [begin, end] : access.ranges) {
        for (auto& [key, row] : rows_from_index(ctx, table, begin, end)) keep(std::move(key), std::move(row));
      }
      break;
  }
  return out;
}

Relation execute_plan(const PlanNode& node, ExecContext& ctx) {
  Relation out;
  switch (node.kind) {
    case PlanNode::Kind::kTableScan:
      out.scope = node.scope;
      for (auto& [key, row] : scan_with_keys(node, ctx)) out.rows.push_back(std::move(row));
      return out;
    case PlanNode::Kind::kRows:
      out.scope = node.scope;
      for (const Row& row : node.rows) {
        if (passes(node.filters, row)) out.rows.push_back(row);
      }
      return out;
    case PlanNode::Kind::kJoin: {
      Relation joined = join(node, execute_plan(*node.left, ctx), execute_plan(*node.right, ctx));
      if (!node.filters.empty()) std::erase_if(joined.rows, [&](const Row& row) { return !passes(node.filters, row); });
      return joined;
    }
  }
  return out;
}

}  // namespace heliosdb::engine

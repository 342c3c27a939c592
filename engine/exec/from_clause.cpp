#include "engine/exec/from_clause.hpp"

#include <unordered_map>

#include "engine/common/db_error.hpp"
#include "engine/exec/equality_key.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/system_views.hpp"

namespace heliosdb::engine {

namespace {

Relation scan_table(const ast::RangeVar& range, ExecContext& ctx) {
  if (!range.column_aliases.empty()) {
    throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: column aliases in FROM");
  }
  std::string qualifier = range.alias.empty() ? range.name : range.alias;
  if (auto view = system_view(range.schema, range.name, qualifier, ctx)) return std::move(*view);
  TableDef table = ctx.require_table(range.schema, range.name, range.location);
  Relation r;
  r.scope = table_scope(table, qualifier);
  storage::Scanner scanner = ctx.catalog.scan_rows(table);
  while (scanner.next()) r.rows.push_back(decode_row(table, scanner.value()));
  return r;
}

// Equality conditions `left_col = right_col` among the AND-ed terms of a
// join condition: the hash join's keys.
void find_equi_keys(const BoundExpr& e, std::size_t left_width, std::vector<std::pair<int, int>>& keys) {
  if (e.kind == BoundExpr::Kind::kAnd) {
    for (const auto& arg : e.args) find_equi_keys(*arg, left_width, keys);
    return;
  }
  if (e.kind != BoundExpr::Kind::kCompare || e.op != "=") return;
  const BoundExpr& a = *e.args[0];
  const BoundExpr& b = *e.args[1];
  if (a.kind != BoundExpr::Kind::kColumn || b.kind != BoundExpr::Kind::kColumn) return;
  auto l = static_cast<std::size_t>(a.column);
  auto r = static_cast<std::size_t>(b.column);
  if (l < left_width && r >= left_width) keys.emplace_back(a.column, b.column - static_cast<int>(left_width));
  if (r < left_width && l >= left_width) keys.emplace_back(b.column, a.column - static_cast<int>(left_width));
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

Relation join(Relation left, Relation right, ast::JoinRef::Kind kind, const ast::Expr* on, ExecContext& ctx) {
  using Kind = ast::JoinRef::Kind;
  Relation out;
  out.scope = left.scope;
  out.scope.insert(out.scope.end(), right.scope.begin(), right.scope.end());
  BoundExprPtr condition;
  if (on != nullptr) {
    Binder binder(out.scope, "JOIN/ON", ctx.params);
    condition = binder.bind_condition(*on);
  }
  std::vector<std::pair<int, int>> keys;
  if (condition) find_equi_keys(*condition, left.scope.size(), keys);

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

  if (!keys.empty()) {
    // Build on the right side; NULL keys never match.
    std::unordered_map<std::string, std::vector<std::size_t>> table;
    auto key_of = [&](const Row& row, bool left_side, bool& has_null) {
      Row values;
      for (const auto& [l, r] : keys) {
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

Relation evaluate_item(const ast::TableRef& ref, ExecContext& ctx) {
  if (const auto* range = std::get_if<ast::RangeVar>(&ref.node)) return scan_table(*range, ctx);
  if (const auto* j = std::get_if<ast::JoinRef>(&ref.node)) {
    if (!j->using_columns.empty() || j->natural) {
      throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: JOIN ... USING and NATURAL JOIN");
    }
    if (!j->alias.empty()) throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: aliases on joins");
    Relation left = evaluate_item(*j->left, ctx);
    Relation right = evaluate_item(*j->right, ctx);
    return join(std::move(left), std::move(right), j->kind, j->on.get(), ctx);
  }
  throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: subqueries in FROM");
}

}  // namespace

Relation evaluate_from(const std::vector<ast::TableRefPtr>& from, ExecContext& ctx) {
  Relation result;
  result.rows.emplace_back();
  bool first = true;
  for (const auto& item : from) {
    Relation next = evaluate_item(*item, ctx);
    result =
        first ? std::move(next) : join(std::move(result), std::move(next), ast::JoinRef::Kind::kCross, nullptr, ctx);
    first = false;
  }
  // PostgreSQL refuses the same name twice in one FROM list.
  for (std::size_t i = 0; i < result.scope.size(); ++i) {
    for (std::size_t j = i + 1; j < result.scope.size(); ++j) {
      if (result.scope[i].qualifier == result.scope[j].qualifier && !result.scope[i].qualifier.empty() &&
          result.scope[i].table_oid != 0 && result.scope[i].column_number == result.scope[j].column_number &&
          result.scope[i].name == result.scope[j].name) {
        throw DbError(sqlstate::kDuplicateAlias,
                      "table name \"" + result.scope[i].qualifier + "\" specified more than once");
      }
    }
  }
  return result;
}

}  // namespace heliosdb::engine

// Which keys a table scan reads: the primary key or an index whose leading
// columns the scan's conditions fix (col = const, col IN (...)) or bound
// (<, <=, >, >=, BETWEEN). The ranges may be wider than the conditions
// (boundaries, NULLs): the scan still applies every condition to each row,
// except on a primary key of integers, whose keys are exactly the values.
#include <algorithm>

#include "engine/catalog/catalog.hpp"
#include "engine/exec/index_access.hpp"
#include "engine/exec/index_keys.hpp"
#include "engine/plan/planner.hpp"

namespace heliosdb::engine {

namespace {

using K = BoundExpr::Kind;

// What one condition says about one column.
struct ColumnCondition {
  int column = -1;
  std::string op;  // = < <= > >= in
  std::vector<Value> values;
  const BoundExpr* expr = nullptr;
  bool wider = false;  ///< the bound is wider than `expr`: the scan must still apply it
};

// Key encodings agree only within a family: every integer width alike, ...
int key_family(TypeId id) {
  if (is_integer(id)) return 1;
  if (is_float(id)) return 2;
  if (id == TypeId::kText || id == TypeId::kVarchar) return 3;
  return 10 + static_cast<int>(id);
}

// The constant as a key value of the column's type, if it encodes as such.
std::optional<Value> key_value(const Value& v, SqlType column_type) {
  // JSON keys are their text, which is not how jsonb orders or equates ('1.0' = '1').
  // character(n) keys hold their padding, which equality ignores; vector
  // keys are float bytes, which order neither as floats nor as pgvector does.
  if (v.is_null() || is_array(column_type.id) || column_type.id == TypeId::kJson || column_type.id == TypeId::kJsonb ||
      column_type.id == TypeId::kBpchar || column_type.id == TypeId::kVector) {
    return std::nullopt;
  }
  if (key_family(v.type()) == key_family(column_type.id)) return v;
  if (is_integer(v.type()) && is_float(column_type.id)) return Value::floating(column_type.id, v.to_double());
  if (is_integer(v.type()) && column_type.id == TypeId::kNumeric) {
    return Value::string(TypeId::kNumeric, std::to_string(v.as_int()));
  }
  return std::nullopt;
}

std::string flipped(const std::string& op) {
  if (op == "<") return ">";
  if (op == "<=") return ">=";
  if (op == ">") return "<";
  if (op == ">=") return "<=";
  return op;
}

std::optional<ColumnCondition> column_condition(const BoundExpr& e, const std::vector<ScopeColumn>& scope) {
  if (e.kind == K::kCompare && e.op != "<>") {
    const BoundExpr* col = e.args[0].get();
    const BoundExpr* other = e.args[1].get();
    std::string op = e.op;
    if (col->kind != K::kColumn) {
      std::swap(col, other);
      op = flipped(op);
    }
    if (col->kind != K::kColumn || other->kind != K::kConstant) return std::nullopt;
    auto v = key_value(other->constant, scope[static_cast<std::size_t>(col->column)].type);
    if (!v) return std::nullopt;
    return ColumnCondition{col->column, op, {*v}, &e};
  }
  if (e.kind == K::kRowCompare) {
    // (a, b) > (1, 2) bounds a by a >= 1: rows with a = 1 may pass on b.
    std::optional<ColumnCondition> first = column_condition(*e.args[0], scope);
    if (!first || first->op == "=" || first->op == "in") return std::nullopt;
    if (first->op == ">") first->op = ">=";
    if (first->op == "<") first->op = "<=";
    first->expr = &e;
    first->wider = true;
    return first;
  }
  if (e.kind == K::kInList && !e.negated && e.args[0]->kind == K::kColumn) {
    ColumnCondition c{e.args[0]->column, "in", {}, &e};
    for (std::size_t i = 1; i < e.args.size(); ++i) {
      if (e.args[i]->kind != K::kConstant) return std::nullopt;
      auto v = key_value(e.args[i]->constant, scope[static_cast<std::size_t>(c.column)].type);
      if (v) c.values.push_back(*v);  // a NULL item matches nothing
    }
    return c;
  }
  return std::nullopt;
}

// What a condition says about an index's expression key (whose fingerprint
// is `key`): `id` stands for that key position among the column numbers.
std::optional<ColumnCondition> expression_condition(const BoundExpr& e, const std::string& key, SqlType type, int id) {
  if (e.kind == K::kCompare && e.op != "<>") {
    const BoundExpr* side = e.args[0].get();
    const BoundExpr* other = e.args[1].get();
    std::string op = e.op;
    if (fingerprint(*side) != key) {
      std::swap(side, other);
      op = flipped(op);
    }
    if (other->kind != K::kConstant || fingerprint(*side) != key) return std::nullopt;
    auto v = key_value(other->constant, type);
    if (!v) return std::nullopt;
    return ColumnCondition{id, op, {*v}, &e};
  }
  if (e.kind == K::kInList && !e.negated && fingerprint(*e.args[0]) == key) {
    ColumnCondition c{id, "in", {}, &e};
    for (std::size_t i = 1; i < e.args.size(); ++i) {
      if (e.args[i]->kind != K::kConstant) return std::nullopt;
      if (auto v = key_value(e.args[i]->constant, type)) c.values.push_back(*v);
    }
    return c;
  }
  return std::nullopt;
}

// Whether the scan's conditions include each AND-ed term of a partial
// index's predicate, so every row they allow has an entry.
bool implies(const std::vector<BoundExprPtr>& filters, const BoundExpr& predicate) {
  auto has = [&](const BoundExpr& term) {
    const std::string fp = fingerprint(term);
    return std::any_of(filters.begin(), filters.end(), [&](const BoundExprPtr& f) { return fingerprint(*f) == fp; });
  };
  if (predicate.kind != K::kAnd) return has(predicate);
  return std::all_of(predicate.args.begin(), predicate.args.end(), [&](const BoundExprPtr& a) { return has(*a); });
}

// Column numbers for an index's expression keys: below any real column.
constexpr int kExpressionKey = -1000;

// A key: the table's or index's prefix, then ordered columns.
struct KeyShape {
  std::string prefix;
  std::vector<int> columns;
  std::vector<storage::KeyColumnOrder> orders;
  bool unique = false;
  bool primary = false;
  int index = -1;
};

struct Candidate {
  AccessPath path;
  int score = 0;
  bool exact = false;  ///< the keys read are exactly the rows the conditions allow
};

const ColumnCondition* find(const std::vector<ColumnCondition>& conds, int column, bool equality) {
  for (const ColumnCondition& c : conds) {
    if (c.column == column && (c.op == "=") == equality && c.op != "in") return &c;
  }
  return nullptr;
}

const ColumnCondition* find_in(const std::vector<ColumnCondition>& conds, int column) {
  for (const ColumnCondition& c : conds) {
    if (c.column == column && c.op == "in") return &c;
  }
  return nullptr;
}

std::string with_value(const std::string& base, const Value& v, storage::KeyColumnOrder order) {
  std::string key = base;
  storage::KeyEncoder encoder(key);
  encode_key_value(encoder, v, order);
  return key;
}

Candidate candidate_for(const KeyShape& shape, const std::vector<ColumnCondition>& conds) {
  Candidate c;
  // Integers encode to fixed-width keys that order and equate as the
  // values do, and a primary key holds no NULLs.
  bool exact_values = shape.primary;
  c.path.kind = shape.primary ? AccessPath::Kind::kPrimaryKey : AccessPath::Kind::kIndex;
  c.path.index = shape.index;
  // Bases: one key prefix per combination of fixed leading columns.
  std::vector<std::string> bases{shape.prefix};
  std::size_t fixed = 0;
  for (; fixed < shape.columns.size(); ++fixed) {
    int column = shape.columns[fixed];
    const ColumnCondition* eq = find(conds, column, true);
    const ColumnCondition* in = eq ? nullptr : find_in(conds, column);
    if (!eq && !in) break;
    const std::vector<Value>& values = eq ? eq->values : in->values;
    std::vector<std::string> next;
    for (const std::string& base : bases) {
      for (const Value& v : values) next.push_back(with_value(base, v, shape.orders[fixed]));
    }
    // IN (1, 1) reads key 1 once; sorted, the keys come in index order.
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    bases = std::move(next);
    c.path.conditions.push_back(eq ? eq->expr : in->expr);
    c.score += eq ? 10 : 8;
    exact_values =
        exact_values && std::all_of(values.begin(), values.end(), [](const Value& v) { return is_integer(v.type()); });
  }
  if (fixed == shape.columns.size() && shape.primary) {
    c.path.points = bases;
    c.score = 1000;
    c.exact = exact_values;
    return c;
  }
  const ColumnCondition* lower = nullptr;
  const ColumnCondition* upper = nullptr;
  if (fixed < shape.columns.size()) {
    for (const ColumnCondition& cond : conds) {
      if (cond.column != shape.columns[fixed]) continue;
      if (cond.op == ">" || cond.op == ">=") lower = &cond;
      if (cond.op == "<" || cond.op == "<=") upper = &cond;
    }
  }
  if (lower) c.path.conditions.push_back(lower->expr);
  if (upper) c.path.conditions.push_back(upper->expr);
  if (lower || upper) c.score += 5;
  if (fixed == shape.columns.size() && shape.unique) c.score = 900;
  if (c.score == 0) return c;
  if (shape.primary) c.score += 1;  // no second read to fetch the row
  bool descending = fixed < shape.orders.size() && shape.orders[fixed].sort == storage::SortOrder::kDescending;
  // On a descending column the SQL lower bound is the key's upper bound.
  const ColumnCondition* key_low = descending ? upper : lower;
  const ColumnCondition* key_high = descending ? lower : upper;
  for (const ColumnCondition* bound : {lower, upper}) {
    exact_values = exact_values && (bound == nullptr || (is_integer(bound->values[0].type()) && !bound->wider));
  }
  c.exact = exact_values && !descending;
  for (const std::string& base : bases) {
    std::string begin = key_low ? with_value(base, key_low->values[0], shape.orders[fixed]) : base;
    // Exact bounds leave out the boundary value itself for > and <.
    if (c.exact && key_low && key_low->op == ">") begin = storage::prefix_successor(begin);
    std::string end = key_high ? with_value(base, key_high->values[0], shape.orders[fixed]) : base;
    if (!(c.exact && key_high && key_high->op == "<")) end = storage::prefix_successor(end);
    c.path.ranges.emplace_back(std::move(begin), std::move(end));
  }
  return c;
}

void choose_for_table(PlanNode& node) {
  const TableDef& table = *node.table;
  std::vector<ColumnCondition> conds;
  for (const auto& f : node.filters) {
    if (auto c = column_condition(*f, node.scope)) conds.push_back(std::move(*c));
  }
  node.access = AccessPath{};
  if (node.filters.empty()) return;
  std::vector<std::pair<KeyShape, std::vector<ColumnCondition>>> shapes;
  if (!table.primary_key.empty()) {
    KeyShape pk{Catalog::rows_begin(table.oid), table.primary_key, {}, true, true, -1};
    pk.orders.assign(pk.columns.size(), storage::KeyColumnOrder{});
    shapes.emplace_back(std::move(pk), conds);
  }
  for (std::size_t i = 0; i < table.indexes.size(); ++i) {
    const IndexDef& index = table.indexes[i];
    const BoundIndex* bound = index.plain() ? nullptr : &bound_index(table, index);
    if (bound != nullptr && bound->predicate && !implies(node.filters, *bound->predicate)) continue;
    KeyShape shape{Catalog::index_begin(index.oid), index.columns, {}, index.unique, false, static_cast<int>(i)};
    std::vector<ColumnCondition> index_conds = conds;
    for (std::size_t p = 0; p < index.columns.size(); ++p) {
      shape.orders.push_back(index_column_order(index, p));
      if (bound == nullptr || !bound->keys[p]) continue;
      shape.columns[p] = kExpressionKey - static_cast<int>(p);
      const std::string key = fingerprint(*bound->keys[p]);
      for (const auto& f : node.filters) {
        if (auto c = expression_condition(*f, key, bound->keys[p]->type, shape.columns[p])) {
          index_conds.push_back(std::move(*c));
        }
      }
    }
    shapes.emplace_back(std::move(shape), std::move(index_conds));
  }
  Candidate best;
  for (const auto& [shape, shape_conds] : shapes) {
    Candidate c = candidate_for(shape, shape_conds);
    if (c.score > best.score) best = std::move(c);
  }
  if (best.score <= 0) return;
  node.access = std::move(best.path);
  if (!best.exact) return;
  for (auto it = node.filters.begin(); it != node.filters.end();) {
    const auto& chosen = node.access.conditions;
    if (std::find(chosen.begin(), chosen.end(), it->get()) == chosen.end()) {
      ++it;
      continue;
    }
    node.access.enforced.push_back(std::move(*it));
    it = node.filters.erase(it);
  }
}

}  // namespace

void choose_access_paths(PlanNode& node) {
  if (node.kind == PlanNode::Kind::kTableScan) {
    choose_for_table(node);
  } else if (node.kind == PlanNode::Kind::kJoin) {
    choose_access_paths(*node.left);
    choose_access_paths(*node.right);
  }
}

}  // namespace heliosdb::engine

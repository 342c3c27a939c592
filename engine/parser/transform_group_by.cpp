// GROUP BY with GROUPING SETS, ROLLUP and CUBE, expanded as PostgreSQL's
// expand_grouping_sets does: each item gives a list of sets, a GROUP BY of
// several items groups by every combination of one set from each.
#include <algorithm>

#include "engine/parser/transformer.hpp"

namespace heliosdb::engine::parser {

using namespace ast;

namespace {

using Set = std::vector<std::size_t>;
using Sets = std::vector<Set>;

class GroupByBuilder {
 public:
  explicit GroupByBuilder(SelectStmt& out) : out_(out) {}

  // The sets one GROUP BY item stands for.
  Sets expand(const PgQuery__Node& node) {
    if (node.node_case != PG_QUERY__NODE__NODE_GROUPING_SET) return {{position(node)}};
    const PgQuery__GroupingSet& g = *node.grouping_set;
    switch (g.kind) {
      case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_EMPTY:
        return {{}};
      case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_ROLLUP: {
        // ROLLUP (a, b): (a, b), (a), ().
        std::vector<Set> items = elements(g);
        Sets out;
        for (std::size_t n = items.size() + 1; n-- > 0;) out.push_back(unite(items, n));
        return out;
      }
      case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_CUBE: {
        // CUBE (a, b): every subset, the largest first.
        std::vector<Set> items = elements(g);
        Sets out;
        const std::size_t count = std::size_t{1} << items.size();
        for (std::size_t mask = count; mask-- > 0;) {
          Set s;
          for (std::size_t i = 0; i < items.size(); ++i) {
            if ((mask & (std::size_t{1} << (items.size() - 1 - i))) != 0)
              s.insert(s.end(), items[i].begin(), items[i].end());
          }
          out.push_back(normalized(std::move(s)));
        }
        return out;
      }
      case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_SETS: {
        Sets out;
        for (std::size_t i = 0; i < g.n_content; ++i) {
          const PgQuery__Node& item = *g.content[i];
          if (is_row(item)) {
            out.push_back(row_positions(item));
          } else {
            for (Set& s : expand(item)) out.push_back(std::move(s));
          }
        }
        return out;
      }
      default: {
        Set s;
        for (std::size_t i = 0; i < g.n_content; ++i) s.push_back(position(*g.content[i]));
        return {normalized(std::move(s))};
      }
    }
  }

 private:
  static bool is_row(const PgQuery__Node& node) {
    return node.node_case == PG_QUERY__NODE__NODE_ROW_EXPR &&
           node.row_expr->row_format == PG_QUERY__COERCION_FORM__COERCE_IMPLICIT_CAST;
  }

  static Set normalized(Set s) {
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
    return s;
  }

  // The positions of a parenthesized list (a, b) inside a grouping set.
  Set row_positions(const PgQuery__Node& node) {
    Set s;
    for (std::size_t i = 0; i < node.row_expr->n_args; ++i) s.push_back(position(*node.row_expr->args[i]));
    return normalized(std::move(s));
  }

  // The elements of ROLLUP or CUBE: one expression, or a parenthesized list of them.
  std::vector<Set> elements(const PgQuery__GroupingSet& g) {
    std::vector<Set> out;
    for (std::size_t i = 0; i < g.n_content; ++i) {
      const PgQuery__Node& item = *g.content[i];
      if (is_row(item)) {
        out.push_back(row_positions(item));
      } else if (item.node_case == PG_QUERY__NODE__NODE_GROUPING_SET) {
        Sets inner = expand(item);
        out.push_back(inner.empty() ? Set{} : inner.front());
      } else {
        out.push_back({position(item)});
      }
    }
    return out;
  }

  static Set unite(const std::vector<Set>& items, std::size_t first_n) {
    Set s;
    for (std::size_t i = 0; i < first_n; ++i) s.insert(s.end(), items[i].begin(), items[i].end());
    return normalized(std::move(s));
  }

  // Where the expression stands in group_by, added the first time it is seen.
  std::size_t position(const PgQuery__Node& node) {
    const std::string text = deparse_expr(node);
    auto it = std::find(texts_.begin(), texts_.end(), text);
    if (it != texts_.end()) return static_cast<std::size_t>(it - texts_.begin());
    texts_.push_back(text);
    out_.group_by.push_back(transform_expr(&node));
    return texts_.size() - 1;
  }

  SelectStmt& out_;
  std::vector<std::string> texts_;
};

}  // namespace

void transform_group_by(const PgQuery__SelectStmt& select, SelectStmt& out) {
  const bool any_sets =
      std::any_of(select.group_clause, select.group_clause + select.n_group_clause,
                  [](const PgQuery__Node* n) { return n->node_case == PG_QUERY__NODE__NODE_GROUPING_SET; });
  if (!any_sets) {
    for (std::size_t i = 0; i < select.n_group_clause; ++i)
      out.group_by.push_back(transform_expr(select.group_clause[i]));
    return;
  }
  GroupByBuilder builder(out);
  Sets sets{{}};
  for (std::size_t i = 0; i < select.n_group_clause; ++i) {
    Sets next;
    for (const Set& item : builder.expand(*select.group_clause[i])) {
      for (const Set& so_far : sets) {
        Set s = so_far;
        s.insert(s.end(), item.begin(), item.end());
        std::sort(s.begin(), s.end());
        s.erase(std::unique(s.begin(), s.end()), s.end());
        next.push_back(std::move(s));
      }
    }
    sets = std::move(next);
  }
  out.grouping_sets = std::move(sets);
}

}  // namespace heliosdb::engine::parser

#include "engine/parser/view_definition_text.hpp"

#include <cstdlib>
#include <set>

#include "engine/common/db_error.hpp"
#include "engine/parser/pg_parse_tree.hpp"
#include "engine/parser/transformer.hpp"

namespace heliosdb::engine::parser {

namespace {

// Owns every block of one unpacked parse tree and of the nodes added to it,
// so the tree can be rewritten in place and freed at once.
class Arena {
 public:
  Arena() = default;
  ~Arena() {
    for (void* block : blocks_) std::free(block);
  }
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  ProtobufCAllocator allocator() { return {&Arena::allocate, &Arena::release, this}; }

  template <class T>
  T* make(const T& init) {
    auto* p = static_cast<T*>(allocate(this, sizeof(T)));
    *p = init;
    return p;
  }

  char* copy(const std::string& s) {
    auto* p = static_cast<char*>(allocate(this, s.size() + 1));
    s.copy(p, s.size());
    return p;
  }

  PgQuery__Node** nodes(std::size_t n) { return static_cast<PgQuery__Node**>(allocate(this, n * sizeof(void*) + 1)); }

  PgQuery__Node* string_node(const std::string& s) {
    PgQuery__String str = PG_QUERY__STRING__INIT;
    str.sval = copy(s);
    PgQuery__Node node = PG_QUERY__NODE__INIT;
    node.node_case = PG_QUERY__NODE__NODE_STRING;
    node.string = make(str);
    return make(node);
  }

 private:
  static void* allocate(void* self, std::size_t size) {
    void* p = std::calloc(1, size == 0 ? 1 : size);
    if (p == nullptr) throw std::bad_alloc();
    static_cast<Arena*>(self)->blocks_.push_back(p);
    return p;
  }
  static void release(void*, void*) {}  // all blocks go with the arena

  std::vector<void*> blocks_;
};

// One relation (or subquery, function, CTE) a SELECT reads: the name its
// columns are qualified with, and its columns when known.
struct Source {
  std::string refname;
  std::optional<std::vector<std::string>> columns;
};

// The relations one SELECT level reads, inside those of the levels around it.
struct Scope {
  const Scope* outer = nullptr;
  std::vector<Source> sources;
  std::set<std::string> ctes;

  bool names_cte(const std::string& name) const {
    for (const Scope* s = this; s != nullptr; s = s->outer) {
      if (s->ctes.contains(name)) return true;
    }
    return false;
  }
};

const char* string_of(const PgQuery__Node* n) {
  return n != nullptr && n->node_case == PG_QUERY__NODE__NODE_STRING ? n->string->sval : nullptr;
}

bool is_star(const PgQuery__Node* n) {
  return n != nullptr && n->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && n->column_ref->n_fields == 1 &&
         n->column_ref->fields[0]->node_case == PG_QUERY__NODE__NODE_A_STAR;
}

// Qualifies the column names of a query with the relation they come from,
// and relation names with their schema where the reader would need it:
// PostgreSQL's view text names every column by its range table entry. A
// name is qualified only where exactly one relation of its level has it and
// every relation of that level is known, so the meaning cannot change.
class Qualifier {
 public:
  Qualifier(Arena& arena, const ViewRelationLookup& lookup) : arena_(arena), lookup_(lookup) {}

  void select(PgQuery__SelectStmt* s, const Scope* outer) {
    if (s == nullptr) return;
    Scope scope;
    scope.outer = outer;
    if (s->with_clause != nullptr) {
      for (std::size_t i = 0; i < s->with_clause->n_ctes; ++i) {
        PgQuery__Node* n = s->with_clause->ctes[i];
        if (n->node_case != PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR) continue;
        PgQuery__CommonTableExpr* cte = n->common_table_expr;
        scope.ctes.insert(cte->ctename);
        if (cte->ctequery != nullptr && cte->ctequery->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) {
          select(cte->ctequery->select_stmt, &scope);
        }
      }
    }
    if (s->op != PG_QUERY__SET_OPERATION__SETOP_NONE) {
      select(s->larg, &scope);
      select(s->rarg, &scope);
      return;
    }
    for (std::size_t i = 0; i < s->n_from_clause; ++i) from_item(s->from_clause[i], scope);
    expand_star(s, scope);
    std::set<std::string> aliases;
    for (std::size_t i = 0; i < s->n_target_list; ++i) {
      PgQuery__Node* n = s->target_list[i];
      if (n->node_case != PG_QUERY__NODE__NODE_RES_TARGET) continue;
      if (n->res_target->name != nullptr) aliases.insert(n->res_target->name);
      expr(n->res_target->val, scope);
    }
    for (std::size_t i = 0; i < s->n_distinct_clause; ++i) expr(s->distinct_clause[i], scope);
    expr(s->where_clause, scope);
    for (std::size_t i = 0; i < s->n_group_clause; ++i) expr(s->group_clause[i], scope);
    expr(s->having_clause, scope);
    for (std::size_t i = 0; i < s->n_sort_clause; ++i) {
      // ORDER BY takes a bare name as an output column's first (SQL-92 style).
      PgQuery__Node* n = s->sort_clause[i];
      if (n->node_case != PG_QUERY__NODE__NODE_SORT_BY) continue;
      PgQuery__Node* key = n->sort_by->node;
      if (key != nullptr && key->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && key->column_ref->n_fields == 1) {
        const char* name = string_of(key->column_ref->fields[0]);
        if (name != nullptr && aliases.contains(name)) continue;
      }
      expr(key, scope);
    }
  }

 private:
  void from_item(PgQuery__Node* n, Scope& scope) {
    switch (n->node_case) {
      case PG_QUERY__NODE__NODE_RANGE_VAR: {
        PgQuery__RangeVar* rv = n->range_var;
        const std::string refname = rv->alias != nullptr ? rv->alias->aliasname : rv->relname;
        const std::string schema = rv->schemaname != nullptr ? rv->schemaname : "";
        if (schema.empty() && scope.names_cte(rv->relname)) {
          scope.sources.push_back({refname, std::nullopt});
          return;
        }
        std::optional<ViewRelation> found = lookup_(schema, rv->relname);
        if (!found) {
          scope.sources.push_back({refname, std::nullopt});
          return;
        }
        rv->schemaname = found->schema_to_print.empty() ? nullptr : arena_.copy(found->schema_to_print);
        std::vector<std::string> columns = found->columns;
        if (rv->alias != nullptr) {
          for (std::size_t i = 0; i < rv->alias->n_colnames && i < columns.size(); ++i) {
            if (const char* c = string_of(rv->alias->colnames[i])) columns[i] = c;
          }
        }
        scope.sources.push_back({refname, std::move(columns)});
        return;
      }
      case PG_QUERY__NODE__NODE_JOIN_EXPR: {
        PgQuery__JoinExpr* j = n->join_expr;
        from_item(j->larg, scope);
        from_item(j->rarg, scope);
        expr(j->quals, scope);
        // A join with an alias hides the names of the relations in it.
        if (j->alias != nullptr) scope.sources.push_back({j->alias->aliasname, std::nullopt});
        return;
      }
      case PG_QUERY__NODE__NODE_RANGE_SUBSELECT: {
        PgQuery__RangeSubselect* sub = n->range_subselect;
        if (sub->subquery != nullptr && sub->subquery->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) {
          select(sub->subquery->select_stmt, sub->lateral ? &scope : scope.outer);
        }
        scope.sources.push_back({sub->alias != nullptr ? sub->alias->aliasname : "", std::nullopt});
        return;
      }
      default:
        scope.sources.push_back({"", std::nullopt});
        return;
    }
  }

  // SELECT * over one known relation: its columns, each by name, as
  // PostgreSQL keeps a view's columns fixed at CREATE VIEW.
  void expand_star(PgQuery__SelectStmt* s, const Scope& scope) {
    if (s->n_target_list != 1 || scope.sources.size() != 1 || !scope.sources[0].columns) return;
    PgQuery__Node* n = s->target_list[0];
    if (n->node_case != PG_QUERY__NODE__NODE_RES_TARGET || !is_star(n->res_target->val)) return;
    const std::vector<std::string>& columns = *scope.sources[0].columns;
    if (columns.empty()) return;
    PgQuery__Node** targets = arena_.nodes(columns.size());
    for (std::size_t i = 0; i < columns.size(); ++i) {
      PgQuery__ColumnRef ref = PG_QUERY__COLUMN_REF__INIT;
      ref.n_fields = 1;
      ref.fields = arena_.nodes(1);
      ref.fields[0] = arena_.string_node(columns[i]);
      PgQuery__Node ref_node = PG_QUERY__NODE__INIT;
      ref_node.node_case = PG_QUERY__NODE__NODE_COLUMN_REF;
      ref_node.column_ref = arena_.make(ref);
      PgQuery__ResTarget target = PG_QUERY__RES_TARGET__INIT;
      target.val = arena_.make(ref_node);
      PgQuery__Node target_node = PG_QUERY__NODE__INIT;
      target_node.node_case = PG_QUERY__NODE__NODE_RES_TARGET;
      target_node.res_target = arena_.make(target);
      targets[i] = arena_.make(target_node);
    }
    s->target_list = targets;
    s->n_target_list = columns.size();
  }

  void column(PgQuery__ColumnRef* ref, const Scope& scope) {
    if (ref->n_fields != 1) return;
    const char* name = string_of(ref->fields[0]);
    if (name == nullptr) return;
    for (const Scope* s = &scope; s != nullptr; s = s->outer) {
      const Source* match = nullptr;
      int matches = 0;
      for (const Source& source : s->sources) {
        if (!source.columns) return;  // it might be this one's: leave the name as written
        for (const std::string& c : *source.columns) {
          if (c == name) {
            match = &source;
            ++matches;
          }
        }
      }
      if (matches > 1) return;  // USING's merged column, or ambiguous as written
      if (matches == 1) {
        PgQuery__Node** fields = arena_.nodes(2);
        fields[0] = arena_.string_node(match->refname);
        fields[1] = ref->fields[0];
        ref->fields = fields;
        ref->n_fields = 2;
        return;
      }
    }
  }

  void exprs(std::size_t n, PgQuery__Node** nodes, const Scope& scope) {
    for (std::size_t i = 0; i < n; ++i) expr(nodes[i], scope);
  }

  void expr(PgQuery__Node* n, const Scope& scope) {
    if (n == nullptr) return;
    switch (n->node_case) {
      case PG_QUERY__NODE__NODE_COLUMN_REF:
        return column(n->column_ref, scope);
      case PG_QUERY__NODE__NODE_A_EXPR:
        expr(n->a_expr->lexpr, scope);
        return expr(n->a_expr->rexpr, scope);
      case PG_QUERY__NODE__NODE_BOOL_EXPR:
        return exprs(n->bool_expr->n_args, n->bool_expr->args, scope);
      case PG_QUERY__NODE__NODE_FUNC_CALL:
        exprs(n->func_call->n_args, n->func_call->args, scope);
        exprs(n->func_call->n_agg_order, n->func_call->agg_order, scope);
        return expr(n->func_call->agg_filter, scope);
      case PG_QUERY__NODE__NODE_TYPE_CAST:
        return expr(n->type_cast->arg, scope);
      case PG_QUERY__NODE__NODE_NULL_TEST:
        return expr(n->null_test->arg, scope);
      case PG_QUERY__NODE__NODE_BOOLEAN_TEST:
        return expr(n->boolean_test->arg, scope);
      case PG_QUERY__NODE__NODE_SUB_LINK:
        expr(n->sub_link->testexpr, scope);
        if (n->sub_link->subselect != nullptr &&
            n->sub_link->subselect->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) {
          select(n->sub_link->subselect->select_stmt, &scope);
        }
        return;
      case PG_QUERY__NODE__NODE_CASE_EXPR:
        expr(n->case_expr->arg, scope);
        exprs(n->case_expr->n_args, n->case_expr->args, scope);
        return expr(n->case_expr->defresult, scope);
      case PG_QUERY__NODE__NODE_CASE_WHEN:
        expr(n->case_when->expr, scope);
        return expr(n->case_when->result, scope);
      case PG_QUERY__NODE__NODE_COALESCE_EXPR:
        return exprs(n->coalesce_expr->n_args, n->coalesce_expr->args, scope);
      case PG_QUERY__NODE__NODE_MIN_MAX_EXPR:
        return exprs(n->min_max_expr->n_args, n->min_max_expr->args, scope);
      case PG_QUERY__NODE__NODE_ROW_EXPR:
        return exprs(n->row_expr->n_args, n->row_expr->args, scope);
      case PG_QUERY__NODE__NODE_A_ARRAY_EXPR:
        return exprs(n->a_array_expr->n_elements, n->a_array_expr->elements, scope);
      case PG_QUERY__NODE__NODE_LIST:
        return exprs(n->list->n_items, n->list->items, scope);
      case PG_QUERY__NODE__NODE_SORT_BY:
        return expr(n->sort_by->node, scope);
      default:
        return;  // other nodes keep their names as written, which still mean the same
    }
  }

  Arena& arena_;
  const ViewRelationLookup& lookup_;
};

PgQuery__Node select_node(PgQuery__SelectStmt* s) {
  PgQuery__Node n = PG_QUERY__NODE__INIT;
  n.node_case = PG_QUERY__NODE__NODE_SELECT_STMT;
  n.select_stmt = s;
  return n;
}

PgQuery__SelectStmt empty_select() {
  PgQuery__SelectStmt s = PG_QUERY__SELECT_STMT__INIT;
  s.op = PG_QUERY__SET_OPERATION__SETOP_NONE;
  s.limit_option = PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_DEFAULT;
  return s;
}

// The deparser's text of a SELECT made of one clause, without its keywords.
std::string clause_text(PgQuery__SelectStmt s, std::string_view keywords) {
  PgQuery__Node n = select_node(&s);
  std::string text = deparse_statement(n);
  return text.starts_with(keywords) ? text.substr(keywords.size()) : text;
}

std::string target_text(PgQuery__Node* target) {
  PgQuery__SelectStmt s = empty_select();
  s.n_target_list = 1;
  s.target_list = &target;
  return clause_text(s, "SELECT ");
}

std::string from_text(PgQuery__Node* item) {
  PgQuery__SelectStmt s = empty_select();
  s.n_from_clause = 1;
  s.from_clause = &item;
  return clause_text(s, "SELECT FROM ");
}

std::string sort_text(std::size_t n, PgQuery__Node** items) {
  PgQuery__SelectStmt s = empty_select();
  s.n_sort_clause = n;
  s.sort_clause = items;
  return clause_text(s, "SELECT ORDER BY ");
}

// Whether PostgreSQL's plain (not pretty) text puts the node in parentheses:
// an operator's, a boolean's or a test's expression.
bool parenthesized(const PgQuery__Node* n) {
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_A_EXPR:
    case PG_QUERY__NODE__NODE_BOOL_EXPR:
    case PG_QUERY__NODE__NODE_NULL_TEST:
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST:
      return true;
    case PG_QUERY__NODE__NODE_SUB_LINK:
      return n->sub_link->sub_link_type != PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK;
    default:
      return false;
  }
}

// The view's own column names on the select list: PostgreSQL writes AS
// unless the item is a column of that very name.
bool name_targets(Arena& arena, PgQuery__SelectStmt* s, const std::vector<std::string>& columns) {
  while (s->op != PG_QUERY__SET_OPERATION__SETOP_NONE) s = s->larg;
  for (std::size_t i = 0; i < s->n_target_list; ++i) {
    PgQuery__Node* n = s->target_list[i];
    if (n->node_case != PG_QUERY__NODE__NODE_RES_TARGET) return false;
    if (is_star(n->res_target->val)) return false;
  }
  if (s->n_target_list != columns.size()) return false;
  for (std::size_t i = 0; i < s->n_target_list; ++i) {
    PgQuery__ResTarget* t = s->target_list[i]->res_target;
    const PgQuery__Node* v = t->val;
    const char* own = nullptr;
    if (v != nullptr && v->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && v->column_ref->n_fields > 0) {
      own = string_of(v->column_ref->fields[v->column_ref->n_fields - 1]);
    }
    t->name = own != nullptr && columns[i] == own ? nullptr : arena.copy(columns[i]);
  }
  return true;
}

// Lays the query out as ruleutils.c does, for what it can; nullopt for the
// rest, which the deparser prints on one line.
class Layout {
 public:
  explicit Layout(const ViewPrintOptions& options) : options_(options) {}

  std::optional<std::string> query(PgQuery__SelectStmt* s) {
    if (s->op == PG_QUERY__SET_OPERATION__SETOP_NONE) return simple(s);
    if (s->larg->op != PG_QUERY__SET_OPERATION__SETOP_NONE || s->rarg->op != PG_QUERY__SET_OPERATION__SETOP_NONE ||
        s->with_clause != nullptr || s->n_sort_clause != 0 || s->limit_count != nullptr || s->limit_offset != nullptr) {
      return std::nullopt;
    }
    const char* op = s->op == PG_QUERY__SET_OPERATION__SETOP_UNION       ? "UNION"
                     : s->op == PG_QUERY__SET_OPERATION__SETOP_INTERSECT ? "INTERSECT"
                                                                         : "EXCEPT";
    std::optional<std::string> left = simple(s->larg);
    std::optional<std::string> right = simple(s->rarg);
    if (!left || !right) return std::nullopt;
    return *left + "\n" + op + (s->all ? " ALL" : "") + "\n" + *right;
  }

 private:
  std::string condition(PgQuery__Node* n) const {
    const std::string text = deparse_expr(*n);
    return !options_.pretty && parenthesized(n) ? "(" + text + ")" : text;
  }

  std::optional<std::string> from_item(PgQuery__Node* n) const {
    if (n->node_case != PG_QUERY__NODE__NODE_JOIN_EXPR) return from_text(n);
    PgQuery__JoinExpr* j = n->join_expr;
    if (j->is_natural || j->alias != nullptr || j->join_using_alias != nullptr ||
        j->rarg->node_case == PG_QUERY__NODE__NODE_JOIN_EXPR) {
      return std::nullopt;
    }
    std::optional<std::string> left = from_item(j->larg);
    if (!left) return std::nullopt;
    std::string keyword;
    switch (j->jointype) {
      case PG_QUERY__JOIN_TYPE__JOIN_INNER:
        keyword = j->quals == nullptr && j->n_using_clause == 0 ? "CROSS JOIN" : "JOIN";
        break;
      case PG_QUERY__JOIN_TYPE__JOIN_LEFT:
        keyword = "LEFT JOIN";
        break;
      case PG_QUERY__JOIN_TYPE__JOIN_RIGHT:
        keyword = "RIGHT JOIN";
        break;
      case PG_QUERY__JOIN_TYPE__JOIN_FULL:
        keyword = "FULL JOIN";
        break;
      default:
        return std::nullopt;
    }
    std::string text = *left + "\n     " + keyword + " " + from_text(j->rarg);
    if (j->n_using_clause != 0) {
      // The deparser quotes the names as needed: take them from a USING of its own.
      const std::string whole = from_text(n);
      const std::size_t at = whole.rfind(" USING (");
      if (at == std::string::npos) return std::nullopt;
      text += whole.substr(at);
    } else if (j->quals != nullptr) {
      const std::string cond = condition(j->quals);
      text += " ON " + (options_.pretty ? cond : "(" + cond + ")");
    }
    return options_.pretty ? text : "(" + text + ")";
  }

  // A GROUP BY item as ruleutils.c prints it: a position as the select
  // item it names, and a function call in parentheses (an operator too,
  // unless pretty).
  std::string group_item(const PgQuery__SelectStmt* s, PgQuery__Node* item) const {
    if (item->node_case == PG_QUERY__NODE__NODE_A_CONST && item->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
      const int position = item->a_const->ival->ival;
      if (position >= 1 && static_cast<std::size_t>(position) <= s->n_target_list &&
          s->target_list[position - 1]->node_case == PG_QUERY__NODE__NODE_RES_TARGET &&
          s->target_list[position - 1]->res_target->val != nullptr) {
        item = s->target_list[position - 1]->res_target->val;
      }
    }
    const std::string text = deparse_expr(*item);
    const bool wrap = item->node_case == PG_QUERY__NODE__NODE_FUNC_CALL || (!options_.pretty && parenthesized(item));
    return wrap ? "(" + text + ")" : text;
  }

  std::optional<std::string> simple(PgQuery__SelectStmt* s) {
    if (s->op != PG_QUERY__SET_OPERATION__SETOP_NONE || s->with_clause != nullptr || s->n_values_lists != 0 ||
        s->n_window_clause != 0 || s->n_locking_clause != 0 || s->into_clause != nullptr ||
        s->limit_option == PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_WITH_TIES || s->group_distinct) {
      return std::nullopt;
    }
    bool distinct = false;
    if (s->n_distinct_clause == 1 && s->distinct_clause[0] == nullptr) {
      distinct = true;
    } else if (s->n_distinct_clause != 0) {
      return std::nullopt;  // DISTINCT ON
    }
    std::string text = std::string(" SELECT ") + (distinct ? "DISTINCT " : "");
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < s->n_target_list; ++i) {
      PgQuery__Node* n = s->target_list[i];
      std::string item = target_text(n);
      if (!options_.pretty && n->node_case == PG_QUERY__NODE__NODE_RES_TARGET && n->res_target->val != nullptr &&
          parenthesized(n->res_target->val)) {
        const std::string value = deparse_expr(*n->res_target->val);
        if (item.starts_with(value)) item = "(" + value + ")" + item.substr(value.size());
      }
      if (i > 0) {
        text += ",";
        const bool fits = options_.wrap_column > 0 &&
                          text.size() - line_start + 1 + item.size() <= static_cast<std::size_t>(options_.wrap_column);
        if (fits) {
          text += " ";
        } else {
          text += "\n    ";
          line_start = text.size() - 4;
        }
      }
      text += item;
    }
    for (std::size_t i = 0; i < s->n_from_clause; ++i) {
      std::optional<std::string> item = from_item(s->from_clause[i]);
      if (!item) return std::nullopt;
      text += (i == 0 ? "\n   FROM " : ",\n    ") + *item;
    }
    if (s->where_clause != nullptr) text += "\n  WHERE " + condition(s->where_clause);
    for (std::size_t i = 0; i < s->n_group_clause; ++i) {
      text += (i == 0 ? "\n  GROUP BY " : ", ") + group_item(s, s->group_clause[i]);
    }
    if (s->having_clause != nullptr) text += "\n HAVING " + condition(s->having_clause);
    if (s->n_sort_clause != 0) text += "\n  ORDER BY " + sort_text(s->n_sort_clause, s->sort_clause);
    if (s->limit_offset != nullptr) text += "\n OFFSET " + deparse_expr(*s->limit_offset);
    if (s->limit_count != nullptr) text += "\n LIMIT " + deparse_expr(*s->limit_count);
    return text;
  }

  const ViewPrintOptions& options_;
};

// The protobuf parse of `sql`, freed with it.
class ProtobufParse {
 public:
  explicit ProtobufParse(const std::string& sql) : raw_(pg_query_parse_protobuf(sql.c_str())) {}
  ~ProtobufParse() { pg_query_free_protobuf_parse_result(raw_); }
  ProtobufParse(const ProtobufParse&) = delete;
  ProtobufParse& operator=(const ProtobufParse&) = delete;
  const PgQueryProtobufParseResult& raw() const { return raw_; }

 private:
  PgQueryProtobufParseResult raw_;
};

}  // namespace

std::string view_definition_text(std::string_view create_view_sql, const std::vector<std::string>& columns,
                                 const ViewRelationLookup& lookup, const ViewPrintOptions& options) {
  const std::string sql(create_view_sql);
  ProtobufParse parse(sql);
  if (parse.raw().error != nullptr) throw DbError(sqlstate::kSyntaxError, "view definition does not parse");
  Arena arena;
  ProtobufCAllocator allocator = arena.allocator();
  PgQuery__ParseResult* tree = pg_query__parse_result__unpack(
      &allocator, parse.raw().parse_tree.len, reinterpret_cast<const uint8_t*>(parse.raw().parse_tree.data));
  const PgQuery__Node* statement = tree != nullptr && tree->n_stmts == 1 ? tree->stmts[0]->stmt : nullptr;
  // A view's CREATE VIEW, or a materialized view's CREATE MATERIALIZED VIEW.
  PgQuery__Node* query = nullptr;
  std::size_t aliases = 0;
  if (statement != nullptr && statement->node_case == PG_QUERY__NODE__NODE_VIEW_STMT) {
    query = statement->view_stmt->query;
    aliases = statement->view_stmt->n_aliases;
  } else if (statement != nullptr && statement->node_case == PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT) {
    query = statement->create_table_as_stmt->query;
    aliases = statement->create_table_as_stmt->into->n_col_names;
  } else {
    throw DbError(sqlstate::kSyntaxError, "view definition is not a CREATE VIEW statement");
  }
  if (query == nullptr || query->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
    throw DbError(sqlstate::kSyntaxError, "view definition has no query");
  }
  Qualifier(arena, lookup).select(query->select_stmt, nullptr);
  if (!name_targets(arena, query->select_stmt, columns) && aliases != 0) {
    throw DbError(sqlstate::kFeatureNotSupported, "cannot print a view whose column list renames the columns of *");
  }
  std::optional<std::string> text = Layout(options).query(query->select_stmt);
  if (!text) text = " " + deparse_statement(*query);
  return *text + ";";
}

}  // namespace heliosdb::engine::parser

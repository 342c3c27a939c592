// SELECT, VALUES and set operations; FROM items and result targets.
#include "engine/common/db_error.hpp"
#include "engine/parser/extension_syntax.hpp"
#include "engine/parser/transformer.hpp"

namespace heliosdb::engine::parser {

using namespace ast;

namespace {

void apply_alias(const PgQuery__Alias* alias, std::string& name, std::vector<std::string>& columns) {
  if (alias == nullptr) return;
  name = alias->aliasname;
  columns = string_list(alias->colnames, alias->n_colnames);
}

}  // namespace

TableRefPtr transform_from_item(const PgQuery__Node& node) {
  auto ref = std::make_unique<TableRef>();
  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_RANGE_VAR: {
      RangeVar range = transform_range_var(*node.range_var);
      range.temporal = TemporalClauses::take(range.location);
      ref->node = std::move(range);
      return ref;
    }
    case PG_QUERY__NODE__NODE_JOIN_EXPR: {
      const PgQuery__JoinExpr& j = *node.join_expr;
      JoinRef join;
      switch (j.jointype) {
        case PG_QUERY__JOIN_TYPE__JOIN_INNER:
          // A join with neither ON nor USING (and not NATURAL) is a CROSS JOIN.
          join.kind = (j.quals == nullptr && j.n_using_clause == 0 && !j.is_natural) ? JoinRef::Kind::kCross
                                                                                     : JoinRef::Kind::kInner;
          break;
        case PG_QUERY__JOIN_TYPE__JOIN_LEFT:
          join.kind = JoinRef::Kind::kLeft;
          break;
        case PG_QUERY__JOIN_TYPE__JOIN_RIGHT:
          join.kind = JoinRef::Kind::kRight;
          break;
        case PG_QUERY__JOIN_TYPE__JOIN_FULL:
          join.kind = JoinRef::Kind::kFull;
          break;
        default:
          unsupported("this join type", -1);
      }
      join.left = transform_from_item(*j.larg);
      join.right = transform_from_item(*j.rarg);
      join.on = transform_expr(j.quals);
      join.using_columns = string_list(j.using_clause, j.n_using_clause);
      join.natural = j.is_natural;
      if (j.join_using_alias != nullptr) unsupported("an alias for JOIN USING", -1);
      if (j.alias != nullptr) {
        std::vector<std::string> ignored;
        apply_alias(j.alias, join.alias, ignored);
        if (!ignored.empty()) unsupported("column aliases on a join", -1);
      }
      ref->node = std::move(join);
      return ref;
    }
    case PG_QUERY__NODE__NODE_RANGE_SUBSELECT: {
      const PgQuery__RangeSubselect& s = *node.range_subselect;
      SubqueryRef sub;
      sub.select = transform_select(*s.subquery->select_stmt);
      apply_alias(s.alias, sub.alias, sub.column_aliases);
      sub.lateral = s.lateral;
      ref->node = std::move(sub);
      return ref;
    }
    case PG_QUERY__NODE__NODE_RANGE_FUNCTION: {
      const PgQuery__RangeFunction& f = *node.range_function;
      if (f.is_rowsfrom || f.n_functions != 1) unsupported("ROWS FROM", -1);
      const PgQuery__List& item = *f.functions[0]->list;
      const PgQuery__Node* call = item.n_items > 0 ? item.items[0] : nullptr;
      if (call == nullptr || call->node_case != PG_QUERY__NODE__NODE_FUNC_CALL) {
        unsupported("this expression in FROM", -1);
      }
      FunctionRef function;
      function.location = call->func_call->location;
      function.call = transform_expr(call);
      const auto& names = std::get<FuncCall>(function.call->node).name;
      function.name = names.back();
      apply_alias(f.alias, function.alias, function.column_aliases);
      function.ordinality = f.ordinality;
      function.lateral = f.lateral;
      for (size_t i = 0; i < f.n_coldeflist; ++i) {
        const PgQuery__ColumnDef& column = *f.coldeflist[i]->column_def;
        function.column_definitions.emplace_back(column.colname, transform_type_name(*column.type_name));
      }
      ref->node = std::move(function);
      return ref;
    }
    default:
      unsupported_node(node);
  }
}

SortItem transform_sort_by(const PgQuery__SortBy& s) {
  if (s.sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_USING) unsupported("ORDER BY ... USING", s.location);
  SortItem item;
  item.expr = transform_expr(s.node);
  item.descending = s.sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
  if (s.sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST) item.nulls_first = true;
  if (s.sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST) item.nulls_first = false;
  return item;
}

namespace {

LockingClause transform_locking(const PgQuery__Node& node) {
  const PgQuery__LockingClause& c = *node.locking_clause;
  LockingClause out;
  switch (c.strength) {
    case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORKEYSHARE:
      out.strength = LockingClause::Strength::kKeyShare;
      break;
    case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORSHARE:
      out.strength = LockingClause::Strength::kShare;
      break;
    case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORNOKEYUPDATE:
      out.strength = LockingClause::Strength::kNoKeyUpdate;
      break;
    default:
      out.strength = LockingClause::Strength::kUpdate;
  }
  switch (c.wait_policy) {
    case PG_QUERY__LOCK_WAIT_POLICY__LockWaitSkip:
      out.wait = LockingClause::Wait::kSkipLocked;
      break;
    case PG_QUERY__LOCK_WAIT_POLICY__LockWaitError:
      out.wait = LockingClause::Wait::kNoWait;
      break;
    default:
      out.wait = LockingClause::Wait::kBlock;
  }
  for (size_t i = 0; i < c.n_locked_rels; ++i) {
    const PgQuery__RangeVar& r = *c.locked_rels[i]->range_var;
    RangeVar rel;
    rel.name = r.relname;
    rel.location = r.location;
    out.relations.push_back(std::move(rel));
  }
  return out;
}

}  // namespace

RangeVar transform_range_var(const PgQuery__RangeVar& range) {
  RangeVar out;
  if (range.catalogname != nullptr && range.catalogname[0] != '\0') {
    unsupported("cross-database references", range.location);
  }
  if (range.schemaname != nullptr) out.schema = range.schemaname;
  out.name = range.relname;
  apply_alias(range.alias, out.alias, out.column_aliases);
  out.location = range.location;
  return out;
}

std::vector<ResultTarget> transform_targets(PgQuery__Node* const* items, size_t n) {
  std::vector<ResultTarget> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const PgQuery__ResTarget& t = *items[i]->res_target;
    if (t.n_indirection > 0) unsupported("subscripts in a target", t.location);
    out.push_back(ResultTarget{transform_expr(t.val), t.name != nullptr ? t.name : "", t.location});
  }
  return out;
}

std::shared_ptr<const WithClause> transform_with(const PgQuery__WithClause* with, bool top_level) {
  if (with == nullptr) return nullptr;
  auto out = std::make_shared<WithClause>();
  out->recursive = with->recursive;
  for (size_t i = 0; i < with->n_ctes; ++i) {
    const PgQuery__CommonTableExpr& c = *with->ctes[i]->common_table_expr;
    if (c.search_clause != nullptr) unsupported("SEARCH in a WITH query", c.location);
    if (c.cycle_clause != nullptr) unsupported("CYCLE in a WITH query", c.location);
    for (const CommonTableExpr& earlier : out->queries) {
      if (earlier.name == c.ctename) {
        throw at(DbError(sqlstate::kDuplicateAlias,
                         "WITH query name \"" + std::string(c.ctename) + "\" specified more than once"),
                 c.location);
      }
    }
    CommonTableExpr cte;
    cte.name = c.ctename;
    cte.column_aliases = string_list(c.aliascolnames, c.n_aliascolnames);
    cte.location = c.location;
    if (c.ctequery->node_case != PG_QUERY__NODE__NODE_SELECT_STMT && !top_level) {
      throw at(DbError(sqlstate::kFeatureNotSupported,
                       "WITH clause containing a data-modifying statement must be at the top level"),
               c.location);
    }
    cte.query = std::make_shared<const Statement>(transform_statement(*c.ctequery));
    out->queries.push_back(std::move(cte));
  }
  return out;
}

std::unique_ptr<SelectStmt> transform_select(const PgQuery__SelectStmt& s, bool top_level) {
  if (s.into_clause != nullptr) unsupported("SELECT INTO", -1);
  if (s.group_distinct) unsupported("GROUP BY DISTINCT", -1);
  if (s.limit_option == PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_WITH_TIES) unsupported("FETCH ... WITH TIES", -1);

  auto out = std::make_unique<SelectStmt>();
  out->with = transform_with(s.with_clause, top_level);
  switch (s.op) {
    case PG_QUERY__SET_OPERATION__SETOP_UNION:
      out->set_op = SelectStmt::SetOp::kUnion;
      break;
    case PG_QUERY__SET_OPERATION__SETOP_INTERSECT:
      out->set_op = SelectStmt::SetOp::kIntersect;
      break;
    case PG_QUERY__SET_OPERATION__SETOP_EXCEPT:
      out->set_op = SelectStmt::SetOp::kExcept;
      break;
    default:
      out->set_op = SelectStmt::SetOp::kNone;
  }
  if (out->set_op != SelectStmt::SetOp::kNone) {
    out->set_all = s.all;
    out->left = transform_select(*s.larg);
    out->right = transform_select(*s.rarg);
  } else {
    // DISTINCT is a list with one empty node; DISTINCT ON lists the expressions.
    if (s.n_distinct_clause > 0) {
      out->distinct = true;
      if (s.distinct_clause[0] != nullptr && s.distinct_clause[0]->node_case != PG_QUERY__NODE__NODE__NOT_SET) {
        out->distinct_on = transform_expr_list(s.distinct_clause, s.n_distinct_clause);
      }
    }
    out->targets = transform_targets(s.target_list, s.n_target_list);
    for (size_t i = 0; i < s.n_from_clause; ++i) out->from.push_back(transform_from_item(*s.from_clause[i]));
    out->where = transform_expr(s.where_clause);
    transform_group_by(s, *out);
    out->having = transform_expr(s.having_clause);
    for (size_t i = 0; i < s.n_values_lists; ++i) {
      const PgQuery__List& row = *s.values_lists[i]->list;
      out->values.push_back(transform_expr_list(row.items, row.n_items));
    }
  }
  for (size_t i = 0; i < s.n_sort_clause; ++i) out->order_by.push_back(transform_sort_by(*s.sort_clause[i]->sort_by));
  for (size_t i = 0; i < s.n_window_clause; ++i) {
    out->windows.push_back(transform_window_def(*s.window_clause[i]->window_def));
  }
  out->limit = transform_expr(s.limit_count);
  out->offset = transform_expr(s.limit_offset);
  for (size_t i = 0; i < s.n_locking_clause; ++i) out->locking.push_back(transform_locking(*s.locking_clause[i]));
  return out;
}

}  // namespace heliosdb::engine::parser

// INSERT, UPDATE, DELETE.
#include <atomic>

#include "engine/common/db_error.hpp"
#include "engine/parser/extension_syntax.hpp"
#include "engine/parser/transformer.hpp"

namespace heliosdb::engine::parser {

using namespace ast;

namespace {

// The table a statement writes: history read AS OF a past point is read-only.
RangeVar transform_write_target(const PgQuery__RangeVar& range) {
  RangeVar out = transform_range_var(range);
  if (auto clause = TemporalClauses::take(out.location)) {
    throw at(
        DbError(sqlstate::kFeatureNotSupported, "cannot write to table \"" + out.name + "\" read AS OF a past point")
            .with_hint("History is read-only: write the present table, e.g. INSERT INTO t SELECT ... FROM t AS OF ..."),
        clause->location);
  }
  return out;
}

// UPDATE's and ON CONFLICT DO UPDATE's SET list.
std::vector<SetClause> transform_set_list(PgQuery__Node* const* items, size_t n) {
  std::vector<SetClause> out;
  for (size_t i = 0; i < n; ++i) {
    const PgQuery__ResTarget& t = *items[i]->res_target;
    if (t.val != nullptr && t.val->node_case == PG_QUERY__NODE__NODE_MULTI_ASSIGN_REF) {
      // SET (a, b) = (x, y): each column takes its item of the row.
      const PgQuery__MultiAssignRef& m = *t.val->multi_assign_ref;
      if (m.source != nullptr && m.source->node_case == PG_QUERY__NODE__NODE_SUB_LINK &&
          m.source->sub_link->sub_link_type == PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK) {
        // SET (a, b) = (SELECT x, y): each column reads its output column of the one row.
        const PgQuery__SubLink& s = *m.source->sub_link;
        SubLink link;
        link.select = transform_select(*s.subselect->select_stmt);
        link.assign_column = m.colno - 1;
        link.assign_count = m.ncolumns;
        out.push_back(SetClause{t.name, make_expr(std::move(link), s.location), t.location, t.n_indirection > 0});
        continue;
      }
      if (m.source == nullptr || m.source->node_case != PG_QUERY__NODE__NODE_ROW_EXPR) {
        unsupported("SET (columns) = this source", t.location);
      }
      const PgQuery__RowExpr& row = *m.source->row_expr;
      if (row.n_args != static_cast<size_t>(m.ncolumns)) {
        throw at(DbError(sqlstate::kSyntaxError, "number of columns does not match number of values"), row.location);
      }
      out.push_back(SetClause{t.name, transform_expr(row.args[m.colno - 1]), t.location, t.n_indirection > 0});
      continue;
    }
    out.push_back(SetClause{t.name, transform_expr(t.val), t.location, t.n_indirection > 0});
  }
  return out;
}

std::unique_ptr<OnConflict> transform_on_conflict(const PgQuery__OnConflictClause* c) {
  if (c == nullptr) return nullptr;
  auto out = std::make_unique<OnConflict>();
  out->update = c->action == PG_QUERY__ON_CONFLICT_ACTION__ONCONFLICT_UPDATE;
  out->location = c->location;
  if (const PgQuery__InferClause* infer = c->infer) {
    if (infer->where_clause != nullptr)
      unsupported("a WHERE in the ON CONFLICT target (partial indexes)", infer->location);
    if (infer->conname != nullptr && infer->conname[0] != '\0') out->constraint = infer->conname;
    for (size_t i = 0; i < infer->n_index_elems; ++i) {
      const PgQuery__IndexElem& e = *infer->index_elems[i]->index_elem;
      if (e.name == nullptr || e.name[0] == '\0') unsupported("expressions in the ON CONFLICT target", infer->location);
      out->columns.emplace_back(e.name);
    }
  } else if (out->update) {
    throw at(
        DbError(sqlstate::kSyntaxError, "ON CONFLICT DO UPDATE requires inference specification or constraint name")
            .with_hint("For example, ON CONFLICT (column_name)."),
        c->location);
  }
  out->set = transform_set_list(c->target_list, c->n_target_list);
  out->where = transform_expr(c->where_clause);
  return out;
}

}  // namespace

InsertStmt transform_insert(const PgQuery__InsertStmt& insert) {
  static std::atomic<std::uint64_t> ids{0};
  InsertStmt out;
  out.id = ++ids;
  if (insert.override == PG_QUERY__OVERRIDING_KIND__OVERRIDING_SYSTEM_VALUE) {
    out.overriding = InsertStmt::Overriding::kSystemValue;
  } else if (insert.override == PG_QUERY__OVERRIDING_KIND__OVERRIDING_USER_VALUE) {
    out.overriding = InsertStmt::Overriding::kUserValue;
  }
  out.with = transform_with(insert.with_clause, true);
  out.table = transform_write_target(*insert.relation);
  for (size_t i = 0; i < insert.n_cols; ++i) {
    const PgQuery__ResTarget& col = *insert.cols[i]->res_target;
    if (col.n_indirection > 0) unsupported("subscripted INSERT columns", col.location);
    out.columns.emplace_back(col.name);
  }
  if (insert.select_stmt != nullptr) out.source = transform_select(*insert.select_stmt->select_stmt);
  out.on_conflict = transform_on_conflict(insert.on_conflict_clause);
  out.returning = transform_targets(insert.returning_list, insert.n_returning_list);
  return out;
}

UpdateStmt transform_update(const PgQuery__UpdateStmt& update) {
  UpdateStmt out;
  out.with = transform_with(update.with_clause, true);
  out.table = transform_write_target(*update.relation);
  out.set = transform_set_list(update.target_list, update.n_target_list);
  for (size_t i = 0; i < update.n_from_clause; ++i) out.from.push_back(transform_from_item(*update.from_clause[i]));
  out.where = transform_expr(update.where_clause);
  out.returning = transform_targets(update.returning_list, update.n_returning_list);
  return out;
}

DeleteStmt transform_delete(const PgQuery__DeleteStmt& del) {
  DeleteStmt out;
  out.with = transform_with(del.with_clause, true);
  out.table = transform_write_target(*del.relation);
  for (size_t i = 0; i < del.n_using_clause; ++i) out.using_tables.push_back(transform_from_item(*del.using_clause[i]));
  out.where = transform_expr(del.where_clause);
  out.returning = transform_targets(del.returning_list, del.n_returning_list);
  return out;
}

CopyStmt transform_copy(const PgQuery__CopyStmt& copy) {
  if (copy.where_clause != nullptr) unsupported("COPY FROM ... WHERE", -1);
  CopyStmt out;
  if (copy.relation != nullptr) out.table = transform_range_var(*copy.relation);
  if (copy.query != nullptr) {
    if (copy.query->node_case != PG_QUERY__NODE__NODE_SELECT_STMT)
      unsupported("COPY of a data-modifying statement", -1);
    out.query = transform_select(*copy.query->select_stmt);
  }
  out.columns = string_list(copy.attlist, copy.n_attlist);
  out.from = copy.is_from;
  out.program = copy.is_program;
  if (copy.filename != nullptr) out.file = copy.filename;
  for (size_t i = 0; i < copy.n_options; ++i) {
    const PgQuery__DefElem& opt = *copy.options[i]->def_elem;
    std::vector<std::string> values;
    if (opt.arg != nullptr && opt.arg->node_case == PG_QUERY__NODE__NODE_LIST) {
      values = string_list(opt.arg->list->items, opt.arg->list->n_items);
    } else if (opt.arg != nullptr && opt.arg->node_case == PG_QUERY__NODE__NODE_A_STAR) {
      values.emplace_back("*");
    } else if (opt.arg != nullptr) {
      values.push_back(option_value(opt.arg));
    }
    out.options.push_back({opt.defname, std::move(values), opt.location});
  }
  return out;
}

}  // namespace heliosdb::engine::parser

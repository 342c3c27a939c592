// Expressions: A_Const, ColumnRef, A_Expr, FuncCall, TypeCast, ... -> ast::Expr.
#include <cstdlib>

#include "engine/common/db_error.hpp"
#include "engine/parser/transformer.hpp"

namespace heliosdb::engine::parser {

using namespace ast;

namespace {

ExprPtr transform_const(const PgQuery__AConst& c) {
  Literal lit;
  if (c.isnull) return make_expr(lit, c.location);
  switch (c.val_case) {
    case PG_QUERY__A__CONST__VAL_IVAL:
      lit.kind = Literal::Kind::kInteger;
      lit.integer = c.ival->ival;
      lit.text = std::to_string(lit.integer);
      break;
    case PG_QUERY__A__CONST__VAL_FVAL:
      // Too large for int4, or has a fraction/exponent: PostgreSQL types it
      // int8 or numeric later, from the digits.
      lit.kind = Literal::Kind::kNumeric;
      lit.text = c.fval->fval;
      break;
    case PG_QUERY__A__CONST__VAL_BOOLVAL:
      lit.kind = Literal::Kind::kBool;
      lit.boolean = c.boolval->boolval;
      lit.text = lit.boolean ? "true" : "false";
      break;
    case PG_QUERY__A__CONST__VAL_SVAL:
      lit.kind = Literal::Kind::kString;
      lit.text = c.sval->sval;
      break;
    case PG_QUERY__A__CONST__VAL_BSVAL:
      lit.kind = Literal::Kind::kBitString;
      lit.text = c.bsval->bsval;
      break;
    case PG_QUERY__A__CONST__VAL__NOT_SET:
    case _PG_QUERY__A__CONST__VAL__CASE_IS_INT_SIZE:
      unsupported("this constant", c.location);
  }
  return make_expr(std::move(lit), c.location);
}

ExprPtr transform_column_ref(const PgQuery__ColumnRef& ref) {
  ColumnRef out;
  for (size_t i = 0; i < ref.n_fields; ++i) {
    const PgQuery__Node& field = *ref.fields[i];
    if (field.node_case == PG_QUERY__NODE__NODE_A_STAR) {
      out.star = true;
    } else {
      out.names.push_back(string_value(field));
    }
  }
  return make_expr(std::move(out), ref.location);
}

std::string operator_name(PgQuery__Node* const* names, size_t n, int location) {
  // OPERATOR(pg_catalog.+) arrives qualified; only pg_catalog's operators exist.
  if (n == 2 && string_value(*names[0]) == "pg_catalog") return string_value(*names[1]);
  if (n != 1) unsupported("schema-qualified operators", location);
  return string_value(*names[0]);
}

ExprPtr transform_a_expr(const PgQuery__AExpr& e) {
  std::string op = operator_name(e.name, e.n_name, e.location);
  switch (e.kind) {
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP:
      return make_expr(OperatorExpr{op, transform_expr(e.lexpr), transform_expr(e.rexpr)}, e.location);
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY:
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL:
      return make_expr(ArrayCompare{op, transform_expr(e.lexpr), transform_expr(e.rexpr),
                                    e.kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL},
                       e.location);
    case PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT:
      return make_expr(DistinctFrom{transform_expr(e.lexpr), transform_expr(e.rexpr),
                                    e.kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT},
                       e.location);
    case PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF: {
      FuncCall call;
      call.name = {"nullif"};
      call.args.push_back(transform_expr(e.lexpr));
      call.args.push_back(transform_expr(e.rexpr));
      return make_expr(std::move(call), e.location);
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_IN: {
      const PgQuery__List& list = *e.rexpr->list;
      return make_expr(InList{transform_expr(e.lexpr), transform_expr_list(list.items, list.n_items), op == "<>"},
                       e.location);
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE:
    case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE: {
      Like like{transform_expr(e.lexpr), nullptr, nullptr, op[0] == '!',
                e.kind == PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE};
      // `x LIKE p ESCAPE e` arrives as the function like_escape(p, e).
      const PgQuery__Node* pattern = e.rexpr;
      if (pattern->node_case == PG_QUERY__NODE__NODE_FUNC_CALL && pattern->func_call->n_funcname == 2 &&
          string_value(*pattern->func_call->funcname[1]) == "like_escape") {
        like.pattern = transform_expr(pattern->func_call->args[0]);
        like.escape = transform_expr(pattern->func_call->args[1]);
      } else {
        like.pattern = transform_expr(pattern);
      }
      return make_expr(std::move(like), e.location);
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR:
      // The grammar already made `x [NOT] SIMILAR TO p [ESCAPE e]` into
      // `x ~ similar_to_escape(p [, e])` (or !~), as PostgreSQL runs it.
      return make_expr(OperatorExpr{op, transform_expr(e.lexpr), transform_expr(e.rexpr)}, e.location);
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM: {
      const PgQuery__List& bounds = *e.rexpr->list;
      bool negated = e.kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN ||
                     e.kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM;
      bool symmetric = e.kind == PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM ||
                       e.kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM;
      return make_expr(Between{transform_expr(e.lexpr), transform_expr(bounds.items[0]),
                               transform_expr(bounds.items[1]), negated, symmetric},
                       e.location);
    }
    case PG_QUERY__A__EXPR__KIND__A_EXPR_KIND_UNDEFINED:
    case _PG_QUERY__A__EXPR__KIND_IS_INT_SIZE:
      break;
  }
  unsupported("this operator expression", e.location);
}

}  // namespace

namespace {

// PostgreSQL's FRAMEOPTION_* bits of WindowDef.frame_options.
constexpr int kFrameNonDefault = 0x1, kFrameRange = 0x2, kFrameRows = 0x4, kFrameGroups = 0x8;
constexpr int kStartUnboundedPreceding = 0x20, kStartUnboundedFollowing = 0x80, kStartCurrentRow = 0x200,
              kStartOffsetPreceding = 0x800, kStartOffsetFollowing = 0x2000;
constexpr int kEndUnboundedPreceding = 0x40, kEndUnboundedFollowing = 0x100, kEndCurrentRow = 0x400,
              kEndOffsetPreceding = 0x1000, kEndOffsetFollowing = 0x4000;
constexpr int kExcludeCurrentRow = 0x8000, kExcludeGroup = 0x10000, kExcludeTies = 0x20000;

FrameBound frame_bound(int options, int unbounded_preceding, int unbounded_following, int current_row,
                       int offset_preceding, int offset_following, const PgQuery__Node* offset) {
  using K = FrameBound::Kind;
  FrameBound b;
  if (options & unbounded_preceding) b.kind = K::kUnboundedPreceding;
  if (options & unbounded_following) b.kind = K::kUnboundedFollowing;
  if (options & current_row) b.kind = K::kCurrentRow;
  if (options & offset_preceding) b.kind = K::kPreceding;
  if (options & offset_following) b.kind = K::kFollowing;
  if (b.kind == K::kPreceding || b.kind == K::kFollowing) b.offset = transform_expr(offset);
  return b;
}

}  // namespace

std::shared_ptr<const WindowDef> transform_window_def(const PgQuery__WindowDef& w) {
  auto out = std::make_shared<WindowDef>();
  if (w.name != nullptr) out->name = w.name;
  if (w.refname != nullptr) out->refname = w.refname;
  out->partition_by = transform_expr_list(w.partition_clause, w.n_partition_clause);
  for (size_t i = 0; i < w.n_order_clause; ++i) out->order_by.push_back(transform_sort_by(*w.order_clause[i]->sort_by));
  out->location = w.location;
  const int o = w.frame_options;
  out->frame_given = (o & kFrameNonDefault) != 0;
  if (out->frame_given) {
    out->unit = (o & kFrameRows)     ? WindowDef::Unit::kRows
                : (o & kFrameGroups) ? WindowDef::Unit::kGroups
                                     : WindowDef::Unit::kRange;
    out->start = frame_bound(o, kStartUnboundedPreceding, kStartUnboundedFollowing, kStartCurrentRow,
                             kStartOffsetPreceding, kStartOffsetFollowing, w.start_offset);
    out->end = frame_bound(o, kEndUnboundedPreceding, kEndUnboundedFollowing, kEndCurrentRow, kEndOffsetPreceding,
                           kEndOffsetFollowing, w.end_offset);
    out->exclude = (o & kExcludeCurrentRow) ? WindowDef::Exclude::kCurrentRow
                   : (o & kExcludeGroup)    ? WindowDef::Exclude::kGroup
                   : (o & kExcludeTies)     ? WindowDef::Exclude::kTies
                                            : WindowDef::Exclude::kNoOthers;
  }
  (void)kFrameRange;
  return out;
}

namespace {

ExprPtr transform_func_call(const PgQuery__FuncCall& f) {
  if (f.func_variadic) unsupported("VARIADIC", f.location);
  FuncCall call;
  call.name = string_list(f.funcname, f.n_funcname);
  // Functions of pg_catalog are the built-ins; the qualification adds nothing.
  if (call.name.size() == 2 && call.name[0] == "pg_catalog") call.name.erase(call.name.begin());
  call.args = transform_expr_list(f.args, f.n_args);
  call.star = f.agg_star;
  call.distinct = f.agg_distinct;
  if (f.agg_filter != nullptr) call.filter = transform_expr(f.agg_filter);
  for (size_t i = 0; i < f.n_agg_order; ++i) call.order.push_back(transform_sort_by(*f.agg_order[i]->sort_by));
  call.within_group = f.agg_within_group;
  if (f.over != nullptr) call.over = transform_window_def(*f.over);
  return make_expr(std::move(call), f.location);
}

ExprPtr transform_sub_link(const PgQuery__SubLink& s) {
  SubLink out;
  switch (s.sub_link_type) {
    case PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK:
      out.kind = SubLink::Kind::kExists;
      break;
    case PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK:
      out.kind = SubLink::Kind::kScalar;
      break;
    case PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK:
    case PG_QUERY__SUB_LINK_TYPE__ALL_SUBLINK:
      out.kind = s.sub_link_type == PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK ? SubLink::Kind::kAny : SubLink::Kind::kAll;
      out.test = transform_expr(s.testexpr);
      // `x IN (SELECT ...)` has no operator name: it is `= ANY`.
      out.op = s.n_oper_name == 0 ? "=" : operator_name(s.oper_name, s.n_oper_name, s.location);
      break;
    case PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK:
      out.kind = SubLink::Kind::kArray;
      break;
    case PG_QUERY__SUB_LINK_TYPE__ROWCOMPARE_SUBLINK:
    case PG_QUERY__SUB_LINK_TYPE__MULTIEXPR_SUBLINK:
    case PG_QUERY__SUB_LINK_TYPE__CTE_SUBLINK:
    case PG_QUERY__SUB_LINK_TYPE__SUB_LINK_TYPE_UNDEFINED:
    case _PG_QUERY__SUB_LINK_TYPE_IS_INT_SIZE:
      unsupported("this kind of subquery", s.location);
  }
  out.select = transform_select(*s.subselect->select_stmt);
  return make_expr(std::move(out), s.location);
}

SqlValueFunction::Kind value_function_kind(PgQuery__SQLValueFunctionOp op, int location) {
  using K = SqlValueFunction::Kind;
  switch (op) {
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE:
      return K::kCurrentDate;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME_N:
      return K::kCurrentTime;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N:
      return K::kCurrentTimestamp;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N:
      return K::kLocalTime;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N:
      return K::kLocalTimestamp;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_ROLE:
      return K::kCurrentRole;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_USER:
      return K::kCurrentUser;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_USER:
      return K::kUser;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_SESSION_USER:
      return K::kSessionUser;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_CATALOG:
      return K::kCurrentCatalog;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_SCHEMA:
      return K::kCurrentSchema;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SQLVALUE_FUNCTION_OP_UNDEFINED:
    case _PG_QUERY__SQLVALUE_FUNCTION_OP_IS_INT_SIZE:
      break;
  }
  unsupported("this SQL value function", location);
}

}  // namespace

[[noreturn]] void unsupported(std::string_view construct, int location) {
  DbError error(sqlstate::kFeatureNotSupported, "not supported yet: " + std::string(construct));
  if (location >= 0) error.at_position(location + 1);
  throw error;
}

std::string string_value(const PgQuery__Node& node) {
  if (node.node_case != PG_QUERY__NODE__NODE_STRING) unsupported_node(node);
  return node.string->sval;
}

std::string option_value(const PgQuery__Node* arg) {
  if (arg == nullptr) return {};
  switch (arg->node_case) {
    case PG_QUERY__NODE__NODE_INTEGER:
      return std::to_string(arg->integer->ival);
    case PG_QUERY__NODE__NODE_FLOAT:
      return arg->float_->fval;
    case PG_QUERY__NODE__NODE_STRING:
      return arg->string->sval;
    case PG_QUERY__NODE__NODE_BOOLEAN:
      return arg->boolean->boolval ? "true" : "false";
    case PG_QUERY__NODE__NODE_A_CONST: {
      ExprPtr value = transform_const(*arg->a_const);
      return std::get<Literal>(value->node).text;
    }
    case PG_QUERY__NODE__NODE_TYPE_NAME: {
      // A bare word (check_option = local) parses as a type name; PostgreSQL reads it as its text.
      std::string out;
      for (const std::string& part : string_list(arg->type_name->names, arg->type_name->n_names)) {
        out += (out.empty() ? "" : ".") + part;
      }
      return out;
    }
    default:
      unsupported_node(*arg);
  }
}

std::vector<std::string> string_list(PgQuery__Node* const* items, size_t n) {
  std::vector<std::string> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.push_back(string_value(*items[i]));
  return out;
}

ExprList transform_expr_list(PgQuery__Node* const* items, size_t n) {
  ExprList out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.push_back(transform_expr(items[i]));
  return out;
}

TypeName transform_type_name(const PgQuery__TypeName& type) {
  TypeName out;
  out.names = string_list(type.names, type.n_names);
  if (out.names.size() == 2 && out.names[0] == "pg_catalog") out.names.erase(out.names.begin());
  for (size_t i = 0; i < type.n_typmods; ++i) {
    const PgQuery__Node& mod = *type.typmods[i];
    if (mod.node_case != PG_QUERY__NODE__NODE_A_CONST || mod.a_const->val_case != PG_QUERY__A__CONST__VAL_IVAL) {
      unsupported("this type modifier", type.location);
    }
    out.modifiers.push_back(mod.a_const->ival->ival);
  }
  out.array_dims = static_cast<int>(type.n_array_bounds);
  out.location = type.location;
  return out;
}

ExprPtr transform_expr(const PgQuery__Node* node) {
  if (node == nullptr) return nullptr;
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_A_CONST:
      return transform_const(*node->a_const);
    case PG_QUERY__NODE__NODE_COLUMN_REF:
      return transform_column_ref(*node->column_ref);
    case PG_QUERY__NODE__NODE_PARAM_REF:
      return make_expr(ParamRef{node->param_ref->number}, node->param_ref->location);
    case PG_QUERY__NODE__NODE_A_EXPR:
      return transform_a_expr(*node->a_expr);
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE: {
      // Text compares byte-wise, which is the C collation; "default" is it
      // too (databases are created with C). Other collations are not here yet.
      const PgQuery__CollateClause& c = *node->collate_clause;
      std::vector<std::string> name = string_list(c.collname, c.n_collname);
      if (name.size() == 2 && name[0] == "pg_catalog") name.erase(name.begin());
      if (name.size() != 1 || (name[0] != "default" && name[0] != "C" && name[0] != "POSIX")) {
        unsupported("COLLATE \"" + name.back() + "\"", c.location);
      }
      return transform_expr(c.arg);
    }
    case PG_QUERY__NODE__NODE_BOOL_EXPR: {
      const PgQuery__BoolExpr& b = *node->bool_expr;
      BoolExpr out;
      out.op = b.boolop == PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR  ? BoolExpr::Op::kAnd
               : b.boolop == PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR ? BoolExpr::Op::kOr
                                                               : BoolExpr::Op::kNot;
      out.args = transform_expr_list(b.args, b.n_args);
      return make_expr(std::move(out), b.location);
    }
    case PG_QUERY__NODE__NODE_NULL_TEST: {
      const PgQuery__NullTest& t = *node->null_test;
      return make_expr(NullTest{transform_expr(t.arg), t.nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL},
                       t.location);
    }
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST: {
      const PgQuery__BooleanTest& t = *node->boolean_test;
      BooleanTest out{transform_expr(t.arg), BooleanTest::Kind::kIsTrue};
      switch (t.booltesttype) {
        case PG_QUERY__BOOL_TEST_TYPE__IS_TRUE:
          out.kind = BooleanTest::Kind::kIsTrue;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_TRUE:
          out.kind = BooleanTest::Kind::kIsNotTrue;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_FALSE:
          out.kind = BooleanTest::Kind::kIsFalse;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_FALSE:
          out.kind = BooleanTest::Kind::kIsNotFalse;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_UNKNOWN:
          out.kind = BooleanTest::Kind::kIsUnknown;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_UNKNOWN:
          out.kind = BooleanTest::Kind::kIsNotUnknown;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__BOOL_TEST_TYPE_UNDEFINED:
        case _PG_QUERY__BOOL_TEST_TYPE_IS_INT_SIZE:
          unsupported("this boolean test", t.location);
      }
      return make_expr(std::move(out), t.location);
    }
    case PG_QUERY__NODE__NODE_FUNC_CALL:
      return transform_func_call(*node->func_call);
    case PG_QUERY__NODE__NODE_GROUPING_FUNC: {
      // GROUPING(a, b): bound against the query's grouping sets.
      const PgQuery__GroupingFunc& g = *node->grouping_func;
      FuncCall call;
      call.name = {"grouping"};
      call.args = transform_expr_list(g.args, g.n_args);
      return make_expr(std::move(call), g.location);
    }
    case PG_QUERY__NODE__NODE_TYPE_CAST: {
      const PgQuery__TypeCast& c = *node->type_cast;
      return make_expr(Cast{transform_expr(c.arg), transform_type_name(*c.type_name)}, c.location);
    }
    case PG_QUERY__NODE__NODE_CASE_EXPR: {
      const PgQuery__CaseExpr& c = *node->case_expr;
      CaseExpr out;
      out.arg = transform_expr(c.arg);
      for (size_t i = 0; i < c.n_args; ++i) {
        const PgQuery__CaseWhen& w = *c.args[i]->case_when;
        out.whens.emplace_back(transform_expr(w.expr), transform_expr(w.result));
      }
      out.otherwise = transform_expr(c.defresult);
      return make_expr(std::move(out), c.location);
    }
    case PG_QUERY__NODE__NODE_COALESCE_EXPR: {
      const PgQuery__CoalesceExpr& c = *node->coalesce_expr;
      FuncCall call;
      call.name = {"coalesce"};
      call.args = transform_expr_list(c.args, c.n_args);
      return make_expr(std::move(call), c.location);
    }
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR: {
      const PgQuery__MinMaxExpr& m = *node->min_max_expr;
      std::string name = m.op == PG_QUERY__MIN_MAX_OP__IS_GREATEST ? "greatest" : "least";
      FuncCall call;
      call.name = {name};
      call.args = transform_expr_list(m.args, m.n_args);
      return make_expr(std::move(call), m.location);
    }
    case PG_QUERY__NODE__NODE_SUB_LINK:
      return transform_sub_link(*node->sub_link);
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION: {
      const PgQuery__SQLValueFunction& f = *node->sqlvalue_function;
      return make_expr(SqlValueFunction{value_function_kind(f.op, f.location), f.typmod}, f.location);
    }
    case PG_QUERY__NODE__NODE_CURRENT_OF_EXPR:
      // Cursors hold a copy of their rows (engine/session/cursors.hpp), not
      // positions in the table an UPDATE or DELETE could address.
      throw DbError(sqlstate::kFeatureNotSupported, "WHERE CURRENT OF is not supported")
          .with_detail("Cursors hold a copy of their query's rows; name the row by its key instead.");
    case PG_QUERY__NODE__NODE_SET_TO_DEFAULT:
      return make_expr(DefaultMarker{}, node->set_to_default->location);
    case PG_QUERY__NODE__NODE_ROW_EXPR: {
      const PgQuery__RowExpr& r = *node->row_expr;
      return make_expr(RowExpr{transform_expr_list(r.args, r.n_args)}, r.location);
    }
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR: {
      const PgQuery__AArrayExpr& a = *node->a_array_expr;
      return make_expr(ArrayExpr{transform_expr_list(a.elements, a.n_elements)}, a.location);
    }
    case PG_QUERY__NODE__NODE_A_INDIRECTION: {
      const PgQuery__AIndirection& ind = *node->a_indirection;
      Subscript out;
      out.arg = transform_expr(ind.arg);
      const int location = out.arg ? out.arg->location : -1;
      for (size_t i = 0; i < ind.n_indirection; ++i) {
        const PgQuery__Node& step = *ind.indirection[i];
        if (step.node_case == PG_QUERY__NODE__NODE_STRING) {
          out.indices.push_back({nullptr, nullptr, false, step.string->sval});
          continue;
        }
        if (step.node_case != PG_QUERY__NODE__NODE_A_INDICES) unsupported("(x).* of a composite", location);
        const PgQuery__AIndices& idx = *step.a_indices;
        // A plain subscript arrives as the upper bound.
        if (idx.is_slice) {
          out.indices.push_back({transform_expr(idx.lidx), transform_expr(idx.uidx), true, {}});
        } else {
          out.indices.push_back({transform_expr(idx.uidx), nullptr, false, {}});
        }
      }
      return make_expr(std::move(out), location);
    }
    default:
      unsupported_node(*node);
  }
}

}  // namespace heliosdb::engine::parser

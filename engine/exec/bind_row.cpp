// Binding of row constructors, ROW(a, b) or (a, b): alone, an anonymous
// record; compared with another row, field by field (PostgreSQL's
// make_row_comparison_op), also in IN lists, BETWEEN, IS [NOT] NULL and
// IS [NOT] DISTINCT FROM. Comparisons with a subquery are in binder.cpp's
// bind_sublink.
#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/types/record.hpp"

namespace heliosdb::engine {

namespace {

using K = BoundExpr::Kind;

bool is_comparison(const std::string& op) {
  return op == "=" || op == "<>" || op == "<" || op == "<=" || op == ">" || op == ">=";
}

const ast::RowExpr* as_row(const ast::Expr& e) { return std::get_if<ast::RowExpr>(&e.node); }

const ast::SubLink* as_scalar_subquery(const ast::Expr& e) {
  const auto* link = std::get_if<ast::SubLink>(&e.node);
  return link != nullptr && link->kind == ast::SubLink::Kind::kScalar && link->assign_count == 0 ? link : nullptr;
}

}  // namespace

BoundExprPtr make_row_comparison(const std::string& op, std::vector<BoundExprPtr> left, std::vector<BoundExprPtr> right,
                                 int location) {
  if (left.size() != right.size()) {
    throw at(DbError(sqlstate::kSyntaxError, "unequal number of entries in row expressions"), location);
  }
  if (!is_comparison(op)) {
    // PostgreSQL's two refusals: an operator that yields no boolean, and one that is not a comparison.
    const bool arithmetic = op == "+" || op == "-" || op == "*" || op == "/" || op == "%" || op == "^" || op == "||";
    if (arithmetic) {
      throw at(DbError(sqlstate::kDatatypeMismatch, "row comparison operator must yield type boolean"), location);
    }
    throw at(
        DbError(sqlstate::kFeatureNotSupported, "could not determine interpretation of row comparison operator " + op)
            .with_hint("Row comparison operators must be associated with btree operator families."),
        location);
  }
  if (left.empty()) {
    throw at(DbError(sqlstate::kFeatureNotSupported, "cannot compare rows of zero length"), location);
  }
  std::vector<BoundExprPtr> pairs;
  for (std::size_t i = 0; i < left.size(); ++i) {
    pairs.push_back(make_comparison(op, std::move(left[i]), std::move(right[i]), location));
  }
  if (pairs.size() == 1) return std::move(pairs[0]);
  // = holds when every pair is equal and <> when any is not, with AND's and
  // OR's NULLs; the orderings are decided by the first pair that differs.
  const K kind = op == "=" ? K::kAnd : op == "<>" ? K::kOr : K::kRowCompare;
  auto e = make_node(kind, {TypeId::kBool, -1});
  if (kind == K::kRowCompare) e->op = op;
  e->args = std::move(pairs);
  return e;
}

namespace {

// A record of `fields`, named by `names`; a quoted literal in one is text.
BoundExprPtr make_row(std::vector<BoundExprPtr> fields, const std::vector<std::string>& names) {
  std::vector<RecordField> described;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i]->type.id == TypeId::kUnknown) {
      fields[i] = coerce(std::move(fields[i]), {TypeId::kText, -1}, CastContext::kImplicit);
    }
    described.push_back({names[i], fields[i]->type});
  }
  auto e = make_node(K::kRow, {TypeId::kRecord, record_typmod(described)});
  e->args = std::move(fields);
  return e;
}

}  // namespace

std::vector<BoundExprPtr> Binder::bind_fields(const ast::RowExpr& row) {
  std::vector<BoundExprPtr> out;
  out.reserve(row.fields.size());
  for (const ast::ExprPtr& field : row.fields) {
    // ROW(t.*) has t's columns as its fields.
    const auto* ref = std::get_if<ast::ColumnRef>(&field->node);
    if (ref != nullptr && ref->star && ref->names.size() == 1) {
      const std::vector<std::size_t> columns = star_columns(scope_, &ref->names[0]);
      if (!columns.empty()) {
        for (std::size_t i : columns) out.push_back(make_column(static_cast<int>(i), scope_[i].type));
        continue;
      }
    }
    out.push_back(bind(*field));
  }
  return out;
}

BoundExprPtr Binder::bind_row(const ast::RowExpr& row, int /*location*/) {
  std::vector<BoundExprPtr> fields = bind_fields(row);
  // PostgreSQL names an anonymous record's fields f1, f2, ...
  std::vector<std::string> names;
  for (std::size_t i = 0; i < fields.size(); ++i) names.push_back("f" + std::to_string(i + 1));
  return make_row(std::move(fields), names);
}

BoundExprPtr Binder::bind_whole_row(const std::string& table) {
  const std::vector<std::size_t> columns = star_columns(scope_, &table, true);
  if (columns.empty()) return nullptr;
  std::vector<BoundExprPtr> fields;
  std::vector<std::string> names;
  bool has_not_null = false;
  for (std::size_t i : columns) {
    fields.push_back(make_column(static_cast<int>(i), scope_[i].type));
    names.push_back(scope_[i].name);
    const ScopeColumn& c = scope_[i];
    if (ctx_ != nullptr && c.table_oid != 0 && c.column_number > 0 && !has_not_null) {
      std::optional<TableDef> def = ctx_->catalog.find_table(c.table_oid);
      const auto at = static_cast<std::size_t>(c.column_number - 1);
      has_not_null = def && at < def->columns.size() && def->columns[at].not_null;
    }
  }
  BoundExprPtr row = make_row(std::move(fields), names);
  // An outer join's missing row is a NULL whole row in PostgreSQL. A row of
  // a table with a NOT NULL column is all NULL only then.
  row->negated = has_not_null;
  return row;
}

BoundExprPtr Binder::bind_row_comparison(const std::string& op, const ast::Expr& left, const ast::Expr& right,
                                         int location) {
  const ast::RowExpr* l = as_row(left);
  const ast::RowExpr* r = as_row(right);
  if (l == nullptr && r == nullptr) return nullptr;
  if (l != nullptr && r != nullptr) return make_row_comparison(op, bind_fields(*l), bind_fields(*r), location);
  if (l != nullptr) {
    if (const ast::SubLink* link = as_scalar_subquery(right)) return bind_sublink(*link, location, l, op);
  }
  throw at(DbError(sqlstate::kFeatureNotSupported,
                   "not supported yet: comparing a row constructor with a value that is not one")
               .with_hint("Compare two row constructors, e.g. (a, b) = (1, 2), or a row with a subquery."),
           location);
}

BoundExprPtr Binder::bind_row_null_test(const ast::RowExpr& row, bool is_not) {
  // ROW(...) IS NULL when every field is; IS NOT NULL when none is. So a
  // row with some NULLs is neither.
  auto all = make_node(K::kAnd, {TypeId::kBool, -1});
  for (BoundExprPtr& field : bind_fields(row)) {
    auto test = make_node(K::kIsNull, {TypeId::kBool, -1});
    test->negated = is_not;
    test->args.push_back(std::move(field));
    all->args.push_back(std::move(test));
  }
  if (all->args.empty()) return make_constant(Value::boolean(true));
  return all;
}

BoundExprPtr Binder::bind_row_distinct(const ast::DistinctFrom& d, int location) {
  const ast::RowExpr* l = as_row(*d.left);
  const ast::RowExpr* r = as_row(*d.right);
  if (l == nullptr && r == nullptr) return nullptr;
  if (l == nullptr || r == nullptr) return bind_row_comparison("=", *d.left, *d.right, location);  // refuses
  std::vector<BoundExprPtr> left = bind_fields(*l);
  std::vector<BoundExprPtr> right = bind_fields(*r);
  if (left.size() != right.size()) {
    throw at(DbError(sqlstate::kSyntaxError, "unequal number of entries in row expressions"), location);
  }
  // Rows are distinct when any pair of fields is.
  auto any = make_node(K::kOr, {TypeId::kBool, -1});
  for (std::size_t i = 0; i < left.size(); ++i) {
    BoundExprPtr pair = make_comparison("=", std::move(left[i]), std::move(right[i]), location);
    pair->kind = K::kDistinct;
    pair->op.clear();
    any->args.push_back(std::move(pair));
  }
  if (!d.negated) return any;
  auto e = make_node(K::kNot, {TypeId::kBool, -1});
  e->args.push_back(std::move(any));
  return e;
}

}  // namespace heliosdb::engine

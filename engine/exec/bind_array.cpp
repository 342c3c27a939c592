// Binding of array expressions: ARRAY[...] constructors, subscripts and
// slices, `x op ANY|ALL (array)`, and the array operators || @> <@ &&.
#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/catalog_types.hpp"
#include "engine/types/record.hpp"
#include "engine/types/sql_type.hpp"

namespace heliosdb::engine {

namespace {

using K = BoundExpr::Kind;

bool is_unknown(const BoundExpr& e) { return e.type.id == TypeId::kUnknown; }

BoundExprPtr as_integer_subscript(BoundExprPtr e, int location) {
  if (is_unknown(*e) || is_integer(e->type.id) || is_numeric_type(e->type.id)) {
    return coerce(std::move(e), {TypeId::kInt4, -1}, CastContext::kAssignment);
  }
  throw at(DbError(sqlstate::kDatatypeMismatch, "array subscript must have type integer"), location);
}

// doc['a'][0] reads as doc #> '{a,0}': PostgreSQL's jsonb subscripting turns
// each subscript into a path step (docs section 8.14.5). A null step is a slice.
BoundExprPtr jsonb_subscript(BoundExprPtr doc, std::vector<BoundExprPtr> steps, int location) {
  auto path = make_node(K::kArray, {array_of(TypeId::kText), -1});
  for (BoundExprPtr& step : steps) {
    if (!step) throw at(DbError(sqlstate::kDatatypeMismatch, "jsonb subscript does not support slices"), location);
    const TypeId t = step->type.id;
    if (!is_unknown(*step) && t != TypeId::kInt2 && t != TypeId::kInt4 && !is_character(t)) {
      throw at(DbError(sqlstate::kDatatypeMismatch,
                       "subscript type " + type_display_name(step->type) + " is not supported natively")
                   .with_hint("jsonb subscript must be coercible to either integer or text."),
               location);
    }
    path->args.push_back(coerce(std::move(step), {TypeId::kText, -1}, CastContext::kExplicit));
  }
  auto e = make_node(K::kJsonOp, {TypeId::kJsonb, -1});
  e->op = "#>";
  e->args.push_back(std::move(doc));
  e->args.push_back(std::move(path));
  return e;
}

}  // namespace

BoundExprPtr Binder::bind_array_expr(const ast::ArrayExpr& array, int location, SqlType wanted) {
  // ARRAY[ARRAY[1, 2], ARRAY[3, 4]] and ARRAY[[1, 2], [3, 4]]: the inner
  // constructors are the rows of a two-dimensional array.
  std::vector<BoundExprPtr> elements;
  for (const auto& item : array.elements) {
    if (const auto* inner = std::get_if<ast::ArrayExpr>(&item->node)) {
      elements.push_back(bind_array_expr(*inner, item->location, wanted));
    } else {
      elements.push_back(bind(*item));
    }
  }
  const bool nested = !elements.empty() &&
                      std::any_of(elements.begin(), elements.end(), [](const auto& e) { return is_array(e->type.id); });
  std::vector<SqlType> types;
  for (const auto& e : elements)
    types.push_back(nested && is_array(e->type.id) ? SqlType{element_of(e->type.id), e->type.typmod, e->type.enum_oid}
                                                   : e->type);
  SqlType element;
  if (elements.empty()) {
    if (wanted.id == TypeId::kUnknown) {
      throw at(DbError(sqlstate::kIndeterminateDatatype, "cannot determine type of empty array")
                   .with_hint("Explicitly cast to the desired type, for example ARRAY[]::integer[]."),
               location);
    }
    element = {element_of(wanted.id), wanted.typmod, wanted.enum_oid};
  } else {
    element = common_type(types, "ARRAY");
  }
  if (is_array(element.id)) element.id = element_of(element.id);
  if (element.id == TypeId::kVector) {
    throw at(DbError(sqlstate::kFeatureNotSupported, "not supported yet: arrays of vector"), location);
  }
  const SqlType array_type{array_of(element.id), element.typmod, element.enum_oid};
  auto e = make_node(K::kArray, array_type);
  e->has_operand = nested;
  for (auto& item : elements) {
    if (nested && !is_array(item->type.id) && !is_unknown(*item)) {
      throw at(DbError(sqlstate::kDatatypeMismatch, "cannot concatenate incompatible arrays"), location);
    }
    e->args.push_back(coerce(std::move(item), nested ? array_type : element, CastContext::kImplicit));
  }
  return e;
}

namespace {

// (r).field of a record: the field's text, read as its type.
BoundExprPtr select_field(BoundExprPtr arg, const std::string& field, int location) {
  if (arg->type.id != TypeId::kRecord) {
    throw at(DbError(sqlstate::kWrongObjectType, "column notation ." + field + " applied to type " +
                                                     type_display_name(arg->type) + ", which is not a composite type"),
             location);
  }
  const std::vector<RecordField> fields = record_fields(arg->type.typmod);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name != field) continue;
    auto e = make_node(BoundExpr::Kind::kSubscript, fields[i].type);
    e->op = "f";
    e->param = static_cast<int>(i);
    e->args.push_back(std::move(arg));
    return e;
  }
  throw at(DbError(sqlstate::kUndefinedColumn, "could not identify column \"" + field + "\" in record data type"),
           location);
}

}  // namespace

BoundExprPtr Binder::bind_subscript(const ast::Subscript& s, int location) {
  // Subscripts and field selections apply in turn, each to what the ones before gave.
  std::size_t i = 0;
  BoundExprPtr current;
  if (!s.indices.empty() && !s.indices[0].field.empty()) {
    if (const auto* call = std::get_if<ast::FuncCall>(&s.arg->node)) {
      current = bind_set_function_field(*call, s.indices[0].field, location);
      if (current) i = 1;
    }
  }
  if (!current) current = bind(*s.arg);
  while (i < s.indices.size()) {
    if (!s.indices[i].field.empty()) {
      current = select_field(std::move(current), s.indices[i].field, location);
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < s.indices.size() && s.indices[end].field.empty()) ++end;
    current = subscript_of(std::move(current), std::span(s.indices).subspan(i, end - i), location);
    i = end;
  }
  return current;
}

BoundExprPtr Binder::subscript_of(BoundExprPtr arg, std::span<const ast::Subscript::Index> indices, int location) {
  // Catalog types held as text, subscripted from 0: a name is a fixed array
  // of bytes to PostgreSQL (name[i] is its byte i, a "char"), an int2vector
  // a list of int2 (NULL past its end).
  const bool name = arg->type == SqlType{TypeId::kText, kNameTypmod};
  if ((name || arg->type == SqlType{TypeId::kText, kInt2VectorTypmod}) && indices.size() == 1 && !indices[0].slice) {
    auto e = make_node(K::kSubscript, {name ? TypeId::kText : TypeId::kInt2, -1});
    e->op = name ? "c" : "v";
    e->args.push_back(std::move(arg));
    e->args.push_back(as_integer_subscript(bind(*indices[0].lower), location));
    return e;
  }
  if (!is_array(arg->type.id)) {
    if (arg->type.id == TypeId::kJsonb) {
      std::vector<BoundExprPtr> steps;
      for (const auto& index : indices) steps.push_back(index.slice ? nullptr : bind(*index.lower));
      return jsonb_subscript(std::move(arg), std::move(steps), location);
    }
    throw at(DbError(sqlstate::kDatatypeMismatch, "cannot subscript type " + type_display_name(arg->type) +
                                                      " because it does not support subscripting"),
             location);
  }
  if (indices.size() > 6) {
    throw at(DbError(sqlstate::kProgramLimitExceeded, "number of array dimensions (" + std::to_string(indices.size()) +
                                                          ") exceeds the maximum allowed (6)"),
             location);
  }
  const bool slice = std::any_of(indices.begin(), indices.end(), [](const auto& i) { return i.slice; });
  const SqlType type = slice ? arg->type : SqlType{element_of(arg->type.id), arg->type.typmod, arg->type.enum_oid};
  auto e = make_node(K::kSubscript, type);
  e->args.push_back(std::move(arg));
  // op spells each subscript: i an index, and for a slice which bounds it
  // has: b both, l lower only, u upper only, n neither.
  for (const auto& index : indices) {
    if (!index.slice) {
      e->op += 'i';
      e->args.push_back(as_integer_subscript(bind(*index.lower), location));
      continue;
    }
    e->op += index.lower && index.upper ? 'b' : index.lower ? 'l' : index.upper ? 'u' : 'n';
    if (index.lower) e->args.push_back(as_integer_subscript(bind(*index.lower), location));
    if (index.upper) e->args.push_back(as_integer_subscript(bind(*index.upper), location));
  }
  return e;
}

BoundExprPtr Binder::bind_array_compare(const ast::ArrayCompare& c, int location) {
  BoundExprPtr left = bind(*c.left);
  BoundExprPtr right;
  if (const auto* array = std::get_if<ast::ArrayExpr>(&c.right->node)) {
    right = bind_array_expr(
        *array, c.right->location,
        is_unknown(*left) ? SqlType{} : SqlType{array_of(left->type.id), left->type.typmod, left->type.enum_oid});
  } else {
    right = bind(*c.right);
  }
  // An untyped array ('{1,2}', a text parameter) takes the left side's type; an untyped left side the elements'.
  if (is_unknown(*right)) {
    const TypeId element = is_unknown(*left) ? TypeId::kText : left->type.id;
    right = coerce(std::move(right), {array_of(element), -1, left->type.enum_oid}, CastContext::kImplicit);
  }
  if (!is_array(right->type.id)) {
    throw at(DbError(sqlstate::kWrongObjectType, "op ANY/ALL (array) requires array on right side"), location);
  }
  const SqlType element{element_of(right->type.id), right->type.typmod, right->type.enum_oid};
  if (is_unknown(*left)) left = coerce(std::move(left), element, CastContext::kImplicit);
  // The comparison of one element, over the row (left, element).
  BoundExprPtr compare = make_comparison(c.op, make_column(0, left->type), make_column(1, element), location);
  auto e = make_node(K::kArrayCompare, {TypeId::kBool, -1});
  e->negated = c.all;
  e->args.push_back(std::move(left));
  e->args.push_back(std::move(right));
  e->args.push_back(std::move(compare));
  return e;
}

BoundExprPtr bind_array_operator(const std::string& op, BoundExprPtr& a, BoundExprPtr& b, int location) {
  const bool left_array = is_array(a->type.id);
  const bool right_array = is_array(b->type.id);
  if (!left_array && !right_array) return nullptr;
  auto call = [&](const std::string& name) {
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(a));
    args.push_back(std::move(b));
    return call_builtin(name, std::move(args), location);
  };
  if (op == "||") {
    // array || array, array || element, element || array; an untyped literal is an array.
    if (left_array && right_array) return call("array_cat");
    if (left_array) {
      if (is_unknown(*b)) return call("array_cat");
      return call("array_append");
    }
    if (is_unknown(*a)) return call("array_cat");
    return call("array_prepend");
  }
  if (op == "@>" || op == "<@" || op == "&&") {
    for (BoundExprPtr* side : {&a, &b}) {
      if (is_unknown(**side)) {
        const BoundExprPtr& other = side == &a ? b : a;
        *side = coerce(std::move(*side), other->type, CastContext::kImplicit);
      }
    }
    return call(op == "@>" ? "arraycontains" : op == "<@" ? "arraycontained" : "arrayoverlap");
  }
  return nullptr;  // comparisons and the rest are bound as for any type
}

}  // namespace heliosdb::engine

// Evaluation of array expressions: constructors, subscripts and slices, and
// `x op ANY|ALL (array)`, with PostgreSQL's rules for NULLs and bounds.
#include "engine/exec/array_eval.hpp"

#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/exec/catalog_types.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/types/array.hpp"
#include "engine/types/cast.hpp"
#include "engine/types/record.hpp"

namespace heliosdb::engine {

namespace {

// Row-major offset of the element at 1-based-per-dimension `at` (in each dimension's own bounds).
std::size_t offset_of(const std::vector<ArrayDim>& dims, const std::vector<std::int64_t>& at) {
  std::size_t offset = 0;
  for (std::size_t d = 0; d < dims.size(); ++d) {
    offset = offset * static_cast<std::size_t>(dims[d].length) + static_cast<std::size_t>(at[d] - dims[d].lower);
  }
  return offset;
}

}  // namespace

Value evaluate_array_build(const BoundExpr& e, const Row& row) {
  const TypeId element = element_of(e.type.id);
  if (!e.has_operand) {
    std::vector<Value> items;
    items.reserve(e.args.size());
    for (const auto& arg : e.args) items.push_back(evaluate(*arg, row));
    return encode_array(ArrayData::of(element, std::move(items)));
  }
  // The rows of a multidimensional array: all of the same dimensions.
  ArrayData out;
  out.element = element;
  bool first = true;
  std::vector<ArrayDim> inner;
  std::size_t rows = 0;
  for (const auto& arg : e.args) {
    Value v = evaluate(*arg, row);
    if (v.is_null()) continue;  // PostgreSQL leaves NULL sub-arrays out
    ArrayData sub = decode_array(v);
    if (first) {
      inner = sub.dims;
      first = false;
    } else if (sub.dims.size() != inner.size() ||
               !std::equal(sub.dims.begin(), sub.dims.end(), inner.begin(),
                           [](const ArrayDim& a, const ArrayDim& b) { return a.length == b.length; })) {
      throw DbError(sqlstate::kArraySubscriptError,
                    "multidimensional arrays must have array expressions with matching dimensions");
    }
    ++rows;
    for (Value& item : sub.items) out.items.push_back(std::move(item));
  }
  if (rows == 0 || inner.empty()) return encode_array(out);
  if (inner.size() + 1 > kMaxArrayDims) {
    throw DbError(sqlstate::kProgramLimitExceeded, "number of array dimensions (" + std::to_string(inner.size() + 1) +
                                                       ") exceeds the maximum allowed (6)");
  }
  out.dims.push_back({static_cast<std::int32_t>(rows), 1});
  for (const ArrayDim& d : inner) out.dims.push_back({d.length, d.lower});
  return encode_array(out);
}

Value evaluate_subscript(const BoundExpr& e, const Row& row) {
  Value array = evaluate(*e.args[0], row);
  if (e.op == "f") {
    // A record's field (bind_subscript): its text, read as the field's type.
    if (array.is_null()) return Value::null(e.type.id);
    return record_field(array, static_cast<std::size_t>(e.param), e.type);
  }
  if (e.op == "v") {
    // An int2vector's element, counted from 0.
    const Value index = evaluate(*e.args[1], row);
    if (array.is_null() || index.is_null()) return Value::null(TypeId::kInt2);
    const std::vector<Value> items = int2vector_items(array.as_string());
    const std::int64_t i = index.as_int();
    return i >= 0 && static_cast<std::size_t>(i) < items.size() ? items[static_cast<std::size_t>(i)]
                                                                : Value::null(TypeId::kInt2);
  }
  if (e.op == "c") {
    // A name's byte (bind_subscript); past its end the byte is NUL, whose "char" text is empty.
    const Value index = evaluate(*e.args[1], row);
    if (array.is_null() || index.is_null()) return Value::null(TypeId::kText);
    const std::string& name = array.as_string();
    const std::int64_t i = index.as_int();
    if (i < 0 || i >= 64) return Value::null(TypeId::kText);
    return Value::string(TypeId::kText,
                         static_cast<std::size_t>(i) < name.size() ? name.substr(static_cast<std::size_t>(i), 1) : "");
  }
  // Bounds per subscript: nullopt where a slice leaves one out.
  std::vector<std::optional<std::int64_t>> lower, upper;
  bool slice = false;
  std::size_t next = 1;
  for (char kind : e.op) {
    auto take = [&]() -> std::optional<Value> { return evaluate(*e.args[next++], row); };
    std::optional<Value> lo, hi;
    if (kind == 'i') {
      hi = take();
    } else {
      slice = true;
      if (kind == 'b' || kind == 'l') lo = take();
      if (kind == 'b' || kind == 'u') hi = take();
    }
    if ((lo && lo->is_null()) || (hi && hi->is_null())) return Value::null(e.type.id);
    lower.push_back(lo ? std::optional<std::int64_t>(lo->as_int()) : std::nullopt);
    upper.push_back(hi ? std::optional<std::int64_t>(hi->as_int()) : std::nullopt);
    if (kind == 'i') lower.back() = std::nullopt;
  }
  if (array.is_null()) return Value::null(e.type.id);
  ArrayData a = decode_array(array);
  if (!slice) {
    // An element: NULL unless every subscript is within its dimension.
    if (e.op.size() != a.dims.size()) return Value::null(e.type.id);
    std::vector<std::int64_t> at;
    for (std::size_t d = 0; d < a.dims.size(); ++d) {
      const std::int64_t i = *upper[d];
      if (i < a.dims[d].lower || i >= a.dims[d].lower + a.dims[d].length) return Value::null(e.type.id);
      at.push_back(i);
    }
    return a.items[offset_of(a.dims, at)];
  }
  // A slice: each dimension clipped to the array's bounds (a plain subscript
  // n is 1:n there); dimensions not subscripted are taken whole; the result
  // counts from 1.
  ArrayData out;
  out.element = a.element;
  if (a.dims.empty() || e.op.size() > a.dims.size()) return encode_array(out);
  std::vector<std::int64_t> from, to;
  for (std::size_t d = 0; d < a.dims.size(); ++d) {
    const std::int64_t first = a.dims[d].lower;
    const std::int64_t last = first + a.dims[d].length - 1;
    std::int64_t lo = first, hi = last;
    if (d < e.op.size()) {
      lo = e.op[d] == 'i' ? 1 : lower[d].value_or(first);
      hi = upper[d].value_or(last);
    }
    lo = std::max(lo, first);
    hi = std::min(hi, last);
    if (lo > hi) return encode_array(out);
    from.push_back(lo);
    to.push_back(hi);
    out.dims.push_back({static_cast<std::int32_t>(hi - lo + 1), 1});
  }
  std::vector<std::int64_t> at = from;
  for (;;) {
    out.items.push_back(a.items[offset_of(a.dims, at)]);
    std::size_t d = at.size();
    while (d > 0) {
      --d;
      if (++at[d] <= to[d]) break;
      at[d] = from[d];
      if (d == 0) return encode_array(out);
    }
  }
}

Value evaluate_array_compare(const BoundExpr& e, const Row& row) {
  Value x = evaluate(*e.args[0], row);
  Value array = evaluate(*e.args[1], row);
  if (array.is_null()) return Value::null(TypeId::kBool);
  const bool any = !e.negated;
  ArrayData a = decode_array(array);
  bool saw_null = false;
  Row pair(2);
  pair[0] = x;
  for (Value& item : a.items) {
    pair[1] = std::move(item);
    Value r = evaluate(*e.args[2], pair);
    if (r.is_null()) {
      saw_null = true;
    } else if (r.as_bool() == any) {
      return Value::boolean(any);
    }
  }
  return saw_null ? Value::null(TypeId::kBool) : Value::boolean(!any);
}

}  // namespace heliosdb::engine

// PostgreSQL's array functions and the functions behind the array
// operators (|| is array_cat/array_append/array_prepend, @> arraycontains,
// <@ arraycontained, && arrayoverlap).
#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/types/array.hpp"

namespace heliosdb::engine {

namespace {

const SqlType kInt4{TypeId::kInt4, -1};
const SqlType kTextType{TypeId::kText, -1};
const SqlType kBool{TypeId::kBool, -1};
const SqlType kArray{kAnyArray, -1};

Value int4(std::int64_t v) { return Value::integer(TypeId::kInt4, v); }

// The array an argument holds, or an empty one of its type when it is NULL.
ArrayData array_or_empty(const Value& v) {
  if (!v.is_null()) return decode_array(v);
  ArrayData a;
  a.element = element_of(v.type());
  return a;
}

// The dimension asked for (1-based), or null if the array has no such one.
const ArrayDim* dimension(const ArrayData& a, const Value& n) {
  const std::int64_t d = n.as_int();
  if (d < 1 || static_cast<std::size_t>(d) > a.dims.size()) return nullptr;
  return &a.dims[static_cast<std::size_t>(d - 1)];
}

Value array_length(const std::vector<Value>& a) {
  ArrayData x = decode_array(a[0]);
  const ArrayDim* d = dimension(x, a[1]);
  return d ? int4(d->length) : Value::null(TypeId::kInt4);
}

Value array_lower(const std::vector<Value>& a) {
  ArrayData x = decode_array(a[0]);
  const ArrayDim* d = dimension(x, a[1]);
  return d ? int4(d->lower) : Value::null(TypeId::kInt4);
}

Value array_upper(const std::vector<Value>& a) {
  ArrayData x = decode_array(a[0]);
  const ArrayDim* d = dimension(x, a[1]);
  return d ? int4(d->lower + d->length - 1) : Value::null(TypeId::kInt4);
}

Value array_ndims(const std::vector<Value>& a) {
  ArrayData x = decode_array(a[0]);
  return x.dims.empty() ? Value::null(TypeId::kInt4) : int4(static_cast<std::int64_t>(x.dims.size()));
}

Value array_dims(const std::vector<Value>& a) {
  ArrayData x = decode_array(a[0]);
  if (x.dims.empty()) return Value::null(TypeId::kText);
  std::string out;
  for (const ArrayDim& d : x.dims) {
    out += "[" + std::to_string(d.lower) + ":" + std::to_string(d.lower + d.length - 1) + "]";
  }
  return Value::string(TypeId::kText, out);
}

Value cardinality(const std::vector<Value>& a) {
  return int4(static_cast<std::int64_t>(decode_array(a[0]).items.size()));
}

void require_one_dimension(const ArrayData& a) {
  if (a.dims.size() > 1) {
    throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: this function on multidimensional arrays");
  }
}

Value array_append(const std::vector<Value>& a) {
  ArrayData x = array_or_empty(a[0]);
  require_one_dimension(x);
  x.items.push_back(a[1]);
  if (x.dims.empty()) x.dims.push_back({0, 1});
  ++x.dims[0].length;
  return encode_array(x);
}

Value array_prepend(const std::vector<Value>& a) {
  ArrayData x = array_or_empty(a[1]);
  require_one_dimension(x);
  x.items.insert(x.items.begin(), a[0]);
  // The lower bound stays where it was, as PostgreSQL's array_prepend leaves it.
  if (x.dims.empty()) x.dims.push_back({0, 1});
  ++x.dims[0].length;
  return encode_array(x);
}

// array_cat: NULL or empty on one side gives the other; otherwise the arrays
// join along the first dimension, or one is added as the other's next row.
Value array_cat(const std::vector<Value>& a) {
  if (a[0].is_null() && a[1].is_null()) return Value::null(a[0].type());
  ArrayData x = array_or_empty(a[0]);
  ArrayData y = array_or_empty(a[1]);
  if (y.dims.empty()) return a[0].is_null() ? a[1] : a[0];
  if (x.dims.empty()) return a[1];
  auto inner_match = [](const std::vector<ArrayDim>& p, std::size_t from_p, const std::vector<ArrayDim>& q,
                        std::size_t from_q) {
    if (p.size() - from_p != q.size() - from_q) return false;
    for (std::size_t i = 0; from_p + i < p.size(); ++i) {
      if (p[from_p + i].length != q[from_q + i].length) return false;
    }
    return true;
  };
  ArrayData out;
  out.element = x.element;
  out.items = std::move(x.items);
  for (Value& v : y.items) out.items.push_back(std::move(v));
  if (x.dims.size() == y.dims.size()) {
    if (!inner_match(x.dims, 1, y.dims, 1)) {
      throw DbError(sqlstate::kArraySubscriptError, "cannot concatenate incompatible arrays")
          .with_detail("Arrays with differing element dimensions are not compatible for concatenation.");
    }
    out.dims = x.dims;
    out.dims[0].length += y.dims[0].length;
  } else if (x.dims.size() + 1 == y.dims.size() && inner_match(y.dims, 1, x.dims, 0)) {
    out.dims = y.dims;
    ++out.dims[0].length;
  } else if (y.dims.size() + 1 == x.dims.size() && inner_match(x.dims, 1, y.dims, 0)) {
    out.dims = x.dims;
    ++out.dims[0].length;
  } else {
    throw DbError(sqlstate::kArraySubscriptError, "cannot concatenate incompatible arrays");
  }
  return encode_array(out);
}

bool not_distinct(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  return compare_values(a, b) == 0;
}

Value array_position(const std::vector<Value>& a) {
  if (a[0].is_null()) return Value::null(TypeId::kInt4);
  ArrayData x = decode_array(a[0]);
  require_one_dimension(x);
  if (x.dims.empty()) return Value::null(TypeId::kInt4);
  std::int64_t start = x.dims[0].lower;
  if (a.size() > 2) {
    if (a[2].is_null()) throw DbError(sqlstate::kNullValueNotAllowed, "initial position must not be null");
    start = std::max<std::int64_t>(start, a[2].as_int());
  }
  for (std::int64_t i = start - x.dims[0].lower; i < static_cast<std::int64_t>(x.items.size()); ++i) {
    if (not_distinct(x.items[static_cast<std::size_t>(i)], a[1])) return int4(i + x.dims[0].lower);
  }
  return Value::null(TypeId::kInt4);
}

Value array_positions(const std::vector<Value>& a) {
  if (a[0].is_null()) return Value::null(array_of(TypeId::kInt4));
  ArrayData x = decode_array(a[0]);
  require_one_dimension(x);
  std::vector<Value> found;
  for (std::size_t i = 0; i < x.items.size(); ++i) {
    if (not_distinct(x.items[i], a[1])) found.push_back(int4(static_cast<std::int64_t>(i) + x.dims[0].lower));
  }
  return encode_array(ArrayData::of(TypeId::kInt4, std::move(found)));
}

Value array_remove(const std::vector<Value>& a) {
  if (a[0].is_null()) return a[0];
  ArrayData x = decode_array(a[0]);
  if (x.dims.size() > 1) {
    throw DbError(sqlstate::kFeatureNotSupported, "removing elements from multidimensional arrays is not supported");
  }
  std::vector<Value> kept;
  for (Value& v : x.items) {
    if (!not_distinct(v, a[1])) kept.push_back(std::move(v));
  }
  if (kept.size() == x.items.size()) return a[0];
  return encode_array(ArrayData::of(x.element, std::move(kept)));
}

Value array_replace(const std::vector<Value>& a) {
  if (a[0].is_null()) return a[0];
  ArrayData x = decode_array(a[0]);
  for (Value& v : x.items) {
    if (not_distinct(v, a[1])) v = a[2];
  }
  return encode_array(x);
}

Value array_to_string(const std::vector<Value>& a) {
  if (a[0].is_null() || a[1].is_null()) return Value::null(TypeId::kText);
  ArrayData x = decode_array(a[0]);
  const bool replace_nulls = a.size() > 2 && !a[2].is_null();
  std::string out;
  bool first = true;
  for (const Value& v : x.items) {
    if (v.is_null() && !replace_nulls) continue;
    if (!first) out += a[1].as_string();
    first = false;
    out += v.is_null() ? a[2].as_string() : format_value(v);
  }
  return Value::string(TypeId::kText, out);
}

// string_to_array(text, delimiter [, null string]): a NULL delimiter splits
// into characters, an empty one keeps the whole string.
Value string_to_array(const std::vector<Value>& a) {
  if (a[0].is_null()) return Value::null(array_of(TypeId::kText));
  const std::string& s = a[0].as_string();
  std::vector<Value> parts;
  auto add = [&](std::string part) {
    if (a.size() > 2 && !a[2].is_null() && part == a[2].as_string()) {
      parts.push_back(Value::null(TypeId::kText));
    } else {
      parts.push_back(Value::string(TypeId::kText, std::move(part)));
    }
  };
  if (s.empty()) return encode_array(ArrayData::of(TypeId::kText, {}));
  if (a[1].is_null()) {
    for (std::size_t i = 0; i < s.size();) {
      std::size_t n = 1;
      while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
      add(s.substr(i, n));
      i += n;
    }
  } else if (a[1].as_string().empty()) {
    add(s);
  } else {
    const std::string& d = a[1].as_string();
    std::size_t start = 0;
    for (std::size_t at; (at = s.find(d, start)) != std::string::npos; start = at + d.size()) {
      add(s.substr(start, at - start));
    }
    add(s.substr(start));
  }
  return encode_array(ArrayData::of(TypeId::kText, std::move(parts)));
}

// Whether every non-NULL element of `sub` is in `super` (NULLs are never contained).
bool contains(const Value& super, const Value& sub) {
  ArrayData x = decode_array(super);
  ArrayData y = decode_array(sub);
  for (const Value& v : y.items) {
    if (v.is_null()) return false;
    bool found = std::any_of(x.items.begin(), x.items.end(),
                             [&](const Value& w) { return !w.is_null() && compare_values(v, w) == 0; });
    if (!found) return false;
  }
  return true;
}

Value array_contains(const std::vector<Value>& a) { return Value::boolean(contains(a[0], a[1])); }
Value array_contained(const std::vector<Value>& a) { return Value::boolean(contains(a[1], a[0])); }

Value array_overlap(const std::vector<Value>& a) {
  ArrayData x = decode_array(a[0]);
  ArrayData y = decode_array(a[1]);
  for (const Value& v : x.items) {
    if (v.is_null()) continue;
    for (const Value& w : y.items) {
      if (!w.is_null() && compare_values(v, w) == 0) return Value::boolean(true);
    }
  }
  return Value::boolean(false);
}

}  // namespace

void register_array_functions(FunctionRegistry& r) {
  const std::vector<TypeId> array_int{kAnyArray, TypeId::kInt4};
  r.add("array_length", {array_int, kInt4, array_length});
  r.add("array_lower", {array_int, kInt4, array_lower});
  r.add("array_upper", {array_int, kInt4, array_upper});
  r.add("array_ndims", {{kAnyArray}, kInt4, array_ndims});
  r.add("array_dims", {{kAnyArray}, kTextType, array_dims});
  r.add("cardinality", {{kAnyArray}, kInt4, cardinality});
  r.add("array_append", {{kAnyArray, kAnyElement}, kArray, array_append, false, false});
  r.add("array_prepend", {{kAnyElement, kAnyArray}, kArray, array_prepend, false, false});
  r.add("array_cat", {{kAnyArray, kAnyArray}, kArray, array_cat, false, false});
  r.add("array_position", {{kAnyArray, kAnyElement}, kInt4, array_position, false, false});
  r.add("array_position", {{kAnyArray, kAnyElement, TypeId::kInt4}, kInt4, array_position, false, false});
  r.add("array_positions", {{kAnyArray, kAnyElement}, {array_of(TypeId::kInt4), -1}, array_positions, false, false});
  r.add("array_remove", {{kAnyArray, kAnyElement}, kArray, array_remove, false, false});
  r.add("array_replace", {{kAnyArray, kAnyElement, kAnyElement}, kArray, array_replace, false, false});
  r.add("array_to_string", {{kAnyArray, TypeId::kText}, kTextType, array_to_string});
  r.add("array_to_string", {{kAnyArray, TypeId::kText, TypeId::kText}, kTextType, array_to_string, false, false});
  const SqlType text_array{array_of(TypeId::kText), -1};
  r.add("string_to_array", {{TypeId::kText, TypeId::kText}, text_array, string_to_array, false, false});
  r.add("string_to_array", {{TypeId::kText, TypeId::kText, TypeId::kText}, text_array, string_to_array, false, false});
  r.add("arraycontains", {{kAnyArray, kAnyArray}, kBool, array_contains});
  r.add("arraycontained", {{kAnyArray, kAnyArray}, kBool, array_contained});
  r.add("arrayoverlap", {{kAnyArray, kAnyArray}, kBool, array_overlap});
}

}  // namespace heliosdb::engine

#include "engine/exec/set_functions.hpp"

#include <algorithm>
#include <map>

#include "engine/common/db_error.hpp"
#include "engine/exec/catalog_types.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/temporal_arith.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/functions/json_set_functions.hpp"
#include "engine/functions/regex_matches.hpp"
#include "engine/types/array.hpp"
#include "engine/types/decimal.hpp"

namespace heliosdb::engine {

namespace {

using Binding = SetFunctionCall (*)(const ast::FuncCall&, Binder&, int);

std::vector<SqlType> types_of(const std::vector<BoundExprPtr>& args) {
  std::vector<SqlType> out;
  for (const BoundExprPtr& a : args) out.push_back(a->type);
  return out;
}

std::vector<BoundExprPtr> bind_args(const ast::FuncCall& call, Binder& binder) {
  std::vector<BoundExprPtr> args;
  for (const ast::ExprPtr& arg : call.args) args.push_back(binder.bind(*arg));
  return args;
}

std::vector<Row> integer_series(TypeId type, const std::vector<Value>& v, ExecContext& ctx) {
  std::vector<Row> rows;
  const std::int64_t stop = v[1].as_int();
  const std::int64_t step = v.size() == 3 ? v[2].as_int() : 1;
  if (step == 0) throw DbError(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
  for (std::int64_t i = v[0].as_int(); step > 0 ? i <= stop : i >= stop;) {
    ctx.check_interrupts();
    rows.push_back({Value::integer(type, i)});
    if (__builtin_add_overflow(i, step, &i)) break;
    if (type == TypeId::kInt4 && (i > INT32_MAX || i < INT32_MIN)) break;
  }
  return rows;
}

std::vector<Row> numeric_series(const std::vector<Value>& v, ExecContext& ctx) {
  const Decimal stop = Decimal::parse(v[1].as_string());
  const Decimal step = v.size() == 3 ? Decimal::parse(v[2].as_string()) : Decimal::from_int(1);
  if (step.is_zero()) throw DbError(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
  if (step.is_nan() || stop.is_nan() || Decimal::parse(v[0].as_string()).is_nan()) {
    throw DbError(sqlstate::kInvalidParameterValue, "start value cannot be NaN");
  }
  std::vector<Row> rows;
  for (Decimal i = Decimal::parse(v[0].as_string()); step.sign() > 0 ? i.compare(stop) <= 0 : i.compare(stop) >= 0;
       i = i.add(step)) {
    ctx.check_interrupts();
    rows.push_back({Value::string(TypeId::kNumeric, i.to_string())});
  }
  return rows;
}

std::vector<Row> timestamp_series(TypeId type, const std::vector<Value>& v, ExecContext& ctx) {
  const int direction = compare_values(v[2], Value::interval(0, 0, 0));
  if (direction == 0) throw DbError(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
  std::vector<Row> rows;
  for (Value t = v[0]; direction > 0 ? compare_values(t, v[1]) <= 0 : compare_values(t, v[1]) >= 0;
       t = temporal_arith("+", t, v[2], type)) {
    ctx.check_interrupts();
    rows.push_back({t});
  }
  return rows;
}

// generate_series(start, stop [, step]) over integers, numerics and
// timestamps (with an interval step): every value from start towards stop.
SetFunctionCall bind_generate_series(const ast::FuncCall& call, Binder& binder, int location) {
  std::vector<BoundExprPtr> args = bind_args(call, binder);
  const std::vector<SqlType> types = types_of(args);
  auto fail = [&]() -> void { throw at(no_such_function("generate_series", types), location); };
  if (args.size() < 2 || args.size() > 3) fail();
  const TypeId first = types[0].id == TypeId::kUnknown ? types[1].id : types[0].id;
  TypeId type = TypeId::kInt4;
  TypeId step_type = TypeId::kInt4;
  if (first == TypeId::kTimestamp || first == TypeId::kTimestampTz) {
    if (args.size() != 3) fail();
    type = first;
    step_type = TypeId::kInterval;
  } else {
    bool numeric = false, wide = false;
    for (const SqlType& t : types) {
      if (t.id == TypeId::kUnknown || t.id == TypeId::kInt2 || t.id == TypeId::kInt4) continue;
      if (t.id == TypeId::kInt8) {
        wide = true;
      } else if (t.id == TypeId::kNumeric) {
        numeric = true;
      } else {
        fail();
      }
    }
    type = step_type = numeric ? TypeId::kNumeric : wide ? TypeId::kInt8 : TypeId::kInt4;
  }
  SetFunctionCall out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    out.args.push_back(coerce(std::move(args[i]), {i == 2 ? step_type : type, -1}, CastContext::kImplicit));
  }
  out.columns.push_back({"generate_series", {type, -1}});
  out.produce = [type](const std::vector<Value>& v, ExecContext& ctx) -> std::vector<Row> {
    if (std::any_of(v.begin(), v.end(), [](const Value& x) { return x.is_null(); })) return {};
    if (type == TypeId::kInt4 || type == TypeId::kInt8) return integer_series(type, v, ctx);
    if (type == TypeId::kNumeric) return numeric_series(v, ctx);
    return timestamp_series(type, v, ctx);
  };
  return out;
}

// unnest(array [, array ...]): the elements in order, several arrays side by
// side (the shorter ones padded with NULLs).
SetFunctionCall bind_unnest(const ast::FuncCall& call, Binder& binder, int location) {
  SetFunctionCall out;
  out.args = bind_args(call, binder);
  if (out.args.empty()) throw at(no_such_function("unnest", {}), location);
  std::vector<TypeId> elements;
  for (const BoundExprPtr& arg : out.args) {
    if (arg->type.id == TypeId::kUnknown) {
      throw at(
          DbError(sqlstate::kDatatypeMismatch, "could not determine polymorphic type because input has type unknown"),
          location);
    }
    if (!is_array(arg->type.id)) throw at(no_such_function("unnest", {arg->type}), location);
    elements.push_back(element_of(arg->type.id));
    out.columns.push_back({"unnest", {elements.back(), arg->type.typmod, arg->type.enum_oid}});
  }
  out.produce = [elements](const std::vector<Value>& values, ExecContext& ctx) {
    std::vector<ArrayData> arrays;
    for (std::size_t i = 0; i < values.size(); ++i) {
      arrays.push_back(values[i].is_null() ? ArrayData{elements[i], {}, {}} : decode_array(values[i]));
    }
    std::size_t count = 0;
    for (const ArrayData& a : arrays) count = std::max(count, a.items.size());
    std::vector<Row> rows;
    for (std::size_t i = 0; i < count; ++i) {
      ctx.check_interrupts();
      Row row;
      for (const ArrayData& a : arrays) row.push_back(i < a.items.size() ? a.items[i] : Value::null(a.element));
      rows.push_back(std::move(row));
    }
    return rows;
  };
  return out;
}

// Arguments that must all be text (an unknown literal is): 42883 otherwise,
// or when their number is not one `counts` allows.
std::vector<BoundExprPtr> text_args(const ast::FuncCall& call, Binder& binder, const char* name,
                                    std::initializer_list<std::size_t> counts, int location) {
  std::vector<BoundExprPtr> args = bind_args(call, binder);
  const bool texts = std::all_of(args.begin(), args.end(), [](const BoundExprPtr& a) {
    return is_character(a->type.id) || a->type.id == TypeId::kUnknown;
  });
  if (!texts || std::find(counts.begin(), counts.end(), args.size()) == counts.end()) {
    throw at(no_such_function(name, types_of(args)), location);
  }
  for (BoundExprPtr& a : args) a = coerce(std::move(a), {TypeId::kText, -1}, CastContext::kImplicit);
  return args;
}

bool any_null(const std::vector<Value>& values) {
  return std::any_of(values.begin(), values.end(), [](const Value& v) { return v.is_null(); });
}

std::string flags_of(const std::vector<Value>& v) { return v.size() > 2 ? v[2].as_string() : ""; }

// regexp_matches(text, pattern [, flags]): a text[] per match.
SetFunctionCall bind_regexp_matches(const ast::FuncCall& call, Binder& binder, int location) {
  SetFunctionCall out;
  out.args = text_args(call, binder, "regexp_matches", {2, 3}, location);
  out.columns.push_back({"regexp_matches", {array_of(TypeId::kText), -1}});
  out.produce = [](const std::vector<Value>& v, ExecContext&) {
    std::vector<Row> rows;
    if (any_null(v)) return rows;
    for (Value& m : regexp_matches(v[0].as_string(), v[1].as_string(), flags_of(v))) rows.push_back({std::move(m)});
    return rows;
  };
  return out;
}

// regexp_split_to_table(text, pattern [, flags]): the pieces between matches.
SetFunctionCall bind_regexp_split_to_table(const ast::FuncCall& call, Binder& binder, int location) {
  SetFunctionCall out;
  out.args = text_args(call, binder, "regexp_split_to_table", {2, 3}, location);
  out.columns.push_back({"regexp_split_to_table", {TypeId::kText, -1}});
  out.produce = [](const std::vector<Value>& v, ExecContext&) {
    std::vector<Row> rows;
    if (any_null(v)) return rows;
    for (std::string& piece : regexp_split(v[0].as_string(), v[1].as_string(), flags_of(v), "regexp_split_to_table")) {
      rows.push_back({Value::string(TypeId::kText, std::move(piece))});
    }
    return rows;
  };
  return out;
}

// generate_subscripts(array, dim [, reverse]): the subscripts of one dimension.
SetFunctionCall bind_generate_subscripts(const ast::FuncCall& call, Binder& binder, int location) {
  SetFunctionCall out;
  out.args = bind_args(call, binder);
  const std::size_t n = out.args.size();
  if (n < 2 || n > 3 || !is_array(out.args[0]->type.id)) {
    throw at(no_such_function("generate_subscripts", types_of(out.args)), location);
  }
  out.args[1] = coerce(std::move(out.args[1]), {TypeId::kInt4, -1}, CastContext::kImplicit);
  if (n == 3) out.args[2] = coerce(std::move(out.args[2]), {TypeId::kBool, -1}, CastContext::kImplicit);
  out.columns.push_back({"generate_subscripts", {TypeId::kInt4, -1}});
  out.produce = [](const std::vector<Value>& v, ExecContext&) {
    std::vector<Row> rows;
    if (any_null(v)) return rows;
    const ArrayData a = decode_array(v[0]);
    const std::int64_t dim = v[1].as_int();
    if (dim < 1 || dim > static_cast<std::int64_t>(a.dims.size())) return rows;
    const ArrayDim& d = a.dims[static_cast<std::size_t>(dim - 1)];
    const bool reverse = v.size() == 3 && v[2].as_bool();
    for (std::int32_t i = 0; i < d.length; ++i) {
      rows.push_back({Value::integer(TypeId::kInt4, reverse ? d.lower + d.length - 1 - i : d.lower + i)});
    }
    return rows;
  };
  return out;
}

// A json set-returning function (json_set_functions.hpp). PostgreSQL
// resolves these by exact types: an untyped literal takes the declared
// type, and any string type may stand where text is declared.
SetFunctionCall bind_json_set_function(const std::string& name, const JsonSetFunction& f, const ast::FuncCall& call,
                                       Binder& binder, int location) {
  SetFunctionCall out;
  out.args = bind_args(call, binder);
  auto accepts = [](TypeId declared, const SqlType& given) {
    return given.id == TypeId::kUnknown || given.id == declared ||
           (declared == TypeId::kText && is_character(given.id));
  };
  bool fits = out.args.size() >= f.required && out.args.size() <= f.args.size() && !call.star;
  for (std::size_t i = 0; fits && i < out.args.size(); ++i) fits = accepts(f.args[i], out.args[i]->type);
  if (!fits) throw at(no_such_function(name, types_of(out.args)), location);
  for (std::size_t i = 0; i < out.args.size(); ++i) {
    out.args[i] = coerce(std::move(out.args[i]), {f.args[i], -1}, CastContext::kImplicit);
  }
  for (const SetFunctionColumn& c : f.columns) out.columns.push_back({c.name, {c.type, -1}});
  out.named_columns = f.named_columns;
  out.produce = [rows = f.rows](const std::vector<Value>& values, ExecContext&) {
    std::vector<Row> out_rows;
    if (any_null(values)) return out_rows;  // strict
    for (std::vector<Value>& row : rows(values)) out_rows.push_back(std::move(row));
    return out_rows;
  };
  return out;
}

// pg_partition_ancestors(regclass): a partition and the partitioned tables
// above it. There is no partitioning, and for any other relation PostgreSQL
// gives no rows (psql's \d asks, to find foreign keys through partitions).
SetFunctionCall bind_partition_ancestors(const ast::FuncCall& call, Binder& binder, int location) {
  SetFunctionCall out;
  out.args = bind_args(call, binder);
  if (out.args.size() != 1) throw at(no_such_function("pg_partition_ancestors", types_of(out.args)), location);
  out.args[0] = coerce(std::move(out.args[0]), {TypeId::kRegclass, -1}, CastContext::kImplicit);
  out.columns.push_back({"relid", {TypeId::kRegclass, -1}});
  out.named_columns = true;
  out.produce = [](const std::vector<Value>&, ExecContext&) { return std::vector<Row>{}; };
  return out;
}

// information_schema._pg_expandarray(anyarray): each element x of a
// one-dimensional array with its position n from 1 (pgjdbc's getPrimaryKeys
// and getIndexInfo call it on pg_index.indkey, an int2vector: text here).
SetFunctionCall bind_expandarray(const ast::FuncCall& call, Binder& binder, int location) {
  SetFunctionCall out;
  out.args = bind_args(call, binder);
  const bool int2vector = out.args.size() == 1 && out.args[0]->type == SqlType{TypeId::kText, kInt2VectorTypmod};
  if (out.args.size() != 1 || (!int2vector && !is_array(out.args[0]->type.id))) {
    throw at(no_such_function("information_schema._pg_expandarray", types_of(out.args)), location);
  }
  const SqlType& t = out.args[0]->type;
  const SqlType element = int2vector ? SqlType{TypeId::kInt2, -1} : SqlType{element_of(t.id), t.typmod, t.enum_oid};
  out.columns = {{"x", element}, {"n", {TypeId::kInt4, -1}}};
  out.produce = [int2vector](const std::vector<Value>& values, ExecContext& ctx) {
    std::vector<Row> rows;
    if (values[0].is_null()) return rows;
    const std::vector<Value> items =
        int2vector ? int2vector_items(values[0].as_string()) : decode_array(values[0]).items;
    for (std::size_t i = 0; i < items.size(); ++i) {
      ctx.check_interrupts();
      rows.push_back({items[i], Value::integer(TypeId::kInt4, static_cast<std::int64_t>(i) + 1)});
    }
    return rows;
  };
  return out;
}

const std::map<std::string, Binding>& bindings() {
  static const std::map<std::string, Binding> kBindings = {
      {"generate_series", bind_generate_series},
      {"information_schema._pg_expandarray", bind_expandarray},
      {"generate_subscripts", bind_generate_subscripts},
      {"pg_partition_ancestors", bind_partition_ancestors},
      {"regexp_matches", bind_regexp_matches},
      {"regexp_split_to_table", bind_regexp_split_to_table},
      {"unnest", bind_unnest},
  };
  return kBindings;
}

// Call k's value in an expanded row: the last `calls` positions.
void expand_level(Row& row, std::size_t first, const std::vector<SetFunctionCall>& calls, int level, int deepest,
                  ExecContext& ctx, const std::function<void(const Row&)>& visit) {
  if (level > deepest) {
    visit(row);
    return;
  }
  std::vector<std::pair<std::size_t, std::vector<Row>>> produced;
  std::size_t count = 0;
  for (std::size_t k = 0; k < calls.size(); ++k) {
    if (calls[k].level != level) continue;
    produced.emplace_back(k, calls[k].run(row, ctx));
    count = std::max(count, produced.back().second.size());
  }
  for (std::size_t i = 0; i < count; ++i) {
    for (const auto& [k, rows] : produced) {
      row[first + k] = i < rows.size() ? rows[i][0] : Value::null(calls[k].columns[0].type.id);
    }
    expand_level(row, first, calls, level + 1, deepest, ctx, visit);
  }
}

}  // namespace

std::vector<Row> SetFunctionCall::run(const Row& input, ExecContext& ctx) const {
  std::vector<Value> values;
  values.reserve(args.size());
  for (const BoundExprPtr& arg : args) values.push_back(evaluate(*arg, input));
  return produce(values, ctx);
}

bool is_set_function(const std::string& name) {
  return bindings().count(name) != 0 || find_json_set_function(name) != nullptr;
}

SetFunctionCall bind_set_function(const std::string& name, const ast::FuncCall& call, Binder& binder, int location) {
  auto it = bindings().find(name);
  SetFunctionCall out = it != bindings().end()
                            ? it->second(call, binder, location)
                            : bind_json_set_function(name, *find_json_set_function(name), call, binder, location);
  out.name = name;
  return out;
}

void expand_set_functions(const Row& input, const std::vector<SetFunctionCall>& calls, ExecContext& ctx,
                          const std::function<void(const Row&)>& visit) {
  Row row = input;
  int deepest = 0;
  for (const SetFunctionCall& c : calls) {
    row.push_back(Value::null(c.columns[0].type.id));
    deepest = std::max(deepest, c.level);
  }
  expand_level(row, input.size(), calls, 0, deepest, ctx, visit);
}

void resolve_set_function_refs(BoundExpr& e, int first_column) {
  if (e.kind == BoundExpr::Kind::kSetFunction) {
    e.kind = BoundExpr::Kind::kColumn;
    e.column += first_column;
  }
  for (auto& arg : e.args) resolve_set_function_refs(*arg, first_column);
}

}  // namespace heliosdb::engine

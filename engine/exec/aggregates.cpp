#include "engine/exec/aggregates.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/equality_key.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/sort_compare.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/functions/to_json.hpp"
#include "engine/types/array.hpp"
#include "engine/types/value.hpp"
#include "engine/types/vector.hpp"

namespace heliosdb::engine {

namespace {

using K = AggregateKind;

bool ordered_set(K kind) { return kind == K::kPercentileCont || kind == K::kPercentileDisc || kind == K::kMode; }

// The aggregates whose transition sees NULL inputs (the rest skip them).
bool keeps_nulls(K kind) {
  return kind == K::kJsonAgg || kind == K::kJsonbAgg || kind == K::kArrayAgg || kind == K::kJsonObjectAgg ||
         kind == K::kJsonbObjectAgg;
}

[[noreturn]] void no_overload(const AggregateSpec& spec, int location) {
  std::vector<SqlType> types;
  for (const auto& a : spec.args) types.push_back(a->type);
  throw at(no_such_function(spec.name, types), location);
}

BoundExprPtr unknown_as(BoundExprPtr e, TypeId type) {
  if (e->type.id != TypeId::kUnknown) return e;
  return coerce(std::move(e), {type, -1}, CastContext::kImplicit);
}

// The square root of a non-negative decimal to `scale` digits, rounded as
// PostgreSQL's sqrt_var rounds: Newton's iteration from the double estimate.
Decimal decimal_sqrt(const Decimal& x, int scale) {
  if (x.is_zero()) return Decimal::from_int(0).round(scale);
  const int work = scale + 8;
  const Decimal two = Decimal::from_int(2);
  Decimal guess = Decimal::from_double(std::sqrt(x.to_double()), 17);
  if (guess.is_zero()) guess = Decimal::from_int(1);
  for (int i = 0; i < 100; ++i) {
    Decimal next = guess.add(x.div_to_scale(guess, work)).div_to_scale(two, work);
    if (next.compare(guess) == 0) break;
    guess = std::move(next);
  }
  return guess.round(scale);
}

}  // namespace

AggregateOrder make_order(BoundExprPtr expr, const ast::SortItem& item) {
  AggregateOrder o;
  o.expr = unknown_as(std::move(expr), TypeId::kText);
  require_ordering(o.expr->type, item.expr->location);
  o.descending = item.descending;
  o.nulls_first = item.nulls_first.value_or(item.descending);
  return o;
}

std::optional<AggregateKind> aggregate_kind(std::string_view name) {
  static const std::map<std::string_view, K> kinds = {
      {"count", K::kCount},
      {"sum", K::kSum},
      {"avg", K::kAvg},
      {"min", K::kMin},
      {"max", K::kMax},
      {"string_agg", K::kStringAgg},
      {"bool_and", K::kBoolAnd},
      {"every", K::kBoolAnd},
      {"bool_or", K::kBoolOr},
      {"json_agg", K::kJsonAgg},
      {"jsonb_agg", K::kJsonbAgg},
      {"json_object_agg", K::kJsonObjectAgg},
      {"jsonb_object_agg", K::kJsonbObjectAgg},
      {"stddev", K::kStddevSamp},
      {"stddev_samp", K::kStddevSamp},
      {"stddev_pop", K::kStddevPop},
      {"variance", K::kVarSamp},
      {"var_samp", K::kVarSamp},
      {"var_pop", K::kVarPop},
      {"percentile_cont", K::kPercentileCont},
      {"percentile_disc", K::kPercentileDisc},
      {"mode", K::kMode},
      {"array_agg", K::kArrayAgg},
  };
  auto it = kinds.find(name);
  if (it == kinds.end()) return std::nullopt;
  return it->second;
}

void resolve_aggregate(AggregateSpec& spec, bool within_group, int location) {
  if (ordered_set(spec.kind) != within_group) {
    throw at(DbError(sqlstate::kWrongObjectType,
                     within_group ? spec.name + " is not an ordered-set aggregate, so it cannot have WITHIN GROUP"
                                  : "WITHIN GROUP is required for ordered-set aggregate " + spec.name),
             location);
  }
  if (spec.distinct && !spec.order.empty()) {
    for (const AggregateOrder& o : spec.order) {
      const std::string fp = fingerprint(*o.expr);
      bool among =
          std::any_of(spec.args.begin(), spec.args.end(), [&](const auto& a) { return fingerprint(*a) == fp; });
      if (!among) {
        throw at(DbError(sqlstate::kInvalidColumnReference,
                         "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list"),
                 location);
      }
    }
  }
  auto& args = spec.args;
  const std::size_t arity = args.size();
  auto arg_type = [&](std::size_t i) { return args[i]->type.id; };
  switch (spec.kind) {
    case K::kCount:
      if (arity > 1) no_overload(spec, location);
      if (arity == 1) args[0] = unknown_as(std::move(args[0]), TypeId::kText);
      spec.type = {TypeId::kInt8, -1};
      return;
    case K::kMin:
    case K::kMax: {
      if (arity != 1) no_overload(spec, location);
      args[0] = unknown_as(std::move(args[0]), TypeId::kText);
      const TypeId t = arg_type(0);
      if (t == TypeId::kBool || t == TypeId::kJson || t == TypeId::kJsonb || t == TypeId::kBytea ||
          t == TypeId::kVector) {
        no_overload(spec, location);
      }
      // varchar has no max of its own: PostgreSQL takes text's. No result keeps a typmod.
      if (t == TypeId::kVarchar) args[0] = coerce(std::move(args[0]), {TypeId::kText, -1}, CastContext::kImplicit);
      spec.type = {args[0]->type.id, -1, args[0]->type.enum_oid};
      return;
    }
    case K::kSum:
    case K::kAvg: {
      if (arity != 1) no_overload(spec, location);
      const TypeId t = arg_type(0);
      if (t == TypeId::kInterval || t == TypeId::kVector) {
        spec.type = {t, -1};
        return;
      }
      if (!is_numeric_type(t)) no_overload(spec, location);
      // PostgreSQL: sum of int2/int4 is bigint; sum(bigint), integer and
      // numeric averages are numeric; float sums keep their type.
      if (spec.kind == K::kSum) {
        spec.type = t == TypeId::kInt2 || t == TypeId::kInt4 ? SqlType{TypeId::kInt8, -1}
                    : t == TypeId::kInt8                     ? SqlType{TypeId::kNumeric, -1}
                                                             : SqlType{t, -1};
      } else {
        spec.type = is_float(t) ? SqlType{TypeId::kFloat8, -1} : SqlType{TypeId::kNumeric, -1};
      }
      return;
    }
    case K::kStringAgg: {
      if (arity != 2) no_overload(spec, location);
      const bool bytes =
          arg_type(0) == TypeId::kBytea || (arg_type(0) == TypeId::kUnknown && arg_type(1) == TypeId::kBytea);
      const TypeId t = bytes ? TypeId::kBytea : TypeId::kText;
      for (auto& a : args) {
        if (a->type.id == TypeId::kUnknown || (!bytes && is_character(a->type.id))) {
          a = coerce(std::move(a), {t, -1}, CastContext::kImplicit);
        }
        if (a->type.id != t) no_overload(spec, location);
      }
      spec.type = {t, -1};
      return;
    }
    case K::kBoolAnd:
    case K::kBoolOr:
      if (arity != 1) no_overload(spec, location);
      args[0] = unknown_as(std::move(args[0]), TypeId::kBool);
      if (arg_type(0) != TypeId::kBool) no_overload(spec, location);
      spec.type = {TypeId::kBool, -1};
      return;
    case K::kJsonAgg:
    case K::kJsonbAgg:
      if (arity != 1) no_overload(spec, location);
      args[0] = unknown_as(std::move(args[0]), TypeId::kText);
      spec.type = {spec.kind == K::kJsonAgg ? TypeId::kJson : TypeId::kJsonb, -1};
      return;
    case K::kJsonObjectAgg:
    case K::kJsonbObjectAgg:
      if (arity != 2) no_overload(spec, location);
      for (auto& arg : args) arg = unknown_as(std::move(arg), TypeId::kText);
      spec.type = {spec.kind == K::kJsonObjectAgg ? TypeId::kJson : TypeId::kJsonb, -1};
      return;
    case K::kArrayAgg:
      if (arity != 1) no_overload(spec, location);
      args[0] = unknown_as(std::move(args[0]), TypeId::kText);
      if (is_array(arg_type(0)) || arg_type(0) == TypeId::kVector) {
        throw at(DbError(sqlstate::kFeatureNotSupported,
                         "not supported yet: array_agg of " + type_display_name(args[0]->type)),
                 location);
      }
      spec.type = {array_of(arg_type(0)), args[0]->type.typmod, args[0]->type.enum_oid};
      return;
    case K::kStddevSamp:
    case K::kStddevPop:
    case K::kVarSamp:
    case K::kVarPop: {
      if (arity != 1) no_overload(spec, location);
      args[0] = unknown_as(std::move(args[0]), TypeId::kFloat8);
      const TypeId t = arg_type(0);
      if (!is_numeric_type(t)) no_overload(spec, location);
      spec.type = {is_float(t) ? TypeId::kFloat8 : TypeId::kNumeric, -1};
      return;
    }
    case K::kPercentileCont:
    case K::kPercentileDisc:
    case K::kMode: {
      const std::size_t direct = spec.kind == K::kMode ? 0 : 1;
      if (arity != direct || spec.order.size() != 1) no_overload(spec, location);
      if (direct == 1) {
        args[0] =
            coerce(unknown_as(std::move(args[0]), TypeId::kFloat8), {TypeId::kFloat8, -1}, CastContext::kImplicit);
      }
      BoundExprPtr& value = spec.order[0].expr;
      if (spec.kind == K::kPercentileCont) {
        if (!is_numeric_type(value->type.id) && value->type.id != TypeId::kUnknown) {
          throw at(DbError(sqlstate::kUndefinedFunction, "function percentile_cont(double precision, " +
                                                             type_display_name(value->type) + ") does not exist"),
                   location);
        }
        value = coerce(std::move(value), {TypeId::kFloat8, -1}, CastContext::kImplicit);
        spec.type = {TypeId::kFloat8, -1};
      } else {
        value = unknown_as(std::move(value), TypeId::kText);
        spec.type = value->type;
      }
      return;
    }
  }
}

void Accumulator::add(const AggregateSpec& spec, const Row& row) {
  if (spec.filter && !evaluate_condition(*spec.filter, row)) return;
  if (ordered_set(spec.kind)) {
    if (buffered_.empty() && !spec.args.empty()) direct_ = evaluate(*spec.args[0], row);
    Value v = evaluate(*spec.order[0].expr, row);
    if (!v.is_null()) buffered_.emplace_back(std::vector<Value>{std::move(v)}, std::vector<Value>{});
    return;
  }
  if (spec.args.empty()) {  // count(*)
    ++count_;
    return;
  }
  if (spec.args.size() == 1 && spec.order.empty()) {
    Value scratch;
    const Value& v = evaluate_ref(*spec.args[0], row, scratch);
    if (v.is_null() && !keeps_nulls(spec.kind)) return;
    if (spec.distinct && !seen_.insert(equality_key({v})).second) return;
    fold(spec, std::span<const Value>(&v, 1));
    return;
  }
  std::vector<Value> args;
  args.reserve(spec.args.size());
  for (const auto& a : spec.args) args.push_back(evaluate(*a, row));
  if (args[0].is_null() && !keeps_nulls(spec.kind)) return;
  if (spec.distinct && !seen_.insert(equality_key(args)).second) return;
  if (spec.order.empty()) {
    fold(spec, args);
    return;
  }
  std::vector<Value> keys;
  for (const AggregateOrder& o : spec.order) keys.push_back(evaluate(*o.expr, row));
  buffered_.emplace_back(std::move(keys), std::move(args));
}

void Accumulator::fold(const AggregateSpec& spec, std::span<const Value> args) {
  const Value& v = args[0];
  ++count_;
  switch (spec.kind) {
    case K::kCount:
      return;
    case K::kMin:
    case K::kMax: {
      const int c = has_value_ ? compare_values(v, best_) : 0;
      // Ties take the newer value, as PostgreSQL's numeric_smaller/larger do (5.0 vs 5.00).
      if (!has_value_ || (spec.kind == K::kMin ? c <= 0 : c >= 0)) best_ = v;
      break;
    }
    case K::kSum:
    case K::kAvg:
      if (is_integer(v.type())) {
        isum_ += v.as_int();
      } else if (v.type() == TypeId::kNumeric) {
        nsum_ = nsum_.add(Decimal::parse(v.as_string()));
      } else if (v.type() == TypeId::kInterval) {
        ivsum_ = temporal::interval_add(ivsum_, as_interval(v));
      } else if (v.type() == TypeId::kVector) {
        add_vector(v);
      } else {
        fsum_ += v.as_float();
      }
      break;
    case K::kStringAgg:
      // Each value brings its delimiter before it; the first one's is dropped.
      if (has_value_ && !args[1].is_null()) text_ += args[1].as_string();
      text_ += v.as_string();
      break;
    case K::kBoolAnd:
      flag_ = has_value_ ? flag_ && v.as_bool() : v.as_bool();
      break;
    case K::kBoolOr:
      flag_ = has_value_ ? flag_ || v.as_bool() : v.as_bool();
      break;
    case K::kJsonAgg:
      // PostgreSQL starts each array or row after the first on a new line.
      json_.push_back(
          (!json_.empty() && !v.is_null() && (is_array(v.type()) || v.type() == TypeId::kRecord) ? "\n " : "") +
          to_json_text(v));
      break;
    case K::kJsonbAgg:
      json_.push_back(to_json_value(v).to_jsonb_text());
      break;
    case K::kJsonObjectAgg:
    case K::kJsonbObjectAgg:
      if (v.is_null()) throw DbError(sqlstate::kInvalidParameterValue, "field name must not be null");
      json_members_.emplace_back(json_key_text(v), spec.kind == K::kJsonObjectAgg
                                                       ? to_json_text(args[1])
                                                       : to_json_value(args[1]).to_jsonb_text());
      break;
    case K::kArrayAgg:
      items_.push_back(v);
      break;
    case K::kStddevSamp:
    case K::kStddevPop:
    case K::kVarSamp:
    case K::kVarPop:
      if (is_float(v.type())) {
        // Youngs-Cramer, as PostgreSQL's float8_accum: sums of differences, not of squares.
        const double x = v.as_float();
        const double n = static_cast<double>(count_);
        fsum_ += x;
        if (count_ > 1) {
          const double tmp = x * n - fsum_;
          fsxx_ += tmp * tmp / (n * (n - 1));
        } else if (!std::isfinite(x)) {
          fsxx_ = std::nan("");
        }
      } else {
        const Decimal x = is_integer(v.type()) ? Decimal::from_int(v.as_int()) : Decimal::parse(v.as_string());
        nsum_ = nsum_.add(x);
        nsum2_ = nsum2_.add(x.mul(x));
      }
      break;
    case K::kPercentileCont:
    case K::kPercentileDisc:
    case K::kMode:
      break;
  }
  has_value_ = true;
}

Value Accumulator::result(const AggregateSpec& spec) const {
  if (ordered_set(spec.kind)) return percentile(spec);
  if (buffered_.empty()) return final_value(spec);
  // ORDER BY in the call: the rows folded in that order (ties as they came).
  std::vector<std::size_t> order(buffered_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return compare_sort_keys(buffered_[a].first, buffered_[b].first, spec.order) < 0;
  });
  Accumulator sorted;
  for (std::size_t i : order) sorted.fold(spec, buffered_[i].second);
  return sorted.final_value(spec);
}

Value Accumulator::final_value(const AggregateSpec& spec) const {
  if (spec.kind == K::kCount) return Value::integer(TypeId::kInt8, count_);
  if (!has_value_) return Value::null(spec.type.id);
  switch (spec.kind) {
    case K::kMin:
    case K::kMax:
      return best_;
    case K::kStringAgg:
      return Value::string(spec.type.id, text_);
    case K::kBoolAnd:
    case K::kBoolOr:
      return Value::boolean(flag_);
    case K::kArrayAgg:
      return encode_array(ArrayData::of(element_of(spec.type.id), items_));
    case K::kJsonAgg:
    case K::kJsonbAgg: {
      std::string out = "[";
      for (std::size_t i = 0; i < json_.size(); ++i) out += (i > 0 ? ", " : "") + json_[i];
      return Value::string(spec.type.id, out + "]");
    }
    case K::kJsonObjectAgg: {
      // json keeps every pair in input order, spaced as PostgreSQL's json_object_agg prints.
      std::string out = "{ ";
      for (std::size_t i = 0; i < json_members_.size(); ++i) {
        out += (i > 0 ? ", " : "") + json_quote(json_members_[i].first) + " : " + json_members_[i].second;
      }
      return Value::string(TypeId::kJson, out + " }");
    }
    case K::kJsonbObjectAgg: {
      std::vector<std::pair<std::string, JsonValue>> members;
      for (const auto& [key, text] : json_members_) members.emplace_back(key, JsonValue::parse(text, true));
      return Value::string(TypeId::kJsonb, JsonValue::object(std::move(members)).to_jsonb_text());
    }
    case K::kStddevSamp:
    case K::kStddevPop:
    case K::kVarSamp:
    case K::kVarPop:
      return statistic(spec);
    default:
      break;
  }
  const TypeId input = spec.args[0]->type.id;
  if (input == TypeId::kVector) return vector_result(spec.kind == K::kAvg);
  if (input == TypeId::kInterval) {
    return interval_value(spec.kind == K::kAvg ? temporal::interval_div(ivsum_, static_cast<double>(count_)) : ivsum_);
  }
  if (spec.kind == K::kAvg) {
    if (is_float(input)) return Value::floating(TypeId::kFloat8, fsum_ / static_cast<double>(count_));
    Decimal total = is_integer(input) ? Decimal::from_int(isum_) : nsum_;
    return Value::string(TypeId::kNumeric, total.div(Decimal::from_int(count_)).to_string());
  }
  if (is_integer(spec.type.id)) {
    if (isum_ > INT64_MAX || isum_ < INT64_MIN) throw DbError(sqlstate::kNumericValueOutOfRange, "bigint out of range");
    return Value::integer(spec.type.id, static_cast<std::int64_t>(isum_));
  }
  if (spec.type.id == TypeId::kNumeric) {
    return Value::string(TypeId::kNumeric, (is_integer(input) ? Decimal::from_int(isum_) : nsum_).to_string());
  }
  double s = spec.type.id == TypeId::kFloat4 ? static_cast<double>(static_cast<float>(fsum_)) : fsum_;
  return Value::floating(spec.type.id, s);
}

// Variance and standard deviation, sample or population, computed as
// PostgreSQL does: float8 from Youngs-Cramer's sums, numeric exactly from
// the sums of values and squares, divided and rooted at the division's scale.
Value Accumulator::statistic(const AggregateSpec& spec) const {
  const bool sample = spec.kind == K::kStddevSamp || spec.kind == K::kVarSamp;
  const bool root = spec.kind == K::kStddevSamp || spec.kind == K::kStddevPop;
  if (count_ == 0 || (sample && count_ == 1)) return Value::null(spec.type.id);
  const auto n = static_cast<double>(count_);
  if (spec.type.id == TypeId::kFloat8) {
    const double variance = fsxx_ / (sample ? n - 1 : n);
    return Value::floating(TypeId::kFloat8, root ? std::sqrt(variance) : variance);
  }
  const Decimal count = Decimal::from_int(count_);
  const Decimal numerator = count.mul(nsum2_).sub(nsum_.mul(nsum_));
  if (numerator.sign() <= 0) return Value::string(TypeId::kNumeric, "0");
  const Decimal denominator = count.mul(sample ? Decimal::from_int(count_ - 1) : count);
  Decimal variance = numerator.div(denominator);
  if (root) variance = decimal_sqrt(variance, variance.scale());
  return Value::string(TypeId::kNumeric, variance.to_string());
}

// percentile_cont, percentile_disc and mode over the values in WITHIN
// GROUP's order.
Value Accumulator::percentile(const AggregateSpec& spec) const {
  if (buffered_.empty()) return Value::null(spec.type.id);
  std::vector<Value> values;
  values.reserve(buffered_.size());
  for (const auto& entry : buffered_) values.push_back(entry.first[0]);
  std::stable_sort(values.begin(), values.end(), [&](const Value& a, const Value& b) {
    const int c = compare_values(a, b);
    return spec.order[0].descending ? c > 0 : c < 0;
  });
  if (spec.kind == K::kMode) {
    std::size_t best = 0, best_run = 0;
    for (std::size_t i = 0; i < values.size();) {
      std::size_t j = i;
      while (j < values.size() && compare_values(values[j], values[i]) == 0) ++j;
      if (j - i > best_run) {
        best_run = j - i;
        best = i;
      }
      i = j;
    }
    return values[best];
  }
  if (direct_.is_null()) return Value::null(spec.type.id);
  const double fraction = direct_.as_float();
  if (std::isnan(fraction) || fraction < 0 || fraction > 1) {
    throw DbError(sqlstate::kNumericValueOutOfRange,
                  "percentile value " + format_value(direct_) + " is not between 0 and 1");
  }
  const auto count = static_cast<double>(values.size());
  if (spec.kind == K::kPercentileDisc) {
    const auto row = static_cast<std::size_t>(std::ceil(fraction * count));
    return values[row <= 1 ? 0 : row - 1];
  }
  const double position = fraction * (count - 1);
  const auto first = static_cast<std::size_t>(std::floor(position));
  const auto second = static_cast<std::size_t>(std::ceil(position));
  const double lo = values[first].as_float();
  if (first == second) return Value::floating(TypeId::kFloat8, lo);
  const double hi = values[second].as_float();
  return Value::floating(TypeId::kFloat8, lo + (hi - lo) * (position - static_cast<double>(first)));
}

void Accumulator::add_vector(const Value& v) {
  auto elements = vector_elements(v);
  if (vsum_.empty()) vsum_.resize(elements.size());
  if (vsum_.size() != elements.size()) {
    throw DbError(sqlstate::kDataException,
                  "expected " + std::to_string(vsum_.size()) + " dimensions, not " + std::to_string(elements.size()));
  }
  for (std::size_t i = 0; i < elements.size(); ++i) vsum_[i] += elements[i];
}

Value Accumulator::vector_result(bool average) const {
  std::vector<float> out(vsum_.size());
  for (std::size_t i = 0; i < vsum_.size(); ++i) {
    const double x = average ? vsum_[i] / static_cast<double>(count_) : vsum_[i];
    out[i] = static_cast<float>(x);
    if (std::isinf(out[i])) throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  }
  return make_vector(out);
}

}  // namespace heliosdb::engine

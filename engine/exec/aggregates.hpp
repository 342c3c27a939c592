#pragma once

// Aggregate functions: which names are aggregates, the type each returns
// for its arguments, and the running state that folds one group's rows
// into its value.

#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ast/expr.hpp"
#include "engine/exec/bound_expr.hpp"
#include "engine/exec/row_codec.hpp"
#include "engine/types/decimal.hpp"
#include "engine/types/temporal.hpp"

namespace heliosdb::engine {

enum class AggregateKind : std::uint8_t {
  kCount,
  kSum,
  kAvg,
  kMin,
  kMax,
  kStringAgg,
  kBoolAnd,
  kBoolOr,
  kJsonAgg,
  kJsonbAgg,
  kJsonObjectAgg,
  kJsonbObjectAgg,
  kStddevSamp,
  kStddevPop,
  kVarSamp,
  kVarPop,
  kPercentileCont,  ///< ordered-set: WITHIN GROUP (ORDER BY x)
  kPercentileDisc,
  kMode,
  kArrayAgg,
};

/// ORDER BY inside an aggregate call, or WITHIN GROUP's.
struct AggregateOrder {
  BoundExprPtr expr;
  bool descending = false;
  bool nulls_first = false;
};

/// An ORDER BY item whose expression `expr` is bound: an untyped literal sorts as text.
AggregateOrder make_order(BoundExprPtr expr, const ast::SortItem& item);

/// One aggregate call of a grouped query (or of a window), computed over its input rows.
struct AggregateSpec {
  std::string name;
  AggregateKind kind = AggregateKind::kCount;
  std::vector<BoundExprPtr> args;  ///< none for count(*); an ordered-set aggregate's direct argument
  bool distinct = false;
  BoundExprPtr filter;
  std::vector<AggregateOrder> order;
  SqlType type;
  std::string key;  ///< equal keys, equal calls: computed once
  /// GROUPING(a, b): the GROUP BY positions it tests. Its value comes from
  /// the grouping set of the group, not from the rows (bind_grouping).
  std::vector<int> grouping_of;
};

/// The aggregate called `name`, if it is one.
std::optional<AggregateKind> aggregate_kind(std::string_view name);
inline bool is_aggregate_function(std::string_view name) { return aggregate_kind(name).has_value(); }

/// Checks a bound call against PostgreSQL's overloads of its aggregate,
/// coerces its arguments and sets its result type. Throws 42883 when no
/// overload fits, 42809 for WITHIN GROUP misuse, 42P10 for DISTINCT with
/// an ORDER BY that is not among the arguments.
void resolve_aggregate(AggregateSpec& spec, bool within_group, int location);

/// One aggregate's running state for one group.
class Accumulator {
 public:
  void add(const AggregateSpec& spec, const Row& row);
  Value result(const AggregateSpec& spec) const;

 private:
  void fold(const AggregateSpec& spec, std::span<const Value> args);
  Value final_value(const AggregateSpec& spec) const;
  void add_vector(const Value& v);
  Value vector_result(bool average) const;
  Value statistic(const AggregateSpec& spec) const;
  Value percentile(const AggregateSpec& spec) const;

  std::int64_t count_ = 0;
  bool has_value_ = false;
  Value best_;       // min / max
  Int128 isum_ = 0;  // wide enough for any count of int8 values
  double fsum_ = 0;
  Decimal nsum_ = Decimal::from_int(0);
  Decimal nsum2_ = Decimal::from_int(0);  // numeric variance: the sum of squares
  double fsxx_ = 0;                       // float variance: Youngs-Cramer's sum of squared differences
  temporal::Interval ivsum_;
  std::vector<double> vsum_;  // vector sums, in double as pgvector's accumulator
  bool flag_ = false;         // bool_and / bool_or
  std::string text_;          // string_agg
  std::vector<std::string> json_;
  std::vector<Value> items_;    ///< array_agg's inputs
  std::set<std::string> seen_;  // DISTINCT
  /// json(b)_object_agg's keys and value texts.
  std::vector<std::pair<std::string, std::string>> json_members_;
  /// ORDER BY in the call and ordered-set aggregates: the rows' (order
  /// keys, arguments), folded in order at the end.
  std::vector<std::pair<std::vector<Value>, std::vector<Value>>> buffered_;
  Value direct_;  // an ordered-set aggregate's direct argument (the fraction)
};

}  // namespace heliosdb::engine

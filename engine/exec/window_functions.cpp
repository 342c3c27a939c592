#include "engine/exec/window_functions.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/equality_key.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/sort_compare.hpp"
#include "engine/exec/temporal_arith.hpp"
#include "engine/types/decimal.hpp"

namespace heliosdb::engine {

namespace {

using WK = WindowKind;
using BK = ast::FrameBound::Kind;

[[noreturn]] void no_overload(const std::string& name, const std::vector<BoundExprPtr>& args, int location) {
  std::vector<SqlType> types;
  for (const auto& a : args) types.push_back(a->type);
  throw at(no_such_function(name, types), location);
}

// One partition, sorted: positions [0, size) index `rows` through `order`.
struct Partition {
  const std::vector<Row>& rows;
  const std::vector<std::size_t>& order;  ///< the partition's slice of the sorted positions
  std::size_t begin = 0;
  std::size_t size = 0;
  std::vector<std::size_t> peer_start;   ///< per position: the first of its peers
  std::vector<std::size_t> peer_end;     ///< ... one past the last
  std::vector<std::size_t> group;        ///< ... its peer group's number
  std::vector<std::size_t> group_start;  ///< per peer group: its first position

  const Row& row(std::size_t p) const { return rows[order[begin + p]]; }
};

// `value` moved `offset` towards the start (PRECEDING) or the end of the
// ordering: for RANGE frames.
Value shift(const Value& value, const Value& offset, bool preceding, bool descending) {
  const bool subtract = preceding != descending;
  if (is_datetime(value.type())) return temporal_arith(subtract ? "-" : "+", value, offset, value.type());
  if (value.type() == TypeId::kNumeric || offset.type() == TypeId::kNumeric) {
    const Decimal a = value.type() == TypeId::kNumeric ? Decimal::parse(value.as_string())
                      : is_integer(value.type())       ? Decimal::from_int(value.as_int())
                                                       : Decimal::from_double(value.as_float(), 17);
    const Decimal b =
        offset.type() == TypeId::kNumeric ? Decimal::parse(offset.as_string()) : Decimal::from_int(offset.as_int());
    return Value::string(TypeId::kNumeric, (subtract ? a.sub(b) : a.add(b)).to_string());
  }
  const double a = is_integer(value.type()) ? static_cast<double>(value.as_int()) : value.as_float();
  const double b = is_integer(offset.type()) ? static_cast<double>(offset.as_int()) : offset.as_float();
  return Value::floating(TypeId::kFloat8, subtract ? a - b : a + b);
}

std::int64_t frame_offset(const BoundExpr& e, const Row& row, bool start) {
  Value v = evaluate(e, row);
  if (v.is_null()) {
    throw DbError(sqlstate::kNullValueNotAllowed,
                  std::string("frame ") + (start ? "starting" : "ending") + " offset must not be null");
  }
  if (v.as_int() < 0) {
    throw DbError(sqlstate::kInvalidPrecedingOrFollowingSize,
                  std::string("frame ") + (start ? "starting" : "ending") + " offset must not be negative");
  }
  return v.as_int();
}

// The frame of position `p` as [first, last) positions of the partition.
std::pair<std::ptrdiff_t, std::ptrdiff_t> frame_of(const WindowCall& call, const Partition& part,
                                                   const std::vector<std::vector<Value>>& keys, std::size_t p) {
  const auto size = static_cast<std::ptrdiff_t>(part.size);
  const auto pos = static_cast<std::ptrdiff_t>(p);
  auto bound = [&](const WindowBound& b, bool start) -> std::ptrdiff_t {
    switch (b.kind) {
      case BK::kUnboundedPreceding:
        return 0;
      case BK::kUnboundedFollowing:
        return size;
      case BK::kCurrentRow:
        if (call.unit == ast::WindowDef::Unit::kRows) return start ? pos : pos + 1;
        return static_cast<std::ptrdiff_t>(start ? part.peer_start[p] : part.peer_end[p]);
      case BK::kPreceding:
      case BK::kFollowing:
        break;
    }
    const bool preceding = b.kind == BK::kPreceding;
    if (call.unit == ast::WindowDef::Unit::kRows) {
      const std::int64_t n = frame_offset(*b.offset, part.row(p), start);
      const std::ptrdiff_t at = preceding ? pos - n : pos + n;
      return std::clamp<std::ptrdiff_t>(start ? at : at + 1, 0, size);
    }
    if (call.unit == ast::WindowDef::Unit::kGroups) {
      const auto n = static_cast<std::ptrdiff_t>(frame_offset(*b.offset, part.row(p), start));
      const auto groups = static_cast<std::ptrdiff_t>(part.group_start.size());
      const std::ptrdiff_t g = static_cast<std::ptrdiff_t>(part.group[p]) + (preceding ? -n : n);
      if (start) return g < 0 ? 0 : g >= groups ? size : static_cast<std::ptrdiff_t>(part.group_start[g]);
      if (g < 0) return 0;
      return g + 1 >= groups ? size : static_cast<std::ptrdiff_t>(part.group_start[g + 1]);
    }
    // RANGE with an offset: the rows whose ORDER BY value lies within it.
    frame_offset(*b.offset, part.row(p), start);  // checks NULL and negative
    const Value& current = keys[part.begin + p][0];
    const AggregateOrder& o = call.order[0];
    if (current.is_null()) return static_cast<std::ptrdiff_t>(start ? part.peer_start[p] : part.peer_end[p]);
    const Value limit = shift(current, evaluate(*b.offset, part.row(p)), preceding, o.descending);
    // In sort order, the first position past the limit (end) or at it (start).
    std::ptrdiff_t lo = 0, hi = size;
    while (lo < hi) {
      const std::ptrdiff_t mid = (lo + hi) / 2;
      const Value& v = keys[part.begin + static_cast<std::size_t>(mid)][0];
      bool before;
      if (v.is_null()) {
        before = o.nulls_first;
      } else {
        const int c = o.descending ? -compare_values(v, limit) : compare_values(v, limit);
        before = start ? c < 0 : c <= 0;
      }
      if (before) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  };
  std::ptrdiff_t first = bound(call.start, true);
  std::ptrdiff_t last = bound(call.end, false);
  return {first, std::max(first, last)};
}

bool excluded(const WindowCall& call, const Partition& part, std::size_t p, std::size_t j) {
  using E = ast::WindowDef::Exclude;
  switch (call.exclude) {
    case E::kNoOthers:
      return false;
    case E::kCurrentRow:
      return j == p;
    case E::kGroup:
      return part.group[j] == part.group[p];
    case E::kTies:
      return j != p && part.group[j] == part.group[p];
  }
  return false;
}

Value default_of(const WindowCall& call, const Row& row) {
  if (call.args.size() < 3) return Value::null(call.type.id);
  return evaluate(*call.args[2], row);
}

void compute_partition(const WindowCall& call, const Partition& part, const std::vector<std::vector<Value>>& keys,
                       std::vector<Value>& out, ExecContext& ctx) {
  const std::size_t n = part.size;
  const bool framed = call.kind == WK::kAggregate || call.kind == WK::kFirstValue || call.kind == WK::kLastValue ||
                      call.kind == WK::kNthValue;
  // An aggregate whose frame starts at the partition and excludes nothing
  // grows as the frame's end moves on: fold each row once.
  const bool running = call.kind == WK::kAggregate && call.start.kind == BK::kUnboundedPreceding &&
                       call.exclude == ast::WindowDef::Exclude::kNoOthers;
  Accumulator acc;
  std::ptrdiff_t folded = 0;
  for (std::size_t p = 0; p < n; ++p) {
    ctx.check_interrupts();
    const Row& row = part.row(p);
    Value& result = out[part.order[part.begin + p]];
    switch (call.kind) {
      case WK::kRowNumber:
        result = Value::integer(TypeId::kInt8, static_cast<std::int64_t>(p + 1));
        continue;
      case WK::kRank:
        result = Value::integer(TypeId::kInt8, static_cast<std::int64_t>(part.peer_start[p] + 1));
        continue;
      case WK::kDenseRank:
        result = Value::integer(TypeId::kInt8, static_cast<std::int64_t>(part.group[p] + 1));
        continue;
      case WK::kPercentRank:
        result = Value::floating(TypeId::kFloat8,
                                 n <= 1 ? 0.0 : static_cast<double>(part.peer_start[p]) / static_cast<double>(n - 1));
        continue;
      case WK::kCumeDist:
        result = Value::floating(TypeId::kFloat8, static_cast<double>(part.peer_end[p]) / static_cast<double>(n));
        continue;
      case WK::kNtile: {
        Value buckets = evaluate(*call.args[0], row);
        if (buckets.is_null()) {
          result = Value::null(TypeId::kInt4);
          continue;
        }
        const std::int64_t k = buckets.as_int();
        if (k <= 0) throw DbError(sqlstate::kInvalidArgumentForNtile, "argument of ntile must be greater than zero");
        // PostgreSQL's ntile: n / k rows per bucket, the first n % k buckets one more.
        const auto total = static_cast<std::int64_t>(n);
        const std::int64_t per = total / k, extra = total % k, pos = static_cast<std::int64_t>(p);
        const std::int64_t big = extra * (per + 1);
        const std::int64_t bucket = pos < big ? pos / (per + 1) : extra + (per == 0 ? 0 : (pos - big) / per);
        result = Value::integer(TypeId::kInt4, bucket + 1);
        continue;
      }
      case WK::kLag:
      case WK::kLead: {
        std::int64_t offset = 1;
        if (call.args.size() > 1) {
          Value o = evaluate(*call.args[1], row);
          if (o.is_null()) {
            result = Value::null(call.type.id);
            continue;
          }
          offset = o.as_int();
        }
        const std::int64_t target = static_cast<std::int64_t>(p) + (call.kind == WK::kLag ? -offset : offset);
        result = target >= 0 && target < static_cast<std::int64_t>(n)
                     ? evaluate(*call.args[0], part.row(static_cast<std::size_t>(target)))
                     : default_of(call, row);
        continue;
      }
      default:
        break;
    }
    if (!framed) continue;
    auto [first, last] = frame_of(call, part, keys, p);
    if (call.kind == WK::kAggregate) {
      if (running) {
        for (; folded < last; ++folded) acc.add(call.aggregate, part.row(static_cast<std::size_t>(folded)));
        result = acc.result(call.aggregate);
      } else {
        Accumulator frame;
        for (std::ptrdiff_t j = first; j < last; ++j) {
          if (!excluded(call, part, p, static_cast<std::size_t>(j))) {
            frame.add(call.aggregate, part.row(static_cast<std::size_t>(j)));
          }
        }
        result = frame.result(call.aggregate);
      }
      continue;
    }
    std::vector<std::size_t> in_frame;
    for (std::ptrdiff_t j = first; j < last; ++j) {
      if (!excluded(call, part, p, static_cast<std::size_t>(j))) in_frame.push_back(static_cast<std::size_t>(j));
    }
    std::int64_t nth = 1;
    if (call.kind == WK::kNthValue) {
      Value v = evaluate(*call.args[1], row);
      if (v.is_null()) {
        result = Value::null(call.type.id);
        continue;
      }
      nth = v.as_int();
      if (nth <= 0) {
        throw DbError(sqlstate::kInvalidArgumentForNthValue, "argument of nth_value must be greater than zero");
      }
    }
    std::optional<std::size_t> pick;
    if (call.kind == WK::kLastValue) {
      if (!in_frame.empty()) pick = in_frame.back();
    } else if (static_cast<std::size_t>(nth) <= in_frame.size()) {
      pick = in_frame[static_cast<std::size_t>(nth - 1)];
    }
    result = pick ? evaluate(*call.args[0], part.row(*pick)) : Value::null(call.type.id);
  }
}

}  // namespace

std::optional<WindowKind> window_kind(std::string_view name) {
  static const std::map<std::string_view, WK> kinds = {
      {"row_number", WK::kRowNumber},
      {"rank", WK::kRank},
      {"dense_rank", WK::kDenseRank},
      {"percent_rank", WK::kPercentRank},
      {"cume_dist", WK::kCumeDist},
      {"ntile", WK::kNtile},
      {"lag", WK::kLag},
      {"lead", WK::kLead},
      {"first_value", WK::kFirstValue},
      {"last_value", WK::kLastValue},
      {"nth_value", WK::kNthValue},
  };
  auto it = kinds.find(name);
  if (it == kinds.end()) return std::nullopt;
  return it->second;
}

void resolve_window_call(WindowCall& call, const std::string& name, int location) {
  auto& args = call.args;
  auto as_type = [&](std::size_t i, TypeId t) {
    if (args[i]->type.id == TypeId::kUnknown || is_integer(args[i]->type.id)) {
      args[i] = coerce(std::move(args[i]), {t, -1}, CastContext::kImplicit);
    }
    if (args[i]->type.id != t) no_overload(name, args, location);
  };
  switch (call.kind) {
    case WK::kRowNumber:
    case WK::kRank:
    case WK::kDenseRank:
      if (!args.empty()) no_overload(name, args, location);
      call.type = {TypeId::kInt8, -1};
      return;
    case WK::kPercentRank:
    case WK::kCumeDist:
      if (!args.empty()) no_overload(name, args, location);
      call.type = {TypeId::kFloat8, -1};
      return;
    case WK::kNtile:
      if (args.size() != 1) no_overload(name, args, location);
      as_type(0, TypeId::kInt4);
      call.type = {TypeId::kInt4, -1};
      return;
    case WK::kLag:
    case WK::kLead:
      if (args.empty() || args.size() > 3) no_overload(name, args, location);
      if (args[0]->type.id == TypeId::kUnknown) {
        args[0] = coerce(std::move(args[0]), {TypeId::kText, -1}, CastContext::kImplicit);
      }
      if (args.size() > 1) as_type(1, TypeId::kInt4);
      if (args.size() > 2) {
        const SqlType common = common_type({args[0]->type, args[2]->type}, name);
        args[0] = coerce(std::move(args[0]), common, CastContext::kImplicit);
        args[2] = coerce(std::move(args[2]), common, CastContext::kImplicit);
      }
      call.type = args[0]->type;
      return;
    case WK::kFirstValue:
    case WK::kLastValue:
    case WK::kNthValue:
      if (args.size() != (call.kind == WK::kNthValue ? 2U : 1U)) no_overload(name, args, location);
      if (args[0]->type.id == TypeId::kUnknown) {
        args[0] = coerce(std::move(args[0]), {TypeId::kText, -1}, CastContext::kImplicit);
      }
      if (call.kind == WK::kNthValue) as_type(1, TypeId::kInt4);
      call.type = args[0]->type;
      return;
    case WK::kAggregate:
      call.type = call.aggregate.type;
      return;
  }
}

void compute_windows(std::vector<Row>& rows, const std::vector<WindowCall>& calls, ExecContext& ctx) {
  std::vector<std::vector<Value>> results(calls.size(), std::vector<Value>(rows.size()));
  for (std::size_t c = 0; c < calls.size(); ++c) {
    const WindowCall& call = calls[c];
    // Rows sorted by partition, then by the window's ORDER BY (ties as they came).
    std::vector<std::string> partition_keys(rows.size());
    std::vector<std::vector<Value>> keys(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (const auto& e : call.partition) append_equality_key(partition_keys[r], evaluate(*e, rows[r]));
      for (const AggregateOrder& o : call.order) keys[r].push_back(evaluate(*o.expr, rows[r]));
    }
    std::vector<std::size_t> order(rows.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      if (partition_keys[a] != partition_keys[b]) return partition_keys[a] < partition_keys[b];
      return compare_sort_keys(keys[a], keys[b], call.order) < 0;
    });
    // The keys in sorted order, for RANGE frames' searches.
    std::vector<std::vector<Value>> sorted_keys(rows.size());
    for (std::size_t i = 0; i < order.size(); ++i) sorted_keys[i] = keys[order[i]];
    for (std::size_t begin = 0; begin < order.size();) {
      std::size_t end = begin + 1;
      while (end < order.size() && partition_keys[order[end]] == partition_keys[order[begin]]) ++end;
      Partition part{rows, order, begin, end - begin, {}, {}, {}, {}};
      part.peer_start.resize(part.size);
      part.peer_end.resize(part.size);
      part.group.resize(part.size);
      for (std::size_t p = 0; p < part.size;) {
        std::size_t q = p + 1;
        while (q < part.size && compare_sort_keys(sorted_keys[begin + p], sorted_keys[begin + q], call.order) == 0) ++q;
        for (std::size_t k = p; k < q; ++k) {
          part.peer_start[k] = p;
          part.peer_end[k] = q;
          part.group[k] = part.group_start.size();
        }
        part.group_start.push_back(p);
        p = q;
      }
      compute_partition(call, part, sorted_keys, results[c], ctx);
      begin = end;
    }
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < calls.size(); ++c) rows[r].push_back(std::move(results[c][r]));
  }
}

void resolve_window_refs(BoundExpr& e, int first_column) {
  if (e.kind == BoundExpr::Kind::kWindow) {
    e.kind = BoundExpr::Kind::kColumn;
    e.column += first_column;
  }
  for (auto& arg : e.args) resolve_window_refs(*arg, first_column);
}

}  // namespace heliosdb::engine

#include "engine/exec/evaluator.hpp"

#include <cmath>
#include <deque>
#include <limits>

#include "engine/common/db_error.hpp"
#include "engine/exec/array_eval.hpp"
#include "engine/exec/domain_checks.hpp"
#include "engine/exec/json_ops.hpp"
#include "engine/exec/sequence_ops.hpp"
#include "engine/exec/session_functions.hpp"
#include "engine/exec/sql_function_call.hpp"
#include "engine/exec/subquery.hpp"
#include "engine/exec/temporal_arith.hpp"
#include "engine/types/decimal.hpp"
#include "engine/types/record.hpp"
#include "engine/types/temporal.hpp"

namespace heliosdb::engine {

namespace {

[[noreturn]] void int_out_of_range(TypeId type) {
  throw DbError(sqlstate::kNumericValueOutOfRange, type_display_name({type, -1}) + " out of range");
}

std::int64_t check_int_range(std::int64_t v, TypeId type) {
  if (type == TypeId::kInt2 && (v < INT16_MIN || v > INT16_MAX)) int_out_of_range(type);
  if (type == TypeId::kInt4 && (v < INT32_MIN || v > INT32_MAX)) int_out_of_range(type);
  return v;
}

// << and >>: as C shifts an operand of the type's width, which on the
// machines PostgreSQL runs on keeps the count's low bits.
std::int64_t int_shift(bool left, std::int64_t a, std::int64_t count, TypeId type) {
  const int bits = type == TypeId::kInt8 ? 64 : 32;
  const auto n = static_cast<unsigned>(count) & static_cast<unsigned>(bits - 1);
  std::int64_t r = 0;
  if (bits == 64) {
    r = left ? static_cast<std::int64_t>(static_cast<std::uint64_t>(a) << n) : a >> n;
  } else {
    const auto x = static_cast<std::int32_t>(a);
    r = left ? static_cast<std::int32_t>(static_cast<std::uint32_t>(x) << n) : x >> n;
  }
  return type == TypeId::kInt2 ? static_cast<std::int16_t>(r) : r;
}

Value int_arith(const std::string& op, std::int64_t a, std::int64_t b, TypeId type) {
  std::int64_t r = 0;
  if (op == "&" || op == "|" || op == "#") {
    r = op == "&" ? (a & b) : op == "|" ? (a | b) : (a ^ b);
    return Value::integer(type, r);
  }
  if (op == "<<" || op == ">>") return Value::integer(type, int_shift(op == "<<", a, b, type));
  if (op == "+") {
    if (__builtin_add_overflow(a, b, &r)) int_out_of_range(type);
  } else if (op == "-") {
    if (__builtin_sub_overflow(a, b, &r)) int_out_of_range(type);
  } else if (op == "*") {
    if (__builtin_mul_overflow(a, b, &r)) int_out_of_range(type);
  } else {
    if (b == 0) throw DbError(sqlstate::kDivisionByZero, "division by zero");
    if (op == "/") {
      if (a == std::numeric_limits<std::int64_t>::min() && b == -1) int_out_of_range(type);
      r = a / b;  // truncates toward zero, as PostgreSQL
    } else {
      r = b == -1 ? 0 : a % b;  // sign follows the dividend
    }
  }
  return Value::integer(type, check_int_range(r, type));
}

Value float_arith(const std::string& op, double a, double b, TypeId type) {
  double r = 0;
  if (op == "+") {
    r = a + b;
  } else if (op == "-") {
    r = a - b;
  } else if (op == "*") {
    r = a * b;
  } else if (op == "/") {
    if (b == 0) throw DbError(sqlstate::kDivisionByZero, "division by zero");
    r = a / b;
  } else {
    throw DbError(sqlstate::kUndefinedFunction, "operator does not exist: double precision % double precision");
  }
  if (type == TypeId::kFloat4) r = static_cast<double>(static_cast<float>(r));
  // PostgreSQL reports overflow and underflow rather than producing inf or 0.
  if (std::isinf(r) && std::isfinite(a) && std::isfinite(b)) {
    throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  }
  if (r == 0 && a != 0 && b != 0 && (op == "*" || op == "/")) {
    throw DbError(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
  }
  return Value::floating(type, r);
}

// By characters: this runs for every row a comparison filters.
bool compare_result(const std::string& op, int c) {
  const bool or_equal = op.size() > 1 && op[1] == '=';
  switch (op[0]) {
    case '=':
      return c == 0;
    case '<':
      if (op.size() > 1 && op[1] == '>') return c != 0;
      return or_equal ? c <= 0 : c < 0;
    default:
      return or_equal ? c >= 0 : c > 0;
  }
}

// PostgreSQL's LIKE: % any run, _ one character, the escape character quotes
// the next one. Works on bytes except that _ consumes a whole UTF-8 character.
bool like_match(std::string_view s, std::string_view p, char escape, bool ci) {
  auto fold = [ci](char c) { return ci ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c; };
  auto char_len = [](std::string_view t, std::size_t i) {
    std::size_t n = 1;
    while (i + n < t.size() && (static_cast<unsigned char>(t[i + n]) & 0xC0) == 0x80) ++n;
    return n;
  };
  std::size_t si = 0, pi = 0, star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size() && p[pi] == '%') {
      star_p = ++pi;
      star_s = si;
      continue;
    }
    if (pi < p.size()) {
      if (p[pi] == '_') {
        si += char_len(s, si);
        ++pi;
        continue;
      }
      char pc = p[pi];
      std::size_t step = 1;
      if (escape != '\0' && pc == escape) {
        if (pi + 1 >= p.size()) {
          throw DbError(sqlstate::kInvalidEscapeSequence, "LIKE pattern must not end with escape character");
        }
        pc = p[pi + 1];
        step = 2;
      }
      if (fold(pc) == fold(s[si])) {
        ++si;
        pi += step;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    pi = star_p;
    si = star_s += char_len(s, star_s);
  }
  while (pi < p.size() && p[pi] == '%') ++pi;
  return pi == p.size();
}

Value numeric_arith(const std::string& op, const Value& a, const Value& b) {
  Decimal x = to_decimal(a), y = to_decimal(b);
  Decimal r = op == "+" ? x.add(y) : op == "-" ? x.sub(y) : op == "*" ? x.mul(y) : op == "/" ? x.div(y) : x.mod(y);
  return Value::string(TypeId::kNumeric, r.to_string());
}

Value eval_arith(const BoundExpr& e, const Row& row) {
  Value a = evaluate(*e.args[0], row);
  Value b = evaluate(*e.args[1], row);
  if (a.is_null() || b.is_null()) return Value::null(e.type.id);
  const TypeId ta = a.type(), tb = b.type();
  if (is_datetime(ta) || is_datetime(tb) || ta == TypeId::kTime || tb == TypeId::kTime || ta == TypeId::kInterval ||
      tb == TypeId::kInterval) {
    return temporal_arith(e.op, a, b, e.type.id);
  }
  if (is_integer(e.type.id)) return int_arith(e.op, a.as_int(), b.as_int(), e.type.id);
  if (e.type.id == TypeId::kNumeric) return numeric_arith(e.op, a, b);
  return float_arith(e.op, a.to_double(), b.to_double(), e.type.id);
}

}  // namespace

Value evaluate(const BoundExpr& e, const Row& row) {
  using K = BoundExpr::Kind;
  switch (e.kind) {
    case K::kConstant:
      return e.constant;
    case K::kColumn:
      return row[static_cast<std::size_t>(e.column)];
    case K::kCast:
      return cast_value(evaluate(*e.args[0], row), e.type, e.cast_context);
    case K::kArith:
      return eval_arith(e, row);
    case K::kNegate: {
      Value v = evaluate(*e.args[0], row);
      if (v.is_null()) return v;
      if (is_float(v.type())) return Value::floating(v.type(), -v.as_float());
      if (v.type() == TypeId::kNumeric) return Value::string(v.type(), Decimal::parse(v.as_string()).neg().to_string());
      if (v.type() == TypeId::kInterval) return interval_value(temporal::interval_negate(as_interval(v)));
      if (v.as_int() == std::numeric_limits<std::int64_t>::min()) int_out_of_range(v.type());
      return Value::integer(v.type(), check_int_range(-v.as_int(), v.type()));
    }
    case K::kCompare: {
      Value sa, sb;
      const Value& a = evaluate_ref(*e.args[0], row, sa);
      const Value& b = evaluate_ref(*e.args[1], row, sb);
      if (a.is_null() || b.is_null()) return Value::null(TypeId::kBool);
      return Value::boolean(compare_result(e.op, compare_values(a, b)));
    }
    case K::kAnd:
    case K::kOr: {
      // Three-valued: false wins an AND, true wins an OR, else NULL if any was.
      bool saw_null = false;
      const bool decisive = e.kind == K::kOr;
      for (const auto& arg : e.args) {
        Value v = evaluate(*arg, row);
        if (v.is_null()) {
          saw_null = true;
        } else if (v.as_bool() == decisive) {
          return Value::boolean(decisive);
        }
      }
      return saw_null ? Value::null(TypeId::kBool) : Value::boolean(!decisive);
    }
    case K::kNot: {
      Value v = evaluate(*e.args[0], row);
      return v.is_null() ? v : Value::boolean(!v.as_bool());
    }
    case K::kIsNull: {
      Value v = evaluate(*e.args[0], row);
      // A record IS NULL when every field is, IS NOT NULL when none is.
      if (!e.op.empty() && !v.is_null()) return Value::boolean(record_null_test(v, e.negated));
      return Value::boolean(v.is_null() != e.negated);
    }
    case K::kBoolTest: {
      Value v = evaluate(*e.args[0], row);
      bool result = e.op == "unknown" ? v.is_null() : (!v.is_null() && v.as_bool() == (e.op == "true"));
      return Value::boolean(result != e.negated);
    }
    case K::kDistinct: {
      Value a = evaluate(*e.args[0], row);
      Value b = evaluate(*e.args[1], row);
      bool distinct = a.is_null() || b.is_null() ? a.is_null() != b.is_null() : compare_values(a, b) != 0;
      return Value::boolean(distinct != e.negated);
    }
    case K::kLike: {
      Value s = evaluate(*e.args[0], row);
      Value p = evaluate(*e.args[1], row);
      char escape = '\\';
      if (e.args.size() > 2) {
        Value esc = evaluate(*e.args[2], row);
        if (esc.is_null()) return Value::null(TypeId::kBool);
        if (esc.as_string().size() > 1) {
          throw DbError(sqlstate::kInvalidEscapeSequence, "invalid escape string")
              .with_hint("Escape string must be empty or one character.");
        }
        escape = esc.as_string().empty() ? '\0' : esc.as_string()[0];
      }
      if (s.is_null() || p.is_null()) return Value::null(TypeId::kBool);
      return Value::boolean(like_match(s.as_string(), p.as_string(), escape, e.case_insensitive) != e.negated);
    }
    case K::kConcat: {
      Value a = evaluate(*e.args[0], row);
      Value b = evaluate(*e.args[1], row);
      if (a.is_null() || b.is_null()) return Value::null(TypeId::kText);
      return Value::string(TypeId::kText, a.as_string() + b.as_string());
    }
    case K::kInList: {
      // x IN (a, b) is x = a OR x = b, with the same NULL rules.
      Value x = evaluate(*e.args[0], row);
      if (x.is_null()) return Value::null(TypeId::kBool);
      bool saw_null = false;
      for (std::size_t i = 1; i < e.args.size(); ++i) {
        Value v = evaluate(*e.args[i], row);
        if (v.is_null()) {
          saw_null = true;
        } else if (compare_values(x, v) == 0) {
          return Value::boolean(!e.negated);
        }
      }
      return saw_null ? Value::null(TypeId::kBool) : Value::boolean(e.negated);
    }
    case K::kCase: {
      std::size_t i = 0;
      Value operand;
      if (e.has_operand) operand = evaluate(*e.args[i++], row);
      std::size_t pairs_end = e.args.size() - (e.has_else ? 1 : 0);
      for (; i < pairs_end; i += 2) {
        Value when = evaluate(*e.args[i], row);
        bool hit = e.has_operand ? (!operand.is_null() && !when.is_null() && compare_values(operand, when) == 0)
                                 : (!when.is_null() && when.as_bool());
        if (hit) return evaluate(*e.args[i + 1], row);
      }
      return e.has_else ? evaluate(*e.args.back(), row) : Value::null(e.type.id);
    }
    case K::kCoalesce:
      for (const auto& arg : e.args) {
        Value v = evaluate(*arg, row);
        if (!v.is_null()) return v;
      }
      return Value::null(e.type.id);
    case K::kJsonOp: {
      Value a = evaluate(*e.args[0], row);
      Value b = evaluate(*e.args[1], row);
      if (a.is_null() || b.is_null()) return Value::null(e.type.id);
      return json_operator(e.op, a, b, e.type.id);
    }
    case K::kMinMax: {
      Value best = Value::null(e.type.id);
      const bool greatest = e.op == "greatest";
      for (const auto& arg : e.args) {
        Value v = evaluate(*arg, row);
        if (v.is_null()) continue;
        if (best.is_null() || (greatest ? compare_values(v, best) > 0 : compare_values(v, best) < 0)) best = v;
      }
      return best;
    }
    case K::kNullIf: {
      Value a = evaluate(*e.args[0], row);
      Value b = evaluate(*e.args[1], row);
      if (!a.is_null() && !b.is_null() && compare_values(a, b) == 0) return Value::null(e.type.id);
      return a;
    }
    case K::kFunction: {
      // Argument vectors are kept per nesting depth and reused, so a call per
      // row (a distance over wide vectors) copies into storage it already has.
      // A deque: a nested call growing it leaves this level's vector in place.
      thread_local std::deque<std::vector<Value>> scratch;
      thread_local std::size_t depth = 0;
      if (scratch.size() <= depth) scratch.resize(depth + 1);
      std::vector<Value>& args = scratch[depth];
      args.resize(e.args.size());
      struct Nest {
        std::size_t& d;
        explicit Nest(std::size_t& level) : d(level) { ++d; }
        ~Nest() { --d; }
      } nest(depth);
      Value computed;
      for (std::size_t i = 0; i < e.args.size(); ++i) {
        const Value& v = evaluate_ref(*e.args[i], row, computed);
        if (&v == &computed) {
          args[i] = std::move(computed);
        } else {
          args[i] = v;  // a column or constant: copied into the buffer args[i] has
        }
        if (e.function->strict && args[i].is_null()) return Value::null(e.type.id);
      }
      return e.function->impl(args);
    }
    case K::kSubquery:
      return evaluate_subquery(e, row);
    case K::kSequence:
      return evaluate_sequence_function(e, row);
    case K::kSessionCall:
      return evaluate_session_function(e, row);
    case K::kArray:
      return evaluate_array_build(e, row);
    case K::kSubscript:
      return evaluate_subscript(e, row);
    case K::kArrayCompare:
      return evaluate_array_compare(e, row);
    case K::kDomainCheck: {
      Value v = evaluate(*e.args[0], row);
      DomainChecks::check(*e.ctx, static_cast<std::uint32_t>(e.param), v);
      return v;
    }
    case K::kSqlFunction:
      return evaluate_sql_function(e, row);
    case K::kRow: {
      std::vector<Value> fields;
      fields.reserve(e.args.size());
      bool all_null = true;
      for (const auto& arg : e.args) {
        fields.push_back(evaluate(*arg, row));
        all_null = all_null && fields.back().is_null();
      }
      if (e.negated && all_null) return Value::null(TypeId::kRecord);
      return make_record(fields, e.type.typmod);
    }
    case K::kRowCompare:
      // The first pair of fields that differs decides; a NULL met before
      // that leaves it unknown (PostgreSQL's row comparison).
      for (const auto& pair : e.args) {
        Value sa, sb;
        const Value& a = evaluate_ref(*pair->args[0], row, sa);
        const Value& b = evaluate_ref(*pair->args[1], row, sb);
        if (a.is_null() || b.is_null()) return Value::null(TypeId::kBool);
        if (const int c = compare_values(a, b); c != 0) return Value::boolean(compare_result(e.op, c));
      }
      return Value::boolean(compare_result(e.op, 0));
    case K::kWindow:
      throw DbError(sqlstate::kInternalError, "window function result read before it was computed");
    case K::kSetFunction:
      throw DbError(sqlstate::kInternalError, "set-returning function result read before it was computed");
  }
  return Value::null();
}

const Value& evaluate_ref(const BoundExpr& expr, const Row& row, Value& scratch) {
  if (expr.kind == BoundExpr::Kind::kColumn) return row[static_cast<std::size_t>(expr.column)];
  if (expr.kind == BoundExpr::Kind::kConstant) return expr.constant;
  scratch = evaluate(expr, row);
  return scratch;
}

bool evaluate_condition(const BoundExpr& expr, const Row& row) {
  if (expr.kind == BoundExpr::Kind::kAnd) {
    // Short of building booleans: an AND holds when each term does.
    for (const auto& arg : expr.args) {
      if (!evaluate_condition(*arg, row)) return false;
    }
    return true;
  }
  Value v = evaluate(expr, row);
  return !v.is_null() && v.as_bool();
}

}  // namespace heliosdb::engine

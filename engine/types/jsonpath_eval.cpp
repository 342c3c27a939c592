// Running a parsed jsonpath over a jsonb document, following PostgreSQL
// 15's executor (docs section 9.16.2.1): lax mode unwraps arrays and skips
// structural mismatches, strict mode reports them; predicates are
// three-valued and turn errors inside them into unknown.
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>

#include "engine/common/db_error.hpp"
#include "engine/types/decimal.hpp"
#include "engine/types/jsonpath.hpp"

namespace heliosdb::engine {

namespace {

using Node = JsonPathNode;
using Kind = JsonValue::Kind;
using Items = std::vector<JsonValue>;

// An error the silent argument of jsonb_path_* suppresses (PostgreSQL's
// RETURN_ERROR); every other DbError always propagates.
struct SilenceableError {
  DbError error;
};

[[noreturn]] void fail(SqlState state, std::string message) {
  throw SilenceableError{DbError(state, std::move(message))};
}

enum class Truth : std::uint8_t { kFalse, kTrue, kUnknown };

JsonValue number(const Decimal& d) { return JsonValue::number(d.to_string()); }

class JsonPathEvaluator {
 public:
  JsonPathEvaluator(const JsonValue& root, const JsonValue* vars, bool strict)
      : root_(root), vars_(vars), strict_(strict) {}

  Items run(const Node& expr) {
    if (!expr.is_predicate()) return eval(expr, root_);
    Truth t = test(expr, root_);
    return {t == Truth::kUnknown ? JsonValue::null() : JsonValue::boolean(t == Truth::kTrue)};
  }

 private:
  // Lax mode reads an array where one item is expected as its elements.
  Items unwrapped(const Items& items) const {
    if (strict_) return items;
    Items out;
    for (const JsonValue& item : items) {
      if (item.kind() == Kind::kArray) {
        out.insert(out.end(), item.items().begin(), item.items().end());
      } else {
        out.push_back(item);
      }
    }
    return out;
  }

  Items eval(const Node& n, const JsonValue& current) {
    switch (n.kind) {
      case Node::Kind::kRoot:
        return {root_};
      case Node::Kind::kCurrent:
        return {current};
      case Node::Kind::kVariable:
        return {variable(n.name)};
      case Node::Kind::kLast:
        return {JsonValue::number(std::to_string(last_))};
      case Node::Kind::kLiteral:
        return {n.literal};
      case Node::Kind::kKey:
        return key(n, eval(*n.args[0], current));
      case Node::Kind::kAnyKey:
        return any_key(eval(*n.args[0], current));
      case Node::Kind::kAnyIndex:
        return any_index(eval(*n.args[0], current));
      case Node::Kind::kSubscripts:
        return subscripts(n, eval(*n.args[0], current), current);
      case Node::Kind::kFilter: {
        Items out;
        for (const JsonValue& item : unwrapped(eval(*n.args[0], current))) {
          if (test(*n.args[1], item) == Truth::kTrue) out.push_back(item);
        }
        return out;
      }
      case Node::Kind::kMethod:
        return method(n, eval(*n.args[0], current));
      case Node::Kind::kArithmetic:
        return {arithmetic(n, current)};
      case Node::Kind::kUnary:
        return unary(n, current);
      case Node::Kind::kCompare:
      case Node::Kind::kAnd:
      case Node::Kind::kOr:
      case Node::Kind::kNot:
      case Node::Kind::kExists:
      case Node::Kind::kIsUnknown:
      case Node::Kind::kStartsWith: {
        Truth t = test(n, current);
        return {t == Truth::kUnknown ? JsonValue::null() : JsonValue::boolean(t == Truth::kTrue)};
      }
    }
    return {};
  }

  JsonValue variable(const std::string& name) const {
    const JsonValue* v = vars_ != nullptr ? vars_->member(name) : nullptr;
    if (v == nullptr) throw DbError(sqlstate::kUndefinedObject, "could not find jsonpath variable \"" + name + "\"");
    return *v;
  }

  Items key(const Node& n, const Items& base) const {
    Items out;
    for (const JsonValue& item : unwrapped(base)) {
      if (item.kind() != Kind::kObject) {
        if (strict_)
          fail(sqlstate::kSqlJsonMemberNotFound, "jsonpath member accessor can only be applied to an object");
        continue;
      }
      if (const JsonValue* v = item.member(n.name)) {
        out.push_back(*v);
      } else if (strict_) {
        fail(sqlstate::kSqlJsonMemberNotFound, "JSON object does not contain key \"" + n.name + "\"");
      }
    }
    return out;
  }

  Items any_key(const Items& base) const {
    Items out;
    for (const JsonValue& item : unwrapped(base)) {
      if (item.kind() != Kind::kObject) {
        if (strict_) {
          fail(sqlstate::kSqlJsonObjectNotFound, "jsonpath wildcard member accessor can only be applied to an object");
        }
        continue;
      }
      for (const auto& member : item.members()) out.push_back(member.second);
    }
    return out;
  }

  Items any_index(const Items& base) const {
    Items out;
    for (const JsonValue& item : base) {
      if (item.kind() == Kind::kArray) {
        out.insert(out.end(), item.items().begin(), item.items().end());
      } else if (strict_) {
        fail(sqlstate::kSqlJsonArrayNotFound, "jsonpath wildcard array accessor can only be applied to an array");
      } else {
        out.push_back(item);
      }
    }
    return out;
  }

  long long index_value(const Node& e, const JsonValue& current) {
    Items v = eval(e, current);
    if (v.size() != 1 || v[0].kind() != Kind::kNumber) {
      fail(sqlstate::kInvalidSqlJsonSubscript, "jsonpath array subscript is not a single numeric value");
    }
    Decimal d = Decimal::parse(v[0].text()).trunc(0);
    if (d.compare(Decimal::from_int(INT_MAX)) > 0 || d.compare(Decimal::from_int(INT_MIN)) < 0) {
      fail(sqlstate::kInvalidSqlJsonSubscript, "jsonpath array subscript is out of integer range");
    }
    return d.to_int64();
  }

  Items subscripts(const Node& n, const Items& base, const JsonValue& current) {
    Items out;
    for (const JsonValue& item : base) {
      if (item.kind() != Kind::kArray && strict_) {
        fail(sqlstate::kSqlJsonArrayNotFound, "jsonpath array accessor can only be applied to an array");
      }
      // Lax mode reads a non-array as an array of itself.
      const Items single{item};
      const Items& elements = item.kind() == Kind::kArray ? item.items() : single;
      const auto size = static_cast<long long>(elements.size());
      const long long outer_last = last_;
      last_ = size - 1;
      for (std::size_t i = 1; i + 1 < n.args.size(); i += 2) {
        long long from = index_value(*n.args[i], current);
        long long to = n.args[i + 1] ? index_value(*n.args[i + 1], current) : from;
        if (strict_ && (from < 0 || from > to || to >= size)) {
          fail(sqlstate::kInvalidSqlJsonSubscript, "jsonpath array subscript is out of bounds");
        }
        from = std::max(from, 0LL);
        to = std::min(to, size - 1);
        for (long long k = from; k <= to; ++k) out.push_back(elements[static_cast<std::size_t>(k)]);
      }
      last_ = outer_last;
    }
    return out;
  }

  Items method(const Node& n, const Items& base) const {
    Items out;
    if (n.name == "type") {
      for (const JsonValue& item : base) out.push_back(JsonValue::string(item.type_name()));
      return out;
    }
    if (n.name == "size") {
      for (const JsonValue& item : base) {
        if (item.kind() == Kind::kArray) {
          out.push_back(JsonValue::number(std::to_string(item.items().size())));
        } else if (strict_) {
          fail(sqlstate::kSqlJsonArrayNotFound, "jsonpath item method .size() can only be applied to an array");
        } else {
          out.push_back(JsonValue::number("1"));
        }
      }
      return out;
    }
    for (const JsonValue& item : unwrapped(base)) out.push_back(numeric_method(n.name, item));
    return out;
  }

  static JsonValue numeric_method(const std::string& name, const JsonValue& item) {
    if (name == "double") return double_method(item);
    if (item.kind() != Kind::kNumber) {
      fail(sqlstate::kNonNumericSqlJsonItem,
           "jsonpath item method ." + name + "() can only be applied to a numeric value");
    }
    const Decimal d = Decimal::parse(item.text());
    if (name == "abs") return number(d.abs());
    if (name == "floor") return number(d.floor());
    return number(d.ceil());
  }

  static JsonValue double_method(const JsonValue& item) {
    double v = 0;
    if (item.kind() == Kind::kNumber) {
      v = Decimal::parse(item.text()).to_double();
    } else if (item.kind() == Kind::kString) {
      const char* begin = item.text().c_str();
      char* end = nullptr;
      errno = 0;
      v = std::strtod(begin, &end);
      if (end == begin || *end != '\0' || errno == ERANGE) {
        fail(sqlstate::kNonNumericSqlJsonItem,
             "string argument of jsonpath item method .double() is not a valid representation of a double precision "
             "number");
      }
    } else {
      fail(sqlstate::kNonNumericSqlJsonItem,
           "jsonpath item method .double() can only be applied to a string or numeric value");
    }
    if (!std::isfinite(v)) {
      fail(sqlstate::kNonNumericSqlJsonItem, "NaN or Infinity is not allowed for jsonpath item method .double()");
    }
    return number(Decimal::from_double(v));
  }

  JsonValue arithmetic(const Node& n, const JsonValue& current) {
    auto operand = [&](const Node& e, const char* side) {
      Items v = unwrapped(eval(e, current));
      if (v.size() != 1 || v[0].kind() != Kind::kNumber) {
        fail(sqlstate::kSingletonSqlJsonItemRequired,
             std::string(side) + " operand of jsonpath operator " + n.name + " is not a single numeric value");
      }
      return Decimal::parse(v[0].text());
    };
    const Decimal a = operand(*n.args[0], "left");
    const Decimal b = operand(*n.args[1], "right");
    if (n.name == "+") return number(a.add(b));
    if (n.name == "-") return number(a.sub(b));
    if (n.name == "*") return number(a.mul(b));
    if (b.is_zero()) fail(sqlstate::kDivisionByZero, "division by zero");
    return number(n.name == "/" ? a.div(b) : a.mod(b));
  }

  Items unary(const Node& n, const JsonValue& current) {
    Items out;
    for (const JsonValue& item : unwrapped(eval(*n.args[0], current))) {
      if (item.kind() != Kind::kNumber) {
        fail(sqlstate::kSqlJsonNumberNotFound,
             "operand of unary jsonpath operator " + n.name + " is not a numeric value");
      }
      out.push_back(n.name == "-" ? number(Decimal::parse(item.text()).neg()) : item);
    }
    return out;
  }

  // The items of a predicate's operand; an error makes the predicate unknown.
  std::optional<Items> operand(const Node& e, const JsonValue& current) {
    try {
      return unwrapped(eval(e, current));
    } catch (const SilenceableError&) {
      return std::nullopt;
    }
  }

  static Truth compare(const std::string& op, const JsonValue& a, const JsonValue& b) {
    if (a.kind() != b.kind()) {
      if (a.kind() == Kind::kNull || b.kind() == Kind::kNull) return op == "!=" ? Truth::kTrue : Truth::kFalse;
      return Truth::kUnknown;
    }
    int c = 0;
    switch (a.kind()) {
      case Kind::kNull:
        break;
      case Kind::kBool:
        c = static_cast<int>(a.as_bool()) - static_cast<int>(b.as_bool());
        break;
      case Kind::kNumber:
        c = Decimal::parse(a.text()).compare(Decimal::parse(b.text()));
        break;
      case Kind::kString:
        c = a.text().compare(b.text());
        break;
      case Kind::kArray:
      case Kind::kObject:
        return Truth::kUnknown;
    }
    const bool r = op == "=="   ? c == 0
                   : op == "!=" ? c != 0
                   : op == "<"  ? c < 0
                   : op == "<=" ? c <= 0
                   : op == ">"  ? c > 0
                                : c >= 0;
    return r ? Truth::kTrue : Truth::kFalse;
  }

  static Truth starts_with(const JsonValue& a, const JsonValue& prefix) {
    if (a.kind() != Kind::kString || prefix.kind() != Kind::kString) return Truth::kUnknown;
    return a.text().starts_with(prefix.text()) ? Truth::kTrue : Truth::kFalse;
  }

  // Every pair of items from the two sides: lax mode stops at the first
  // true, strict mode at the first unknown.
  Truth pairs(const Node& n, const JsonValue& current) {
    std::optional<Items> left = operand(*n.args[0], current);
    std::optional<Items> right = operand(*n.args[1], current);
    if (!left || !right) return Truth::kUnknown;
    bool found = false, error = false;
    for (const JsonValue& a : *left) {
      for (const JsonValue& b : *right) {
        Truth t = n.kind == Node::Kind::kStartsWith ? starts_with(a, b) : compare(n.name, a, b);
        if (t == Truth::kUnknown) {
          if (strict_) return Truth::kUnknown;
          error = true;
        } else if (t == Truth::kTrue) {
          if (!strict_) return Truth::kTrue;
          found = true;
        }
      }
    }
    return found ? Truth::kTrue : error ? Truth::kUnknown : Truth::kFalse;
  }

  Truth test(const Node& n, const JsonValue& current) {
    switch (n.kind) {
      case Node::Kind::kCompare:
      case Node::Kind::kStartsWith:
        return pairs(n, current);
      case Node::Kind::kAnd: {
        Truth a = test(*n.args[0], current);
        if (a == Truth::kFalse) return a;
        Truth b = test(*n.args[1], current);
        return a == Truth::kTrue || b == Truth::kFalse ? b : Truth::kUnknown;
      }
      case Node::Kind::kOr: {
        Truth a = test(*n.args[0], current);
        if (a == Truth::kTrue) return a;
        Truth b = test(*n.args[1], current);
        return a == Truth::kFalse || b == Truth::kTrue ? b : Truth::kUnknown;
      }
      case Node::Kind::kNot: {
        Truth a = test(*n.args[0], current);
        return a == Truth::kUnknown ? a : a == Truth::kTrue ? Truth::kFalse : Truth::kTrue;
      }
      case Node::Kind::kIsUnknown:
        return test(*n.args[0], current) == Truth::kUnknown ? Truth::kTrue : Truth::kFalse;
      case Node::Kind::kExists: {
        std::optional<Items> items = operand(*n.args[0], current);
        if (!items) return Truth::kUnknown;
        return items->empty() ? Truth::kFalse : Truth::kTrue;
      }
      case Node::Kind::kRoot:
      case Node::Kind::kCurrent:
      case Node::Kind::kVariable:
      case Node::Kind::kLast:
      case Node::Kind::kLiteral:
      case Node::Kind::kKey:
      case Node::Kind::kAnyKey:
      case Node::Kind::kSubscripts:
      case Node::Kind::kAnyIndex:
      case Node::Kind::kFilter:
      case Node::Kind::kMethod:
      case Node::Kind::kArithmetic:
      case Node::Kind::kUnary:
        break;
    }
    return Truth::kUnknown;  // the parser allows no other node where a predicate goes
  }

  const JsonValue& root_;
  const JsonValue* vars_;
  bool strict_;
  long long last_ = -1;
};

}  // namespace

std::optional<std::vector<JsonValue>> jsonpath_query(const JsonValue& doc, const JsonPathProgram& path,
                                                     const JsonValue* vars, bool silent) {
  if (vars != nullptr && vars->kind() != Kind::kObject) {
    throw DbError(sqlstate::kInvalidParameterValue, "\"vars\" argument is not an object")
        .with_detail("Jsonpath parameters should be encoded as key-value pairs of \"vars\" object.");
  }
  try {
    return JsonPathEvaluator(doc, vars, path.strict).run(*path.expr);
  } catch (SilenceableError& e) {
    if (silent) return std::nullopt;
    throw std::move(e.error);
  }
}

std::optional<bool> jsonpath_exists(const JsonValue& doc, const JsonPathProgram& path, const JsonValue* vars,
                                    bool silent) {
  std::optional<std::vector<JsonValue>> items = jsonpath_query(doc, path, vars, silent);
  if (!items) return std::nullopt;
  return !items->empty();
}

std::optional<bool> jsonpath_match(const JsonValue& doc, const JsonPathProgram& path, const JsonValue* vars,
                                   bool silent) {
  std::optional<std::vector<JsonValue>> items = jsonpath_query(doc, path, vars, silent);
  if (!items) return std::nullopt;
  if (items->size() == 1) {
    const JsonValue& v = (*items)[0];
    if (v.kind() == Kind::kBool) return v.as_bool();
    if (v.kind() == Kind::kNull) return std::nullopt;
  }
  if (silent) return std::nullopt;
  throw DbError(sqlstate::kSingletonSqlJsonItemRequired, "single boolean result is expected");
}

}  // namespace heliosdb::engine

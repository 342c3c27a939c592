#include "engine/plan/expr_text.hpp"

#include "engine/exec/subquery.hpp"

namespace heliosdb::engine {

namespace {

using K = BoundExpr::Kind;

std::string sql_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string constant_text(const Value& v) {
  if (v.is_null()) return "NULL::" + type_display_name({v.type(), -1});
  std::string text = format_value(v);
  switch (v.type()) {
    case TypeId::kInt4:
      return v.as_int() >= 0 ? text : sql_quoted(text) + "::integer";
    case TypeId::kBool:
      return v.as_bool() ? "true" : "false";
    default:
      return sql_quoted(text) + "::" + type_display_name({v.type(), -1});
  }
}

std::string list(const std::vector<BoundExprPtr>& args, std::size_t from, const std::vector<ScopeColumn>& scope,
                 bool qualify, const char* separator) {
  std::string out;
  for (std::size_t i = from; i < args.size(); ++i) {
    out += (i > from ? separator : "") + expr_text(*args[i], scope, qualify);
  }
  return out;
}

}  // namespace

std::string expr_text(const BoundExpr& e, const std::vector<ScopeColumn>& scope, bool qualify) {
  auto arg = [&](std::size_t i) { return expr_text(*e.args[i], scope, qualify); };
  switch (e.kind) {
    case K::kConstant:
      return constant_text(e.constant);
    case K::kColumn: {
      const ScopeColumn& c = scope[static_cast<std::size_t>(e.column)];
      return qualify && !c.qualifier.empty() ? c.qualifier + "." + c.name : c.name;
    }
    case K::kCast:
      return "(" + arg(0) + ")::" + type_display_name(e.type);
    case K::kArith:
    case K::kCompare:
      return "(" + arg(0) + " " + e.op + " " + arg(1) + ")";
    case K::kConcat:
      return "(" + arg(0) + " || " + arg(1) + ")";
    case K::kNegate:
      return "(- " + arg(0) + ")";
    case K::kAnd:
      return "(" + list(e.args, 0, scope, qualify, " AND ") + ")";
    case K::kOr:
      return "(" + list(e.args, 0, scope, qualify, " OR ") + ")";
    case K::kNot:
      return "(NOT " + arg(0) + ")";
    case K::kIsNull:
      return "(" + arg(0) + (e.negated ? " IS NOT NULL)" : " IS NULL)");
    case K::kBoolTest:
      return "(" + arg(0) + (e.negated ? " IS NOT " : " IS ") + e.op + ")";
    case K::kDistinct:
      return "(" + arg(0) + (e.negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ") + arg(1) + ")";
    case K::kLike:
      return "(" + arg(0) + (e.negated ? " !" : " ") + (e.case_insensitive ? "~~* " : "~~ ") + arg(1) + ")";
    case K::kInList:
      return "(" + arg(0) + (e.negated ? " <> ALL (" : " = ANY (") + list(e.args, 1, scope, qualify, ", ") + "))";
    case K::kCase:
      return "CASE ... END";
    case K::kCoalesce:
      return "COALESCE(" + list(e.args, 0, scope, qualify, ", ") + ")";
    case K::kJsonOp:
      return "(" + arg(0) + " " + e.op + " " + arg(1) + ")";
    case K::kMinMax:
      return (e.op == "greatest" ? "GREATEST(" : "LEAST(") + list(e.args, 0, scope, qualify, ", ") + ")";
    case K::kNullIf:
      return "NULLIF(" + list(e.args, 0, scope, qualify, ", ") + ")";
    case K::kSubquery: {
      const std::string plan = e.subquery->hash ? "(hashed SubPlan)" : "(SubPlan)";
      return e.args.empty() ? plan : "(" + arg(0) + " = ANY " + plan + ")";
    }
    case K::kFunction:
    case K::kSequence:
    case K::kSessionCall:
    case K::kSqlFunction:
      return e.op + "(" + list(e.args, 0, scope, qualify, ", ") + ")";
    case K::kWindow:
      return "(window)";
    case K::kSetFunction:
      return "(set-returning function)";
    case K::kArray:
      return "ARRAY[" + list(e.args, 0, scope, qualify, ", ") + "]";
    case K::kSubscript:
      return arg(0) + "[...]";
    case K::kDomainCheck:
      return arg(0);
    case K::kRow:
      return "ROW(" + list(e.args, 0, scope, qualify, ", ") + ")";
    case K::kRowCompare: {
      std::string left, right;
      for (std::size_t i = 0; i < e.args.size(); ++i) {
        left += (i > 0 ? ", " : "") + expr_text(*e.args[i]->args[0], scope, qualify);
        right += (i > 0 ? ", " : "") + expr_text(*e.args[i]->args[1], scope, qualify);
      }
      return "(ROW(" + left + ") " + e.op + " ROW(" + right + "))";
    }
    case K::kArrayCompare: {
      // args[2] compares one element: its operator is the one shown.
      return "(" + arg(0) + " " + e.args[2]->op + (e.negated ? " ALL (" : " ANY (") + arg(1) + "))";
    }
  }
  return "?";
}

}  // namespace heliosdb::engine

#pragma once

// Expressions as the parser produces them: names unresolved, types unknown.
// The binder turns them into typed expressions against the catalog.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace heliosdb::engine::ast {

struct Expr;
struct SelectStmt;
using ExprPtr = std::unique_ptr<Expr>;
using ExprList = std::vector<ExprPtr>;

/// A type as written: `numeric(10,2)`, `varchar(255)`, `int[]`, `pg_catalog.int4`.
struct TypeName {
  std::vector<std::string> names;  ///< qualified name, lower-cased unless quoted
  std::vector<std::int32_t> modifiers;
  int array_dims = 0;
  int location = -1;
};

struct Literal {
  enum class Kind : std::uint8_t { kNull, kInteger, kNumeric, kString, kBool, kBitString };
  Kind kind = Kind::kNull;
  std::string text;  ///< digits for kInteger/kNumeric, contents for kString/kBitString
  std::int64_t integer = 0;
  bool boolean = false;
};

/// `col`, `t.col`, `s.t.col`, `*`, `t.*`.
struct ColumnRef {
  std::vector<std::string> names;
  bool star = false;
};

/// `$n`, 1-based.
struct ParamRef {
  int number = 0;
};

/// A binary or prefix operator by name: `a + b`, `-a`, `a || b`, `a = ANY (...)`.
struct OperatorExpr {
  std::string op;
  ExprPtr left;  ///< null for a prefix operator
  ExprPtr right;
};

struct BoolExpr {
  enum class Op : std::uint8_t { kAnd, kOr, kNot };
  Op op = Op::kAnd;
  ExprList args;
};

struct NullTest {
  ExprPtr arg;
  bool is_not = false;
};

/// `x IS [NOT] TRUE|FALSE|UNKNOWN`.
struct BooleanTest {
  enum class Kind : std::uint8_t { kIsTrue, kIsNotTrue, kIsFalse, kIsNotFalse, kIsUnknown, kIsNotUnknown };
  ExprPtr arg;
  Kind kind = Kind::kIsTrue;
};

/// `a IS [NOT] DISTINCT FROM b`.
struct DistinctFrom {
  ExprPtr left;
  ExprPtr right;
  bool negated = false;
};

struct SortItem {
  ExprPtr expr;
  bool descending = false;
  std::optional<bool> nulls_first;  ///< unset: the default for the direction
};

/// One end of a window frame: UNBOUNDED PRECEDING, n PRECEDING, CURRENT
/// ROW, n FOLLOWING, UNBOUNDED FOLLOWING.
struct FrameBound {
  enum class Kind : std::uint8_t { kUnboundedPreceding, kPreceding, kCurrentRow, kFollowing, kUnboundedFollowing };
  Kind kind = Kind::kUnboundedPreceding;
  ExprPtr offset;  ///< kPreceding / kFollowing
};

/// A window: `OVER (name PARTITION BY ... ORDER BY ... frame)`, `OVER name`,
/// or an entry of the WINDOW clause.
struct WindowDef {
  enum class Unit : std::uint8_t { kRange, kRows, kGroups };
  enum class Exclude : std::uint8_t { kNoOthers, kCurrentRow, kGroup, kTies };
  std::string name;     ///< WINDOW name AS (...)
  std::string refname;  ///< the named window this one starts from
  ExprList partition_by;
  std::vector<SortItem> order_by;
  bool frame_given = false;  ///< without a frame: RANGE UNBOUNDED PRECEDING .. CURRENT ROW
  Unit unit = Unit::kRange;
  FrameBound start;
  FrameBound end{FrameBound::Kind::kCurrentRow, nullptr};
  Exclude exclude = Exclude::kNoOthers;
  int location = -1;
};

/// A function call; also COALESCE, NULLIF, GREATEST and LEAST, which bind by name.
struct FuncCall {
  std::vector<std::string> name;
  ExprList args;
  bool star = false;  ///< count(*)
  bool distinct = false;
  ExprPtr filter;               ///< FILTER (WHERE ...)
  std::vector<SortItem> order;  ///< string_agg(x, ',' ORDER BY y), or WITHIN GROUP (ORDER BY y)
  bool within_group = false;
  std::shared_ptr<const WindowDef> over;  ///< OVER (...): a window function call
};

struct Cast {
  ExprPtr arg;
  TypeName type;
};

struct CaseExpr {
  ExprPtr arg;  ///< the `CASE x WHEN ...` operand, or null
  std::vector<std::pair<ExprPtr, ExprPtr>> whens;
  ExprPtr otherwise;
};

/// `x [NOT] IN (a, b, c)`.
struct InList {
  ExprPtr arg;
  ExprList items;
  bool negated = false;
};

struct Between {
  ExprPtr arg;
  ExprPtr low;
  ExprPtr high;
  bool negated = false;
  bool symmetric = false;
};

/// `x [NOT] LIKE|ILIKE pattern [ESCAPE e]`.
struct Like {
  ExprPtr arg;
  ExprPtr pattern;
  ExprPtr escape;
  bool negated = false;
  bool case_insensitive = false;
};

/// A subquery used as an expression.
struct SubLink {
  /// kRowCompare: `(a, b) op (SELECT x, y)`, against the one row it gives;
  /// the parser gives it as an OperatorExpr, the binder makes it this kind.
  enum class Kind : std::uint8_t { kExists, kScalar, kAny, kAll, kArray, kRowCompare };
  Kind kind = Kind::kScalar;
  ExprPtr test;    ///< left operand of ANY/ALL (IN is `= ANY`)
  std::string op;  ///< operator of ANY/ALL
  std::unique_ptr<SelectStmt> select;
  /// UPDATE ... SET (a, b) = (SELECT x, y): a kScalar taking output column
  /// `assign_column` of the `assign_count` the subquery must give.
  int assign_column = 0;
  int assign_count = 0;
};

/// `ROW(a, b)` or `(a, b)`: a row constructor. Against another it compares
/// field by field; alone it is an anonymous record.
struct RowExpr {
  ExprList fields;
};

/// CURRENT_DATE, CURRENT_TIMESTAMP, CURRENT_USER, ...: keywords that act as functions.
struct SqlValueFunction {
  enum class Kind : std::uint8_t {
    kCurrentDate,
    kCurrentTime,
    kCurrentTimestamp,
    kLocalTime,
    kLocalTimestamp,
    kCurrentRole,
    kCurrentUser,
    kUser,
    kSessionUser,
    kCurrentCatalog,
    kCurrentSchema,
  };
  Kind kind = Kind::kCurrentTimestamp;
  int precision = -1;
};

/// `ARRAY[a, b, c]`; ARRAY[[1, 2], [3, 4]] nests one in another.
struct ArrayExpr {
  ExprList elements;
};

/// `x[i]`, `x[i:j]`, `x[i][j]`: an array's element or slice; `(x).f`: a
/// composite's field. Steps apply in order: `(x).f[1]` is f's first element.
struct Subscript {
  struct Index {
    ExprPtr lower;  ///< the subscript, or a slice's lower bound (null: from the start)
    ExprPtr upper;  ///< a slice's upper bound (null: to the end)
    bool slice = false;
    std::string field;  ///< set for a field selection, which has no bounds
  };
  ExprPtr arg;
  std::vector<Index> indices;
};

/// `x op ANY (array)`, `x op SOME (array)`, `x op ALL (array)`.
struct ArrayCompare {
  std::string op;
  ExprPtr left;
  ExprPtr right;
  bool all = false;
};

/// `DEFAULT` in an INSERT's VALUES or an UPDATE's SET.
struct DefaultMarker {};

struct Expr {
  std::variant<Literal, ColumnRef, ParamRef, OperatorExpr, BoolExpr, NullTest, BooleanTest, DistinctFrom, FuncCall,
               Cast, CaseExpr, InList, Between, Like, SubLink, SqlValueFunction, DefaultMarker, ArrayExpr, Subscript,
               ArrayCompare, RowExpr>
      node;
  int location = -1;  ///< 0-based byte offset in the statement text, or -1
};

template <typename Node>
ExprPtr make_expr(Node node, int location = -1) {
  return std::make_unique<Expr>(Expr{std::move(node), location});
}

}  // namespace heliosdb::engine::ast

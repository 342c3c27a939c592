#pragma once

// SQL/JSON path language as PostgreSQL 15 runs it (docs section 9.16.2),
// for the subset applications use: lax and strict modes, $, @, $var, last,
// .key, ."key", .*, [n], [n to m], [*], filters ?(...) with comparisons,
// && || ! exists(...) (...) is unknown and starts with, arithmetic
// + - * / %, literals, and the methods type(), size(), abs(), floor(),
// ceiling() and double(). Anything else PostgreSQL accepts (.**, like_regex,
// datetime(), keyvalue(), ...) throws 0A000 "not supported yet".

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/types/json_value.hpp"

namespace heliosdb::engine {

/// One node of a parsed path. Accessors, filters and methods take the node
/// they apply to as args[0].
struct JsonPathNode {
  enum class Kind : std::uint8_t {
    kRoot,        ///< $
    kCurrent,     ///< @
    kVariable,    ///< $name (name)
    kLast,        ///< last, inside a subscript
    kLiteral,     ///< literal
    kKey,         ///< .name
    kAnyKey,      ///< .*
    kSubscripts,  ///< [a, b to c]: args[1..] in pairs (from, to or null)
    kAnyIndex,    ///< [*]
    kFilter,      ///< ?(args[1])
    kMethod,      ///< .name()
    kArithmetic,  ///< args[0] op args[1]
    kUnary,       ///< op args[0]
    kCompare,     ///< args[0] op args[1]
    kAnd,
    kOr,
    kNot,
    kExists,      ///< exists(args[0])
    kIsUnknown,   ///< (args[0]) is unknown
    kStartsWith,  ///< args[0] starts with args[1]
  };

  Kind kind = Kind::kRoot;
  std::string name;  ///< key, variable or method name; the operator of kArithmetic, kUnary, kCompare
  JsonValue literal = JsonValue::null();
  std::vector<std::unique_ptr<JsonPathNode>> args;

  /// Whether this node gives true/false/unknown rather than items.
  bool is_predicate() const;
};

/// A parsed jsonpath: its mode and its expression.
struct JsonPathProgram {
  bool strict = false;
  std::unique_ptr<JsonPathNode> expr;
};

/// Parses jsonpath text. Throws DbError 42601 "syntax error ... of jsonpath
/// input" for text PostgreSQL rejects, 0A000 for a construct it accepts that
/// is outside the subset above.
JsonPathProgram parse_jsonpath(std::string_view text);

/// The items `path` yields over `doc` (jsonb_path_query). `vars` is the
/// object $name looks names up in (null: none). Throws the 2203x/22033/22038
/// errors PostgreSQL raises; with `silent`, the ones jsonb_path_* silence
/// give nullopt instead (missing keys, bad subscripts, non-numeric operands).
std::optional<std::vector<JsonValue>> jsonpath_query(const JsonValue& doc, const JsonPathProgram& path,
                                                     const JsonValue* vars, bool silent);

/// jsonb_path_exists: whether `path` yields any item; nullopt on a silenced error.
std::optional<bool> jsonpath_exists(const JsonValue& doc, const JsonPathProgram& path, const JsonValue* vars,
                                    bool silent);

/// jsonb_path_match: the single boolean a predicate path yields; nullopt
/// for its unknown (JSON null) or a silenced error. Throws 22038 unless the
/// path yields exactly one boolean or null.
std::optional<bool> jsonpath_match(const JsonValue& doc, const JsonPathProgram& path, const JsonValue* vars,
                                   bool silent);

}  // namespace heliosdb::engine

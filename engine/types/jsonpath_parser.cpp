// jsonpath text to JsonPathNode trees: recursive descent over PostgreSQL 15's
// jsonpath grammar (docs section 8.14.7), one token of lookahead.
#include <cctype>
#include <set>

#include "engine/common/db_error.hpp"
#include "engine/common/utf8.hpp"
#include "engine/types/decimal.hpp"
#include "engine/types/jsonpath.hpp"

namespace heliosdb::engine {

namespace {

using Node = JsonPathNode;
using NodePtr = std::unique_ptr<JsonPathNode>;

struct Token {
  enum class Kind : std::uint8_t { kEnd, kPunct, kWord, kString, kNumber, kVariable };
  Kind kind = Kind::kEnd;
  std::string text;  ///< punctuation, word, string value, number text or variable name
};

class JsonPathLexer {
 public:
  explicit JsonPathLexer(std::string_view s) : s_(s) {}

  Token next() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
    if (i_ >= s_.size()) return {Token::Kind::kEnd, ""};
    const char c = s_[i_];
    if (c == '"') return {Token::Kind::kString, quoted()};
    if (std::isdigit(static_cast<unsigned char>(c))) return {Token::Kind::kNumber, number()};
    if (c == '$') {
      ++i_;
      if (i_ < s_.size() && s_[i_] == '"') return {Token::Kind::kVariable, quoted()};
      if (i_ < s_.size() && word_char(s_[i_])) return {Token::Kind::kVariable, word()};
      return {Token::Kind::kPunct, "$"};
    }
    if (word_char(c)) return {Token::Kind::kWord, word()};
    for (const char* two : {"==", "!=", "<>", "<=", ">=", "&&", "||", "**"}) {
      if (s_.substr(i_, 2) == two) {
        i_ += 2;
        return {Token::Kind::kPunct, two};
      }
    }
    if (std::string_view("@.[](),?*+-/%<>!=").find(c) != std::string_view::npos) {
      ++i_;
      return {Token::Kind::kPunct, std::string(1, c)};
    }
    syntax_error(std::string(1, c));
  }

  [[noreturn]] static void syntax_error(const std::string& near) {
    throw DbError(sqlstate::kSyntaxError, near.empty() ? "syntax error at end of jsonpath input"
                                                       : "syntax error at or near \"" + near + "\" of jsonpath input");
  }

 private:
  static bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

  std::string word() {
    std::size_t start = i_;
    while (i_ < s_.size() && (word_char(s_[i_]) || static_cast<unsigned char>(s_[i_]) >= 0x80)) ++i_;
    return std::string(s_.substr(start, i_ - start));
  }

  std::string number() {
    std::size_t start = i_;
    auto digits = [&] {
      while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
    };
    digits();
    // "1.a" is 1 then .a; only a digit after the point makes a fraction.
    if (i_ + 1 < s_.size() && s_[i_] == '.' && std::isdigit(static_cast<unsigned char>(s_[i_ + 1]))) {
      ++i_;
      digits();
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      std::size_t j = i_ + 1;
      if (j < s_.size() && (s_[j] == '+' || s_[j] == '-')) ++j;
      if (j < s_.size() && std::isdigit(static_cast<unsigned char>(s_[j]))) {
        i_ = j;
        digits();
      }
    }
    if (i_ < s_.size() && word_char(s_[i_])) syntax_error(std::string(s_.substr(start, i_ + 1 - start)));
    return std::string(s_.substr(start, i_ - start));
  }

  std::uint32_t hex(std::size_t count) {
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < count; ++k) {
      if (i_ >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[i_]))) syntax_error("\\");
      const char h = static_cast<char>(std::tolower(static_cast<unsigned char>(s_[i_++])));
      v = v * 16 + static_cast<std::uint32_t>(std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : h - 'a' + 10);
    }
    return v;
  }

  std::string quoted() {
    ++i_;
    std::string out;
    while (true) {
      if (i_ >= s_.size()) syntax_error("");
      const char c = s_[i_++];
      if (c == '"') return out;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (i_ >= s_.size()) syntax_error("");
      const char e = s_[i_++];
      switch (e) {
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'v':
          out.push_back('\v');
          break;
        case 'x':
          append_utf8(out, hex(2));
          break;
        case 'u': {
          std::uint32_t cp = hex(4);
          if (cp >= 0xD800 && cp <= 0xDBFF && s_.substr(i_, 2) == "\\u") {
            i_ += 2;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (hex(4) - 0xDC00);
          }
          if (cp == 0) {
            throw DbError(sqlstate::kUntranslatableCharacter, "unsupported Unicode escape sequence")
                .with_detail("\\u0000 cannot be converted to text.");
          }
          append_utf8(out, cp);
          break;
        }
        default:
          out.push_back(e);  // \" \\ \/ and any other character stand for themselves
      }
    }
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

NodePtr make(Node::Kind kind, std::string name = {}) {
  auto n = std::make_unique<Node>();
  n->kind = kind;
  n->name = std::move(name);
  return n;
}

NodePtr wrap(Node::Kind kind, NodePtr base, std::string name = {}) {
  NodePtr n = make(kind, std::move(name));
  n->args.push_back(std::move(base));
  return n;
}

[[noreturn]] void unsupported(const std::string& what) {
  throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: jsonpath " + what);
}

// Each nested expression recurses; deep nesting is refused before the stack runs out.
class DepthGuard {
 public:
  explicit DepthGuard(int& depth) : depth_(depth) {
    if (++depth_ > kMaxDepth) throw DbError(sqlstate::kSyntaxError, "jsonpath expression is nested too deeply");
  }
  ~DepthGuard() { --depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  static constexpr int kMaxDepth = 1000;
  int& depth_;
};

class JsonPathParser {
 public:
  explicit JsonPathParser(std::string_view text) : lexer_(text) { advance(); }

  JsonPathProgram program() {
    JsonPathProgram p;
    if (is_word("strict") || is_word("lax")) {
      p.strict = tok_.text == "strict";
      advance();
    }
    p.expr = or_expr();
    if (tok_.kind != Token::Kind::kEnd) fail();
    return p;
  }

 private:
  void advance() { tok_ = lexer_.next(); }
  bool is(const char* punct) const { return tok_.kind == Token::Kind::kPunct && tok_.text == punct; }
  bool is_word(const char* w) const { return tok_.kind == Token::Kind::kWord && tok_.text == w; }
  [[noreturn]] void fail() const {
    JsonPathLexer::syntax_error(tok_.kind == Token::Kind::kString ? "\"" + tok_.text + "\"" : tok_.text);
  }
  void expect(const char* punct) {
    if (!is(punct)) fail();
    advance();
  }
  NodePtr predicate_only(NodePtr n) const {
    if (!n->is_predicate()) fail();
    return n;
  }
  void predicate_only(const Node* n) const {
    if (!n->is_predicate()) fail();
  }
  NodePtr expression_only(NodePtr n) const {
    if (n->is_predicate()) fail();
    return n;
  }
  void expression_only(const Node* n) const {
    if (n->is_predicate()) fail();
  }
  NodePtr binary(Node::Kind kind, std::string op, NodePtr a, NodePtr b) {
    NodePtr n = make(kind, std::move(op));
    n->args.push_back(std::move(a));
    n->args.push_back(std::move(b));
    return n;
  }

  NodePtr or_expr() {
    const DepthGuard guard(depth_);
    NodePtr left = and_expr();
    while (is("||")) {
      predicate_only(left.get());
      advance();
      left = binary(Node::Kind::kOr, "||", std::move(left), predicate_only(and_expr()));
    }
    return left;
  }

  NodePtr and_expr() {
    NodePtr left = not_expr();
    while (is("&&")) {
      predicate_only(left.get());
      advance();
      left = binary(Node::Kind::kAnd, "&&", std::move(left), predicate_only(not_expr()));
    }
    return left;
  }

  // ! applies to a parenthesized predicate or exists(...) only.
  NodePtr not_expr() {
    if (!is("!")) return comparison();
    advance();
    if (!is("(") && !is_word("exists")) fail();
    return wrap(Node::Kind::kNot, predicate_only(accessor_expr()));
  }

  NodePtr comparison() {
    NodePtr left = additive();
    static const std::set<std::string> kCompare = {"==", "!=", "<>", "<", "<=", ">", ">="};
    if (tok_.kind == Token::Kind::kPunct && kCompare.count(tok_.text) != 0) {
      std::string op = tok_.text == "<>" ? "!=" : tok_.text;
      expression_only(left.get());
      advance();
      NodePtr right = additive();
      expression_only(right.get());
      return binary(Node::Kind::kCompare, op, std::move(left), std::move(right));
    }
    if (is_word("starts")) {
      expression_only(left.get());
      advance();
      if (!is_word("with")) fail();
      advance();
      NodePtr prefix;
      if (tok_.kind == Token::Kind::kString) {
        prefix = make(Node::Kind::kLiteral);
        prefix->literal = JsonValue::string(tok_.text);
      } else if (tok_.kind == Token::Kind::kVariable) {
        prefix = make(Node::Kind::kVariable, tok_.text);
      } else {
        fail();
      }
      advance();
      return binary(Node::Kind::kStartsWith, "starts with", std::move(left), std::move(prefix));
    }
    if (is_word("like_regex")) unsupported("like_regex");
    return left;
  }

  NodePtr additive() {
    NodePtr left = multiplicative();
    while (is("+") || is("-")) {
      std::string op = tok_.text;
      expression_only(left.get());
      advance();
      NodePtr right = multiplicative();
      left = binary(Node::Kind::kArithmetic, op, std::move(left), expression_only(std::move(right)));
    }
    return left;
  }

  NodePtr multiplicative() {
    NodePtr left = unary();
    while (is("*") || is("/") || is("%")) {
      std::string op = tok_.text;
      expression_only(left.get());
      advance();
      NodePtr right = unary();
      left = binary(Node::Kind::kArithmetic, op, std::move(left), expression_only(std::move(right)));
    }
    return left;
  }

  NodePtr unary() {
    if (!is("+") && !is("-")) return accessor_expr();
    const DepthGuard guard(depth_);
    std::string op = tok_.text;
    advance();
    return wrap(Node::Kind::kUnary, expression_only(unary()), op);
  }

  NodePtr accessor_expr() {
    NodePtr n = primary();
    while (true) {
      if (is(".")) {
        advance();
        n = member(std::move(n));
      } else if (is("[")) {
        advance();
        n = subscripts(std::move(n));
      } else if (is("?")) {
        advance();
        expect("(");
        const bool outer = in_filter_;
        in_filter_ = true;
        NodePtr condition = predicate_only(or_expr());
        in_filter_ = outer;
        expect(")");
        n = binary(Node::Kind::kFilter, "?", std::move(n), std::move(condition));
      } else {
        return n;
      }
    }
  }

  NodePtr member(NodePtr base) {
    if (is("*")) {
      advance();
      return wrap(Node::Kind::kAnyKey, std::move(base));
    }
    if (is("**")) unsupported(".** accessor");
    if (tok_.kind == Token::Kind::kString) {
      NodePtr n = wrap(Node::Kind::kKey, std::move(base), tok_.text);
      advance();
      return n;
    }
    if (tok_.kind != Token::Kind::kWord) fail();
    std::string name = tok_.text;
    advance();
    if (!is("(")) return wrap(Node::Kind::kKey, std::move(base), name);
    static const std::set<std::string> kMethods = {"type", "size", "abs", "floor", "ceiling", "double"};
    static const std::set<std::string> kOtherMethods = {"keyvalue", "datetime"};
    if (kOtherMethods.count(name) != 0) unsupported("method ." + name + "()");
    if (kMethods.count(name) == 0) fail();
    advance();
    expect(")");
    return wrap(Node::Kind::kMethod, std::move(base), name);
  }

  NodePtr subscripts(NodePtr base) {
    if (is("*")) {
      advance();
      expect("]");
      return wrap(Node::Kind::kAnyIndex, std::move(base));
    }
    const DepthGuard guard(depth_);
    NodePtr n = wrap(Node::Kind::kSubscripts, std::move(base));
    const bool outer = in_subscript_;
    in_subscript_ = true;
    while (true) {
      n->args.push_back(expression_only(additive()));
      if (is_word("to")) {
        advance();
        n->args.push_back(expression_only(additive()));
      } else {
        n->args.push_back(nullptr);
      }
      if (is("]")) break;
      expect(",");
    }
    in_subscript_ = outer;
    advance();
    return n;
  }

  NodePtr primary() {
    NodePtr n;
    switch (tok_.kind) {
      case Token::Kind::kEnd:
        fail();
      case Token::Kind::kString:
        n = make(Node::Kind::kLiteral);
        n->literal = JsonValue::string(tok_.text);
        break;
      case Token::Kind::kNumber:
        n = make(Node::Kind::kLiteral);
        n->literal = JsonValue::number(Decimal::parse(tok_.text).to_string());
        break;
      case Token::Kind::kVariable:
        n = make(Node::Kind::kVariable, tok_.text);
        break;
      case Token::Kind::kWord:
        n = word_primary();
        if (n->kind == Node::Kind::kExists) return n;
        break;
      case Token::Kind::kPunct:
        if (is("(")) return parenthesized();
        if (is("$")) {
          n = make(Node::Kind::kRoot);
        } else if (is("@")) {
          if (!in_filter_) throw DbError(sqlstate::kSyntaxError, "@ is not allowed in root expressions");
          n = make(Node::Kind::kCurrent);
        } else {
          fail();
        }
        break;
    }
    advance();
    return n;
  }

  NodePtr word_primary() {
    NodePtr n = make(Node::Kind::kLiteral);
    if (is_word("true") || is_word("false")) {
      n->literal = JsonValue::boolean(tok_.text == "true");
    } else if (is_word("null")) {
      n->literal = JsonValue::null();
    } else if (is_word("last")) {
      if (!in_subscript_) throw DbError(sqlstate::kSyntaxError, "LAST is allowed only in array subscripts");
      n = make(Node::Kind::kLast);
    } else if (is_word("exists")) {
      advance();
      expect("(");
      n = wrap(Node::Kind::kExists, expression_only(or_expr()));
      expect(")");
    } else {
      fail();
    }
    return n;
  }

  // (expr) takes accessors; (predicate) may be followed by "is unknown".
  NodePtr parenthesized() {
    advance();
    NodePtr inner = or_expr();
    expect(")");
    if (inner->is_predicate() && is_word("is")) {
      advance();
      if (!is_word("unknown")) fail();
      advance();
      return wrap(Node::Kind::kIsUnknown, std::move(inner));
    }
    return inner;
  }

  JsonPathLexer lexer_;
  Token tok_;
  bool in_filter_ = false;
  bool in_subscript_ = false;
  int depth_ = 0;
};

}  // namespace

bool JsonPathNode::is_predicate() const {
  switch (kind) {
    case Kind::kCompare:
    case Kind::kAnd:
    case Kind::kOr:
    case Kind::kNot:
    case Kind::kExists:
    case Kind::kIsUnknown:
    case Kind::kStartsWith:
      return true;
    case Kind::kRoot:
    case Kind::kCurrent:
    case Kind::kVariable:
    case Kind::kLast:
    case Kind::kLiteral:
    case Kind::kKey:
    case Kind::kAnyKey:
    case Kind::kSubscripts:
    case Kind::kAnyIndex:
    case Kind::kFilter:
    case Kind::kMethod:
    case Kind::kArithmetic:
    case Kind::kUnary:
      return false;
  }
  return false;
}

JsonPathProgram parse_jsonpath(std::string_view text) { return JsonPathParser(text).program(); }

}  // namespace heliosdb::engine

// HeliosDB's own syntax, lifted off libpg_query's token stream.
#include "engine/parser/extension_syntax.hpp"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <cctype>

#include "engine/common/db_error.hpp"
#include "engine/parser/parser.hpp"

namespace heliosdb::engine::parser {

namespace {

struct Token {
  int start = 0;
  int end = 0;
  PgQuery__Token kind = PG_QUERY__TOKEN__NUL;
  bool word = false;  ///< an identifier or a keyword
  std::string text;   ///< a word lower-cased (quoted identifiers as written); else as written
};

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// Whether the text may hold our syntax at all: "branch", "branches",
// "versions", "materialized" or the word "of". Most statements have none and
// skip the scan.
bool may_hold_extension(std::string_view sql) {
  std::string lower(sql);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower.find("branch") != std::string::npos || lower.find("versions") != std::string::npos ||
      lower.find("materialized") != std::string::npos) {
    return true;
  }
  for (std::size_t at = lower.find("of"); at != std::string::npos; at = lower.find("of", at + 1)) {
    bool starts = at == 0 || !is_word_char(lower[at - 1]);
    bool ends = at + 2 >= lower.size() || !is_word_char(lower[at + 2]);
    if (starts && ends) return true;
  }
  return false;
}

// libpg_query's scanner; empty if the text does not scan (the parser then
// reports the error itself).
std::vector<Token> scan(const std::string& sql) {
  std::vector<Token> tokens;
  PgQueryScanResult scan = pg_query_scan(sql.c_str());
  if (scan.error == nullptr) {
    PgQuery__ScanResult* result =
        pg_query__scan_result__unpack(nullptr, scan.pbuf.len, reinterpret_cast<const uint8_t*>(scan.pbuf.data));
    for (std::size_t i = 0; result != nullptr && i < result->n_tokens; ++i) {
      const PgQuery__ScanToken& t = *result->tokens[i];
      if (t.token == PG_QUERY__TOKEN__SQL_COMMENT || t.token == PG_QUERY__TOKEN__C_COMMENT) continue;
      Token token;
      token.start = t.start;
      token.end = t.end;
      token.kind = t.token;
      token.text = sql.substr(static_cast<std::size_t>(t.start), static_cast<std::size_t>(t.end - t.start));
      token.word = t.token == PG_QUERY__TOKEN__IDENT || t.keyword_kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD;
      if (token.word && !token.text.starts_with('"')) {
        std::transform(token.text.begin(), token.text.end(), token.text.begin(),
                       [](unsigned char c) { return std::tolower(c); });
      }
      tokens.push_back(std::move(token));
    }
    if (result != nullptr) pg_query__scan_result__free_unpacked(result, nullptr);
  }
  pg_query_free_scan_result(scan);
  return tokens;
}

// A cursor over one statement's tokens, with the syntax errors PostgreSQL
// gives ("syntax error at or near ..." with the position).
class TokenCursor {
 public:
  TokenCursor(const std::vector<Token>& tokens, std::size_t begin, std::size_t end, std::string_view sql)
      : tokens_(tokens), pos_(begin), end_(end), sql_(sql) {}

  bool at_end() const { return pos_ >= end_; }
  std::size_t pos() const { return pos_; }
  const Token* peek(std::size_t ahead = 0) const { return pos_ + ahead < end_ ? &tokens_[pos_ + ahead] : nullptr; }
  bool peek_word(std::string_view word, std::size_t ahead = 0) const {
    const Token* t = peek(ahead);
    return t != nullptr && t->word && t->text == word;
  }
  bool peek_kind(PgQuery__Token kind) const { return peek() != nullptr && peek()->kind == kind; }
  bool accept_word(std::string_view word) {
    if (!peek_word(word)) return false;
    ++pos_;
    return true;
  }
  bool accept_kind(PgQuery__Token kind) {
    if (!peek_kind(kind)) return false;
    ++pos_;
    return true;
  }
  void expect_word(std::string_view word) {
    if (!accept_word(word)) fail();
  }
  void expect_kind(PgQuery__Token kind) {
    if (!accept_kind(kind)) fail();
  }
  const Token& next() {
    if (at_end()) fail();
    return tokens_[pos_++];
  }

  /// A branch name: an identifier (folded unless quoted), a keyword or a string.
  std::string name() {
    const Token& t = next();
    if (t.kind == PG_QUERY__TOKEN__SCONST) return string_constant(t);
    if (!t.word) fail_at(t);
    if (t.text.starts_with('"')) return unquote(t.text);
    return t.text;
  }

  /// The extent of one expression from here: operands joined by operators.
  /// Stops before a word that cannot continue it (an alias, WHERE, AND, ...).
  std::string_view expression() {
    std::size_t first = pos_;
    operand();
    while (!at_end() && is_operator(*peek())) {
      ++pos_;
      operand();
    }
    return sql_.substr(static_cast<std::size_t>(tokens_[first].start),
                       static_cast<std::size_t>(tokens_[pos_ - 1].end - tokens_[first].start));
  }

  [[noreturn]] void fail() const {
    if (at_end()) throw DbError(sqlstate::kSyntaxError, "syntax error at end of input").at_position(end_position());
    fail_at(tokens_[pos_]);
  }
  [[noreturn]] static void fail_at(const Token& t) {
    throw DbError(sqlstate::kSyntaxError, "syntax error at or near \"" + t.text + "\"").at_position(t.start + 1);
  }

  static std::string string_constant(const Token& t) {
    std::string out;
    std::string_view body(t.text);
    if (body.size() < 2 || body.front() != '\'') fail_at(t);
    body = body.substr(1, body.size() - 2);
    for (std::size_t i = 0; i < body.size(); ++i) {
      out += body[i];
      if (body[i] == '\'' && i + 1 < body.size() && body[i + 1] == '\'') ++i;
    }
    return out;
  }

 private:
  static std::string unquote(std::string_view quoted) {
    std::string out;
    quoted = quoted.substr(1, quoted.size() - 2);
    for (std::size_t i = 0; i < quoted.size(); ++i) {
      out += quoted[i];
      if (quoted[i] == '"' && i + 1 < quoted.size() && quoted[i + 1] == '"') ++i;
    }
    return out;
  }

  static bool is_operator(const Token& t) {
    switch (t.kind) {
      case PG_QUERY__TOKEN__Op:
      case PG_QUERY__TOKEN__ASCII_42:  // *
      case PG_QUERY__TOKEN__ASCII_43:  // +
      case PG_QUERY__TOKEN__ASCII_45:  // -
      case PG_QUERY__TOKEN__ASCII_47:  // /
      case PG_QUERY__TOKEN__ASCII_37:  // %
      case PG_QUERY__TOKEN__ASCII_94:  // ^
        return true;
      default:
        return false;
    }
  }

  int end_position() const {
    return tokens_.empty() || end_ == 0 ? 1 : tokens_[std::min(end_, tokens_.size()) - 1].end + 1;
  }

  void skip_parentheses() {
    int depth = 0;
    do {
      const Token& t = next();
      if (t.kind == PG_QUERY__TOKEN__ASCII_40) ++depth;
      if (t.kind == PG_QUERY__TOKEN__ASCII_41) --depth;
    } while (depth > 0);
  }

  void operand() {
    const Token& t = next();
    switch (t.kind) {
      case PG_QUERY__TOKEN__ASCII_40:
        --pos_;
        skip_parentheses();
        break;
      case PG_QUERY__TOKEN__ASCII_43:
      case PG_QUERY__TOKEN__ASCII_45:
        operand();  // unary sign
        return;
      case PG_QUERY__TOKEN__SCONST:
      case PG_QUERY__TOKEN__ICONST:
      case PG_QUERY__TOKEN__FCONST:
      case PG_QUERY__TOKEN__PARAM:
        break;
      default:
        if (!t.word) fail_at(t);
        if (peek_kind(PG_QUERY__TOKEN__ASCII_40)) {
          skip_parentheses();  // a function call
        } else {
          // A typed literal: TIMESTAMP '...', TIMESTAMP WITH TIME ZONE '...', INTERVAL '1 day'.
          std::size_t words = 0;
          while (peek(words) != nullptr && peek(words)->word && is_type_word(peek(words)->text)) ++words;
          if (peek(words) != nullptr && peek(words)->kind == PG_QUERY__TOKEN__SCONST) pos_ += words + 1;
        }
        break;
    }
    postfix();
  }

  static bool is_type_word(std::string_view w) { return w == "with" || w == "without" || w == "time" || w == "zone"; }

  // ::type and AT TIME ZONE after an operand.
  void postfix() {
    for (;;) {
      if (accept_kind(PG_QUERY__TOKEN__TYPECAST)) {
        if (!peek() || !peek()->word) fail();
        ++pos_;
        while (peek() != nullptr && peek()->word &&
               (is_type_word(peek()->text) || peek()->text == "precision" || peek()->text == "varying")) {
          ++pos_;
        }
        if (peek_kind(PG_QUERY__TOKEN__ASCII_40)) skip_parentheses();
      } else if (peek_word("at") && peek_word("time", 1) && peek_word("zone", 2)) {
        pos_ += 3;
        operand();
      } else {
        return;
      }
    }
  }

  const std::vector<Token>& tokens_;
  std::size_t pos_;
  std::size_t end_;
  std::string_view sql_;
};

ast::TemporalPoint point_expression(TokenCursor& c, ast::TemporalPoint::Kind kind) {
  ast::TemporalPoint point;
  point.kind = kind;
  const Token* first = c.peek();
  if (first == nullptr) c.fail();
  std::string_view text = c.expression();
  try {
    point.expr = parse_expression(text);
  } catch (DbError&) {
    TokenCursor::fail_at(*first);
  }
  return point;
}

// NOW | TIMESTAMP expr | TRANSACTION expr | SCN expr, after AS OF.
ast::TemporalPoint temporal_point(TokenCursor& c) {
  if (c.accept_word("now")) return {};
  if (c.accept_word("timestamp")) return point_expression(c, ast::TemporalPoint::Kind::kTimestamp);
  if (c.accept_word("transaction")) return point_expression(c, ast::TemporalPoint::Kind::kTransaction);
  if (c.accept_word("scn")) return point_expression(c, ast::TemporalPoint::Kind::kScn);
  c.fail();
}

std::vector<std::pair<std::string, std::string>> with_options(TokenCursor& c) {
  std::vector<std::pair<std::string, std::string>> options;
  if (!c.accept_word("with")) return options;
  c.expect_kind(PG_QUERY__TOKEN__ASCII_40);
  do {
    std::string name = c.name();
    c.expect_kind(PG_QUERY__TOKEN__ASCII_61);
    const Token& value = c.next();
    if (value.kind == PG_QUERY__TOKEN__SCONST) {
      options.emplace_back(name, TokenCursor::string_constant(value));
    } else if (value.word || value.kind == PG_QUERY__TOKEN__ICONST || value.kind == PG_QUERY__TOKEN__FCONST) {
      options.emplace_back(name, value.text);
    } else {
      TokenCursor::fail_at(value);
    }
  } while (c.accept_kind(PG_QUERY__TOKEN__ASCII_44));
  c.expect_kind(PG_QUERY__TOKEN__ASCII_41);
  return options;
}

// The statement starting at the cursor, if it is one of ours.
std::optional<ast::BranchStmt> branch_statement(TokenCursor& c) {
  using Kind = ast::BranchStmt::Kind;
  ast::BranchStmt out;
  bool database_branch = c.peek_word("database", 1) && c.peek_word("branch", 2);
  if (c.peek_word("use") && c.peek_word("branch", 1)) {
    c.next();
    c.next();
    out.kind = Kind::kUse;
    out.name = c.name();
  } else if (c.peek_word("show") && c.peek_word("branches", 1) && c.peek(2) == nullptr) {
    out.kind = Kind::kShow;
    c.next();
    c.next();
  } else if (database_branch && c.peek_word("create")) {
    for (int i = 0; i < 3; ++i) c.next();
    out.kind = Kind::kCreate;
    out.name = c.name();
    c.expect_word("from");
    if (!c.accept_word("current")) out.parent = c.name();
    if (c.accept_word("as")) {
      c.expect_word("of");
      out.as_of = temporal_point(c);
    }
    out.options = with_options(c);
  } else if (database_branch && c.peek_word("drop")) {
    for (int i = 0; i < 3; ++i) c.next();
    out.kind = Kind::kDrop;
    if (c.accept_word("if")) {
      c.expect_word("exists");
      out.if_exists = true;
    }
    out.name = c.name();
  } else if (database_branch && c.peek_word("alter")) {
    for (int i = 0; i < 3; ++i) c.next();
    out.kind = Kind::kRename;
    out.name = c.name();
    c.expect_word("rename");
    c.expect_word("to");
    out.target = c.name();
  } else if (database_branch && c.peek_word("merge")) {
    for (int i = 0; i < 3; ++i) c.next();
    out.kind = Kind::kMerge;
    out.name = c.name();
    c.expect_word("into");
    out.target = c.name();
    out.options = with_options(c);
  } else {
    return std::nullopt;
  }
  if (!c.at_end()) c.fail();
  return out;
}

void blank(std::string& sql, int begin, int end) { std::fill(sql.begin() + begin, sql.begin() + end, ' '); }

// The location of the table name that ends just before token `as`: a name
// or schema.name. -1 if there is no such name.
int table_name_start(const std::vector<Token>& tokens, std::size_t as) {
  if (as == 0 || !tokens[as - 1].word) return -1;
  std::size_t first = as - 1;
  while (first >= 2 && tokens[first - 1].kind == PG_QUERY__TOKEN__ASCII_46 && tokens[first - 2].word) first -= 2;
  return tokens[first].start;
}

// AS OF ... and VERSIONS BETWEEN ... AND ... within [begin, end).
void lift_clauses(const std::vector<Token>& tokens, std::size_t begin, std::size_t end, LiftedSyntax& out,
                  std::string_view sql) {
  for (std::size_t i = begin; i < end; ++i) {
    const Token& t = tokens[i];
    bool as_of = t.word && t.text == "as" && i + 2 < end && tokens[i + 1].word && tokens[i + 1].text == "of" &&
                 tokens[i + 2].word &&
                 (tokens[i + 2].text == "timestamp" || tokens[i + 2].text == "transaction" ||
                  tokens[i + 2].text == "scn" || tokens[i + 2].text == "now");
    bool versions =
        t.word && t.text == "versions" && i + 1 < end && tokens[i + 1].word && tokens[i + 1].text == "between";
    if (!as_of && !versions) continue;
    auto clause = std::make_shared<ast::TemporalClause>();
    clause->location = t.start;
    TokenCursor c(tokens, i + 2, end, sql);
    if (as_of) {
      clause->kind = ast::TemporalClause::Kind::kAsOf;
      clause->point = temporal_point(c);
    } else {
      clause->kind = ast::TemporalClause::Kind::kVersions;
      ast::TemporalPoint::Kind kind = ast::TemporalPoint::Kind::kScn;
      if (c.accept_word("timestamp")) {
        kind = ast::TemporalPoint::Kind::kTimestamp;
      } else {
        c.expect_word("scn");
      }
      clause->point = point_expression(c, kind);
      c.expect_word("and");
      clause->upper = point_expression(c, kind);
    }
    int name = table_name_start(tokens, i);
    if (name < 0) {
      throw DbError(sqlstate::kSyntaxError,
                    std::string(as_of ? "AS OF" : "VERSIONS BETWEEN") + " must follow a table name")
          .at_position(t.start + 1);
    }
    std::size_t last = c.pos() - 1;
    blank(out.sql, t.start, tokens[last].end);
    out.temporal[name] = std::move(clause);
    i = last;
  }
}

// CREATE MATERIALIZED VIEW ... AS query WITH (options) [WITH [NO] DATA]
// within [begin, end): the options after the query. (PostgreSQL's own WITH
// (...) before AS is followed by the query, so it is never the last clause.)
void lift_matview_options(const std::vector<Token>& tokens, std::size_t begin, std::size_t end, LiftedSyntax& out,
                          std::string_view sql) {
  auto word_at = [&](std::size_t i, std::string_view w) { return tokens[i].word && tokens[i].text == w; };
  if (end - begin < 4 || !word_at(begin, "create") || !word_at(begin + 1, "materialized") ||
      !word_at(begin + 2, "view")) {
    return;
  }
  std::size_t stop = end;
  if (word_at(stop - 1, "data") && stop - begin > 5) {
    std::size_t with = word_at(stop - 2, "no") ? stop - 3 : stop - 2;
    if (word_at(with, "with")) stop = with;
  }
  if (tokens[stop - 1].kind != PG_QUERY__TOKEN__ASCII_41) return;
  std::size_t open = stop - 1;
  for (int depth = 0;; --open) {
    if (tokens[open].kind == PG_QUERY__TOKEN__ASCII_41) ++depth;
    if (tokens[open].kind == PG_QUERY__TOKEN__ASCII_40 && --depth == 0) break;
    if (open == begin) return;
  }
  if (open <= begin + 3 || !word_at(open - 1, "with")) return;
  TokenCursor c(tokens, open - 1, stop, sql);
  LiftedOptions lifted{tokens[open - 1].start, tokens[stop - 1].end, with_options(c)};
  if (!c.at_end()) c.fail();
  blank(out.sql, lifted.begin, lifted.end);
  out.matview_options.push_back(std::move(lifted));
}

thread_local TemporalClauses* active_clauses = nullptr;

}  // namespace

LiftedSyntax lift_extension_syntax(std::string_view sql) {
  LiftedSyntax out;
  out.sql = std::string(sql);
  if (!may_hold_extension(sql)) return out;
  const std::vector<Token> tokens = scan(out.sql);
  std::size_t begin = 0;
  while (begin < tokens.size()) {
    // One statement: up to a ';' outside parentheses.
    std::size_t end = begin;
    int depth = 0;
    while (end < tokens.size() && !(depth == 0 && tokens[end].kind == PG_QUERY__TOKEN__ASCII_59)) {
      if (tokens[end].kind == PG_QUERY__TOKEN__ASCII_40) ++depth;
      if (tokens[end].kind == PG_QUERY__TOKEN__ASCII_41) --depth;
      ++end;
    }
    if (end > begin) {
      TokenCursor cursor(tokens, begin, end, sql);
      if (auto statement = branch_statement(cursor)) {
        int first = tokens[begin].start;
        int last = tokens[end - 1].end;
        out.statements.push_back({std::move(*statement), first, last - first});
        blank(out.sql, first, last);
      } else {
        lift_matview_options(tokens, begin, end, out, sql);
        lift_clauses(tokens, begin, end, out, sql);
      }
    }
    begin = end + 1;
  }
  return out;
}

TemporalClauses::TemporalClauses(const LiftedSyntax& lifted) : lifted_(lifted), previous_(active_clauses) {
  active_clauses = this;
}

TemporalClauses::~TemporalClauses() { active_clauses = previous_; }

std::shared_ptr<const ast::TemporalClause> TemporalClauses::take(int location) {
  if (active_clauses == nullptr) return nullptr;
  auto it = active_clauses->lifted_.temporal.find(location);
  if (it == active_clauses->lifted_.temporal.end()) return nullptr;
  active_clauses->taken_.push_back(location);
  return it->second;
}

void TemporalClauses::require_all_taken() const {
  for (const auto& [location, clause] : lifted_.temporal) {
    if (std::find(taken_.begin(), taken_.end(), location) != taken_.end()) continue;
    throw DbError(sqlstate::kSyntaxError,
                  std::string(clause->kind == ast::TemporalClause::Kind::kAsOf ? "AS OF" : "VERSIONS BETWEEN") +
                      " must directly follow a table name (put an alias after it)")
        .at_position(clause->location + 1);
  }
}

}  // namespace heliosdb::engine::parser

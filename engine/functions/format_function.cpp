// format(formatstr, VARIADIC "any") and the quoting functions it is built
// from: quote_ident, quote_literal, quote_nullable (PostgreSQL's "String
// Functions and Operators", section format).
#include <climits>
#include <string>

#include "engine/common/db_error.hpp"
#include "engine/common/identifier.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/types/cast.hpp"

namespace heliosdb::engine {

namespace {

constexpr TypeId kText = TypeId::kText;
constexpr TypeId kAny = TypeId::kUnknown;

Value text(std::string s) { return Value::string(kText, std::move(s)); }

// quote_literal: quotes doubled; a backslash makes it an E'' string with the
// backslashes doubled, so the result reads back the same whatever
// standard_conforming_strings says.
std::string quote_literal(std::string_view s) {
  std::string out;
  if (s.find('\\') != std::string_view::npos) out += 'E';
  out += '\'';
  for (char c : s) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  return out + '\'';
}

// quote_literal(anyelement) quotes the value cast to text, which is not
// always its output form: true::text is 'true'.
std::string as_text(const Value& v) { return cast_value(v, {kText, -1}, CastContext::kExplicit).as_string(); }

Value quote_ident_fn(const std::vector<Value>& a) { return text(quote_identifier(a[0].as_string())); }
Value quote_literal_fn(const std::vector<Value>& a) { return text(quote_literal(as_text(a[0]))); }
Value quote_nullable_fn(const std::vector<Value>& a) {
  return text(a[0].is_null() ? "NULL" : quote_literal(as_text(a[0])));
}

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

DbError format_error(std::string message) { return DbError(sqlstate::kInvalidParameterValue, std::move(message)); }

// One conversion specification: %[argpos$][-][width|*[argpos$]]type.
struct Spec {
  int argpos = 0;     // 1-based, 0: the next argument
  bool left = false;  // the '-' flag
  int width = 0;
  int widthpos = -1;  // -1: no '*'; 0: '*' takes the next argument; n: '*n$'
  char type = 0;
};

class FormatParser {
 public:
  FormatParser(std::string_view fmt, std::size_t pos) : fmt_(fmt), pos_(pos) {}

  std::size_t pos() const { return pos_; }

  // Reads the specification after a '%' up to and including its type.
  Spec parse() {
    Spec spec;
    int n = 0;
    if (digits(n)) {
      if (peek() != '$') {
        spec.width = n;
        spec.type = peek();
        advance();
        return spec;
      }
      if (n == 0) throw format_error("format specifies argument 0, but arguments are numbered from 1");
      spec.argpos = n;
      advance();
    }
    while (peek() == '-') {
      spec.left = true;
      advance();
    }
    if (peek() == '*') {
      advance();
      spec.widthpos = 0;
      if (digits(n)) {
        if (peek() != '$') throw format_error("width argument position must be ended by \"$\"");
        if (n == 0) throw format_error("format specifies argument 0, but arguments are numbered from 1");
        spec.widthpos = n;
        advance();
      }
    } else if (digits(n)) {
      spec.width = n;
    }
    spec.type = peek();
    advance();
    return spec;
  }

 private:
  char peek() const {
    if (pos_ >= fmt_.size()) {
      throw format_error("unterminated format() type specifier").with_hint("For a single \"%\" use \"%%\".");
    }
    return fmt_[pos_];
  }
  void advance() { ++pos_; }

  bool digits(int& n) {
    bool any = false;
    long long v = 0;
    while (pos_ < fmt_.size() && fmt_[pos_] >= '0' && fmt_[pos_] <= '9') {
      v = v * 10 + (fmt_[pos_] - '0');
      if (v > INT_MAX) throw DbError(sqlstate::kNumericValueOutOfRange, "number is out of range");
      ++pos_;
      any = true;
    }
    if (any) peek();  // digits at the very end leave the specifier unterminated
    n = static_cast<int>(v);
    return any;
  }

  std::string_view fmt_;
  std::size_t pos_;
};

// A width argument is read as int4 from its text form, as PostgreSQL does
// for any type but int4 itself: true is "t", not 1.
int width_from(const Value& v) {
  if (v.is_null()) return 0;
  if (v.type() == TypeId::kInt4) return static_cast<int>(v.as_int());
  Value i = cast_value(Value::string(kText, format_value(v)), {TypeId::kInt4, -1}, CastContext::kExplicit);
  return static_cast<int>(i.as_int());
}

void append_padded(std::string& out, const std::string& s, const Spec& spec, int width) {
  bool left = spec.left;
  if (width < 0) {
    if (width == INT_MIN) throw DbError(sqlstate::kNumericValueOutOfRange, "number is out of range");
    left = true;
    width = -width;
  }
  std::size_t len = char_count(s);
  std::size_t pad = static_cast<std::size_t>(width) > len ? static_cast<std::size_t>(width) - len : 0;
  if (!left) out.append(pad, ' ');
  out += s;
  if (left) out.append(pad, ' ');
}

// a[0] is the format string; a[1..] the arguments, of any type.
Value format_fn(const std::vector<Value>& a) {
  if (a[0].is_null()) return Value::null(kText);
  const std::string& fmt = a[0].as_string();
  std::string out;
  std::size_t next = 1;
  auto argument = [&](int pos) -> const Value& {
    if (pos > 0) next = static_cast<std::size_t>(pos);
    if (next >= a.size()) throw format_error("too few arguments for format()");
    return a[next++];
  };
  for (std::size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] != '%') {
      out += fmt[i];
      continue;
    }
    FormatParser parser(fmt, i + 1);
    if (i + 1 < fmt.size() && fmt[i + 1] == '%') {
      out += '%';
      ++i;
      continue;
    }
    Spec spec = parser.parse();
    i = parser.pos() - 1;
    if (spec.type != 's' && spec.type != 'I' && spec.type != 'L') {
      // Quote the whole character, which may be several bytes.
      std::size_t len = 1;
      while (i + len < fmt.size() && (static_cast<unsigned char>(fmt[i + len]) & 0xC0) == 0x80) ++len;
      throw format_error("unrecognized format() type specifier \"" + fmt.substr(i, len) + "\"")
          .with_hint("For a single \"%\" use \"%%\".");
    }
    int width = spec.width;
    if (spec.widthpos >= 0) width = width_from(argument(spec.widthpos));
    const Value& v = argument(spec.argpos);
    std::string shown;
    switch (spec.type) {
      case 's':
        if (!v.is_null()) shown = format_value(v);
        break;
      case 'I':
        if (v.is_null()) {
          throw DbError(sqlstate::kNullValueNotAllowed, "null values cannot be formatted as an SQL identifier");
        }
        shown = quote_identifier(format_value(v));
        break;
      default:
        shown = v.is_null() ? "NULL" : quote_literal(format_value(v));
        break;
    }
    append_padded(out, shown, spec, width);
  }
  return text(std::move(out));
}

}  // namespace

void register_format_functions(FunctionRegistry& r) {
  const SqlType text_type{kText, -1};
  r.add("format", {{kText}, text_type, format_fn});
  r.add("format", {{kText, kAny}, text_type, format_fn, true, false});
  r.add("quote_ident", {{kText}, text_type, quote_ident_fn});
  r.add("quote_literal", {{kText}, text_type, quote_literal_fn});
  r.add("quote_literal", {{kAny}, text_type, quote_literal_fn});
  r.add("quote_nullable", {{kText}, text_type, quote_nullable_fn, false, false});
  r.add("quote_nullable", {{kAny}, text_type, quote_nullable_fn, false, false});
}

}  // namespace heliosdb::engine

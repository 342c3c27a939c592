// POSIX regular expressions (PostgreSQL's "Pattern Matching"): the match
// operators ~ !~ ~* !~* (pg_operator's textregexeq and friends),
// regexp_replace, regexp_like, regexp_count, regexp_instr, regexp_substr,
// substring(... FROM pattern [FOR escape]) and similar_to_escape, which
// SIMILAR TO arrives as; regexp_match and regexp_split_to_array, and the
// rows of the set-returning regexp_matches and regexp_split_to_table. Patterns are rewritten to ECMAScript
// (regex_dialect.hpp), compiled once per thread and kept: a query applies
// the same pattern to every row. Positions count characters.
#include <list>
#include <regex>
#include <unordered_map>

#include "engine/common/db_error.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/functions/regex_dialect.hpp"
#include "engine/functions/regex_matches.hpp"
#include "engine/types/array.hpp"

namespace heliosdb::engine {

namespace {

constexpr TypeId kText = TypeId::kText;
constexpr TypeId kInt4 = TypeId::kInt4;

// The flags of PostgreSQL's "ARE Embedded-Option Letters" table that a
// function's flags argument takes.
struct RegexFlags {
  bool global = false;             // g: every match (regexp_replace only)
  bool icase = false;              // i
  bool newline_sensitive = false;  // n (and its older name m)
  bool literal = false;            // q: the pattern is plain text
};

DbError bad_value(std::string message) { return DbError(sqlstate::kInvalidParameterValue, std::move(message)); }

RegexFlags parse_flags(std::string_view flags) {
  RegexFlags f;
  for (std::size_t i = 0; i < flags.size(); ++i) {
    switch (flags[i]) {
      case 'g':
        f.global = true;
        break;
      case 'i':
        f.icase = true;
        break;
      case 'c':
        f.icase = false;
        break;
      case 'n':
      case 'm':
        f.newline_sensitive = true;
        break;
      case 's':
        f.newline_sensitive = false;
        break;
      case 'q':
        f.literal = true;
        break;
      case 'e':  // extended REs: ours are advanced ones, a superset
      case 't':  // tight syntax is the default
        break;
      case 'b':
      case 'x':
      case 'p':
      case 'w':
        throw DbError(sqlstate::kFeatureNotSupported,
                      std::string("not supported yet: regular expression option \"") + flags[i] + "\"");
      default: {
        std::size_t len = 1;
        while (i + len < flags.size() && (static_cast<unsigned char>(flags[i + len]) & 0xC0) == 0x80) ++len;
        throw bad_value("invalid regular expression option: \"" + std::string(flags.substr(i, len)) + "\"");
      }
    }
  }
  return f;
}

// Flags for a function that finds one match at a time.
RegexFlags parse_flags_no_global(std::string_view flags, const char* function) {
  RegexFlags f = parse_flags(flags);
  if (f.global) throw bad_value(std::string(function) + "() does not support the \"global\" option");
  return f;
}

std::string escape_literal(std::string_view pattern) {
  std::string out;
  for (char c : pattern) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// std::regex works on code units: the text and the pattern go to it as
// UTF-32 (wchar_t is 32 bits here), so that [^a-z] or . takes a whole
// character and positions count characters.
std::wstring widen(std::string_view s) {
  std::wstring out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
    char32_t cp = extra == 0 ? b : b & (0x3F >> extra);
    std::size_t j = i + 1;
    for (; j < s.size() && j <= i + static_cast<std::size_t>(extra); ++j) {
      cp = cp << 6 | (static_cast<unsigned char>(s[j]) & 0x3F);
    }
    out += static_cast<wchar_t>(cp);
    i = j;
  }
  return out;
}

void append_utf8(std::string& out, wchar_t wc) {
  auto u = static_cast<std::uint32_t>(wc);
  if (u < 0x80) {
    out += static_cast<char>(u);
  } else if (u < 0x800) {
    out += {static_cast<char>(0xC0 | (u >> 6)), static_cast<char>(0x80 | (u & 0x3F))};
  } else if (u < 0x10000) {
    out += {static_cast<char>(0xE0 | (u >> 12)), static_cast<char>(0x80 | ((u >> 6) & 0x3F)),
            static_cast<char>(0x80 | (u & 0x3F))};
  } else {
    out += {static_cast<char>(0xF0 | (u >> 18)), static_cast<char>(0x80 | ((u >> 12) & 0x3F)),
            static_cast<char>(0x80 | ((u >> 6) & 0x3F)), static_cast<char>(0x80 | (u & 0x3F))};
  }
}

std::string narrow(std::wstring_view s) {
  std::string out;
  out.reserve(s.size());
  for (wchar_t wc : s) append_utf8(out, wc);
  return out;
}

// The compiled form of the patterns used last, by pattern and flags.
const std::wregex& compiled(const std::string& pattern, const RegexFlags& flags) {
  constexpr std::size_t kKept = 64;
  using Entry = std::pair<std::string, std::wregex>;
  thread_local std::list<Entry> recent;
  thread_local std::unordered_map<std::string, std::list<Entry>::iterator> index;
  std::string key{flags.icase ? 'i' : 'c', flags.newline_sensitive ? 'n' : 's', flags.literal ? 'q' : 'r', ':'};
  key += pattern;
  if (auto it = index.find(key); it != index.end()) {
    recent.splice(recent.begin(), recent, it->second);
    return it->second->second;
  }
  std::wregex re;
  try {
    auto options = std::regex::ECMAScript;
    if (flags.icase) options |= std::regex::icase;
    if (flags.newline_sensitive) options |= std::regex::multiline;
    re = std::wregex(
        widen(flags.literal ? escape_literal(pattern) : are_to_ecmascript(pattern, flags.newline_sensitive)), options);
  } catch (const std::regex_error& e) {
    throw DbError(sqlstate::kInvalidRegularExpression, "invalid regular expression: " + std::string(e.what()));
  }
  recent.emplace_front(key, std::move(re));
  index[key] = recent.begin();
  if (recent.size() > kKept) {
    index.erase(recent.back().first);
    recent.pop_back();
  }
  return recent.front().second;
}

using Match = std::wsmatch;

// Calls `on_match` for each successive non-overlapping match starting at
// character `from`, until it returns false. After an empty match the
// search moves on one character, as PostgreSQL's does.
template <class F>
void for_each_match(const std::wstring& s, const std::wregex& re, std::size_t from, F&& on_match) {
  std::size_t pos = from;
  while (pos <= s.size()) {
    Match m;
    // Text before the start still counts for ^ and \b, as in PostgreSQL.
    auto flags = pos > 0 ? std::regex_constants::match_prev_avail : std::regex_constants::match_default;
    if (!std::regex_search(s.begin() + static_cast<std::ptrdiff_t>(pos), s.end(), m, re, flags)) return;
    if (!on_match(m)) return;
    auto end = static_cast<std::size_t>(m[0].second - s.begin());
    pos = m.length(0) == 0 ? end + 1 : end;
  }
}

std::int64_t checked_start(const Value& v) {
  if (v.as_int() <= 0) throw bad_value("invalid value for parameter \"start\": " + std::to_string(v.as_int()));
  return v.as_int();
}

std::int64_t checked_n(const Value& v) {
  if (v.as_int() <= 0) throw bad_value("invalid value for parameter \"n\": " + std::to_string(v.as_int()));
  return v.as_int();
}

std::size_t from_start(const std::wstring& s, std::int64_t start) {
  return static_cast<std::size_t>(std::min<std::int64_t>(start - 1, static_cast<std::int64_t>(s.size()) + 1));
}

// The n-th match (1-based) at or after character `start` (1-based).
bool nth_match(const std::wstring& s, const std::wregex& re, std::int64_t start, std::int64_t n, Match& out) {
  bool found = false;
  for_each_match(s, re, from_start(s, start), [&](const Match& m) {
    if (--n > 0) return true;
    out = m;
    found = true;
    return false;
  });
  return found;
}

bool matches(const std::vector<Value>& a, bool icase) {
  RegexFlags flags;
  flags.icase = icase;
  return std::regex_search(widen(a[0].as_string()), compiled(a[1].as_string(), flags));
}

Value regex_eq(const std::vector<Value>& a) { return Value::boolean(matches(a, false)); }
Value regex_ne(const std::vector<Value>& a) { return Value::boolean(!matches(a, false)); }
Value iregex_eq(const std::vector<Value>& a) { return Value::boolean(matches(a, true)); }
Value iregex_ne(const std::vector<Value>& a) { return Value::boolean(!matches(a, true)); }

// The replacement with \1..\9 (a subexpression, empty if it did not take
// part), \& (the whole match) and \\ (a backslash) filled in; any other
// backslash stays as it is.
void append_replacement(std::wstring& out, std::wstring_view replacement, const Match& m) {
  for (std::size_t i = 0; i < replacement.size(); ++i) {
    wchar_t c = replacement[i];
    if (c != L'\\' || i + 1 >= replacement.size()) {
      out += c;
      continue;
    }
    wchar_t next = replacement[i + 1];
    if (next >= L'1' && next <= L'9') {
      auto group = static_cast<std::size_t>(next - L'0');
      if (group < m.size() && m[group].matched) out += m[group].str();
      ++i;
    } else if (next == L'&') {
      out += m[0].str();
      ++i;
    } else if (next == L'\\') {
      out += L'\\';
      ++i;
    } else {
      out += L'\\';
    }
  }
}

// Replaces the n-th match at or after character `start`, or every one when n is 0.
std::string replace_matches(const std::string& text, const std::wregex& re, const std::string& replacement_text,
                            std::int64_t start, std::int64_t n) {
  const std::wstring s = widen(text), replacement = widen(replacement_text);
  std::wstring out;
  std::size_t copied = 0;
  std::int64_t seen = 0;
  for_each_match(s, re, from_start(s, start), [&](const Match& m) {
    ++seen;
    if (n != 0 && seen < n) return true;
    auto b = static_cast<std::size_t>(m[0].first - s.begin());
    out.append(s, copied, b - copied);
    append_replacement(out, replacement, m);
    copied = static_cast<std::size_t>(m[0].second - s.begin());
    return n == 0;
  });
  out.append(s, copied);
  return narrow(out);
}

// regexp_replace(source, pattern, replacement [, flags]).
Value regexp_replace_fn(const std::vector<Value>& a) {
  RegexFlags flags = parse_flags(a.size() > 3 ? a[3].as_string() : "");
  const std::wregex& re = compiled(a[1].as_string(), flags);
  return Value::string(kText, replace_matches(a[0].as_string(), re, a[2].as_string(), 1, flags.global ? 0 : 1));
}

// regexp_replace(source, pattern, replacement, start [, n [, flags]]): with
// n given, 'g' no longer matters; n = 0 replaces every match.
Value regexp_replace_at_fn(const std::vector<Value>& a) {
  std::int64_t start = checked_start(a[3]);
  std::int64_t n = a.size() > 4 ? a[4].as_int() : -1;
  if (a.size() > 4 && n < 0) throw bad_value("invalid value for parameter \"n\": " + std::to_string(n));
  RegexFlags flags = parse_flags(a.size() > 5 ? a[5].as_string() : "");
  if (n < 0) n = flags.global ? 0 : 1;
  const std::wregex& re = compiled(a[1].as_string(), flags);
  return Value::string(kText, replace_matches(a[0].as_string(), re, a[2].as_string(), start, n));
}

// regexp_like(string, pattern [, flags]).
Value regexp_like_fn(const std::vector<Value>& a) {
  RegexFlags flags = parse_flags_no_global(a.size() > 2 ? a[2].as_string() : "", "regexp_like");
  return Value::boolean(std::regex_search(widen(a[0].as_string()), compiled(a[1].as_string(), flags)));
}

// regexp_count(string, pattern [, start [, flags]]).
Value regexp_count_fn(const std::vector<Value>& a) {
  std::int64_t start = a.size() > 2 ? checked_start(a[2]) : 1;
  RegexFlags flags = parse_flags_no_global(a.size() > 3 ? a[3].as_string() : "", "regexp_count");
  const std::wstring s = widen(a[0].as_string());
  std::int64_t count = 0;
  for_each_match(s, compiled(a[1].as_string(), flags), from_start(s, start), [&](const Match&) {
    ++count;
    return true;
  });
  return Value::integer(kInt4, count);
}

std::int64_t checked_subexpr(const Value& v) {
  if (v.as_int() < 0) throw bad_value("invalid value for parameter \"subexpr\": " + std::to_string(v.as_int()));
  return v.as_int();
}

// regexp_instr(string, pattern [, start [, n [, endoption [, flags [, subexpr]]]]]):
// where the match (or subexpression) begins, or ends with endoption 1; 0 if none.
Value regexp_instr_fn(const std::vector<Value>& a) {
  std::int64_t start = a.size() > 2 ? checked_start(a[2]) : 1;
  std::int64_t n = a.size() > 3 ? checked_n(a[3]) : 1;
  std::int64_t end_option = a.size() > 4 ? a[4].as_int() : 0;
  if (end_option != 0 && end_option != 1) {
    throw bad_value("invalid value for parameter \"endoption\": " + std::to_string(end_option));
  }
  RegexFlags flags = parse_flags_no_global(a.size() > 5 ? a[5].as_string() : "", "regexp_instr");
  std::int64_t subexpr = a.size() > 6 ? checked_subexpr(a[6]) : 0;
  const std::wstring s = widen(a[0].as_string());
  Match m;
  if (!nth_match(s, compiled(a[1].as_string(), flags), start, n, m)) return Value::integer(kInt4, 0);
  auto group = static_cast<std::size_t>(subexpr);
  if (group >= m.size() || !m[group].matched) return Value::integer(kInt4, 0);
  auto at = end_option == 0 ? m[group].first : m[group].second;
  return Value::integer(kInt4, at - s.cbegin() + 1);
}

// regexp_substr(string, pattern [, start [, n [, flags [, subexpr]]]]): NULL if no match.
Value regexp_substr_fn(const std::vector<Value>& a) {
  std::int64_t start = a.size() > 2 ? checked_start(a[2]) : 1;
  std::int64_t n = a.size() > 3 ? checked_n(a[3]) : 1;
  RegexFlags flags = parse_flags_no_global(a.size() > 4 ? a[4].as_string() : "", "regexp_substr");
  std::int64_t subexpr = a.size() > 5 ? checked_subexpr(a[5]) : 0;
  const std::wstring s = widen(a[0].as_string());
  Match m;
  if (!nth_match(s, compiled(a[1].as_string(), flags), start, n, m)) return Value::null(kText);
  auto group = static_cast<std::size_t>(subexpr);
  if (group >= m.size() || !m[group].matched) return Value::null(kText);
  return Value::string(kText, narrow(m[group].str()));
}

// substring(string FROM pattern): the part the first parenthesized
// subexpression matched if there is one, else the whole match; NULL if none.
Value substring_of(const std::string& text, const std::wregex& re) {
  const std::wstring s = widen(text);
  Match m;
  if (!std::regex_search(s, m, re)) return Value::null(kText);
  std::size_t group = re.mark_count() > 0 ? 1 : 0;
  if (!m[group].matched) return Value::null(kText);
  return Value::string(kText, narrow(m[group].str()));
}

Value substring_regex_fn(const std::vector<Value>& a) {
  return substring_of(a[0].as_string(), compiled(a[1].as_string(), RegexFlags{}));
}

// substring(string SIMILAR pattern ESCAPE escape), also spelled FROM ... FOR.
Value substring_similar_fn(const std::vector<Value>& a) {
  std::string regex = similar_to_regex(a[1].as_string(), std::string_view(a[2].as_string()));
  return substring_of(a[0].as_string(), compiled(regex, RegexFlags{}));
}

Value similar_to_escape_fn(const std::vector<Value>& a) {
  std::optional<std::string_view> escape;
  if (a.size() > 1) escape = a[1].as_string();
  return Value::string(kText, similar_to_regex(a[0].as_string(), escape));
}

// The text[] of one match: its groups, or the whole match without any.
Value match_array(const Match& m) {
  std::vector<Value> items;
  if (m.size() == 1) items.push_back(Value::string(kText, narrow(m.str(0))));
  for (std::size_t g = 1; g < m.size(); ++g) {
    items.push_back(m[g].matched ? Value::string(kText, narrow(m.str(g))) : Value::null(kText));
  }
  return encode_array(ArrayData::of(kText, std::move(items)));
}

Value regexp_match_fn(const std::vector<Value>& a) {
  RegexFlags flags = parse_flags_no_global(a.size() > 2 ? a[2].as_string() : "", "regexp_match");
  const std::wstring s = widen(a[0].as_string());
  Match m;
  if (!nth_match(s, compiled(a[1].as_string(), flags), 1, 1, m)) return Value::null(array_of(kText));
  return match_array(m);
}

Value regexp_split_to_array_fn(const std::vector<Value>& a) {
  std::vector<Value> items;
  for (std::string& piece : regexp_split(a[0].as_string(), a[1].as_string(), a.size() > 2 ? a[2].as_string() : "",
                                         "regexp_split_to_array")) {
    items.push_back(Value::string(kText, std::move(piece)));
  }
  return encode_array(ArrayData::of(kText, std::move(items)));
}

}  // namespace

std::vector<Value> regexp_matches(const std::string& text, const std::string& pattern, const std::string& flag_text) {
  const RegexFlags flags = parse_flags(flag_text);
  const std::wstring s = widen(text);
  std::vector<Value> out;
  for_each_match(s, compiled(pattern, flags), 0, [&](const Match& m) {
    out.push_back(match_array(m));
    return flags.global;
  });
  return out;
}

std::vector<std::string> regexp_split(const std::string& text, const std::string& pattern, const std::string& flag_text,
                                      const char* function) {
  const RegexFlags flags = parse_flags_no_global(flag_text, function);
  const std::wstring s = widen(text);
  std::vector<std::string> out;
  std::size_t piece_start = 0;
  for_each_match(s, compiled(pattern, flags), 0, [&](const Match& m) {
    const auto begin = static_cast<std::size_t>(m[0].first - s.begin());
    const auto end = static_cast<std::size_t>(m[0].second - s.begin());
    if (begin == end && (begin == 0 || begin >= s.size() || begin == piece_start)) return true;
    out.push_back(narrow(std::wstring_view(s).substr(piece_start, begin - piece_start)));
    piece_start = end;
    return true;
  });
  out.push_back(narrow(std::wstring_view(s).substr(piece_start)));
  return out;
}

void register_regex_functions(FunctionRegistry& r) {
  const SqlType boolean{TypeId::kBool, -1}, text{kText, -1}, int4{kInt4, -1};
  const std::vector<TypeId> text_text{kText, kText};
  r.add("textregexeq", {text_text, boolean, regex_eq});
  r.add("textregexne", {text_text, boolean, regex_ne});
  r.add("texticregexeq", {text_text, boolean, iregex_eq});
  r.add("texticregexne", {text_text, boolean, iregex_ne});

  r.add("regexp_replace", {{kText, kText, kText}, text, regexp_replace_fn});
  r.add("regexp_replace", {{kText, kText, kText, kText}, text, regexp_replace_fn});
  r.add("regexp_replace", {{kText, kText, kText, kInt4}, text, regexp_replace_at_fn});
  r.add("regexp_replace", {{kText, kText, kText, kInt4, kInt4}, text, regexp_replace_at_fn});
  r.add("regexp_replace", {{kText, kText, kText, kInt4, kInt4, kText}, text, regexp_replace_at_fn});
  r.add("regexp_like", {{kText, kText}, boolean, regexp_like_fn});
  r.add("regexp_like", {{kText, kText, kText}, boolean, regexp_like_fn});
  r.add("regexp_count", {{kText, kText}, int4, regexp_count_fn});
  r.add("regexp_count", {{kText, kText, kInt4}, int4, regexp_count_fn});
  r.add("regexp_count", {{kText, kText, kInt4, kText}, int4, regexp_count_fn});
  r.add("regexp_instr", {{kText, kText}, int4, regexp_instr_fn});
  r.add("regexp_instr", {{kText, kText, kInt4}, int4, regexp_instr_fn});
  r.add("regexp_instr", {{kText, kText, kInt4, kInt4}, int4, regexp_instr_fn});
  r.add("regexp_instr", {{kText, kText, kInt4, kInt4, kInt4}, int4, regexp_instr_fn});
  r.add("regexp_instr", {{kText, kText, kInt4, kInt4, kInt4, kText}, int4, regexp_instr_fn});
  r.add("regexp_instr", {{kText, kText, kInt4, kInt4, kInt4, kText, kInt4}, int4, regexp_instr_fn});
  r.add("regexp_substr", {{kText, kText}, text, regexp_substr_fn});
  r.add("regexp_substr", {{kText, kText, kInt4}, text, regexp_substr_fn});
  r.add("regexp_substr", {{kText, kText, kInt4, kInt4}, text, regexp_substr_fn});
  r.add("regexp_substr", {{kText, kText, kInt4, kInt4, kText}, text, regexp_substr_fn});
  r.add("regexp_substr", {{kText, kText, kInt4, kInt4, kText, kInt4}, text, regexp_substr_fn});
  r.add("substring", {{kText, kText}, text, substring_regex_fn});
  r.add("substring", {{kText, kText, kText}, text, substring_similar_fn});
  r.add("similar_to_escape", {{kText}, text, similar_to_escape_fn});
  r.add("similar_to_escape", {{kText, kText}, text, similar_to_escape_fn});
  const SqlType text_array{array_of(kText), -1};
  r.add("regexp_match", {{kText, kText}, text_array, regexp_match_fn});
  r.add("regexp_match", {{kText, kText, kText}, text_array, regexp_match_fn});
  r.add("regexp_split_to_array", {{kText, kText}, text_array, regexp_split_to_array_fn});
  r.add("regexp_split_to_array", {{kText, kText, kText}, text_array, regexp_split_to_array_fn});
}

}  // namespace heliosdb::engine

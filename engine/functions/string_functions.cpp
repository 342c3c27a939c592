// Text functions (PostgreSQL's "String Functions and Operators"). Positions
// and lengths count UTF-8 characters, as PostgreSQL does in a UTF8 database.
#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/common/utf8.hpp"
#include "engine/functions/function_registry.hpp"

namespace heliosdb::engine {

namespace {

constexpr TypeId kText = TypeId::kText;
constexpr TypeId kInt4 = TypeId::kInt4;
constexpr TypeId kAny = TypeId::kUnknown;  // an argument of any type, shown as text

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Byte offsets of each character start, plus the end.
std::vector<std::size_t> char_starts(std::string_view s) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_continuation(s[i])) starts.push_back(i);
  }
  starts.push_back(s.size());
  return starts;
}

std::int64_t char_count(std::string_view s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return !is_continuation(c); });
}

// Characters [from, from + count) of s, 0-based, clamped to the string.
std::string char_slice(std::string_view s, std::int64_t from, std::int64_t count) {
  std::vector<std::size_t> starts = char_starts(s);
  auto n = static_cast<std::int64_t>(starts.size()) - 1;
  std::int64_t b = std::clamp<std::int64_t>(from, 0, n);
  std::int64_t e = std::clamp<std::int64_t>(count < 0 ? n : from + count, b, n);
  return std::string(s.substr(starts[static_cast<std::size_t>(b)],
                              starts[static_cast<std::size_t>(e)] - starts[static_cast<std::size_t>(b)]));
}

Value text(std::string s) { return Value::string(kText, std::move(s)); }
Value int4(std::int64_t v) { return Value::integer(kInt4, v); }

Value length_fn(const std::vector<Value>& a) { return int4(char_count(a[0].as_string())); }
Value octet_length_fn(const std::vector<Value>& a) { return int4(static_cast<std::int64_t>(a[0].as_string().size())); }

Value map_ascii(const std::string& s, int (*f)(int)) {
  std::string out = s;
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x80) c = static_cast<char>(f(c));
  }
  return text(std::move(out));
}
Value lower_fn(const std::vector<Value>& a) {
  return map_ascii(a[0].as_string(), [](int c) { return std::tolower(c); });
}
Value upper_fn(const std::vector<Value>& a) {
  return map_ascii(a[0].as_string(), [](int c) { return std::toupper(c); });
}

Value initcap_fn(const std::vector<Value>& a) {
  std::string out = a[0].as_string();
  bool word_start = true;
  for (char& c : out) {
    auto u = static_cast<unsigned char>(c);
    bool alnum = u >= 0x80 || std::isalnum(u);
    if (u < 0x80) c = static_cast<char>(word_start ? std::toupper(u) : std::tolower(u));
    word_start = !alnum;
  }
  return text(std::move(out));
}

Value substr_fn(const std::vector<Value>& a) {
  std::int64_t start = a[1].as_int();
  if (a.size() < 3) return text(char_slice(a[0].as_string(), start - 1, -1));
  std::int64_t count = a[2].as_int();
  if (count < 0) throw DbError(sqlstate::kSubstringError, "negative substring length not allowed");
  // Characters start..start+count-1, 1-based; positions before 1 just shorten the result.
  std::int64_t end = start + count;
  std::int64_t from = std::max<std::int64_t>(start, 1);
  if (end <= from) return text("");
  return text(char_slice(a[0].as_string(), from - 1, end - from));
}

bool in_set(std::string_view set, std::string_view ch) { return set.find(ch) != std::string_view::npos; }

// Trims whole characters found in `chars` from the chosen ends.
std::string trim_chars(std::string_view s, std::string_view chars, bool left, bool right) {
  std::vector<std::size_t> starts = char_starts(s);
  std::size_t b = 0, e = starts.size() - 1;
  auto ch = [&](std::size_t i) { return s.substr(starts[i], starts[i + 1] - starts[i]); };
  while (left && b < e && in_set(chars, ch(b))) ++b;
  while (right && e > b && in_set(chars, ch(e - 1))) --e;
  return std::string(s.substr(starts[b], starts[e] - starts[b]));
}
Value btrim_fn(const std::vector<Value>& a) {
  return text(trim_chars(a[0].as_string(), a.size() > 1 ? a[1].as_string() : " ", true, true));
}
Value ltrim_fn(const std::vector<Value>& a) {
  return text(trim_chars(a[0].as_string(), a.size() > 1 ? a[1].as_string() : " ", true, false));
}
Value rtrim_fn(const std::vector<Value>& a) {
  return text(trim_chars(a[0].as_string(), a.size() > 1 ? a[1].as_string() : " ", false, true));
}

Value replace_fn(const std::vector<Value>& a) {
  const std::string& s = a[0].as_string();
  const std::string& from = a[1].as_string();
  if (from.empty()) return a[0];
  std::string out;
  std::size_t pos = 0;
  for (std::size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size()) {
    out.append(s, pos, hit - pos);
    out += a[2].as_string();
  }
  out.append(s, pos);
  return text(std::move(out));
}

Value strpos_fn(const std::vector<Value>& a) {
  std::size_t hit = a[0].as_string().find(a[1].as_string());
  if (hit == std::string::npos) return int4(0);
  return int4(char_count(std::string_view(a[0].as_string()).substr(0, hit)) + 1);
}
// position(sub IN s) arrives as position(s, sub).
Value position_fn(const std::vector<Value>& a) { return strpos_fn(a); }

Value left_fn(const std::vector<Value>& a) {
  std::int64_t n = a[1].as_int(), len = char_count(a[0].as_string());
  return text(char_slice(a[0].as_string(), 0, n >= 0 ? n : std::max<std::int64_t>(len + n, 0)));
}
Value right_fn(const std::vector<Value>& a) {
  std::int64_t n = a[1].as_int(), len = char_count(a[0].as_string());
  std::int64_t keep = n >= 0 ? std::min(n, len) : std::max<std::int64_t>(len + n, 0);
  return text(char_slice(a[0].as_string(), len - keep, keep));
}

Value repeat_fn(const std::vector<Value>& a) {
  std::string out;
  const std::string& s = a[0].as_string();
  std::int64_t n = a[1].as_int();
  if (n > 0 && s.size() * static_cast<std::size_t>(n) > (std::size_t{1} << 30)) {
    throw DbError(sqlstate::kProgramLimitExceeded, "requested length too large");
  }
  for (std::int64_t i = 0; i < n; ++i) out += s;
  return text(std::move(out));
}

Value reverse_fn(const std::vector<Value>& a) {
  std::string_view s = a[0].as_string();
  std::vector<std::size_t> starts = char_starts(s);
  std::string out;
  for (std::size_t i = starts.size() - 1; i > 0; --i) out.append(s.substr(starts[i - 1], starts[i] - starts[i - 1]));
  return text(std::move(out));
}

Value pad(const std::vector<Value>& a, bool left) {
  const std::string& s = a[0].as_string();
  std::int64_t target = a[1].as_int();
  std::string fill = a.size() > 2 ? a[2].as_string() : " ";
  std::int64_t len = char_count(s);
  if (target <= len) return text(char_slice(s, 0, std::max<std::int64_t>(target, 0)));
  if (fill.empty()) return text(s);
  std::vector<std::size_t> fill_starts = char_starts(fill);
  std::string padding;
  for (std::int64_t i = 0; i < target - len; ++i) {
    std::size_t k = static_cast<std::size_t>(i) % (fill_starts.size() - 1);
    padding.append(fill, fill_starts[k], fill_starts[k + 1] - fill_starts[k]);
  }
  return text(left ? padding + s : s + padding);
}
Value lpad_fn(const std::vector<Value>& a) { return pad(a, true); }
Value rpad_fn(const std::vector<Value>& a) { return pad(a, false); }

Value split_part_fn(const std::vector<Value>& a) {
  const std::string& s = a[0].as_string();
  const std::string& delim = a[1].as_string();
  std::int64_t n = a[2].as_int();
  if (n == 0) throw DbError(sqlstate::kInvalidParameterValue, "field position must not be zero");
  std::vector<std::string> parts;
  if (delim.empty()) {
    parts.push_back(s);
  } else {
    std::size_t pos = 0;
    for (std::size_t hit; (hit = s.find(delim, pos)) != std::string::npos; pos = hit + delim.size()) {
      parts.push_back(s.substr(pos, hit - pos));
    }
    parts.push_back(s.substr(pos));
  }
  auto count = static_cast<std::int64_t>(parts.size());
  std::int64_t index = n > 0 ? n - 1 : count + n;
  if (index < 0 || index >= count) return text("");
  return text(parts[static_cast<std::size_t>(index)]);
}

Value starts_with_fn(const std::vector<Value>& a) {
  return Value::boolean(a[0].as_string().starts_with(a[1].as_string()));
}

Value ascii_fn(const std::vector<Value>& a) {
  const std::string& s = a[0].as_string();
  if (s.empty()) return int4(0);
  auto c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) return int4(c);
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  std::int64_t cp = c & (0x3F >> extra);
  for (int i = 1; i <= extra && static_cast<std::size_t>(i) < s.size(); ++i) cp = (cp << 6) | (s[i] & 0x3F);
  return int4(cp);
}

Value chr_fn(const std::vector<Value>& a) {
  std::int64_t cp = a[0].as_int();
  if (cp == 0) throw DbError(sqlstate::kProgramLimitExceeded, "null character not permitted");
  if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    throw DbError(sqlstate::kProgramLimitExceeded, "requested character too large for encoding: " + std::to_string(cp));
  }
  std::string out;
  append_utf8(out, static_cast<std::uint32_t>(cp));
  return text(std::move(out));
}

// concat and concat_ws show every non-NULL argument as its text output.
Value concat_fn(const std::vector<Value>& a) {
  std::string out;
  for (const Value& v : a) {
    if (!v.is_null()) out += format_value(v);
  }
  return text(std::move(out));
}
Value concat_ws_fn(const std::vector<Value>& a) {
  if (a[0].is_null()) return Value::null(kText);
  std::string out;
  bool first = true;
  for (std::size_t i = 1; i < a.size(); ++i) {
    if (a[i].is_null()) continue;
    if (!first) out += a[0].as_string();
    out += format_value(a[i]);
    first = false;
  }
  return text(std::move(out));
}

// pg_typeof returns regtype, shown as the type's name.
Value pg_typeof_fn(const std::vector<Value>& a) { return text(type_display_name({a[0].type(), -1})); }

}  // namespace

void register_string_functions(FunctionRegistry& r) {
  const SqlType text_type{kText, -1}, int_type{kInt4, -1};
  for (const char* name : {"length", "char_length", "character_length"}) r.add(name, {{kText}, int_type, length_fn});
  r.add("length", {{TypeId::kBytea}, int_type, octet_length_fn});
  r.add("octet_length", {{kText}, int_type, octet_length_fn});
  r.add("octet_length", {{TypeId::kBpchar}, int_type, octet_length_fn});  // counts the padding
  r.add("octet_length", {{TypeId::kBytea}, int_type, octet_length_fn});
  r.add("lower", {{kText}, text_type, lower_fn});
  r.add("upper", {{kText}, text_type, upper_fn});
  r.add("initcap", {{kText}, text_type, initcap_fn});
  for (const char* name : {"substr", "substring"}) {
    r.add(name, {{kText, kInt4}, text_type, substr_fn});
    r.add(name, {{kText, kInt4, kInt4}, text_type, substr_fn});
  }
  r.add("btrim", {{kText}, text_type, btrim_fn});
  r.add("btrim", {{kText, kText}, text_type, btrim_fn});
  r.add("ltrim", {{kText}, text_type, ltrim_fn});
  r.add("ltrim", {{kText, kText}, text_type, ltrim_fn});
  r.add("rtrim", {{kText}, text_type, rtrim_fn});
  r.add("rtrim", {{kText, kText}, text_type, rtrim_fn});
  r.add("replace", {{kText, kText, kText}, text_type, replace_fn});
  r.add("strpos", {{kText, kText}, int_type, strpos_fn});
  r.add("position", {{kText, kText}, int_type, position_fn});
  r.add("left", {{kText, kInt4}, text_type, left_fn});
  r.add("right", {{kText, kInt4}, text_type, right_fn});
  r.add("repeat", {{kText, kInt4}, text_type, repeat_fn});
  r.add("reverse", {{kText}, text_type, reverse_fn});
  r.add("lpad", {{kText, kInt4}, text_type, lpad_fn});
  r.add("lpad", {{kText, kInt4, kText}, text_type, lpad_fn});
  r.add("rpad", {{kText, kInt4}, text_type, rpad_fn});
  r.add("rpad", {{kText, kInt4, kText}, text_type, rpad_fn});
  r.add("split_part", {{kText, kText, kInt4}, text_type, split_part_fn});
  r.add("starts_with", {{kText, kText}, {TypeId::kBool, -1}, starts_with_fn});
  r.add("ascii", {{kText}, int_type, ascii_fn});
  r.add("chr", {{kInt4}, text_type, chr_fn});
  r.add("concat", {{kAny}, text_type, concat_fn, true, false});
  r.add("pg_typeof", {{kAny}, text_type, pg_typeof_fn, false, false});
  r.add("concat_ws", {{kText, kAny}, text_type, concat_ws_fn, true, false});
}

}  // namespace heliosdb::engine

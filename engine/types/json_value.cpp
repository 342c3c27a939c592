#include "engine/types/json_value.hpp"

#include <algorithm>
#include <cctype>

#include "engine/common/db_error.hpp"
#include "engine/common/utf8.hpp"
#include "engine/types/decimal.hpp"

namespace heliosdb::engine {

// Recursive descent over RFC 8259 JSON, with PostgreSQL's error details.
class JsonParser {
 public:
  JsonParser(std::string_view text, bool jsonb) : s_(text), jsonb_(jsonb) {}

  JsonValue document() {
    JsonValue v = value();
    skip_space();
    if (i_ < s_.size()) fail("Expected end of input, but found \"" + token() + "\".");
    return v;
  }

 private:
  // The errors are thrown out of line: a DbError built in a frame of the
  // recursive descent would make every level of nesting that much deeper.
  [[noreturn]] __attribute__((noinline)) void fail(const std::string& detail) {
    throw DbError(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type json").with_detail(detail);
  }
  [[noreturn]] __attribute__((noinline)) static void too_deep() {
    throw DbError(sqlstate::kStatementTooComplex, "stack depth limit exceeded")
        .with_hint(
            "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after ensuring "
            "the platform's stack depth limit is adequate.");
  }
  [[noreturn]] __attribute__((noinline)) static void nul_escape() {
    throw DbError(sqlstate::kUntranslatableCharacter, "unsupported Unicode escape sequence")
        .with_detail("\\u0000 cannot be converted to text.");
  }
  [[noreturn]] void ended() { fail("The input string ended unexpectedly."); }

  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }

  // The token at the cursor, as PostgreSQL's messages quote it.
  std::string token() const {
    if (i_ >= s_.size()) return "";
    char c = s_[i_];
    if (std::string_view("{}[],:").find(c) != std::string_view::npos) return std::string(1, c);
    if (c == '"') {
      std::size_t j = i_ + 1;
      while (j < s_.size() && s_[j] != '"') j += s_[j] == '\\' ? 2 : 1;
      return std::string(s_.substr(i_, std::min(j + 1, s_.size()) - i_));
    }
    std::size_t j = i_;
    while (j < s_.size() && std::string_view(" \t\n\r{}[],:\"").find(s_[j]) == std::string_view::npos) ++j;
    return std::string(s_.substr(i_, std::max<std::size_t>(j - i_, 1)));
  }

  JsonValue value() {
    skip_space();
    if (i_ >= s_.size()) ended();
    // Nesting recurses here and in everything that walks a value later; a
    // client's '[[[[...' must end in an error, not in a stack overflow.
    // PostgreSQL stops near this depth too, when max_stack_depth runs out.
    if (++depth_ > kMaxDepth) too_deep();
    std::size_t begin = i_;
    JsonValue v = value_at();
    --depth_;
    v.begin_ = begin;
    v.end_ = i_;
    return v;
  }

  JsonValue value_at() {
    char c = s_[i_];
    if (c == '{') return object();
    if (c == '[') return array();
    if (c == '"') return JsonValue::string(string());
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) return number();
    std::string t = token();
    if (t == "true" || t == "false" || t == "null") {
      i_ += t.size();
      return t == "null" ? JsonValue::null() : JsonValue::boolean(t == "true");
    }
    if (std::string_view("{}[],:").find(c) != std::string_view::npos) {
      fail("Expected JSON value, but found \"" + t + "\".");
    }
    fail("Token \"" + t + "\" is invalid.");
  }

  JsonValue number() {
    std::size_t start = i_;
    std::string t = token();
    std::size_t j = 0;
    auto digit = [&](std::size_t k) { return k < t.size() && std::isdigit(static_cast<unsigned char>(t[k])); };
    if (j < t.size() && t[j] == '-') ++j;
    if (!digit(j)) fail("Token \"" + t + "\" is invalid.");
    if (t[j] == '0') {
      ++j;
    } else {
      while (digit(j)) ++j;
    }
    if (j < t.size() && t[j] == '.') {
      ++j;
      if (!digit(j)) fail("Token \"" + t + "\" is invalid.");
      while (digit(j)) ++j;
    }
    if (j < t.size() && (t[j] == 'e' || t[j] == 'E')) {
      ++j;
      if (j < t.size() && (t[j] == '+' || t[j] == '-')) ++j;
      if (!digit(j)) fail("Token \"" + t + "\" is invalid.");
      while (digit(j)) ++j;
    }
    if (j != t.size()) fail("Token \"" + t + "\" is invalid.");
    i_ = start + t.size();
    return JsonValue::number(jsonb_ ? Decimal::parse(t).to_string() : t);
  }

  std::uint32_t hex4() {
    if (i_ + 4 > s_.size()) fail("\"\\u\" must be followed by four hexadecimal digits.");
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s_[i_ + static_cast<std::size_t>(k)];
      if (!std::isxdigit(static_cast<unsigned char>(c))) fail("\"\\u\" must be followed by four hexadecimal digits.");
      v = v * 16 + static_cast<std::uint32_t>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                                                                                          : std::tolower(c) - 'a' + 10);
    }
    i_ += 4;
    return v;
  }

  std::string string() {
    ++i_;  // opening quote
    std::string out;
    while (true) {
      if (i_ >= s_.size()) ended();
      char c = s_[i_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "Character with value 0x%02x must be escaped.", static_cast<unsigned char>(c));
        fail(buf);
      }
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (i_ >= s_.size()) ended();
      char e = s_[i_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out.push_back(e);
          break;
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
        case 'u': {
          std::uint32_t cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF && i_ + 1 < s_.size() && s_[i_] == '\\' && s_[i_ + 1] == 'u') {
            i_ += 2;
            std::uint32_t low = hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          if (cp == 0) {
            if (jsonb_) nul_escape();
            out += "\\u0000";
          } else {
            append_utf8(out, cp);
          }
          break;
        }
        default:
          fail(std::string("Escape sequence \"\\") + e + "\" is invalid.");
      }
    }
  }

  JsonValue array() {
    ++i_;
    std::vector<JsonValue> items;
    skip_space();
    if (i_ >= s_.size()) ended();
    if (s_[i_] == ']') {
      ++i_;
      return JsonValue::array(std::move(items));
    }
    if (s_[i_] == ',' || s_[i_] == '}' || s_[i_] == ':') {
      fail("Expected array element or \"]\", but found \"" + token() + "\".");
    }
    while (true) {
      items.push_back(value());
      skip_space();
      if (i_ >= s_.size()) ended();
      if (s_[i_] == ']') {
        ++i_;
        return JsonValue::array(std::move(items));
      }
      if (s_[i_] != ',') fail("Expected \",\" or \"]\", but found \"" + token() + "\".");
      ++i_;
    }
  }

  JsonValue object() {
    ++i_;
    std::vector<std::pair<std::string, JsonValue>> members;
    skip_space();
    if (i_ >= s_.size()) ended();
    if (s_[i_] == '}') {
      ++i_;
      return finish_object(std::move(members));
    }
    bool first = true;
    while (true) {
      skip_space();
      if (i_ >= s_.size()) ended();
      if (s_[i_] != '"') {
        fail(std::string(first ? "Expected string or \"}\"" : "Expected string") + ", but found \"" + token() + "\".");
      }
      std::string key = string();
      skip_space();
      if (i_ >= s_.size()) ended();
      if (s_[i_] != ':') fail("Expected \":\", but found \"" + token() + "\".");
      ++i_;
      members.emplace_back(std::move(key), value());
      skip_space();
      if (i_ >= s_.size()) ended();
      if (s_[i_] == '}') {
        ++i_;
        return finish_object(std::move(members));
      }
      if (s_[i_] != ',') fail("Expected \",\" or \"}\", but found \"" + token() + "\".");
      ++i_;
      first = false;
    }
  }

  // json keeps members as written; jsonb sorts them and keeps the last duplicate.
  JsonValue finish_object(std::vector<std::pair<std::string, JsonValue>> members) {
    if (jsonb_) return JsonValue::object(std::move(members));
    JsonValue v(JsonValue::Kind::kObject);
    v.members_ = std::move(members);
    return v;
  }

  static constexpr int kMaxDepth = 10000;

  std::string_view s_;
  bool jsonb_;
  std::size_t i_ = 0;
  int depth_ = 0;
};

namespace {

// jsonb's key order: shorter keys first, then bytewise.
bool key_before(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

int rank(JsonValue::Kind k) {
  switch (k) {
    case JsonValue::Kind::kNull:
      return 0;
    case JsonValue::Kind::kString:
      return 1;
    case JsonValue::Kind::kNumber:
      return 2;
    case JsonValue::Kind::kBool:
      return 3;
    case JsonValue::Kind::kArray:
      return 4;
    case JsonValue::Kind::kObject:
      return 5;
  }
  return 0;
}

void append_text(const JsonValue& v, std::string& out, int indent) {
  const bool pretty = indent >= 0;
  auto newline = [&](int level) {
    if (pretty) out += "\n" + std::string(static_cast<std::size_t>(level) * 4, ' ');
  };
  switch (v.kind()) {
    case JsonValue::Kind::kNull:
      out += "null";
      return;
    case JsonValue::Kind::kBool:
      out += v.as_bool() ? "true" : "false";
      return;
    case JsonValue::Kind::kNumber:
      out += v.text();
      return;
    case JsonValue::Kind::kString:
      out += json_quote(v.text());
      return;
    case JsonValue::Kind::kArray:
      out += "[";
      for (std::size_t i = 0; i < v.items().size(); ++i) {
        out += i > 0 ? (pretty ? "," : ", ") : "";
        newline(indent + 1);
        append_text(v.items()[i], out, pretty ? indent + 1 : -1);
      }
      newline(indent);  // pretty output closes even an empty array on its own line
      out += "]";
      return;
    case JsonValue::Kind::kObject:
      out += "{";
      for (std::size_t i = 0; i < v.members().size(); ++i) {
        out += i > 0 ? (pretty ? "," : ", ") : "";
        newline(indent + 1);
        out += json_quote(v.members()[i].first) + ": ";
        append_text(v.members()[i].second, out, pretty ? indent + 1 : -1);
      }
      newline(indent);
      out += "}";
      return;
  }
}

}  // namespace

JsonValue JsonValue::parse(std::string_view text, bool for_jsonb) { return JsonParser(text, for_jsonb).document(); }

JsonValue JsonValue::boolean(bool b) {
  JsonValue v(Kind::kBool);
  v.bool_ = b;
  return v;
}

JsonValue JsonValue::number(std::string text) {
  JsonValue v(Kind::kNumber);
  v.text_ = std::move(text);
  return v;
}

JsonValue JsonValue::string(std::string s) {
  JsonValue v(Kind::kString);
  v.text_ = std::move(s);
  return v;
}

JsonValue JsonValue::array(std::vector<JsonValue> items) {
  JsonValue v(Kind::kArray);
  v.items_ = std::move(items);
  return v;
}

JsonValue JsonValue::object(std::vector<std::pair<std::string, JsonValue>> members) {
  JsonValue v(Kind::kObject);
  // Last duplicate wins: keep the later of equal keys after a stable sort.
  std::stable_sort(members.begin(), members.end(),
                   [](const auto& a, const auto& b) { return key_before(a.first, b.first); });
  for (auto& m : members) {
    if (!v.members_.empty() && v.members_.back().first == m.first) {
      v.members_.back() = std::move(m);
    } else {
      v.members_.push_back(std::move(m));
    }
  }
  return v;
}

const JsonValue* JsonValue::member(std::string_view key) const {
  if (kind_ != Kind::kObject) return nullptr;
  const JsonValue* found = nullptr;
  for (const auto& [k, v] : members_) {
    if (k == key) found = &v;  // json keeps duplicates: the last one counts
  }
  return found;
}

const JsonValue* JsonValue::element(long long index) const {
  if (kind_ != Kind::kArray) return nullptr;
  auto n = static_cast<long long>(items_.size());
  if (index < 0) index += n;
  if (index < 0 || index >= n) return nullptr;
  return &items_[static_cast<std::size_t>(index)];
}

std::string JsonValue::to_jsonb_text() const {
  std::string out;
  append_text(*this, out, -1);
  return out;
}

std::string JsonValue::to_pretty_text() const {
  std::string out;
  append_text(*this, out, 0);
  return out;
}

const char* JsonValue::type_name() const {
  switch (kind_) {
    case Kind::kNull:
      return "null";
    case Kind::kString:
      return "string";
    case Kind::kNumber:
      return "number";
    case Kind::kBool:
      return "boolean";
    case Kind::kArray:
      return "array";
    case Kind::kObject:
      return "object";
  }
  return "null";
}

int JsonValue::compare(const JsonValue& o) const {
  if (kind_ != o.kind_) return rank(kind_) < rank(o.kind_) ? -1 : 1;
  switch (kind_) {
    case Kind::kNull:
      return 0;
    case Kind::kBool:
      return static_cast<int>(bool_) - static_cast<int>(o.bool_);
    case Kind::kNumber:
      return Decimal::parse(text_).compare(Decimal::parse(o.text_));
    case Kind::kString: {
      int c = text_.compare(o.text_);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Kind::kArray: {
      if (items_.size() != o.items_.size()) return items_.size() < o.items_.size() ? -1 : 1;
      for (std::size_t i = 0; i < items_.size(); ++i) {
        if (int c = items_[i].compare(o.items_[i]); c != 0) return c;
      }
      return 0;
    }
    case Kind::kObject: {
      if (members_.size() != o.members_.size()) return members_.size() < o.members_.size() ? -1 : 1;
      for (std::size_t i = 0; i < members_.size(); ++i) {
        const std::string& a = members_[i].first;
        const std::string& b = o.members_[i].first;
        if (a != b) return key_before(a, b) ? -1 : 1;
        if (int c = members_[i].second.compare(o.members_[i].second); c != 0) return c;
      }
      return 0;
    }
  }
  return 0;
}

bool JsonValue::contains(const JsonValue& o) const {
  if (kind_ == Kind::kObject) {
    if (o.kind_ != Kind::kObject) return false;
    for (const auto& [k, v] : o.members_) {
      const JsonValue* mine = member(k);
      if (mine == nullptr || !mine->contains(v)) return false;
    }
    return true;
  }
  if (kind_ == Kind::kArray) {
    // An array contains a scalar it has as an element, and an array whose
    // every element it contains somewhere (order and repeats do not matter).
    auto has = [&](const JsonValue& x) {
      return std::any_of(items_.begin(), items_.end(), [&](const JsonValue& mine) {
        if (x.kind_ == Kind::kArray || x.kind_ == Kind::kObject) return mine.kind_ == x.kind_ && mine.contains(x);
        return mine.compare(x) == 0;
      });
    };
    if (o.kind_ == Kind::kArray) return std::all_of(o.items_.begin(), o.items_.end(), has);
    return o.kind_ != Kind::kObject && has(o);
  }
  return o.kind_ == kind_ && compare(o) == 0;
}

void validate_json(std::string_view text) { JsonValue::parse(text, false); }

std::string normalize_jsonb(std::string_view text) { return JsonValue::parse(text, true).to_jsonb_text(); }

std::string json_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  return out + "\"";
}

std::optional<std::string> json_get(std::string_view doc, bool jsonb, const std::string* key, long long index) {
  JsonValue v = JsonValue::parse(doc, jsonb);
  const JsonValue* found = key != nullptr ? v.member(*key) : v.element(index);
  if (found == nullptr) return std::nullopt;
  return jsonb ? found->to_jsonb_text() : std::string(found->source(doc));
}

std::optional<std::string> json_as_text(std::string_view value_text, bool jsonb) {
  JsonValue v = JsonValue::parse(value_text, jsonb);
  if (v.kind() == JsonValue::Kind::kNull) return std::nullopt;
  if (v.kind() == JsonValue::Kind::kString) return v.text();
  return std::string(value_text);
}

}  // namespace heliosdb::engine

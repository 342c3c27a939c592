#include "engine/types/array.hpp"

#include <cstring>
#include <functional>

#include "engine/common/db_error.hpp"
#include "engine/types/value_codec.hpp"

namespace heliosdb::engine {

namespace {

void put_i32(std::string& out, std::int32_t v) {
  char buf[4];
  std::memcpy(buf, &v, 4);
  out.append(buf, 4);
}

std::int32_t take_i32(std::string_view& in) {
  if (in.size() < 4) throw DbError(sqlstate::kDataCorrupted, "stored array is truncated");
  std::int32_t v = 0;
  std::memcpy(&v, in.data(), 4);
  in.remove_prefix(4);
  return v;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

[[noreturn]] void malformed(std::string_view text, const std::string& detail) {
  throw DbError(sqlstate::kInvalidTextRepresentation, "malformed array literal: \"" + std::string(text) + "\"")
      .with_detail(detail);
}

// One element as array_out spells it: quoted when it would otherwise read
// back differently (empty, NULL, or holding a delimiter, brace, quote,
// backslash or blank).
void append_element(std::string& out, const Value& v) {
  if (v.is_null()) {
    out += "NULL";
    return;
  }
  const std::string text = format_value(v);
  bool quote =
      text.empty() || (text.size() == 4 && (text[0] == 'N' || text[0] == 'n') && (text[1] == 'U' || text[1] == 'u') &&
                       (text[2] == 'L' || text[2] == 'l') && (text[3] == 'L' || text[3] == 'l'));
  for (char c : text) {
    if (c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || is_space(c)) quote = true;
  }
  if (!quote) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

// array_in's reading of the braces: each element's text (nullopt: NULL)
// in order, and the dimensions the nesting gives.
class ArrayLiteralReader {
 public:
  explicit ArrayLiteralReader(std::string_view text) : text_(text) {}

  void read(std::size_t start, std::vector<std::optional<std::string>>& items, std::vector<ArrayDim>& dims) {
    pos_ = start;
    read_level(0, items, dims);
    skip_spaces();
    if (pos_ != text_.size()) malformed(text_, "Junk after closing right brace.");
  }

 private:
  void skip_spaces() {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
  }

  char peek() {
    if (pos_ >= text_.size()) malformed(text_, "Unexpected end of input.");
    return text_[pos_];
  }

  // `{...}` at nesting `level`; text_[pos_] is its '{'.
  void read_level(std::size_t level, std::vector<std::optional<std::string>>& items, std::vector<ArrayDim>& dims) {
    ++pos_;
    if (level >= kMaxArrayDims) {
      throw DbError(sqlstate::kProgramLimitExceeded, "number of array dimensions (" + std::to_string(level + 1) +
                                                         ") exceeds the maximum allowed (" +
                                                         std::to_string(kMaxArrayDims) + ")");
    }
    std::int32_t count = 0;
    skip_spaces();
    if (peek() == '}') {
      ++pos_;
      note_length(level, 0, dims, level > 0);
      if (level == 0) dims.clear();
      return;
    }
    bool nested = false;
    for (;;) {
      skip_spaces();
      const char c = peek();
      if (c == '{') {
        if (count > 0 && !nested) malformed(text_, "Unexpected \"{\" character.");
        nested = true;
        read_level(level + 1, items, dims);
      } else {
        if (nested) malformed(text_, "Unexpected array element.");
        if (dims.size() > level + 1) {
          malformed(text_, "Multidimensional arrays must have sub-arrays with matching dimensions.");
        }
        items.push_back(read_element());
        leaf_level_ = static_cast<int>(level);
      }
      ++count;
      skip_spaces();
      const char next = peek();
      ++pos_;
      if (next == '}') break;
      if (next != ',') malformed(text_, std::string("Unexpected \"") + next + "\" character.");
    }
    if (!nested && leaf_level_ >= 0 && static_cast<std::size_t>(leaf_level_) != level) {
      malformed(text_, "Multidimensional arrays must have sub-arrays with matching dimensions.");
    }
    note_length(level, count, dims, false);
  }

  void note_length(std::size_t level, std::int32_t count, std::vector<ArrayDim>& dims, bool empty_inner) {
    if (empty_inner) malformed(text_, "Multidimensional arrays must have sub-arrays with matching dimensions.");
    if (dims.size() <= level || dims[level].length < 0) {
      dims.resize(std::max(dims.size(), level + 1), ArrayDim{-1, 1});
      dims[level].length = count;
    } else if (dims[level].length != count) {
      malformed(text_, "Multidimensional arrays must have sub-arrays with matching dimensions.");
    }
  }

  std::optional<std::string> read_element() {
    std::string out;
    bool literal = false;  // quoted or escaped somewhere: never NULL
    if (peek() == '"') {
      ++pos_;
      for (;;) {
        char c = peek();
        ++pos_;
        if (c == '"') break;
        if (c == '\\') {
          c = peek();
          ++pos_;
        }
        out += c;
      }
      literal = true;
      return out;
    }
    std::size_t kept = 0;  // length without trailing blanks that were not escaped
    for (;;) {
      char c = peek();
      if (c == ',' || c == '}') break;
      if (c == '{' || c == '"') malformed(text_, std::string("Unexpected \"") + c + "\" character.");
      ++pos_;
      if (c == '\\') {
        out += peek();
        ++pos_;
        literal = true;
        kept = out.size();
        continue;
      }
      out += c;
      if (!is_space(c)) kept = out.size();
    }
    out.resize(kept);
    if (out.empty() && !literal) malformed(text_, "Unexpected \"" + std::string(1, peek()) + "\" character.");
    if (!literal && out.size() == 4) {
      std::string upper = out;
      for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (upper == "NULL") return std::nullopt;
    }
    return out;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  int leaf_level_ = -1;
};

// The optional `[lo:hi][lo:hi]=` before the braces; advances `pos`.
std::vector<ArrayDim> read_dimension_decoration(std::string_view text, std::size_t& pos) {
  std::vector<ArrayDim> dims;
  auto read_int = [&]() {
    std::size_t start = pos;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) ++pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos == start) malformed(text, "\"[\" must introduce explicitly-specified array dimensions.");
    return std::stoll(std::string(text.substr(start, pos - start)));
  };
  while (pos < text.size() && text[pos] == '[') {
    ++pos;
    long long lower = 1;
    long long upper = read_int();
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      lower = upper;
      upper = read_int();
    }
    if (pos >= text.size() || text[pos] != ']') malformed(text, "Missing \"]\" after array dimensions.");
    ++pos;
    if (upper < lower) {
      throw DbError(sqlstate::kArraySubscriptError, "upper bound cannot be less than lower bound");
    }
    dims.push_back({static_cast<std::int32_t>(upper - lower + 1), static_cast<std::int32_t>(lower)});
    while (pos < text.size() && is_space(text[pos])) ++pos;
  }
  if (!dims.empty()) {
    if (pos >= text.size() || text[pos] != '=') malformed(text, "Missing \"=\" after array dimensions.");
    ++pos;
    while (pos < text.size() && is_space(text[pos])) ++pos;
  }
  return dims;
}

}  // namespace

ArrayData ArrayData::of(TypeId element, std::vector<Value> items) {
  ArrayData a;
  a.element = element;
  if (!items.empty()) a.dims.push_back({static_cast<std::int32_t>(items.size()), 1});
  a.items = std::move(items);
  return a;
}

ArrayData decode_array(const Value& array) {
  ArrayData out;
  out.element = element_of(array.type());
  std::string_view in = array.as_string();
  if (in.empty()) throw DbError(sqlstate::kDataCorrupted, "stored array is truncated");
  const auto ndim = static_cast<std::size_t>(static_cast<unsigned char>(in[0]));
  in.remove_prefix(1);
  std::size_t count = ndim == 0 ? 0 : 1;
  for (std::size_t i = 0; i < ndim; ++i) {
    ArrayDim d;
    d.length = take_i32(in);
    d.lower = take_i32(in);
    out.dims.push_back(d);
    count *= static_cast<std::size_t>(d.length);
  }
  out.items.reserve(count);
  for (std::size_t i = 0; i < count; ++i) out.items.push_back(read_value(in, out.element));
  return out;
}

Value encode_array(const ArrayData& array) {
  std::string out;
  out.push_back(static_cast<char>(array.dims.size()));
  for (const ArrayDim& d : array.dims) {
    put_i32(out, d.length);
    put_i32(out, d.lower);
  }
  for (const Value& v : array.items) {
    if (v.is_null()) {
      append_value(out, Value::null(array.element));
    } else if (v.type() == array.element) {
      append_value(out, v);
    } else {
      append_value(out, cast_value(v, {array.element, -1}, CastContext::kImplicit));
    }
  }
  return Value::string(array_of(array.element), std::move(out));
}

std::string format_array(const Value& value) {
  const ArrayData a = decode_array(value);
  if (a.dims.empty()) return "{}";
  std::string out;
  bool decorated = false;
  for (const ArrayDim& d : a.dims) decorated = decorated || d.lower != 1;
  if (decorated) {
    for (const ArrayDim& d : a.dims) {
      out += "[" + std::to_string(d.lower) + ":" + std::to_string(d.lower + d.length - 1) + "]";
    }
    out += "=";
  }
  std::size_t next = 0;
  std::function<void(std::size_t)> level = [&](std::size_t dim) {
    out += '{';
    for (std::int32_t i = 0; i < a.dims[dim].length; ++i) {
      if (i > 0) out += ',';
      if (dim + 1 < a.dims.size()) {
        level(dim + 1);
      } else {
        append_element(out, a.items[next++]);
      }
    }
    out += '}';
  };
  level(0);
  return out;
}

Value parse_array(std::string_view text, SqlType type, CastContext context) {
  std::size_t pos = 0;
  while (pos < text.size() && is_space(text[pos])) ++pos;
  std::vector<ArrayDim> declared = read_dimension_decoration(text, pos);
  if (pos >= text.size() || text[pos] != '{') {
    malformed(text, "Array value must start with \"{\" or dimension information.");
  }
  std::vector<std::optional<std::string>> items;
  ArrayData out;
  out.element = element_of(type.id);
  ArrayLiteralReader(text).read(pos, items, out.dims);
  if (!declared.empty()) {
    bool same = declared.size() == out.dims.size();
    for (std::size_t i = 0; same && i < declared.size(); ++i) same = declared[i].length == out.dims[i].length;
    if (!same) malformed(text, "Specified array dimensions do not match array contents.");
    out.dims = declared;
  }
  const SqlType element{out.element, type.typmod, type.enum_oid};
  out.items.reserve(items.size());
  for (const auto& item : items) {
    out.items.push_back(item ? cast_value(Value::string(TypeId::kUnknown, *item), element, context)
                             : Value::null(out.element));
  }
  return encode_array(out);
}

Value cast_array(const Value& array, SqlType type, CastContext context) {
  ArrayData a = decode_array(array);
  const SqlType element{element_of(type.id), type.typmod, type.enum_oid};
  for (Value& v : a.items) v = cast_value(v, element, context);
  a.element = element.id;
  return encode_array(a);
}

int compare_arrays(const Value& a, const Value& b) {
  const ArrayData x = decode_array(a);
  const ArrayData y = decode_array(b);
  const std::size_t n = std::min(x.items.size(), y.items.size());
  for (std::size_t i = 0; i < n; ++i) {
    const Value& p = x.items[i];
    const Value& q = y.items[i];
    if (p.is_null() || q.is_null()) {
      if (p.is_null() && q.is_null()) continue;
      return p.is_null() ? 1 : -1;
    }
    if (int c = compare_values(p, q); c != 0) return c;
  }
  if (x.items.size() != y.items.size()) return x.items.size() < y.items.size() ? -1 : 1;
  if (x.dims.size() != y.dims.size()) return x.dims.size() < y.dims.size() ? -1 : 1;
  for (std::size_t i = 0; i < x.dims.size(); ++i) {
    if (x.dims[i].length != y.dims[i].length) return x.dims[i].length < y.dims[i].length ? -1 : 1;
    if (x.dims[i].lower != y.dims[i].lower) return x.dims[i].lower < y.dims[i].lower ? -1 : 1;
  }
  return 0;
}

}  // namespace heliosdb::engine

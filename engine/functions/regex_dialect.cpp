#include "engine/functions/regex_dialect.hpp"

#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

// Length in bytes of the UTF-8 character starting with `lead`.
std::size_t utf8_length(char lead) {
  auto b = static_cast<unsigned char>(lead);
  return b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
}

// Copies a bracket expression starting at pattern[i] == '[' and returns the
// index after it. A ']' first (after an optional '^') is a member, and
// [:class:] [.coll.] [=equiv=] are copied whole, as POSIX reads them.
std::size_t copy_bracket(std::string_view p, std::size_t i, std::string& out) {
  std::size_t j = i + 1;
  if (j < p.size() && p[j] == '^') ++j;
  if (j < p.size() && p[j] == ']') {
    // ECMAScript would end the class here; spell the member out.
    out.append(p.substr(i, j - i));
    out += "\\]";
    i = j + 1;
  } else {
    out.append(p.substr(i, j - i));
    i = j;
  }
  while (i < p.size() && p[i] != ']') {
    if (p[i] == '[' && i + 1 < p.size() && (p[i + 1] == ':' || p[i + 1] == '.' || p[i + 1] == '=')) {
      char kind = p[i + 1];
      std::size_t close = p.find(std::string{kind, ']'}, i + 2);
      if (close == std::string_view::npos) break;
      out.append(p.substr(i, close + 2 - i));
      i = close + 2;
    } else if (p[i] == '\\' && i + 1 < p.size()) {
      out.append(p.substr(i, 2));
      i += 2;
    } else {
      out += p[i++];
    }
  }
  if (i < p.size()) out += p[i++];
  return i;
}

}  // namespace

std::string are_to_ecmascript(std::string_view p, bool newline_sensitive) {
  std::string out;
  out.reserve(p.size() + 8);
  for (std::size_t i = 0; i < p.size();) {
    char c = p[i];
    if (c == '[') {
      i = copy_bracket(p, i, out);
    } else if (c == '.' && !newline_sensitive) {
      out += "[\\s\\S]";
      ++i;
    } else if (c == '\\' && i + 1 < p.size()) {
      switch (p[i + 1]) {
        case 'm':
          out += "\\b(?=\\w)";
          break;
        case 'M':
          out += "\\b(?!\\w)";
          break;
        case 'y':
          out += "\\b";
          break;
        case 'Y':
          out += "\\B";
          break;
        case 'A':
          out += "^";  // the same as \A unless newline-sensitive: close enough there
          break;
        case 'Z':
          out += "$";
          break;
        default:
          out.append(p.substr(i, 1 + utf8_length(p[i + 1])));
          i += utf8_length(p[i + 1]) - 1;
          break;
      }
      i += 2;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

std::string similar_to_regex(std::string_view p, std::optional<std::string_view> escape) {
  std::string_view esc = escape.value_or("\\");
  if (esc.size() > 0 && utf8_length(esc[0]) != esc.size()) {
    throw DbError(sqlstate::kInvalidEscapeSequence, "invalid escape string")
        .with_hint("Escape string must be empty or one character.");
  }
  std::string out = "^(?:";
  bool after_escape = false, in_class = false;
  int separators = 0;
  for (std::size_t i = 0; i < p.size();) {
    std::size_t len = utf8_length(p[i]);
    std::string_view ch = p.substr(i, len);
    i += len;
    if (after_escape) {
      if (ch == "\"" && !in_class) {
        // The three parts substring() sees: the first is matched lazily so
        // the middle one, the captured group, takes as much as it can.
        if (separators == 0) {
          out += "){1,1}?(";
        } else if (separators == 1) {
          out += "){1,1}(?:";
        } else {
          throw DbError(sqlstate::kInvalidUseOfEscapeCharacter,
                        "SQL regular expression may not contain more than two escape-double-quote separators");
        }
        ++separators;
      } else {
        out += '\\';
        out += ch;
      }
      after_escape = false;
    } else if (!esc.empty() && ch == esc) {
      after_escape = true;
    } else if (in_class) {
      if (ch == "\\") out += '\\';
      out += ch;
      if (ch == "]") in_class = false;
    } else if (ch == "[") {
      out += ch;
      in_class = true;
    } else if (ch == "%") {
      out += ".*";
    } else if (ch == "_") {
      out += '.';
    } else if (ch == "(") {
      out += "(?:";
    } else if (ch == "\\" || ch == "." || ch == "^" || ch == "$") {
      out += '\\';
      out += ch;
    } else {
      out += ch;
    }
  }
  return out + ")$";
}

}  // namespace heliosdb::engine

#include "engine/functions/number_format.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <vector>

#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

enum class Item : std::uint8_t { kDigit9, kDigit0, kPoint, kGroup, kS, kMI, kPL, kSG, kPR, kTH, kLiteral };

struct Element {
  Item item;
  std::string text;  // kLiteral's text; kTH's spelling
};

struct Template {
  std::vector<Element> elements;
  int integer_positions = 0;
  int fraction_positions = 0;
  bool has_point = false;
  bool fill_mode = false;
  bool explicit_sign = false;  // S, MI, PL, SG or PR: no default sign position
};

[[noreturn]] void not_supported(std::string_view what) {
  throw DbError(sqlstate::kFeatureNotSupported,
                "not supported yet: \"" + std::string(what) + "\" in to_char of a number");
}

bool starts_with_ci(std::string_view s, std::size_t at, std::string_view word) {
  if (s.size() - at < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(s[at + i])) != word[i]) return false;
  }
  return true;
}

Template parse_template(std::string_view f) {
  Template t;
  for (std::size_t i = 0; i < f.size();) {
    auto add = [&](Item item, std::size_t length, std::string text = {}) {
      t.elements.push_back({item, std::move(text)});
      i += length;
    };
    char c = f[i];
    if (c == '9' || c == '0') {
      add(c == '9' ? Item::kDigit9 : Item::kDigit0, 1);
      (t.has_point ? t.fraction_positions : t.integer_positions)++;
    } else if (c == '.' || c == 'D' || c == 'd') {
      if (t.has_point) throw DbError(sqlstate::kSyntaxError, "multiple decimal points");
      t.has_point = true;
      add(Item::kPoint, 1);
    } else if (c == ',' || c == 'G' || c == 'g') {
      add(Item::kGroup, 1);
    } else if (starts_with_ci(f, i, "FM")) {
      t.fill_mode = true;
      i += 2;
    } else if (starts_with_ci(f, i, "PR")) {
      t.explicit_sign = true;
      add(Item::kPR, 2);
    } else if (starts_with_ci(f, i, "MI")) {
      t.explicit_sign = true;
      add(Item::kMI, 2);
    } else if (starts_with_ci(f, i, "PL")) {
      add(Item::kPL, 2);
    } else if (starts_with_ci(f, i, "SG")) {
      t.explicit_sign = true;
      add(Item::kSG, 2);
    } else if (starts_with_ci(f, i, "TH")) {
      add(Item::kTH, 2, std::string(f.substr(i, 2)));
    } else if (c == 'S' || c == 's') {
      t.explicit_sign = true;
      add(Item::kS, 1);
    } else if (starts_with_ci(f, i, "EEEE") || starts_with_ci(f, i, "RN") || c == 'V' || c == 'v' || c == 'L' ||
               c == 'l') {
      not_supported(starts_with_ci(f, i, "EEEE") ? "EEEE" : starts_with_ci(f, i, "RN") ? "RN" : std::string(1, c));
    } else if (c == '"') {
      std::string text;
      for (++i; i < f.size() && f[i] != '"'; ++i) {
        if (f[i] == '\\' && i + 1 < f.size()) ++i;
        text += f[i];
      }
      ++i;
      t.elements.push_back({Item::kLiteral, std::move(text)});
    } else {
      add(Item::kLiteral, 1, std::string(1, c));
    }
  }
  return t;
}

std::string ordinal(const std::string& integer_digits, std::string_view spelling) {
  int last_two = 0;
  for (char d : integer_digits) last_two = (last_two * 10 + (d - '0')) % 100;
  int last = last_two % 10;
  std::string s = (last_two >= 11 && last_two <= 13) ? "th"
                  : last == 1                        ? "st"
                  : last == 2                        ? "nd"
                  : last == 3                        ? "rd"
                                                     : "th";
  if (spelling == "TH") {
    for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  return s;
}

// Lays the digits out on the template. `integer` has no leading zeros
// ("" for zero); `fraction` has exactly the template's fraction positions.
std::string render(const Template& t, bool negative, std::string integer, const std::string& fraction) {
  if (integer.empty() && t.fraction_positions == 0) integer = "0";
  const bool overflow = static_cast<int>(integer.size()) > t.integer_positions;
  // In FM, fraction digits after the last non-zero one in a 9 position go.
  std::size_t fraction_keep = fraction.size();
  if (t.fill_mode && !overflow) {
    int j = 0;
    std::size_t keep = 0;
    for (const Element& e : t.elements) {
      if (e.item != Item::kDigit9 && e.item != Item::kDigit0) continue;
      if (j++ < t.integer_positions) continue;
      std::size_t k = static_cast<std::size_t>(j - 1 - t.integer_positions);
      if (e.item == Item::kDigit0 || fraction[k] != '0') keep = k + 1;
    }
    fraction_keep = keep;
    // With nothing else left to show, FM shows the zero: 0 is "0.", not ".".
    if (integer.empty() && fraction_keep == 0 && t.integer_positions > 0) integer = "0";
  }
  const int leading = t.integer_positions - static_cast<int>(integer.size());
  // Where the first 0 position is: from there on, leading zeros show.
  int zero_from = t.integer_positions;
  {
    int j = 0;
    for (const Element& e : t.elements) {
      if (e.item == Item::kDigit0 && j < t.integer_positions) {
        zero_from = j;
        break;
      }
      if (e.item == Item::kDigit9 || e.item == Item::kDigit0) ++j;
    }
  }
  // Where the sign goes: by default (and for PR's '<') just before the
  // first digit, zero or point shown; so too for an S before every digit
  // position; an S after them, MI and SG print it where they stand.
  enum class SignAt : std::uint8_t { kFloating, kFloatingS, kFloatingPR, kInPlace };
  SignAt sign_at = t.explicit_sign ? SignAt::kInPlace : SignAt::kFloating;
  for (const Element& e : t.elements) {
    if (e.item == Item::kPR) sign_at = SignAt::kFloatingPR;
  }
  for (const Element& e : t.elements) {
    if (e.item == Item::kDigit9 || e.item == Item::kDigit0 || e.item == Item::kPoint) break;
    if (e.item == Item::kS) sign_at = SignAt::kFloatingS;
  }
  const bool floating_s = sign_at == SignAt::kFloatingS;
  std::string out;
  bool started = false, sign_done = sign_at == SignAt::kInPlace;
  int position = 0;
  auto put_sign = [&] {
    if (sign_done) return;
    sign_done = true;
    if (floating_s) {
      out += negative ? '-' : '+';
    } else if (negative) {
      out += sign_at == SignAt::kFloatingPR ? '<' : '-';
    } else if (!t.fill_mode) {
      out += ' ';
    }
  };
  for (const Element& e : t.elements) {
    switch (e.item) {
      case Item::kDigit9:
      case Item::kDigit0: {
        int j = position++;
        if (j < t.integer_positions) {
          if (overflow) {
            if (j == 0) put_sign();
            out += '#';
          } else if (j < leading) {
            if (j >= zero_from) {
              put_sign();
              out += '0';
              started = true;
            } else if (!t.fill_mode) {
              out += ' ';
            }
          } else {
            put_sign();
            out += integer[static_cast<std::size_t>(j - leading)];
            started = true;
          }
        } else {
          auto k = static_cast<std::size_t>(j - t.integer_positions);
          if (overflow) {
            out += '#';
          } else if (k < fraction_keep) {
            out += fraction[k];
          }
        }
        break;
      }
      case Item::kPoint:
        if (!overflow) put_sign();
        out += '.';
        break;
      case Item::kGroup:
        if (started || overflow) {
          out += ',';
        } else if (!t.fill_mode) {
          out += ' ';
        }
        break;
      case Item::kS:
        if (!floating_s) out += negative ? '-' : '+';
        break;
      case Item::kMI:
        if (negative) {
          out += '-';
        } else if (!t.fill_mode) {
          out += ' ';
        }
        break;
      case Item::kPL:
        if (!negative) {
          out += '+';
        } else if (!t.fill_mode) {
          out += ' ';
        }
        break;
      case Item::kSG:
        out += negative ? '-' : '+';
        break;
      case Item::kPR:
        if (negative) {
          out += '>';
        } else if (!t.fill_mode) {
          out += ' ';
        }
        break;
      case Item::kTH:
        if (!negative && !overflow) out += ordinal(integer, e.text);
        break;
      case Item::kLiteral:
        out += e.text;
        break;
    }
  }
  if (!sign_done && !overflow) put_sign();
  return out;
}

}  // namespace

// NaN stands right-aligned where the sign and integer digits would; an
// infinity, or a NaN without room, shows as an overflow.
std::string special_value(const Template& t, bool nan, bool negative) {
  if (nan && t.integer_positions >= 3) {
    return std::string(t.fill_mode ? 0 : static_cast<std::size_t>(t.integer_positions - 2), ' ') + "NaN";
  }
  return render(t, negative, std::string(static_cast<std::size_t>(t.integer_positions) + 1, '9'),
                std::string(static_cast<std::size_t>(t.fraction_positions), '9'));
}

std::string format_number(std::string_view format, const Decimal& value) {
  Template t = parse_template(format);
  if (value.is_nan() || value.is_infinite()) return special_value(t, value.is_nan(), value.sign() < 0);
  Decimal rounded = value.round(t.fraction_positions);
  std::string text = rounded.abs().to_string();
  std::size_t point = text.find('.');
  std::string integer = text.substr(0, point);
  std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
  if (integer == "0") integer.clear();
  fraction.resize(static_cast<std::size_t>(t.fraction_positions), '0');
  // A numeric that rounds to zero loses its sign (numeric zero has none).
  return render(t, rounded.sign() < 0, integer, fraction);
}

std::string format_float(std::string_view format, double value, int significant_digits) {
  Template t = parse_template(format);
  if (!std::isfinite(value)) return special_value(t, std::isnan(value), value < 0);
  char buffer[512];
  std::snprintf(buffer, sizeof buffer, "%.0f", std::fabs(value));
  int integer_length = static_cast<int>(std::string_view(buffer).size());
  int places =
      integer_length >= significant_digits ? 0 : std::min(t.fraction_positions, significant_digits - integer_length);
  std::snprintf(buffer, sizeof buffer, "%.*f", places, std::fabs(value));
  std::string text = buffer;
  std::size_t point = text.find('.');
  std::string integer = text.substr(0, point);
  std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
  if (integer == "0") integer.clear();
  fraction.resize(static_cast<std::size_t>(t.fraction_positions), '0');
  // A double keeps its sign when it rounds to zero: -0.001 shows as -.00.
  return render(t, value < 0, integer, fraction);
}

}  // namespace heliosdb::engine

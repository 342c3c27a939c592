#include "engine/functions/character_sets.hpp"

#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace heliosdb::engine {

namespace {

// In number order.
constexpr std::array<std::string_view, 42> kNames = {
    "SQL_ASCII",     "EUC_JP",  "EUC_CN",  "EUC_KR",  "EUC_TW",     "EUC_JIS_2004", "UTF8",
    "MULE_INTERNAL", "LATIN1",  "LATIN2",  "LATIN3",  "LATIN4",     "LATIN5",       "LATIN6",
    "LATIN7",        "LATIN8",  "LATIN9",  "LATIN10", "WIN1256",    "WIN1258",      "WIN866",
    "WIN874",        "KOI8R",   "WIN1251", "WIN1252", "ISO_8859_5", "ISO_8859_6",   "ISO_8859_7",
    "ISO_8859_8",    "WIN1250", "WIN1253", "WIN1254", "WIN1255",    "WIN1257",      "KOI8U",
    "SJIS",          "BIG5",    "GBK",     "UHC",     "GB18030",    "JOHAB",        "SHIFT_JIS_2004"};

// Other names of the sets (PostgreSQL's documented aliases), already
// folded: lower case, letters and digits only.
constexpr std::pair<std::string_view, int> kAliases[] = {
    {"unicode", 6},      {"iso88591", 8},     {"iso88592", 9},     {"iso88593", 10},    {"iso88594", 11},
    {"iso88599", 12},    {"iso885910", 13},   {"iso885913", 14},   {"iso885914", 15},   {"iso885915", 16},
    {"iso885916", 17},   {"windows1256", 18}, {"abc", 19},         {"tcvn", 19},        {"tcvn5712", 19},
    {"vscii", 19},       {"windows1258", 19}, {"alt", 20},         {"windows866", 20},  {"windows874", 21},
    {"koi8", 22},        {"win", 23},         {"windows1251", 23}, {"windows1252", 24}, {"iso88595", 25},
    {"iso88596", 26},    {"iso88597", 27},    {"iso88598", 28},    {"windows1250", 29}, {"windows1253", 30},
    {"windows1254", 31}, {"windows1255", 32}, {"windows1257", 33}, {"mskanji", 35},     {"shiftjis", 35},
    {"win932", 35},      {"windows932", 35},  {"win950", 36},      {"windows950", 36},  {"win936", 37},
    {"windows936", 37},  {"win949", 38},      {"windows949", 38},
};

std::string folded(std::string_view name) {
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out += static_cast<char>(std::tolower(u));
  }
  return out;
}

}  // namespace

std::string_view character_set_name(int number) {
  return number >= 0 && number < static_cast<int>(kNames.size()) ? kNames[static_cast<std::size_t>(number)] : "";
}

int character_set_number(std::string_view name) {
  const std::string key = folded(name);
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (folded(kNames[i]) == key) return static_cast<int>(i);
  }
  for (const auto& [alias, number] : kAliases) {
    if (alias == key) return number;
  }
  return -1;
}

}  // namespace heliosdb::engine

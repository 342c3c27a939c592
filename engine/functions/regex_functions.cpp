// The regular-expression match operators ~ !~ ~* !~* (pg_operator's
// textregexeq and friends). Patterns are compiled once per thread and kept:
// a query applies the same pattern to every row.
#include <list>
#include <regex>
#include <unordered_map>

#include "engine/common/db_error.hpp"
#include "engine/functions/function_registry.hpp"

namespace heliosdb::engine {

namespace {

// The compiled form of the patterns used last, by pattern and case flag.
const std::regex& compiled(const std::string& pattern, bool icase) {
  constexpr std::size_t kKept = 64;
  thread_local std::list<std::pair<std::string, std::regex>> recent;
  thread_local std::unordered_map<std::string, std::list<std::pair<std::string, std::regex>>::iterator> index;
  const std::string key = (icase ? "i:" : "c:") + pattern;
  if (auto it = index.find(key); it != index.end()) {
    recent.splice(recent.begin(), recent, it->second);
    return it->second->second;
  }
  std::regex re;
  try {
    auto flags = std::regex::ECMAScript;
    if (icase) flags |= std::regex::icase;
    re = std::regex(pattern, flags);
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

bool matches(const std::vector<Value>& a, bool icase) {
  return std::regex_search(a[0].as_string(), compiled(a[1].as_string(), icase));
}

Value regex_eq(const std::vector<Value>& a) { return Value::boolean(matches(a, false)); }
Value regex_ne(const std::vector<Value>& a) { return Value::boolean(!matches(a, false)); }
Value iregex_eq(const std::vector<Value>& a) { return Value::boolean(matches(a, true)); }
Value iregex_ne(const std::vector<Value>& a) { return Value::boolean(!matches(a, true)); }

}  // namespace

void register_regex_functions(FunctionRegistry& r) {
  const SqlType boolean{TypeId::kBool, -1};
  const std::vector<TypeId> text_text{TypeId::kText, TypeId::kText};
  r.add("textregexeq", {text_text, boolean, regex_eq});
  r.add("textregexne", {text_text, boolean, regex_ne});
  r.add("texticregexeq", {text_text, boolean, iregex_eq});
  r.add("texticregexne", {text_text, boolean, iregex_ne});
}

}  // namespace heliosdb::engine

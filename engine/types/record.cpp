#include "engine/types/record.hpp"

#include <cctype>
#include <mutex>

namespace heliosdb::engine {

namespace {

struct Registry {
  std::mutex mutex;
  std::vector<std::vector<RecordField>> types;
};

Registry& registry() {
  static Registry r;
  return r;
}

// record_out quotes a field that is empty or holds a delimiter, a quote, a
// backslash or white space.
bool needs_quotes(const std::string& s) {
  if (s.empty()) return true;
  for (char c : s) {
    if (c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || std::isspace(static_cast<unsigned char>(c))) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::int32_t record_typmod(const std::vector<RecordField>& fields) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  for (std::size_t i = 0; i < r.types.size(); ++i) {
    if (r.types[i] == fields) return static_cast<std::int32_t>(i);
  }
  r.types.push_back(fields);
  return static_cast<std::int32_t>(r.types.size() - 1);
}

std::vector<RecordField> record_fields(std::int32_t typmod) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  if (typmod < 0 || static_cast<std::size_t>(typmod) >= r.types.size()) return {};
  return r.types[static_cast<std::size_t>(typmod)];
}

Value make_record(const std::vector<Value>& fields) {
  std::string out = "(";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    if (fields[i].is_null()) continue;
    const std::string text = format_value(fields[i]);
    if (!needs_quotes(text)) {
      out += text;
      continue;
    }
    out += '"';
    for (char c : text) {
      if (c == '"' || c == '\\') out += c;
      out += c;
    }
    out += '"';
  }
  out += ')';
  return Value::string(TypeId::kRecord, std::move(out));
}

std::optional<std::string> record_field_text(std::string_view record, std::size_t index) {
  if (record.size() < 2) return std::nullopt;
  std::size_t i = 1;  // past '('
  for (std::size_t field = 0;; ++field) {
    std::string text;
    bool quoted = false, any = false;
    while (i < record.size() && ((record[i] != ',' && record[i] != ')') || quoted)) {
      const char c = record[i++];
      any = true;
      if (c == '"') {
        if (quoted && i < record.size() && record[i] == '"') {
          text += '"';
          ++i;
        } else {
          quoted = !quoted;
        }
      } else if (c == '\\' && i < record.size()) {
        text += record[i++];
      } else {
        text += c;
      }
    }
    if (field == index) return any ? std::optional<std::string>(text) : std::nullopt;
    if (i >= record.size() || record[i] == ')') return std::nullopt;
    ++i;  // past ','
  }
}

}  // namespace heliosdb::engine

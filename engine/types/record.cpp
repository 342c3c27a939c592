#include "engine/types/record.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>

#include "engine/types/cast.hpp"

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

Value make_record(const std::vector<Value>& fields, std::int32_t typmod) {
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
  return Value::record(std::move(out), typmod);
}

int compare_records(const Value& a, const Value& b) {
  const std::vector<RecordField> x = record_fields(a.record_type());
  const std::vector<RecordField> y = a.record_type() == b.record_type() ? x : record_fields(b.record_type());
  if (x.empty() || y.empty()) return a.as_string().compare(b.as_string());
  for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i) {
    const Value vx = record_field(a, i, x[i].type);
    const Value vy = record_field(b, i, y[i].type);
    if (vx.is_null() || vy.is_null()) {
      if (!vx.is_null() || !vy.is_null()) return vx.is_null() ? 1 : -1;
      continue;
    }
    if (const int c = compare_values(vx, vy); c != 0) return c;
  }
  return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
}

bool record_null_test(const Value& record, bool is_not) {
  const std::size_t count = record_fields(record.record_type()).size();
  for (std::size_t i = 0; i < count; ++i) {
    if (record_field_text(record.as_string(), i).has_value() == !is_not) return false;
  }
  return true;
}

Value record_field(const Value& record, std::size_t index, SqlType type) {
  std::optional<std::string> text = record_field_text(record.as_string(), index);
  if (!text) return Value::null(type.id);
  if (type.id == TypeId::kRecord) return Value::record(std::move(*text), type.typmod);
  return cast_value(Value::string(TypeId::kUnknown, std::move(*text)), type, CastContext::kExplicit);
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

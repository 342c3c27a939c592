#include "engine/types/json_path_edit.hpp"

#include <cerrno>
#include <climits>
#include <cstdlib>

#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

using Kind = JsonValue::Kind;

// A step as an array index, read as PostgreSQL's strtoint reads it (leading
// blanks and a sign allowed, nothing after the digits, int4 range).
std::optional<long long> index_of(const std::string& step) {
  const char* begin = step.c_str();
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(begin, &end, 10);
  if (end == begin || *end != '\0' || errno != 0 || v > INT_MAX || v < INT_MIN) return std::nullopt;
  return v;
}

class PathEditor {
 public:
  PathEditor(const JsonPath& path, const JsonValue& value, JsonEdit edit) : path_(path), value_(value), edit_(edit) {}

  JsonValue edit(const JsonValue& at, std::size_t level) const {
    if (!path_[level]) {
      throw DbError(sqlstate::kNullValueNotAllowed,
                    "path element at position " + std::to_string(level + 1) + " is null");
    }
    switch (at.kind()) {
      case Kind::kObject:
        return edit_object(at, level);
      case Kind::kArray:
        return edit_array(at, level);
      case Kind::kNull:
      case Kind::kString:
      case Kind::kNumber:
      case Kind::kBool:
        return at;
    }
    return at;
  }

 private:
  bool last(std::size_t level) const { return level + 1 == path_.size(); }
  bool creates() const { return edit_ != JsonEdit::kDelete && edit_ != JsonEdit::kReplace; }
  bool inserts() const { return edit_ == JsonEdit::kInsertBefore || edit_ == JsonEdit::kInsertAfter; }

  JsonValue edit_object(const JsonValue& at, std::size_t level) const {
    const std::string& key = *path_[level];
    std::vector<std::pair<std::string, JsonValue>> members;
    bool found = false;
    for (const auto& [k, v] : at.members()) {
      if (found || k != key) {
        members.emplace_back(k, v);
        continue;
      }
      found = true;
      if (!last(level)) {
        members.emplace_back(k, edit(v, level + 1));
      } else if (inserts()) {
        throw DbError(sqlstate::kInvalidParameterValue, "cannot replace existing key")
            .with_hint("Try using the function jsonb_set to replace key value.");
      } else if (edit_ != JsonEdit::kDelete) {
        members.emplace_back(k, value_);
      }
    }
    if (!found && last(level) && creates()) members.emplace_back(key, value_);
    return JsonValue::object(std::move(members));
  }

  JsonValue edit_array(const JsonValue& at, std::size_t level) const {
    const std::string& step = *path_[level];
    std::optional<long long> parsed = index_of(step);
    if (!parsed) {
      throw DbError(sqlstate::kInvalidTextRepresentation,
                    "path element at position " + std::to_string(level + 1) + " is not an integer: \"" + step + "\"");
    }
    const auto n = static_cast<long long>(at.items().size());
    long long index = *parsed;
    bool before_start = false;
    if (index < 0) {
      before_start = -index > n;
      index = before_start ? -1 : n + index;
    }
    std::vector<JsonValue> items;
    bool done = false;
    // A new element outside the array goes before its start or after its end.
    if ((before_start || n == 0) && last(level) && creates()) {
      items.push_back(value_);
      done = true;
    }
    for (long long i = 0; i < n; ++i) {
      const JsonValue& item = at.items()[static_cast<std::size_t>(i)];
      if (i != index) {
        items.push_back(item);
      } else if (!last(level)) {
        items.push_back(edit(item, level + 1));
      } else {
        done = true;
        if (edit_ == JsonEdit::kInsertBefore || edit_ == JsonEdit::kCreate || edit_ == JsonEdit::kReplace) {
          items.push_back(value_);
        }
        if (inserts()) items.push_back(item);
        if (edit_ == JsonEdit::kInsertAfter) items.push_back(value_);
      }
    }
    if (!done && last(level) && creates()) items.push_back(value_);
    return JsonValue::array(std::move(items));
  }

  const JsonPath& path_;
  const JsonValue& value_;
  JsonEdit edit_;
};

}  // namespace

const JsonValue* json_find_path(const JsonValue& doc, const JsonPath& path) {
  const JsonValue* at = &doc;
  for (const std::optional<std::string>& step : path) {
    if (!step) return nullptr;
    if (at->kind() == Kind::kObject) {
      at = at->member(*step);
    } else if (at->kind() == Kind::kArray) {
      std::optional<long long> index = index_of(*step);
      at = index ? at->element(*index) : nullptr;
    } else {
      return nullptr;
    }
    if (at == nullptr) return nullptr;
  }
  return at;
}

JsonValue json_edit_path(const JsonValue& doc, const JsonPath& path, const JsonValue& value, JsonEdit edit) {
  if (doc.kind() != Kind::kObject && doc.kind() != Kind::kArray) {
    throw DbError(sqlstate::kInvalidParameterValue,
                  edit == JsonEdit::kDelete ? "cannot delete path in scalar" : "cannot set path in scalar");
  }
  const bool empty = doc.kind() == Kind::kObject ? doc.members().empty() : doc.items().empty();
  // PostgreSQL returns an empty container untouched unless something may be created in it.
  if (path.empty() || (empty && (edit == JsonEdit::kDelete || edit == JsonEdit::kReplace))) return doc;
  return PathEditor(path, value, edit).edit(doc, 0);
}

}  // namespace heliosdb::engine

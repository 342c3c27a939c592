#pragma once

// JSON and JSONB as PostgreSQL 15 has them. json keeps its input text after
// validation; jsonb keeps the canonical text jsonb_out prints (keys sorted
// shorter-first then bytewise, the last of duplicate keys, numbers as
// numeric_out prints them). Both are parsed into JsonValue to work on.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace heliosdb::engine {

class JsonValue {
 public:
  enum class Kind : std::uint8_t { kNull, kString, kNumber, kBool, kArray, kObject };

  /// Parses JSON text. Throws DbError 22P02 "invalid input syntax for type
  /// json" with PostgreSQL's detail. `for_jsonb` also refuses \u0000 (22P05).
  static JsonValue parse(std::string_view text, bool for_jsonb);

  static JsonValue null() { return JsonValue(Kind::kNull); }
  static JsonValue boolean(bool b);
  static JsonValue number(std::string text);  ///< numeric_out text
  static JsonValue string(std::string s);
  static JsonValue array(std::vector<JsonValue> items);
  /// Keys in any order; jsonb canonical order and last-wins duplicates are applied here.
  static JsonValue object(std::vector<std::pair<std::string, JsonValue>> members);

  Kind kind() const { return kind_; }
  bool as_bool() const { return bool_; }
  /// The number's text, or the string's (unescaped) value.
  const std::string& text() const { return text_; }
  const std::vector<JsonValue>& items() const { return items_; }
  const std::vector<std::pair<std::string, JsonValue>>& members() const { return members_; }

  /// The member `key` of an object, or null.
  const JsonValue* member(std::string_view key) const;
  /// Element `index` of an array (negative counts from the end), or null.
  const JsonValue* element(long long index) const;

  /// The input text a parsed value came from.
  std::string_view source(std::string_view input) const { return input.substr(begin_, end_ - begin_); }

  /// jsonb_out's text: {"a": 1, "b": [1, 2]}.
  std::string to_jsonb_text() const;
  /// jsonb_pretty's text.
  std::string to_pretty_text() const;
  /// jsonb_typeof's answer: object, array, string, number, boolean, null.
  const char* type_name() const;

  /// PostgreSQL's jsonb btree order (Object > Array > Boolean > Number > String > Null).
  int compare(const JsonValue& other) const;
  /// jsonb @>: whether this contains `other`.
  bool contains(const JsonValue& other) const;

 private:
  explicit JsonValue(Kind kind) : kind_(kind) {}
  friend class JsonParser;

  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  std::size_t begin_ = 0, end_ = 0;  ///< where a parsed value stood in its input
  std::string text_;
  std::vector<JsonValue> items_;
  std::vector<std::pair<std::string, JsonValue>> members_;
};

/// Validates json input (its text is kept as given).
void validate_json(std::string_view text);
/// jsonb input: the canonical text.
std::string normalize_jsonb(std::string_view text);
/// A string as a JSON string literal, escaped as PostgreSQL's escape_json.
std::string json_quote(std::string_view s);

/// The text of a json value's member or element, as `->` returns it: for json
/// the original text fragment, for jsonb the canonical text. Nullopt if absent.
std::optional<std::string> json_get(std::string_view doc, bool jsonb, const std::string* key, long long index);
/// What `->>` returns for a value's text: a string unquoted, null as nullopt, else the JSON text.
std::optional<std::string> json_as_text(std::string_view value_text, bool jsonb);

}  // namespace heliosdb::engine

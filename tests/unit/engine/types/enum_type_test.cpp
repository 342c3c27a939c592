// Enum values: input and output by label, order by sort position, storage
// by label oid, casts, with the labels a fake catalog lends.
#include "engine/types/enum_type.hpp"

#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "engine/types/cast.hpp"
#include "engine/types/object_names.hpp"
#include "engine/types/value_codec.hpp"
#include "tests/unit/error_state.hpp"

using namespace heliosdb::engine;
using heliosdb::testing::state_of;

namespace {

constexpr std::uint32_t kMood = 16400;
constexpr std::uint32_t kColor = 16410;

// Two enum types: mood (sad < meh < happy, where meh was added between) and color.
class FakeCatalog final : public ObjectNames {
 public:
  std::optional<std::uint32_t> relation_oid(std::string_view) override { return std::nullopt; }
  std::optional<std::string> relation_name(std::uint32_t) override { return std::nullopt; }
  SqlType type_named(std::string_view) override { return {}; }
  bool is_user_table(std::uint32_t) override { return false; }
  std::optional<SqlType> user_type(const std::vector<std::string>& names) override {
    if (names.back() == "mood") return SqlType{TypeId::kEnum, -1, kMood};
    if (names.back() == "color") return SqlType{TypeId::kEnum, -1, kColor};
    return std::nullopt;
  }
  std::optional<std::string> user_type_name(std::uint32_t oid) override {
    if (oid == kMood) return "mood";
    if (oid == kColor) return "color";
    return std::nullopt;
  }
  std::vector<EnumLabel> enum_labels(std::uint32_t type_oid) override {
    std::vector<EnumLabel> out;
    for (const EnumLabel& l : labels_) {
      if (l.type_oid == type_oid) out.push_back(l);
    }
    return out;
  }
  std::optional<EnumLabel> enum_label(std::uint32_t label_oid) override {
    for (const EnumLabel& l : labels_) {
      if (l.oid == label_oid) return l;
    }
    return std::nullopt;
  }

 private:
  std::vector<EnumLabel> labels_ = {
      {kMood, 16402, 1, "sad"}, {kMood, 16405, 1.5, "meh"}, {kMood, 16403, 2, "happy"}, {kColor, 16412, 1, "red"}};
};

const SqlType kMoodType{TypeId::kEnum, -1, kMood};

}  // namespace

TEST_CASE("an enum value reads and prints as its label", "[enum]") {
  FakeCatalog catalog;
  ObjectNamesScope lent(&catalog);
  const Value v = enum_in("meh", kMoodType);
  CHECK(v.type() == TypeId::kEnum);
  CHECK(v.enum_type_oid() == kMood);
  CHECK(v.as_int() == 16405);
  CHECK(format_value(v) == "meh");
  CHECK(format_value(cast_value(Value::string(TypeId::kUnknown, "happy"), kMoodType, CastContext::kImplicit)) ==
        "happy");
}

TEST_CASE("a label the enum does not have is 22P02, spaces and case included", "[enum]") {
  FakeCatalog catalog;
  ObjectNamesScope lent(&catalog);
  for (const char* text : {"angry", "", " sad", "SAD", "red"}) {
    try {
      enum_in(text, kMoodType);
      FAIL("accepted " << text);
    } catch (const DbError& e) {
      CHECK(e.state() == sqlstate::kInvalidTextRepresentation);
      CHECK(std::string(e.what()) == std::string("invalid input value for enum mood: \"") + text + "\"");
    }
  }
}

TEST_CASE("enum values compare by sort position, not by label", "[enum]") {
  FakeCatalog catalog;
  ObjectNamesScope lent(&catalog);
  const Value sad = enum_in("sad", kMoodType), meh = enum_in("meh", kMoodType), happy = enum_in("happy", kMoodType);
  CHECK(compare_values(sad, meh) < 0);
  CHECK(compare_values(meh, happy) < 0);
  CHECK(compare_values(happy, sad) > 0);
  CHECK(compare_values(meh, enum_in("meh", kMoodType)) == 0);
}

TEST_CASE("a stored enum value is its label's oid and reads back with the catalog's label", "[enum]") {
  FakeCatalog catalog;
  ObjectNamesScope lent(&catalog);
  std::string stored;
  append_value(stored, enum_in("happy", kMoodType));
  append_value(stored, Value::null(TypeId::kEnum));
  std::string_view in = stored;
  const Value back = read_value(in, TypeId::kEnum);
  CHECK(back.as_string() == "happy");
  CHECK(back.as_float() == 2);
  CHECK(read_value(in, TypeId::kEnum).is_null());
  CHECK(in.empty());
}

TEST_CASE("a stored enum value read with no catalog lent keeps the label it was stored with", "[enum]") {
  std::string stored;
  {
    FakeCatalog catalog;
    ObjectNamesScope lent(&catalog);
    append_value(stored, enum_in("meh", kMoodType));
  }
  std::string_view in = stored;
  const Value back = read_value(in, TypeId::kEnum);
  CHECK(back.as_string() == "meh");
  CHECK(back.as_int() == 16405);
  CHECK(back.as_float() == 1.5);
  CHECK(back.enum_type_oid() == kMood);
  std::string_view again = stored;
  skip_value(again, TypeId::kEnum);
  CHECK(again.empty());
}

TEST_CASE("a stored label oid no enum has is 22P03", "[enum]") {
  FakeCatalog catalog;
  ObjectNamesScope lent(&catalog);
  CHECK(state_of([] { enum_from_oid(99999); }) == "22P03");
}

TEST_CASE("enum values cast to text and back, but not to another enum type", "[enum]") {
  FakeCatalog catalog;
  ObjectNamesScope lent(&catalog);
  const Value sad = enum_in("sad", kMoodType);
  CHECK(cast_value(sad, {TypeId::kText, -1}, CastContext::kAssignment).as_string() == "sad");
  CHECK(can_cast(TypeId::kEnum, TypeId::kText, CastContext::kAssignment));
  CHECK_FALSE(can_cast(TypeId::kText, TypeId::kEnum, CastContext::kAssignment));
  CHECK(can_cast(TypeId::kText, TypeId::kEnum, CastContext::kExplicit));
  CHECK_FALSE(can_cast(TypeId::kEnum, TypeId::kInt4, CastContext::kExplicit));
  CHECK(cast_value(sad, kMoodType, CastContext::kExplicit).as_string() == "sad");
  CHECK(state_of([&] { cast_value(sad, {TypeId::kEnum, -1, kColor}, CastContext::kExplicit); }) == "42846");
}

TEST_CASE("an enum type has its own oid and name, and its array the next oid", "[enum]") {
  FakeCatalog catalog;
  ObjectNamesScope lent(&catalog);
  CHECK(type_oid(kMoodType) == kMood);
  CHECK(type_oid(SqlType{array_of(TypeId::kEnum), -1, kMood}) == kMood + 1);
  CHECK(type_display_name(kMoodType) == "mood");
  CHECK(type_display_name({array_of(TypeId::kEnum), -1, kMood}) == "mood[]");
  ast::TypeName name;
  name.names = {"mood"};
  CHECK(resolve_type_name(name) == kMoodType);
  name.array_dims = 1;
  CHECK(resolve_type_name(name) == SqlType{array_of(TypeId::kEnum), -1, kMood});
  name.names = {"int4"};
  name.array_dims = 0;
  CHECK(resolve_type_name(name) == SqlType{TypeId::kInt4, -1, 0});
}

TEST_CASE("enum values need a statement's catalog", "[enum]") {
  CHECK(state_of([] { enum_in("sad", kMoodType); }) == "0A000");
}

#include "engine/types/enum_type.hpp"

#include <string>

#include "engine/common/db_error.hpp"
#include "engine/types/object_names.hpp"

namespace heliosdb::engine {

namespace {

ObjectNames& names() {
  ObjectNames* names = lent_object_names();
  if (names == nullptr) {
    throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: enum values outside a statement");
  }
  return *names;
}

Value value_of(EnumLabel label) {
  return Value::enum_label(label.type_oid, label.oid, label.sort_order, std::move(label.label));
}

[[noreturn]] void unsafe_use(const EnumLabel& label) {
  throw DbError(sqlstate::kUnsafeNewEnumValueUsage, "unsafe use of new value \"" + label.label + "\" of enum type " +
                                                        type_display_name({TypeId::kEnum, -1, label.type_oid}))
      .with_hint("New enum values must be committed before they can be used.");
}

}  // namespace

Value enum_in(std::string_view text, SqlType type) {
  for (EnumLabel& label : names().enum_labels(type.enum_oid)) {
    if (label.label != text) continue;
    if (label.uncommitted) unsafe_use(label);
    return value_of(std::move(label));
  }
  throw DbError(sqlstate::kInvalidTextRepresentation, "invalid input value for enum " +
                                                          type_display_name({TypeId::kEnum, -1, type.enum_oid}) +
                                                          ": \"" + std::string(text) + "\"");
}

Value enum_from_oid(std::uint32_t label_oid) {
  if (std::optional<EnumLabel> label = names().enum_label(label_oid)) return value_of(std::move(*label));
  throw DbError(sqlstate::kInvalidBinaryRepresentation,
                "invalid internal value for enum: " + std::to_string(label_oid));
}

void require_committed(const Value& value) {
  if (value.is_null()) return;
  std::optional<EnumLabel> label = names().enum_label(static_cast<std::uint32_t>(value.as_int()));
  if (label && label->uncommitted) unsafe_use(*label);
}

std::vector<Value> enum_values(std::uint32_t type_oid) {
  std::vector<Value> out;
  for (EnumLabel& label : names().enum_labels(type_oid)) out.push_back(value_of(std::move(label)));
  return out;
}

}  // namespace heliosdb::engine

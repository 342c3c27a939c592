#include "engine/types/object_names.hpp"

#include <algorithm>
#include <cctype>

#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

thread_local ObjectNames* current = nullptr;

bool all_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

std::uint32_t digits_oid(std::string_view s) {
  const unsigned long long v = std::stoull(std::string(s));
  if (v > 0xFFFFFFFFULL) {
    throw DbError(sqlstate::kNumericValueOutOfRange, "value \"" + std::string(s) + "\" is out of range for type oid");
  }
  return static_cast<std::uint32_t>(v);
}

ObjectNames& names() {
  if (current == nullptr) {
    throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: object names outside a statement");
  }
  return *current;
}

}  // namespace

ObjectNamesScope::ObjectNamesScope(ObjectNames* names) : saved_(current) { current = names; }

ObjectNames* lent_object_names() { return current; }

std::optional<bool> relation_is_publishable(std::uint32_t oid) {
  if (names().is_user_table(oid)) return true;
  if (names().relation_name(oid)) return false;
  return std::nullopt;
}
ObjectNamesScope::~ObjectNamesScope() { current = saved_; }

Value oid_value(TypeId type, std::uint32_t oid) {
  std::string name;
  if (oid != 0 && type == TypeId::kRegclass && current != nullptr) {
    name = current->relation_name(oid).value_or("");
  } else if (oid != 0 && type == TypeId::kRegtype) {
    if (std::optional<TypeId> t = type_from_oid(oid)) {
      name = type_display_name({*t, -1});
    } else if (oid == kVoidPseudoTypeOid || oid == kRecordPseudoTypeOid) {
      name = oid == kVoidPseudoTypeOid ? "void" : "record";  // what functions may return, no values' types
    } else if (current != nullptr) {
      name = current->user_type_name(oid).value_or("");
    }
  }
  return Value::oid(type, oid, std::move(name));
}

Value regclass_in(std::string_view text) {
  if (all_digits(text)) return oid_value(TypeId::kRegclass, digits_oid(text));
  if (text == "-") return oid_value(TypeId::kRegclass, 0);
  std::optional<std::uint32_t> oid = names().relation_oid(text);
  if (!oid) throw DbError(sqlstate::kUndefinedTable, "relation \"" + std::string(text) + "\" does not exist");
  return oid_value(TypeId::kRegclass, *oid);
}

Value regtype_in(std::string_view text) {
  if (all_digits(text)) return oid_value(TypeId::kRegtype, digits_oid(text));
  if (text == "-") return oid_value(TypeId::kRegtype, 0);
  const SqlType type = names().type_named(text);
  return Value::oid(TypeId::kRegtype, type_oid(type), type_display_name({type.id, -1, type.enum_oid, type.domain_oid}));
}

std::string format_oid_value(const Value& v) {
  if (v.type() != TypeId::kOid && v.as_int() == 0) return "-";
  if (!v.as_string().empty()) return v.as_string();
  if (v.type() == TypeId::kRegclass && current != nullptr) {
    if (auto name = current->relation_name(static_cast<std::uint32_t>(v.as_int()))) return *name;
  }
  return std::to_string(v.as_int());
}

}  // namespace heliosdb::engine

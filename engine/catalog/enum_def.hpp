#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog/acl.hpp"

namespace heliosdb::engine {

/// An enum type made by CREATE TYPE ... AS ENUM: its pg_type row (typtype
/// 'e') and its labels' pg_enum rows. Its array type (_name) has the oid
/// after its own.
struct EnumDef {
  /// One label: a pg_enum row. Stored values hold the oid, so renaming a
  /// label or adding one between others leaves every row as it was.
  struct Label {
    std::uint32_t oid = 0;
    double sort_order = 0;  ///< enumsortorder; labels compare by it
    std::string label;
    bool added = false;  ///< by ALTER TYPE ... ADD VALUE, not CREATE TYPE: unusable until committed
  };

  std::uint32_t oid = 0;  ///< the type's oid; 0 until created
  std::string schema = "public";
  std::string name;
  std::int64_t owner = 0;     ///< the owning role's oid (pg_type.typowner)
  std::vector<Label> labels;  ///< in sort order
  std::string comment;        ///< COMMENT ON TYPE; empty for none
  Acl acl;                    ///< typacl (GRANT USAGE ON TYPE)

  std::uint32_t array_oid() const { return oid + 1; }
};

std::string encode_enum_def(const EnumDef& def);
/// Throws DbError XX001 for bytes that are no enum definition.
EnumDef decode_enum_def(std::string_view raw);

}  // namespace heliosdb::engine

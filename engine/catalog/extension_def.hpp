#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace heliosdb::engine {

/// An extension made by CREATE EXTENSION (pg_extension). Only extensions
/// whose objects are built in can be created; this records that the
/// database asked for one, and where (its functions resolve in `schema`).
struct ExtensionDef {
  std::uint32_t oid = 0;
  std::string name;
  std::string schema;
  std::string version;
  std::int64_t owner = 0;  ///< the role that created it (extowner)
};

std::string encode_extension_def(const ExtensionDef& def);
ExtensionDef decode_extension_def(std::string_view raw);

}  // namespace heliosdb::engine

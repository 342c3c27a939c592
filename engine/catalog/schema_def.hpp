#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/catalog/acl.hpp"

namespace heliosdb::engine {

/// A schema made by CREATE SCHEMA (pg_namespace). The built-in ones
/// (pg_catalog, public, information_schema) are not stored: they always exist.
struct SchemaDef {
  std::uint32_t oid = 0;
  std::string name;
  std::int64_t owner = 0;  ///< the owning role's oid (pg_namespace.nspowner)
  Acl acl;                 ///< nspacl
};

std::string encode_schema_def(const SchemaDef& def);
SchemaDef decode_schema_def(std::string_view raw);

}  // namespace heliosdb::engine

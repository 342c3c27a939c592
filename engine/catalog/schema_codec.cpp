#include "engine/catalog/field_codec.hpp"
#include "engine/catalog/schema_def.hpp"
#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

constexpr char kFormatVersion = 2;  // 2: the access list

using namespace catalog_fields;

}  // namespace

std::string encode_schema_def(const SchemaDef& def) {
  std::string out(1, kFormatVersion);
  put_int(out, def.oid);
  put_str(out, def.name);
  put_int(out, def.owner);
  put_acl(out, def.acl);
  return out;
}

SchemaDef decode_schema_def(std::string_view raw) {
  if (raw.empty() || raw[0] < 1 || raw[0] > kFormatVersion) {
    throw DbError(sqlstate::kDataCorrupted, "unknown schema definition format");
  }
  const char version = raw[0];
  raw.remove_prefix(1);
  SchemaDef def;
  def.oid = static_cast<std::uint32_t>(take_int(raw));
  def.name = take_str(raw);
  def.owner = take_int(raw);
  if (version >= 2) def.acl = take_acl(raw);
  return def;
}

}  // namespace heliosdb::engine

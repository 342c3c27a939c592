#include "engine/catalog/extension_def.hpp"
#include "engine/catalog/field_codec.hpp"
#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

constexpr char kFormatVersion = 1;

using namespace catalog_fields;

}  // namespace

std::string encode_extension_def(const ExtensionDef& def) {
  std::string out(1, kFormatVersion);
  put_int(out, def.oid);
  put_str(out, def.name);
  put_str(out, def.schema);
  put_str(out, def.version);
  put_int(out, def.owner);
  return out;
}

ExtensionDef decode_extension_def(std::string_view raw) {
  if (raw.empty() || raw[0] != kFormatVersion) {
    throw DbError(sqlstate::kDataCorrupted, "unknown extension definition format");
  }
  raw.remove_prefix(1);
  ExtensionDef def;
  def.oid = static_cast<std::uint32_t>(take_int(raw));
  def.name = take_str(raw);
  def.schema = take_str(raw);
  def.version = take_str(raw);
  def.owner = take_int(raw);
  return def;
}

}  // namespace heliosdb::engine

#include <bit>

#include "engine/catalog/enum_def.hpp"
#include "engine/catalog/field_codec.hpp"
#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

// Version 2 added the access list (typacl).
constexpr char kFormatVersion = 2;

using namespace catalog_fields;

}  // namespace

std::string encode_enum_def(const EnumDef& def) {
  std::string out(1, kFormatVersion);
  put_int(out, def.oid);
  put_str(out, def.schema);
  put_str(out, def.name);
  put_int(out, def.owner);
  put_str(out, def.comment);
  put_int(out, static_cast<std::int64_t>(def.labels.size()));
  for (const EnumDef::Label& l : def.labels) {
    put_int(out, l.oid);
    put_int(out, std::bit_cast<std::int64_t>(l.sort_order));
    put_str(out, l.label);
    put_int(out, l.added ? 1 : 0);
  }
  put_acl(out, def.acl);
  return out;
}

EnumDef decode_enum_def(std::string_view raw) {
  if (raw.empty() || raw[0] < 1 || raw[0] > kFormatVersion)
    throw DbError(sqlstate::kDataCorrupted, "unknown enum type format");
  const char version = raw[0];
  raw.remove_prefix(1);
  EnumDef def;
  def.oid = static_cast<std::uint32_t>(take_int(raw));
  def.schema = take_str(raw);
  def.name = take_str(raw);
  def.owner = take_int(raw);
  def.comment = take_str(raw);
  const std::int64_t count = take_int(raw);
  if (count < 0 || static_cast<std::uint64_t>(count) > raw.size()) {
    throw DbError(sqlstate::kDataCorrupted, "enum type definition is truncated");
  }
  for (std::int64_t i = 0; i < count; ++i) {
    EnumDef::Label l;
    l.oid = static_cast<std::uint32_t>(take_int(raw));
    l.sort_order = std::bit_cast<double>(take_int(raw));
    l.label = take_str(raw);
    l.added = take_int(raw) != 0;
    def.labels.push_back(std::move(l));
  }
  if (version >= 2) def.acl = take_acl(raw);
  return def;
}

}  // namespace heliosdb::engine

#include "engine/catalog/domain_def.hpp"
#include "engine/catalog/field_codec.hpp"
#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

// Version 2 added the access list (typacl).
constexpr char kFormatVersion = 2;

using namespace catalog_fields;

}  // namespace

std::string encode_domain_def(const DomainDef& def) {
  std::string out(1, kFormatVersion);
  put_int(out, def.oid);
  put_str(out, def.schema);
  put_str(out, def.name);
  put_int(out, def.owner);
  put_int(out, static_cast<std::int64_t>(def.base.id));
  put_int(out, def.base.typmod);
  put_int(out, def.base.enum_oid);
  put_int(out, def.base.domain_oid);
  put_int(out, def.not_null ? 1 : 0);
  put_str(out, def.default_expr);
  put_str(out, def.comment);
  put_int(out, static_cast<std::int64_t>(def.checks.size()));
  for (const DomainDef::Check& c : def.checks) {
    put_int(out, c.oid);
    put_str(out, c.name);
    put_str(out, c.expr);
    put_int(out, c.validated ? 1 : 0);
  }
  put_acl(out, def.acl);
  return out;
}

DomainDef decode_domain_def(std::string_view raw) {
  if (raw.empty() || raw[0] < 1 || raw[0] > kFormatVersion)
    throw DbError(sqlstate::kDataCorrupted, "unknown domain format");
  const char version = raw[0];
  raw.remove_prefix(1);
  DomainDef def;
  def.oid = static_cast<std::uint32_t>(take_int(raw));
  def.schema = take_str(raw);
  def.name = take_str(raw);
  def.owner = take_int(raw);
  def.base.id = static_cast<TypeId>(take_int(raw));
  def.base.typmod = static_cast<std::int32_t>(take_int(raw));
  def.base.enum_oid = static_cast<std::uint32_t>(take_int(raw));
  def.base.domain_oid = static_cast<std::uint32_t>(take_int(raw));
  def.not_null = take_int(raw) != 0;
  def.default_expr = take_str(raw);
  def.comment = take_str(raw);
  const std::int64_t count = take_int(raw);
  if (count < 0 || static_cast<std::uint64_t>(count) > raw.size()) {
    throw DbError(sqlstate::kDataCorrupted, "domain definition is truncated");
  }
  for (std::int64_t i = 0; i < count; ++i) {
    DomainDef::Check c;
    c.oid = static_cast<std::uint32_t>(take_int(raw));
    c.name = take_str(raw);
    c.expr = take_str(raw);
    c.validated = take_int(raw) != 0;
    def.checks.push_back(std::move(c));
  }
  if (version >= 2) def.acl = take_acl(raw);
  return def;
}

}  // namespace heliosdb::engine

#include "engine/catalog/field_codec.hpp"
#include "engine/catalog/view_def.hpp"
#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

// Version 2 added the comments, 3 the search path, 4 the enum type of each column (0 for others), 5 the
// check option, 6 the owner and access list, 7 the columns' access lists, 8 the widths of the tables it reads.
constexpr char kFormatVersion = 8;

using namespace catalog_fields;

}  // namespace

std::string encode_view_def(const ViewDef& def) {
  std::string out(1, kFormatVersion);
  put_int(out, def.oid);
  put_str(out, def.schema);
  put_str(out, def.name);
  put_str(out, def.sql);
  put_int(out, static_cast<std::int64_t>(def.columns.size()));
  for (std::size_t i = 0; i < def.columns.size(); ++i) {
    put_str(out, def.columns[i]);
    const SqlType type = i < def.types.size() ? def.types[i] : SqlType{TypeId::kText, -1};
    put_int(out, static_cast<std::int64_t>(type.id));
    put_int(out, type.typmod);
  }
  put_int(out, static_cast<std::int64_t>(def.reads.size()));
  for (std::uint32_t oid : def.reads) put_int(out, oid);
  put_str(out, def.comment);
  put_int(out, static_cast<std::int64_t>(def.column_comments.size()));
  for (const std::string& comment : def.column_comments) put_str(out, comment);
  put_int(out, static_cast<std::int64_t>(def.search_path.size()));
  for (const std::string& schema : def.search_path) put_str(out, schema);
  for (std::size_t i = 0; i < def.columns.size(); ++i) put_int(out, i < def.types.size() ? def.types[i].enum_oid : 0);
  put_int(out, def.check_option);
  put_int(out, def.owner);
  put_acl(out, def.acl);
  put_int(out, static_cast<std::int64_t>(def.column_acls.size()));
  for (const Acl& acl : def.column_acls) put_acl(out, acl);
  put_table_widths(out, def.table_widths);
  return out;
}

ViewDef decode_view_def(std::string_view raw) {
  if (raw.empty() || raw[0] < 1 || raw[0] > kFormatVersion) {
    throw DbError(sqlstate::kDataCorrupted, "unknown view definition format");
  }
  const char version = raw[0];
  raw.remove_prefix(1);
  ViewDef def;
  def.oid = static_cast<std::uint32_t>(take_int(raw));
  def.schema = take_str(raw);
  def.name = take_str(raw);
  def.sql = take_str(raw);
  for (auto n = take_int(raw); n > 0; --n) {
    def.columns.push_back(take_str(raw));
    const auto id = static_cast<TypeId>(take_int(raw));
    const auto typmod = static_cast<std::int32_t>(take_int(raw));
    def.types.push_back({id, typmod});
  }
  for (auto n = take_int(raw); n > 0; --n) def.reads.push_back(static_cast<std::uint32_t>(take_int(raw)));
  if (version < 2) return def;
  def.comment = take_str(raw);
  for (auto n = take_int(raw); n > 0; --n) def.column_comments.push_back(take_str(raw));
  if (version < 3) return def;
  for (auto n = take_int(raw); n > 0; --n) def.search_path.push_back(take_str(raw));
  if (version < 4) return def;
  for (SqlType& type : def.types) type.enum_oid = static_cast<std::uint32_t>(take_int(raw));
  if (version < 5) return def;
  def.check_option = static_cast<char>(take_int(raw));
  if (version < 6) return def;
  def.owner = static_cast<std::uint32_t>(take_int(raw));
  def.acl = take_acl(raw);
  if (version < 7) return def;
  for (auto n = take_int(raw); n > 0; --n) def.column_acls.push_back(take_acl(raw));
  if (version < 8) return def;
  def.table_widths = take_table_widths(raw);
  return def;
}

}  // namespace heliosdb::engine

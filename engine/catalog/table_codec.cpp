#include "engine/catalog/table_codec.hpp"

#include "engine/common/db_error.hpp"
#include "engine/types/value_codec.hpp"

namespace heliosdb::engine {

namespace {

constexpr char kFormatVersion = 1;

// Catalog fields reuse the value codec: integers and strings.
void put_int(std::string& out, std::int64_t v) { append_value(out, Value::integer(TypeId::kInt8, v)); }
void put_str(std::string& out, const std::string& s) { append_value(out, Value::string(TypeId::kText, s)); }
std::int64_t take_int(std::string_view& in) { return read_value(in, TypeId::kInt8).as_int(); }
std::string take_str(std::string_view& in) { return read_value(in, TypeId::kText).as_string(); }

}  // namespace

std::string encode_table_def(const TableDef& def) {
  std::string out(1, kFormatVersion);
  put_int(out, def.oid);
  put_str(out, def.schema);
  put_str(out, def.name);
  put_int(out, static_cast<std::int64_t>(def.columns.size()));
  for (const ColumnDef& c : def.columns) {
    put_str(out, c.name);
    put_int(out, static_cast<std::int64_t>(c.type.id));
    put_int(out, c.type.typmod);
    put_int(out, c.not_null ? 1 : 0);
    put_int(out, c.default_value ? 1 : 0);
    if (c.default_value) {
      append_value(out, *c.default_value);
      put_str(out, c.default_text);
    }
    put_int(out, c.missing_value ? 1 : 0);
    if (c.missing_value) append_value(out, *c.missing_value);
  }
  put_int(out, static_cast<std::int64_t>(def.primary_key.size()));
  for (int i : def.primary_key) put_int(out, i);
  return out;
}

TableDef decode_table_def(std::string_view in) {
  if (in.empty() || in[0] != kFormatVersion) {
    throw DbError(sqlstate::kDataCorrupted, "unknown catalog format");
  }
  in.remove_prefix(1);
  TableDef def;
  def.oid = static_cast<std::uint32_t>(take_int(in));
  def.schema = take_str(in);
  def.name = take_str(in);
  auto ncols = take_int(in);
  for (std::int64_t i = 0; i < ncols; ++i) {
    ColumnDef c;
    c.name = take_str(in);
    c.type.id = static_cast<TypeId>(take_int(in));
    c.type.typmod = static_cast<std::int32_t>(take_int(in));
    c.not_null = take_int(in) != 0;
    if (take_int(in) != 0) {
      c.default_value = read_value(in, c.type.id);
      c.default_text = take_str(in);
    }
    if (take_int(in) != 0) c.missing_value = read_value(in, c.type.id);
    def.columns.push_back(std::move(c));
  }
  auto npk = take_int(in);
  for (std::int64_t i = 0; i < npk; ++i) def.primary_key.push_back(static_cast<int>(take_int(in)));
  return def;
}

}  // namespace heliosdb::engine

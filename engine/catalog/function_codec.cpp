#include "engine/catalog/field_codec.hpp"
#include "engine/catalog/function_def.hpp"
#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

constexpr char kFormatVersion = 2;  // 2: the access list

using namespace catalog_fields;

void put_type(std::string& out, const SqlType& type) {
  put_int(out, static_cast<std::int64_t>(type.id));
  put_int(out, type.typmod);
  put_int(out, type.enum_oid);
  put_int(out, type.domain_oid);
}

SqlType take_type(std::string_view& raw) {
  SqlType type;
  type.id = static_cast<TypeId>(take_int(raw));
  type.typmod = static_cast<std::int32_t>(take_int(raw));
  type.enum_oid = static_cast<std::uint32_t>(take_int(raw));
  type.domain_oid = static_cast<std::uint32_t>(take_int(raw));
  return type;
}

}  // namespace

std::vector<const FunctionDef::Arg*> FunctionDef::inputs() const {
  std::vector<const Arg*> out;
  for (const Arg& a : args) {
    if (a.mode == 'i') out.push_back(&a);
  }
  return out;
}

std::vector<const FunctionDef::Arg*> FunctionDef::table_columns() const {
  std::vector<const Arg*> out;
  for (const Arg& a : args) {
    if (a.mode == 't') out.push_back(&a);
  }
  return out;
}

std::size_t FunctionDef::defaults() const {
  std::size_t n = 0;
  for (const Arg& a : args) {
    if (a.mode == 'i' && !a.default_text.empty()) ++n;
  }
  return n;
}

std::string encode_function_def(const FunctionDef& def) {
  std::string out(1, kFormatVersion);
  put_int(out, def.oid);
  put_str(out, def.schema);
  put_str(out, def.name);
  put_int(out, def.owner);
  put_int(out, static_cast<std::int64_t>(def.args.size()));
  for (const FunctionDef::Arg& a : def.args) {
    put_str(out, a.name);
    put_type(out, a.type);
    put_int(out, a.mode);
    put_str(out, a.default_text);
  }
  put_type(out, def.result);
  put_int(out,
          (def.returns_void ? 1 : 0) | (def.returns_set ? 2 : 0) | (def.returns_table ? 4 : 0) | (def.strict ? 8 : 0));
  put_int(out, def.volatility);
  put_int(out, def.parallel);
  put_int(out, static_cast<std::int64_t>(def.body_form));
  put_str(out, def.body);
  put_str(out, def.sql_body);
  put_str(out, def.comment);
  put_acl(out, def.acl);
  return out;
}

FunctionDef decode_function_def(std::string_view raw) {
  if (raw.empty() || raw[0] < 1 || raw[0] > kFormatVersion) {
    throw DbError(sqlstate::kDataCorrupted, "unknown function format");
  }
  const char version = raw[0];
  raw.remove_prefix(1);
  FunctionDef def;
  def.oid = static_cast<std::uint32_t>(take_int(raw));
  def.schema = take_str(raw);
  def.name = take_str(raw);
  def.owner = take_int(raw);
  const std::int64_t count = take_int(raw);
  if (count < 0 || static_cast<std::uint64_t>(count) > raw.size()) {
    throw DbError(sqlstate::kDataCorrupted, "function definition is truncated");
  }
  for (std::int64_t i = 0; i < count; ++i) {
    FunctionDef::Arg a;
    a.name = take_str(raw);
    a.type = take_type(raw);
    a.mode = static_cast<char>(take_int(raw));
    a.default_text = take_str(raw);
    def.args.push_back(std::move(a));
  }
  def.result = take_type(raw);
  const std::int64_t flags = take_int(raw);
  def.returns_void = (flags & 1) != 0;
  def.returns_set = (flags & 2) != 0;
  def.returns_table = (flags & 4) != 0;
  def.strict = (flags & 8) != 0;
  def.volatility = static_cast<char>(take_int(raw));
  def.parallel = static_cast<char>(take_int(raw));
  const std::int64_t form = take_int(raw);
  if (form < 0 || form > 2) throw DbError(sqlstate::kDataCorrupted, "unknown function body form");
  def.body_form = static_cast<FunctionDef::BodyForm>(form);
  def.body = take_str(raw);
  def.sql_body = take_str(raw);
  def.comment = take_str(raw);
  if (version >= 2) def.acl = take_acl(raw);
  return def;
}

}  // namespace heliosdb::engine

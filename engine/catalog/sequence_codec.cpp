#include "engine/catalog/field_codec.hpp"
#include "engine/catalog/sequence_def.hpp"
#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

// Version 2 added the comment.
constexpr char kFormatVersion = 3;

using namespace catalog_fields;

}  // namespace

std::string encode_sequence_def(const SequenceDef& def) {
  std::string out(1, kFormatVersion);
  put_int(out, def.oid);
  put_str(out, def.schema);
  put_str(out, def.name);
  put_int(out, static_cast<std::int64_t>(def.type));
  put_int(out, def.start);
  put_int(out, def.increment);
  put_int(out, def.min);
  put_int(out, def.max);
  put_int(out, def.cache);
  put_int(out, def.cycle ? 1 : 0);
  put_int(out, def.owner_table);
  put_int(out, def.owner_column);
  put_str(out, def.comment);
  put_int(out, def.owner);
  put_acl(out, def.acl);
  return out;
}

SequenceDef decode_sequence_def(std::string_view raw) {
  if (raw.empty() || raw[0] < 1 || raw[0] > kFormatVersion) {
    throw DbError(sqlstate::kDataCorrupted, "unknown sequence definition format");
  }
  const char version = raw[0];
  raw.remove_prefix(1);
  SequenceDef def;
  def.oid = static_cast<std::uint32_t>(take_int(raw));
  def.schema = take_str(raw);
  def.name = take_str(raw);
  def.type = static_cast<TypeId>(take_int(raw));
  def.start = take_int(raw);
  def.increment = take_int(raw);
  def.min = take_int(raw);
  def.max = take_int(raw);
  def.cache = take_int(raw);
  def.cycle = take_int(raw) != 0;
  def.owner_table = static_cast<std::uint32_t>(take_int(raw));
  def.owner_column = static_cast<int>(take_int(raw));
  if (version >= 2) def.comment = take_str(raw);
  if (version >= 3) {
    def.owner = static_cast<std::uint32_t>(take_int(raw));
    def.acl = take_acl(raw);
  }
  return def;
}

std::string encode_sequence_state(const SequenceState& state) {
  std::string out;
  put_int(out, state.last_value);
  put_int(out, state.is_called ? 1 : 0);
  return out;
}

SequenceState decode_sequence_state(std::string_view raw) {
  SequenceState state;
  state.last_value = take_int(raw);
  state.is_called = take_int(raw) != 0;
  return state;
}

}  // namespace heliosdb::engine

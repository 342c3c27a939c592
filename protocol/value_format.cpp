#include "protocol/value_format.hpp"

#include <bit>
#include <cstring>

#include "engine/common/db_error.hpp"
#include "engine/types/cast.hpp"
#include "engine/types/sql_type.hpp"
#include "protocol/wire_format.hpp"

namespace heliosdb::protocol {

namespace {

using engine::DbError;
using engine::TypeId;
using engine::Value;

void put_u64(std::string& out, std::uint64_t v) {
  put_u32(out, static_cast<std::uint32_t>(v >> 32));
  put_u32(out, static_cast<std::uint32_t>(v));
}

std::uint64_t read_u64(const char* p) { return (std::uint64_t{read_u32(p)} << 32) | read_u32(p + 4); }

[[noreturn]] void not_binary(TypeId type) {
  throw DbError(engine::sqlstate::kFeatureNotSupported,
                "not supported yet: binary format for type " + engine::type_display_name({type, -1}));
}

}  // namespace

bool can_encode(TypeId type, std::int16_t format) { return format == 0 || type != TypeId::kNumeric; }

std::string encode_value(const Value& v, std::int16_t format) {
  if (format == 0) return engine::format_value(v);
  std::string out;
  switch (v.type()) {
    case TypeId::kBool:
      out.push_back(v.as_bool() ? 1 : 0);
      break;
    case TypeId::kInt2:
      put_u16(out, static_cast<std::uint16_t>(v.as_int()));
      break;
    case TypeId::kInt4:
    case TypeId::kDate:
      put_u32(out, static_cast<std::uint32_t>(v.as_int()));
      break;
    case TypeId::kInt8:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      put_u64(out, static_cast<std::uint64_t>(v.as_int()));
      break;
    case TypeId::kFloat4:
      put_u32(out, std::bit_cast<std::uint32_t>(static_cast<float>(v.as_float())));
      break;
    case TypeId::kFloat8:
      put_u64(out, std::bit_cast<std::uint64_t>(v.as_float()));
      break;
    case TypeId::kInterval:
      put_u64(out, static_cast<std::uint64_t>(v.as_int()));
      put_u32(out, static_cast<std::uint32_t>(v.interval_days()));
      put_u32(out, static_cast<std::uint32_t>(v.interval_months()));
      break;
    case TypeId::kJsonb:
      out.push_back(1);  // jsonb's binary form: a version byte, then the text
      out += v.as_string();
      break;
    case TypeId::kUnknown:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBytea:
    case TypeId::kJson:
      out = v.as_string();
      break;
    case TypeId::kNumeric:
      not_binary(v.type());
  }
  return out;
}

Value decode_param(const std::optional<std::string>& bytes, std::int16_t format, std::uint32_t type_oid, int number) {
  std::optional<TypeId> type =
      type_oid == 0 ? std::optional<TypeId>(TypeId::kUnknown) : engine::type_from_oid(type_oid);
  if (!type) {
    throw DbError(engine::sqlstate::kFeatureNotSupported, "not supported yet: parameter $" + std::to_string(number) +
                                                              " of type OID " + std::to_string(type_oid));
  }
  if (!bytes) return Value::null(*type);
  if (format == 0) {
    Value text = Value::string(TypeId::kUnknown, *bytes);
    if (*type == TypeId::kUnknown) return text;
    return engine::cast_value(text, {*type, -1}, engine::CastContext::kExplicit);
  }
  const std::string& b = *bytes;
  auto need = [&](std::size_t n) {
    if (b.size() != n) {
      throw DbError(engine::sqlstate::kInvalidBinaryRepresentation,
                    "incorrect binary data format in bind parameter " + std::to_string(number));
    }
  };
  switch (*type) {
    case TypeId::kBool:
      need(1);
      return Value::boolean(b[0] != 0);
    case TypeId::kInt2:
      need(2);
      return Value::integer(*type, static_cast<std::int16_t>(read_u16(b.data())));
    case TypeId::kInt4:
    case TypeId::kDate:
      need(4);
      return Value::integer(*type, static_cast<std::int32_t>(read_u32(b.data())));
    case TypeId::kInt8:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      need(8);
      return Value::integer(*type, static_cast<std::int64_t>(read_u64(b.data())));
    case TypeId::kFloat4:
      need(4);
      return Value::floating(*type, std::bit_cast<float>(read_u32(b.data())));
    case TypeId::kFloat8:
      need(8);
      return Value::floating(*type, std::bit_cast<double>(read_u64(b.data())));
    case TypeId::kInterval:
      need(16);
      return Value::interval(static_cast<std::int32_t>(read_u32(b.data() + 12)),
                             static_cast<std::int32_t>(read_u32(b.data() + 8)),
                             static_cast<std::int64_t>(read_u64(b.data())));
    case TypeId::kJsonb:
      if (b.empty() || b[0] != 1) {
        throw DbError(engine::sqlstate::kInvalidBinaryRepresentation, "unsupported jsonb version number");
      }
      return engine::cast_value(Value::string(TypeId::kUnknown, b.substr(1)), {*type, -1},
                                engine::CastContext::kExplicit);
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kJson:
      // Text arrives as its bytes; json is checked as its input would be.
      return engine::cast_value(Value::string(TypeId::kUnknown, b), {*type, -1}, engine::CastContext::kExplicit);
    case TypeId::kBytea:
      return Value::string(TypeId::kBytea, b);
    case TypeId::kUnknown:
    case TypeId::kNumeric:
      break;
  }
  not_binary(*type);
}

}  // namespace heliosdb::protocol

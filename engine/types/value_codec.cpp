#include "engine/types/value_codec.hpp"

#include <bit>
#include <cstring>

#include "engine/common/db_error.hpp"
#include "engine/types/array.hpp"
#include "engine/types/enum_type.hpp"
#include "engine/types/object_names.hpp"

namespace heliosdb::engine {

namespace {

void put_u64(std::string& out, std::uint64_t v) {
  char buf[8];
  std::memcpy(buf, &v, 8);
  out.append(buf, 8);
}

std::uint64_t take_u64(std::string_view& in) {
  if (in.size() < 8) throw DbError(sqlstate::kDataCorrupted, "stored value is truncated");
  std::uint64_t v = 0;
  std::memcpy(&v, in.data(), 8);
  in.remove_prefix(8);
  return v;
}

}  // namespace

void append_value(std::string& out, const Value& value) {
  if (value.is_null()) {
    out.push_back(0);
    return;
  }
  out.push_back(1);
  if (is_array(value.type())) {
    put_u64(out, value.as_string().size());
    out.append(value.as_string());
    return;
  }
  switch (value.type()) {
    case TypeId::kBool:
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kXid8:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
      put_u64(out, static_cast<std::uint64_t>(value.as_int()));
      return;
    case TypeId::kEnum:
      // The label's oid, which says which label it is (with its type's oid
      // above it); its sort position and text only serve a reader with no
      // catalog at hand (an array's elements printed after its statement), as
      // they may have changed since.
      put_u64(out, (std::uint64_t{value.enum_type_oid()} << 32) | static_cast<std::uint32_t>(value.as_int()));
      put_u64(out, std::bit_cast<std::uint64_t>(value.as_float()));
      put_u64(out, value.as_string().size());
      out.append(value.as_string());
      return;
    case TypeId::kFloat4:
    case TypeId::kFloat8:
      put_u64(out, std::bit_cast<std::uint64_t>(value.as_float()));
      return;
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      put_u64(out, static_cast<std::uint64_t>(value.as_int()));
      return;
    case TypeId::kInterval:
      put_u64(out, static_cast<std::uint64_t>(value.as_int()));
      put_u64(out, (static_cast<std::uint64_t>(static_cast<std::uint32_t>(value.interval_months())) << 32) |
                       static_cast<std::uint32_t>(value.interval_days()));
      return;
    case TypeId::kUnknown:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kBytea:
    case TypeId::kNumeric:
    case TypeId::kJson:
    case TypeId::kJsonb:
    case TypeId::kVector:
    case TypeId::kUuid:
    case TypeId::kRecord:
      put_u64(out, value.as_string().size());
      out.append(value.as_string());
      return;
  }
}

Value read_value(std::string_view& in, TypeId type) {
  Value v;
  read_value_into(in, type, v);
  return v;
}

void read_value_into(std::string_view& in, TypeId type, Value& out) {
  if (in.empty()) throw DbError(sqlstate::kDataCorrupted, "stored value is truncated");
  const bool present = in[0] != 0;
  in.remove_prefix(1);
  if (!present) {
    out.set_null(type);
    return;
  }
  if (is_array(type)) {
    std::uint64_t len = take_u64(in);
    if (in.size() < len) throw DbError(sqlstate::kDataCorrupted, "stored value is truncated");
    out.set_string(type, in.substr(0, len));
    in.remove_prefix(len);
    // Enum elements take their labels from the catalog now, while a statement lends it.
    if (type == array_of(TypeId::kEnum) && lent_object_names() != nullptr) out = encode_array(decode_array(out));
    return;
  }
  switch (type) {
    case TypeId::kBool:
      out = Value::boolean(take_u64(in) != 0);
      return;
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kXid8:
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      out.set_integer(type, static_cast<std::int64_t>(take_u64(in)));
      return;
    case TypeId::kFloat4:
    case TypeId::kFloat8:
      out.set_floating(type, std::bit_cast<double>(take_u64(in)));
      return;
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
      // The name a reg type prints as is looked up again, not stored.
      out = oid_value(type, static_cast<std::uint32_t>(take_u64(in)));
      return;
    case TypeId::kEnum: {
      const std::uint64_t oids = take_u64(in);
      const auto label_oid = static_cast<std::uint32_t>(oids);
      const double sort_order = std::bit_cast<double>(take_u64(in));
      const std::uint64_t len = take_u64(in);
      if (in.size() < len) throw DbError(sqlstate::kDataCorrupted, "stored value is truncated");
      if (lent_object_names() != nullptr) {
        out = enum_from_oid(label_oid);
      } else {
        out = Value::enum_label(static_cast<std::uint32_t>(oids >> 32), label_oid, sort_order,
                                std::string(in.substr(0, len)));
      }
      in.remove_prefix(len);
      return;
    }
    case TypeId::kInterval: {
      auto micros = static_cast<std::int64_t>(take_u64(in));
      std::uint64_t parts = take_u64(in);
      out = Value::interval(static_cast<std::int32_t>(parts >> 32), static_cast<std::int32_t>(parts & 0xFFFFFFFF),
                            micros);
      return;
    }
    case TypeId::kUnknown:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kBytea:
    case TypeId::kNumeric:
    case TypeId::kJson:
    case TypeId::kJsonb:
    case TypeId::kVector:
    case TypeId::kUuid:
    case TypeId::kRecord: {
      std::uint64_t len = take_u64(in);
      if (in.size() < len) throw DbError(sqlstate::kDataCorrupted, "stored value is truncated");
      out.set_string(type, in.substr(0, len));
      in.remove_prefix(len);
      return;
    }
  }
  throw DbError(sqlstate::kDataCorrupted, "stored value has an unknown type");
}

std::optional<std::string_view> read_stored_bytes(std::string_view& in) {
  if (in.empty()) throw DbError(sqlstate::kDataCorrupted, "stored value is truncated");
  const bool present = in[0] != 0;
  in.remove_prefix(1);
  if (!present) return std::nullopt;
  const std::uint64_t len = take_u64(in);
  if (in.size() < len) throw DbError(sqlstate::kDataCorrupted, "stored value is truncated");
  std::string_view out = in.substr(0, len);
  in.remove_prefix(len);
  return out;
}

void skip_value(std::string_view& in, TypeId type) {
  if (in.empty()) throw DbError(sqlstate::kDataCorrupted, "stored value is truncated");
  bool present = in[0] != 0;
  in.remove_prefix(1);
  if (!present) return;
  std::size_t len = 8;
  if (is_array(type)) {
    len = take_u64(in);
  } else if (type == TypeId::kEnum) {
    take_u64(in);  // label oid
    take_u64(in);  // sort position
    len = take_u64(in);
  } else {
    switch (type) {
      case TypeId::kInterval:
        len = 16;
        break;
      case TypeId::kUnknown:
      case TypeId::kText:
      case TypeId::kVarchar:
      case TypeId::kBpchar:
      case TypeId::kBytea:
      case TypeId::kNumeric:
      case TypeId::kJson:
      case TypeId::kJsonb:
      case TypeId::kVector:
      case TypeId::kUuid:
      case TypeId::kRecord:
        len = take_u64(in);
        break;
      default:
        break;
    }
  }
  if (in.size() < len) throw DbError(sqlstate::kDataCorrupted, "stored value is truncated");
  in.remove_prefix(len);
}

}  // namespace heliosdb::engine

#include "protocol/value_format.hpp"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <functional>
#include <vector>

#include "engine/common/db_error.hpp"
#include "engine/types/array.hpp"
#include "engine/types/cast.hpp"
#include "engine/types/object_names.hpp"
#include "engine/types/record.hpp"
#include "engine/types/sql_type.hpp"
#include "engine/types/vector.hpp"
#include "protocol/wire_format.hpp"

namespace heliosdb::protocol {

namespace {

using engine::DbError;
using engine::TypeId;
using engine::Value;

// PostgreSQL's FirstNormalObjectId: the oids of objects users make start here.
constexpr std::uint32_t kFirstUserOid = 16384;

void put_u64(std::string& out, std::uint64_t v) {
  put_u32(out, static_cast<std::uint32_t>(v >> 32));
  put_u32(out, static_cast<std::uint32_t>(v));
}

std::uint64_t read_u64(const char* p) { return (std::uint64_t{read_u32(p)} << 32) | read_u32(p + 4); }

[[noreturn]] void not_binary(TypeId type) {
  throw DbError(engine::sqlstate::kFeatureNotSupported,
                "not supported yet: binary format for type " + engine::type_display_name({type, -1}));
}

// numeric_send: base-10000 digits with a weight (of the first digit), a
// sign word and the display scale, from numeric's text form.
std::string numeric_send(const std::string& text) {
  std::string out;
  auto header = [&](std::uint16_t ndigits, std::int16_t weight, std::uint16_t sign, std::uint16_t dscale) {
    put_u16(out, ndigits);
    put_u16(out, static_cast<std::uint16_t>(weight));
    put_u16(out, sign);
    put_u16(out, dscale);
  };
  if (text == "NaN") {
    header(0, 0, 0xC000, 0);
    return out;
  }
  if (text == "Infinity" || text == "-Infinity") {
    header(0, 0, text[0] == '-' ? 0xF000 : 0xD000, 0);
    return out;
  }
  const bool negative = text[0] == '-';
  std::string_view digits = std::string_view(text).substr(negative ? 1 : 0);
  const std::size_t point = digits.find('.');
  std::string int_part(digits.substr(0, point));
  std::string frac_part(point == std::string_view::npos ? std::string_view() : digits.substr(point + 1));
  const auto dscale = static_cast<std::uint16_t>(frac_part.size());
  int_part.insert(0, (4 - int_part.size() % 4) % 4, '0');
  frac_part.append((4 - frac_part.size() % 4) % 4, '0');
  std::vector<std::uint16_t> groups;
  for (std::size_t i = 0; i < int_part.size(); i += 4) groups.push_back(std::stoi(int_part.substr(i, 4)));
  auto weight = static_cast<int>(groups.size()) - 1;
  for (std::size_t i = 0; i < frac_part.size(); i += 4) groups.push_back(std::stoi(frac_part.substr(i, 4)));
  std::size_t first = 0;
  while (first < groups.size() && groups[first] == 0) ++first;
  std::size_t last = groups.size();
  while (last > first && groups[last - 1] == 0) --last;
  if (first == last) {
    header(0, 0, 0, dscale);
    return out;
  }
  weight -= static_cast<int>(first);
  header(static_cast<std::uint16_t>(last - first), static_cast<std::int16_t>(weight), negative ? 0x4000 : 0, dscale);
  for (std::size_t i = first; i < last; ++i) put_u16(out, groups[i]);
  return out;
}

// numeric_recv, back to numeric's text form for the decimal parser.
std::string numeric_recv(std::string_view b, const std::function<void(bool)>& need) {
  need(b.size() >= 8);
  const std::uint16_t ndigits = read_u16(b.data());
  const auto weight = static_cast<std::int16_t>(read_u16(b.data() + 2));
  const std::uint16_t sign = read_u16(b.data() + 4);
  const std::uint16_t dscale = read_u16(b.data() + 6);
  need(b.size() == 8 + 2 * std::size_t{ndigits} &&
       (sign == 0 || sign == 0x4000 || sign == 0xC000 || sign == 0xD000 || sign == 0xF000));
  if (sign == 0xC000) return "NaN";
  if (sign == 0xD000) return "Infinity";
  if (sign == 0xF000) return "-Infinity";
  std::string int_digits, frac_digits;
  for (int i = 0; i < ndigits; ++i) {
    const std::uint16_t d = read_u16(b.data() + 8 + 2 * i);
    need(d < 10000);
    char group[8];
    std::snprintf(group, sizeof group, "%04u", unsigned{d});
    (i <= weight ? int_digits : frac_digits) += group;
  }
  // Groups between the last digit and the point, or between it and the first digit, are zeros.
  if (weight >= ndigits) int_digits.append(4 * static_cast<std::size_t>(weight - ndigits + 1), '0');
  if (weight < -1) frac_digits.insert(0, 4 * static_cast<std::size_t>(-weight - 1), '0');
  if (int_digits.empty()) int_digits = "0";
  frac_digits.resize(dscale, '0');
  std::string text = sign == 0x4000 ? "-" : "";
  text += int_digits;
  if (dscale > 0) text += "." + frac_digits;
  return text;
}

// pgvector's vector_recv: the dimension count, an unused 0, then the elements.
Value vector_recv(std::string_view b) {
  if (b.size() < 4) {
    throw DbError(engine::sqlstate::kInvalidBinaryRepresentation, "insufficient data left in message");
  }
  const std::uint16_t dims = read_u16(b.data());
  const std::uint16_t unused = read_u16(b.data() + 2);
  if (unused != 0) {
    throw DbError(engine::sqlstate::kDataException, "expected unused to be 0, not " + std::to_string(unused));
  }
  if (b.size() != 4 + 4 * std::size_t{dims}) {
    throw DbError(engine::sqlstate::kInvalidBinaryRepresentation, "incorrect binary data format");
  }
  std::vector<float> elements(dims);
  for (std::size_t i = 0; i < dims; ++i) elements[i] = std::bit_cast<float>(read_u32(b.data() + 4 + 4 * i));
  if (elements.empty()) throw DbError(engine::sqlstate::kDataException, "vector must have at least 1 dimension");
  engine::check_vector_elements(elements);
  return engine::make_vector(elements);
}

// array_send: dimensions, a has-NULLs flag, the element type's OID, each
// dimension's length and lower bound, then each element length-prefixed
// (-1 for NULL) in its own binary form.

std::string array_send(const Value& v) {
  const engine::ArrayData a = engine::decode_array(v);
  std::string out;
  put_u32(out, static_cast<std::uint32_t>(a.dims.size()));
  const bool has_null = std::any_of(a.items.begin(), a.items.end(), [](const Value& x) { return x.is_null(); });
  put_u32(out, has_null ? 1 : 0);
  std::uint32_t element_oid = engine::type_oid(a.element);
  if (a.element == TypeId::kEnum) {
    // Each enum has its own type oid, which its values carry.
    for (const Value& item : a.items) {
      if (!item.is_null()) element_oid = item.enum_type_oid();
    }
  }
  put_u32(out, element_oid);
  for (const engine::ArrayDim& d : a.dims) {
    put_u32(out, static_cast<std::uint32_t>(d.length));
    put_u32(out, static_cast<std::uint32_t>(d.lower));
  }
  for (const Value& item : a.items) append_binary_item(out, item);
  return out;
}

// record_send: the field count, then each field's type oid, length (-1:
// NULL) and binary value. The record's type names its fields' types.
std::string record_send(const Value& v) {
  const std::vector<engine::RecordField> fields = engine::record_fields(v.record_type());
  if (fields.empty() && v.as_string() != "()") {
    throw DbError(engine::sqlstate::kFeatureNotSupported,
                  "not supported yet: binary output of a record whose field types are not known");
  }
  std::string out;
  put_u32(out, static_cast<std::uint32_t>(fields.size()));
  for (std::size_t i = 0; i < fields.size(); ++i) {
    put_u32(out, engine::type_oid(fields[i].type));
    append_binary_item(out, engine::record_field(v, i, fields[i].type));
  }
  return out;
}

Value array_recv(std::string_view b, TypeId type, const std::string& where) {
  auto need = [&](std::size_t n) {
    if (b.size() < n) {
      throw DbError(engine::sqlstate::kInvalidBinaryRepresentation, "insufficient data left in message" + where);
    }
  };
  auto take = [&]() {
    need(4);
    const std::uint32_t v = read_u32(b.data());
    b.remove_prefix(4);
    return v;
  };
  const auto ndim = static_cast<std::int32_t>(take());
  take();  // the has-NULLs flag: the elements say so themselves
  const std::uint32_t element_oid = take();
  if (ndim < 0 || static_cast<std::size_t>(ndim) > engine::kMaxArrayDims) {
    throw DbError(engine::sqlstate::kInvalidBinaryRepresentation,
                  "invalid number of dimensions: " + std::to_string(ndim));
  }
  engine::ArrayData a;
  a.element = engine::element_of(type);
  if (element_oid != engine::type_oid(a.element)) {
    throw DbError(engine::sqlstate::kDatatypeMismatch, "wrong element type");
  }
  std::size_t count = ndim == 0 ? 0 : 1;
  for (std::int32_t i = 0; i < ndim; ++i) {
    engine::ArrayDim d;
    d.length = static_cast<std::int32_t>(take());
    d.lower = static_cast<std::int32_t>(take());
    if (d.length < 0) throw DbError(engine::sqlstate::kInvalidBinaryRepresentation, "invalid array dimensions");
    a.dims.push_back(d);
    count *= static_cast<std::size_t>(d.length);
  }
  if (count == 0) a.dims.clear();
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint32_t length = take();
    if (length == 0xFFFFFFFF) {
      a.items.push_back(Value::null(a.element));
      continue;
    }
    need(length);
    a.items.push_back(decode_binary(b.substr(0, length), a.element, where));
    b.remove_prefix(length);
  }
  if (!b.empty()) throw DbError(engine::sqlstate::kInvalidBinaryRepresentation, "incorrect binary data format" + where);
  return engine::encode_array(a);
}

}  // namespace

std::string encode_value(const Value& v, std::int16_t format) {
  if (format == 0) return engine::format_value(v);
  if (engine::is_array(v.type())) return array_send(v);
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
    case TypeId::kXid8:
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
    case TypeId::kRecord:
      return record_send(v);
    case TypeId::kUnknown:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kBytea:
    case TypeId::kJson:
    case TypeId::kEnum:  // enum_send: the label's bytes
      out = v.as_string();
      break;
    case TypeId::kNumeric:
      out = numeric_send(engine::format_value(v));
      break;
    case TypeId::kUuid:
      out = v.as_string();
      break;
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
      put_u32(out, static_cast<std::uint32_t>(v.as_int()));
      break;
    case TypeId::kVector: {
      // pgvector's vector_send: int16 dimensions, int16 unused (0), float4 each.
      auto elements = engine::vector_elements(v);
      put_u16(out, static_cast<std::uint16_t>(elements.size()));
      put_u16(out, 0);
      for (float x : elements) put_u32(out, std::bit_cast<std::uint32_t>(x));
      break;
    }
  }
  return out;
}

void append_binary_item(std::string& out, const Value& value) {
  if (value.is_null()) {
    put_u32(out, 0xFFFFFFFF);
    return;
  }
  const std::string bytes = encode_value(value, 1);
  put_u32(out, static_cast<std::uint32_t>(bytes.size()));
  out += bytes;
}

Value decode_param(const std::optional<std::string>& bytes, std::int16_t format, std::uint32_t type_oid, int number) {
  // void takes any input and holds nothing: pgjdbc declares {? = call f(?)}'s
  // result placeholder so, and the statement never reads it.
  if (type_oid == engine::kVoidPseudoTypeOid) return Value::null(TypeId::kUnknown);
  std::optional<TypeId> type =
      type_oid == 0 ? std::optional<TypeId>(TypeId::kUnknown) : engine::type_from_oid(type_oid);
  // The only types of a user's (oids from FirstNormalObjectId on) are enums,
  // whose text and binary forms are both the label: it arrives as a literal
  // would and takes its enum type from where it stands.
  if (!type && type_oid >= kFirstUserOid) type = TypeId::kEnum;
  if (type == TypeId::kEnum && bytes) {
    // An array of an enum (whose oid is the one after its element's) in
    // binary: its elements are labels, so it reads as a text[] would and
    // arrives as that array's text. A label never starts with the NUL bytes
    // of a dimension count.
    if (format == 1 && bytes->size() >= 12 && (*bytes)[0] == '\0' && read_u32(bytes->data() + 8) == type_oid - 1) {
      std::string as_text = *bytes;
      std::string text_oid;
      put_u32(text_oid, engine::type_oid(TypeId::kText));
      as_text.replace(8, 4, text_oid);
      const Value array =
          array_recv(as_text, engine::array_of(TypeId::kText), " in bind parameter " + std::to_string(number));
      return Value::string(TypeId::kUnknown, engine::format_array(array));
    }
    return Value::string(TypeId::kUnknown, *bytes);
  }
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
  return decode_binary(*bytes, *type, " in bind parameter " + std::to_string(number));
}

Value decode_binary(std::string_view b, TypeId type, const std::string& where) {
  auto need = [&](bool ok) {
    if (!ok) throw DbError(engine::sqlstate::kInvalidBinaryRepresentation, "incorrect binary data format" + where);
  };
  auto need_size = [&](std::size_t n) { need(b.size() == n); };
  if (engine::is_array(type)) return array_recv(b, type, where);
  switch (type) {
    case TypeId::kBool:
      need_size(1);
      return Value::boolean(b[0] != 0);
    case TypeId::kInt2:
      need_size(2);
      return Value::integer(type, static_cast<std::int16_t>(read_u16(b.data())));
    case TypeId::kInt4:
    case TypeId::kDate:
      need_size(4);
      return Value::integer(type, static_cast<std::int32_t>(read_u32(b.data())));
    case TypeId::kInt8:
    case TypeId::kXid8:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      need_size(8);
      return Value::integer(type, static_cast<std::int64_t>(read_u64(b.data())));
    case TypeId::kFloat4:
      need_size(4);
      return Value::floating(type, std::bit_cast<float>(read_u32(b.data())));
    case TypeId::kFloat8:
      need_size(8);
      return Value::floating(type, std::bit_cast<double>(read_u64(b.data())));
    case TypeId::kInterval:
      need_size(16);
      return Value::interval(static_cast<std::int32_t>(read_u32(b.data() + 12)),
                             static_cast<std::int32_t>(read_u32(b.data() + 8)),
                             static_cast<std::int64_t>(read_u64(b.data())));
    case TypeId::kJsonb:
      if (b.empty() || b[0] != 1) {
        throw DbError(engine::sqlstate::kInvalidBinaryRepresentation, "unsupported jsonb version number");
      }
      return engine::cast_value(Value::string(TypeId::kUnknown, std::string(b.substr(1))), {type, -1},
                                engine::CastContext::kExplicit);
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kJson:
      // Text arrives as its bytes; json is checked as its input would be.
      return engine::cast_value(Value::string(TypeId::kUnknown, std::string(b)), {type, -1},
                                engine::CastContext::kExplicit);
    case TypeId::kBytea:
    case TypeId::kUnknown:
      // A binary value of no declared type (node-postgres sends Buffers so)
      // can only be taken as its bytes.
      return Value::string(TypeId::kBytea, std::string(b));
    case TypeId::kNumeric:
      return engine::cast_value(Value::string(TypeId::kUnknown, numeric_recv(b, need)), {type, -1},
                                engine::CastContext::kExplicit);
    case TypeId::kVector:
      return vector_recv(b);
    case TypeId::kUuid:
      need_size(16);
      return Value::string(TypeId::kUuid, std::string(b));
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
      need_size(4);
      return engine::oid_value(type, read_u32(b.data()));
    case TypeId::kEnum:
      // enum_recv: the label's bytes, which its context reads as it would a literal.
      return Value::string(TypeId::kUnknown, std::string(b));
    case TypeId::kRecord:
      break;
  }
  not_binary(type);
}

}  // namespace heliosdb::protocol

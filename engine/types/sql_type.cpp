#include "engine/types/sql_type.hpp"

#include <algorithm>
#include <map>

#include "engine/common/db_error.hpp"
#include "engine/types/object_names.hpp"
#include "engine/types/vector.hpp"
#include "heliosdb/pg_type_oids.hpp"

namespace heliosdb::engine {

std::uint32_t array_type_oid(TypeId element) {
  // PostgreSQL 15's pg_type.dat.
  switch (element) {
    case TypeId::kBool:
      return 1000;
    case TypeId::kBytea:
      return 1001;
    case TypeId::kInt2:
      return 1005;
    case TypeId::kInt4:
      return 1007;
    case TypeId::kText:
      return 1009;
    case TypeId::kBpchar:
      return 1014;
    case TypeId::kVarchar:
      return 1015;
    case TypeId::kInt8:
      return 1016;
    case TypeId::kFloat4:
      return 1021;
    case TypeId::kFloat8:
      return 1022;
    case TypeId::kTimestamp:
      return 1115;
    case TypeId::kDate:
      return 1182;
    case TypeId::kTime:
      return 1183;
    case TypeId::kTimestampTz:
      return 1185;
    case TypeId::kInterval:
      return 1187;
    case TypeId::kNumeric:
      return 1231;
    case TypeId::kJson:
      return 199;
    case TypeId::kJsonb:
      return 3807;
    case TypeId::kVector:
      return kVectorArrayTypeOid;
    case TypeId::kUuid:
      return 2951;
    case TypeId::kOid:
      return 1028;
    case TypeId::kRegclass:
      return 2210;
    case TypeId::kRegtype:
      return 2211;
    case TypeId::kXid8:
      return 271;
    case TypeId::kEnum:  // each enum type has its own: type_oid(SqlType)
    case TypeId::kRecord:
    case TypeId::kUnknown:
      break;
  }
  return 0;
}

std::uint32_t type_oid(TypeId id) {
  if (is_array(id)) return array_type_oid(element_of(id));
  switch (id) {
    case TypeId::kUnknown:
      return oid::kUnknownOid;
    case TypeId::kBool:
      return oid::kBoolOid;
    case TypeId::kInt2:
      return oid::kInt2Oid;
    case TypeId::kInt4:
      return oid::kInt4Oid;
    case TypeId::kInt8:
      return oid::kInt8Oid;
    case TypeId::kFloat4:
      return oid::kFloat4Oid;
    case TypeId::kFloat8:
      return oid::kFloat8Oid;
    case TypeId::kText:
      return oid::kTextOid;
    case TypeId::kVarchar:
      return oid::kVarcharOid;
    case TypeId::kBytea:
      return oid::kByteaOid;
    case TypeId::kNumeric:
      return oid::kNumericOid;
    case TypeId::kDate:
      return oid::kDateOid;
    case TypeId::kTime:
      return oid::kTimeOid;
    case TypeId::kTimestamp:
      return oid::kTimestampOid;
    case TypeId::kTimestampTz:
      return oid::kTimestamptzOid;
    case TypeId::kInterval:
      return oid::kIntervalOid;
    case TypeId::kJson:
      return oid::kJsonOid;
    case TypeId::kJsonb:
      return oid::kJsonbOid;
    case TypeId::kBpchar:
      return oid::kBpcharOid;
    case TypeId::kVector:
      return kVectorTypeOid;
    case TypeId::kUuid:
      return 2950;
    case TypeId::kOid:
      return 26;
    case TypeId::kRegclass:
      return 2205;
    case TypeId::kRegtype:
      return 2206;
    case TypeId::kEnum:
      return 3500;  // anyenum: the SqlType form knows the enum's own oid
    case TypeId::kRecord:
      return 2249;
    case TypeId::kXid8:
      return 5069;
  }
  return 0;
}

std::uint32_t type_oid(SqlType type) {
  if (type.domain_oid != 0) return type.domain_oid;
  if (type.id == TypeId::kEnum) return type.enum_oid;
  if (type.id == array_of(TypeId::kEnum)) return type.enum_oid + 1;
  return type_oid(type.id);
}

std::optional<TypeId> type_from_oid(std::uint32_t oid) {
  for (auto i = static_cast<int>(TypeId::kUnknown); i <= static_cast<int>(TypeId::kRegtype); ++i) {
    auto id = static_cast<TypeId>(i);
    if (type_oid(id) == oid) return id;
    if (oid != 0 && array_type_oid(id) == oid) return array_of(id);
  }
  // After the enum and record pseudo-types, which no oid names alone.
  if (oid == type_oid(TypeId::kXid8)) return TypeId::kXid8;
  if (oid == array_type_oid(TypeId::kXid8)) return array_of(TypeId::kXid8);
  return std::nullopt;
}

std::string type_display_name(SqlType type) {
  if (type.domain_oid != 0) {
    if (ObjectNames* names = lent_object_names()) {
      if (auto name = names->user_type_name(type.domain_oid)) return *name;
    }
    type.domain_oid = 0;
  }
  if (is_array(type.id)) return type_display_name({element_of(type.id), type.typmod, type.enum_oid}) + "[]";
  switch (type.id) {
    case TypeId::kUnknown:
      return "unknown";
    case TypeId::kBool:
      return "boolean";
    case TypeId::kInt2:
      return "smallint";
    case TypeId::kInt4:
      return "integer";
    case TypeId::kInt8:
      return "bigint";
    case TypeId::kFloat4:
      return "real";
    case TypeId::kFloat8:
      return "double precision";
    case TypeId::kText:
      return "text";
    case TypeId::kVarchar:
      return type.typmod >= 4 ? "character varying(" + std::to_string(type.typmod - 4) + ")" : "character varying";
    case TypeId::kBytea:
      return "bytea";
    case TypeId::kNumeric:
      return type.typmod >= 4 ? "numeric(" + std::to_string(numeric_precision(type.typmod)) + "," +
                                    std::to_string(numeric_scale(type.typmod)) + ")"
                              : "numeric";
    case TypeId::kDate:
      return "date";
    case TypeId::kTime:
      return type.typmod >= 0 ? "time(" + std::to_string(type.typmod) + ") without time zone"
                              : "time without time zone";
    case TypeId::kTimestamp:
      return type.typmod >= 0 ? "timestamp(" + std::to_string(type.typmod) + ") without time zone"
                              : "timestamp without time zone";
    case TypeId::kTimestampTz:
      return type.typmod >= 0 ? "timestamp(" + std::to_string(type.typmod) + ") with time zone"
                              : "timestamp with time zone";
    case TypeId::kInterval:
      return "interval";
    case TypeId::kJson:
      return "json";
    case TypeId::kJsonb:
      return "jsonb";
    case TypeId::kBpchar:
      return type.typmod >= 4 ? "character(" + std::to_string(type.typmod - 4) + ")" : "character";
    case TypeId::kVector:
      return type.typmod >= 0 ? "vector(" + std::to_string(type.typmod) + ")" : "vector";
    case TypeId::kUuid:
      return "uuid";
    case TypeId::kOid:
      return "oid";
    case TypeId::kRegclass:
      return "regclass";
    case TypeId::kRegtype:
      return "regtype";
    case TypeId::kRecord:
      return "record";
    case TypeId::kXid8:
      return "xid8";
    case TypeId::kEnum:
      if (ObjectNames* names = lent_object_names(); names != nullptr && type.enum_oid != 0) {
        if (auto name = names->user_type_name(type.enum_oid)) return *name;
      }
      return type.enum_oid != 0 ? std::to_string(type.enum_oid) : "anyenum";
  }
  return "unknown";
}

int type_length(TypeId id) {
  if (is_array(id)) return -1;
  switch (id) {
    case TypeId::kBool:
      return 1;
    case TypeId::kInt2:
      return 2;
    case TypeId::kInt4:
    case TypeId::kFloat4:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kEnum:
      return 4;
    case TypeId::kInt8:
    case TypeId::kFloat8:
    case TypeId::kXid8:
      return 8;
    case TypeId::kUnknown:
      return -2;  // PostgreSQL's unknown is a C string
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBytea:
    case TypeId::kNumeric:
      return -1;
    case TypeId::kDate:
      return 4;
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return 8;
    case TypeId::kInterval:
    case TypeId::kUuid:
      return 16;
    case TypeId::kJson:
    case TypeId::kJsonb:
    case TypeId::kBpchar:
    case TypeId::kVector:
    case TypeId::kRecord:
      return -1;
  }
  return -1;
}

bool is_integer(TypeId id) { return id == TypeId::kInt2 || id == TypeId::kInt4 || id == TypeId::kInt8; }
bool is_float(TypeId id) { return id == TypeId::kFloat4 || id == TypeId::kFloat8; }
bool is_numeric_type(TypeId id) { return is_integer(id) || is_float(id) || id == TypeId::kNumeric; }
bool is_datetime(TypeId id) { return id == TypeId::kDate || id == TypeId::kTimestamp || id == TypeId::kTimestampTz; }
bool is_string(TypeId id) {
  return id == TypeId::kText || id == TypeId::kVarchar || id == TypeId::kBpchar || id == TypeId::kUnknown;
}

SqlType resolve_type_name(const ast::TypeName& name) {
  // Names as the grammar leaves them: INT -> int4, DOUBLE PRECISION -> float8, ...
  static const std::map<std::string, TypeId> kTypes = {
      {"bool", TypeId::kBool},         {"boolean", TypeId::kBool},        {"int2", TypeId::kInt2},
      {"smallint", TypeId::kInt2},     {"int4", TypeId::kInt4},           {"int", TypeId::kInt4},
      {"integer", TypeId::kInt4},      {"int8", TypeId::kInt8},           {"bigint", TypeId::kInt8},
      {"float4", TypeId::kFloat4},     {"real", TypeId::kFloat4},         {"float8", TypeId::kFloat8},
      {"double", TypeId::kFloat8},     {"text", TypeId::kText},           {"varchar", TypeId::kVarchar},
      {"bpchar", TypeId::kBpchar},     {"bytea", TypeId::kBytea},         {"blob", TypeId::kBytea},
      {"numeric", TypeId::kNumeric},   {"decimal", TypeId::kNumeric},     {"date", TypeId::kDate},
      {"time", TypeId::kTime},         {"timestamp", TypeId::kTimestamp}, {"timestamptz", TypeId::kTimestampTz},
      {"interval", TypeId::kInterval}, {"json", TypeId::kJson},           {"jsonb", TypeId::kJsonb},
      {"vector", TypeId::kVector},     {"uuid", TypeId::kUuid},           {"oid", TypeId::kOid},
      {"regclass", TypeId::kRegclass}, {"regtype", TypeId::kRegtype},     {"xid8", TypeId::kXid8},
  };
  static const std::map<std::string, std::string> kNotYet = {
      {"timetz", "time with time zone"},
      // Records come only from set-returning functions' rows, never from input or a column.
      {"record", "record as a column, argument or cast"},
  };
  const std::string& base = name.names.back();
  if (name.array_dims > 0) {
    // int[3][] is int[]: PostgreSQL keeps neither the bounds nor the dimensions.
    ast::TypeName element = name;
    element.array_dims = 0;
    SqlType type = resolve_type_name(element);
    if (type.domain_oid != 0) throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: arrays of a domain");
    if (type.id == TypeId::kVector) {
      throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: arrays of vector");
    }
    type.id = array_of(type.id);
    return type;
  }
  auto it = kTypes.find(base);
  // pg_catalog comes first on every search path, so a built-in name is the
  // built-in type unless another schema is named.
  const bool qualified = name.names.size() > 1 && name.names[0] != "pg_catalog";
  if (it == kTypes.end() || qualified) {
    if (ObjectNames* names = lent_object_names()) {
      if (std::optional<SqlType> user = names->user_type(name.names)) {
        if (!name.modifiers.empty()) {
          throw at(DbError(sqlstate::kSyntaxError, "type modifier is not allowed for type \"" + base + "\""),
                   name.location);
        }
        return *user;
      }
    }
  }
  if (qualified && name.names[0] != "public") {
    DbError error(sqlstate::kUndefinedObject, "type \"" + name.names[0] + "." + base + "\" does not exist");
    if (name.location >= 0) error.at_position(name.location + 1);
    throw error;
  }
  // PostgreSQL's internal names of array types: _int4 is int4[].
  if (it == kTypes.end() && base.size() > 1 && base[0] == '_') {
    if (auto element = kTypes.find(base.substr(1)); element != kTypes.end() && element->second != TypeId::kVector &&
                                                    element->first == type_internal_name(element->second)) {
      return {array_of(element->second), -1};
    }
  }
  if (it == kTypes.end()) {
    if (auto later = kNotYet.find(base); later != kNotYet.end()) {
      throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: type " + later->second);
    }
    DbError error(sqlstate::kUndefinedObject, "type \"" + base + "\" does not exist");
    if (name.location >= 0) error.at_position(name.location + 1);
    throw error;
  }
  SqlType type{it->second, -1};
  if ((type.id == TypeId::kVarchar || type.id == TypeId::kBpchar) && !name.modifiers.empty()) {
    int n = name.modifiers[0];
    if (n < 1) {
      throw at(DbError(sqlstate::kInvalidParameterValue, std::string("length for type ") +
                                                             (type.id == TypeId::kVarchar ? "varchar" : "char") +
                                                             " must be at least 1"),
               name.location);
    }
    type.typmod = n + 4;
  } else if (type.id == TypeId::kNumeric && !name.modifiers.empty()) {
    if (name.modifiers.size() > 2) throw DbError(sqlstate::kSyntaxError, "invalid NUMERIC type modifier");
    int precision = name.modifiers[0];
    int scale = name.modifiers.size() > 1 ? name.modifiers[1] : 0;
    if (precision < 1 || precision > 1000) {
      throw DbError(sqlstate::kInvalidParameterValue,
                    "NUMERIC precision " + std::to_string(precision) + " must be between 1 and 1000");
    }
    if (scale < -1000 || scale > 1000) {
      throw DbError(sqlstate::kInvalidParameterValue,
                    "NUMERIC scale " + std::to_string(scale) + " must be between -1000 and 1000");
    }
    type.typmod = ((precision << 16) | (scale & 0xFFFF)) + 4;
  } else if ((type.id == TypeId::kTime || type.id == TypeId::kTimestamp || type.id == TypeId::kTimestampTz) &&
             !name.modifiers.empty()) {
    // Fractional-second precision: PostgreSQL caps it at 6 (with a warning we do not send).
    if (name.modifiers.size() > 1 || name.modifiers[0] < 0) {
      throw DbError(sqlstate::kInvalidParameterValue, "invalid type modifier");
    }
    type.typmod = std::min(name.modifiers[0], 6);
  } else if (type.id == TypeId::kVector && !name.modifiers.empty()) {
    if (name.modifiers.size() > 1) throw DbError(sqlstate::kInvalidParameterValue, "invalid type modifier");
    check_vector_typmod(name.modifiers[0]);
    type.typmod = name.modifiers[0];
  } else if (type.id == TypeId::kInterval && !name.modifiers.empty()) {
    throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: interval fields and precision");
  } else if (!name.modifiers.empty()) {
    throw DbError(sqlstate::kSyntaxError, "type modifier is not allowed for type \"" + base + "\"");
  }
  return type;
}

std::string type_internal_name(TypeId id) {
  if (is_array(id)) return "_" + type_internal_name(element_of(id));
  switch (id) {
    case TypeId::kBool:
      return "bool";
    case TypeId::kInt2:
      return "int2";
    case TypeId::kInt4:
      return "int4";
    case TypeId::kInt8:
      return "int8";
    case TypeId::kFloat4:
      return "float4";
    case TypeId::kFloat8:
      return "float8";
    case TypeId::kText:
      return "text";
    case TypeId::kVarchar:
      return "varchar";
    case TypeId::kBpchar:
      return "bpchar";
    case TypeId::kBytea:
      return "bytea";
    case TypeId::kNumeric:
      return "numeric";
    case TypeId::kDate:
      return "date";
    case TypeId::kTime:
      return "time";
    case TypeId::kTimestamp:
      return "timestamp";
    case TypeId::kTimestampTz:
      return "timestamptz";
    case TypeId::kInterval:
      return "interval";
    case TypeId::kJson:
      return "json";
    case TypeId::kJsonb:
      return "jsonb";
    case TypeId::kVector:
      return "vector";
    case TypeId::kUuid:
      return "uuid";
    case TypeId::kOid:
      return "oid";
    case TypeId::kRegclass:
      return "regclass";
    case TypeId::kRegtype:
      return "regtype";
    case TypeId::kEnum:
      return "anyenum";  // each enum's own name is in the catalog
    case TypeId::kRecord:
      return "record";
    case TypeId::kXid8:
      return "xid8";
    case TypeId::kUnknown:
      break;
  }
  return "unknown";
}

}  // namespace heliosdb::engine

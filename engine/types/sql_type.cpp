#include "engine/types/sql_type.hpp"

#include <map>

#include "engine/common/db_error.hpp"
#include "heliosdb/pg_type_oids.hpp"

namespace heliosdb::engine {

std::uint32_t type_oid(TypeId id) {
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
  }
  return 0;
}

std::string type_display_name(SqlType type) {
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
  }
  return "unknown";
}

int type_length(TypeId id) {
  switch (id) {
    case TypeId::kBool:
      return 1;
    case TypeId::kInt2:
      return 2;
    case TypeId::kInt4:
    case TypeId::kFloat4:
      return 4;
    case TypeId::kInt8:
    case TypeId::kFloat8:
      return 8;
    case TypeId::kUnknown:
      return -2;  // PostgreSQL's unknown is a C string
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBytea:
    case TypeId::kNumeric:
      return -1;
  }
  return -1;
}

bool is_integer(TypeId id) { return id == TypeId::kInt2 || id == TypeId::kInt4 || id == TypeId::kInt8; }
bool is_float(TypeId id) { return id == TypeId::kFloat4 || id == TypeId::kFloat8; }
bool is_numeric_type(TypeId id) { return is_integer(id) || is_float(id) || id == TypeId::kNumeric; }
bool is_string(TypeId id) { return id == TypeId::kText || id == TypeId::kVarchar || id == TypeId::kUnknown; }

SqlType resolve_type_name(const ast::TypeName& name) {
  // Names as the grammar leaves them: INT -> int4, DOUBLE PRECISION -> float8, ...
  static const std::map<std::string, TypeId> kTypes = {
      {"bool", TypeId::kBool},       {"boolean", TypeId::kBool}, {"int2", TypeId::kInt2},
      {"smallint", TypeId::kInt2},   {"int4", TypeId::kInt4},    {"int", TypeId::kInt4},
      {"integer", TypeId::kInt4},    {"int8", TypeId::kInt8},    {"bigint", TypeId::kInt8},
      {"float4", TypeId::kFloat4},   {"real", TypeId::kFloat4},  {"float8", TypeId::kFloat8},
      {"double", TypeId::kFloat8},   {"text", TypeId::kText},    {"varchar", TypeId::kVarchar},
      {"bytea", TypeId::kBytea},     {"blob", TypeId::kBytea},   {"numeric", TypeId::kNumeric},
      {"decimal", TypeId::kNumeric},
  };
  static const std::map<std::string, std::string> kNotYet = {
      {"date", "date"},
      {"time", "time"},
      {"timetz", "time with time zone"},
      {"timestamp", "timestamp"},
      {"timestamptz", "timestamp with time zone"},
      {"interval", "interval"},
      {"json", "json"},
      {"jsonb", "jsonb"},
      {"uuid", "uuid"},
      {"bpchar", "character"},
      {"serial", "serial"},
      {"bigserial", "bigserial"},
      {"smallserial", "smallserial"},
      {"vector", "vector"},
  };
  const std::string& base = name.names.back();
  if (name.names.size() > 1 && name.names[0] != "pg_catalog" && name.names[0] != "public") {
    throw DbError(sqlstate::kUndefinedObject, "type \"" + name.names[0] + "." + base + "\" does not exist");
  }
  if (name.array_dims > 0) {
    throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: array types");
  }
  auto it = kTypes.find(base);
  if (it == kTypes.end()) {
    if (auto later = kNotYet.find(base); later != kNotYet.end()) {
      throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: type " + later->second);
    }
    DbError error(sqlstate::kUndefinedObject, "type \"" + base + "\" does not exist");
    if (name.location >= 0) error.at_position(name.location + 1);
    throw error;
  }
  SqlType type{it->second, -1};
  if (type.id == TypeId::kVarchar && !name.modifiers.empty()) {
    int n = name.modifiers[0];
    if (n < 1) throw DbError(sqlstate::kInvalidParameterValue, "length for type varchar must be at least 1");
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
  } else if (!name.modifiers.empty()) {
    throw DbError(sqlstate::kSyntaxError, "type modifier is not allowed for type \"" + base + "\"");
  }
  return type;
}

}  // namespace heliosdb::engine

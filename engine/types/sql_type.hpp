#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/ast/expr.hpp"

namespace heliosdb::engine {

/// The types the engine computes with. kUnknown is PostgreSQL's "unknown":
/// an untyped string literal or NULL before context decides its type.
enum class TypeId : std::uint8_t {
  kUnknown,
  kBool,
  kInt2,
  kInt4,
  kInt8,
  kFloat4,
  kFloat8,
  kText,
  kVarchar,
  kBytea,
  kNumeric,      ///< held as its text (numeric_out); see decimal.hpp
  kDate,         ///< days since 2000-01-01; see temporal.hpp
  kTime,         ///< microseconds since midnight
  kTimestamp,    ///< microseconds since 2000-01-01 00:00
  kTimestampTz,  ///< the same, in UTC
  kInterval,     ///< months, days and microseconds
  kJson,         ///< its input text; see json_value.hpp
  kJsonb,        ///< its canonical text
  kBpchar,       ///< character(n): blank-padded to n; trailing blanks do not count in comparisons
  kVector,       ///< pgvector's vector(n): packed float32 elements; see vector.hpp
  kUuid,         ///< 16 bytes; see uuid.hpp
  kOid,          ///< an object id (unsigned 32-bit)
  kRegclass,     ///< an oid that reads and prints as a relation's name; see object_names.hpp
  kRegtype,      ///< an oid that reads and prints as a type's name
  kEnum,         ///< a user's CREATE TYPE ... AS ENUM type (SqlType::enum_oid says which); see enum_type.hpp
  kRecord,       ///< an anonymous composite, held as its text (record_out); typmod names its fields: record.hpp
  kXid8,         ///< a 64-bit transaction id (pg_current_xact_id); unsigned, held in the int's bits
};

/// pgvector's type is an extension's, with an OID chosen at CREATE EXTENSION.
/// Ours is built in: an OID from the range PostgreSQL leaves to development
/// (8000-9999), so it never meets a PostgreSQL type or a user object.
inline constexpr std::uint32_t kVectorTypeOid = 8100;
inline constexpr std::uint32_t kVectorArrayTypeOid = 8101;

/// An array type is its element type's id with this bit set (int4[] is
/// kInt4 | kArrayBit): PostgreSQL's arrays of arrays are multidimensional
/// arrays of the element type, so one level is all there is.
inline constexpr std::uint8_t kArrayBit = 0x80;
constexpr bool is_array(TypeId id) { return (static_cast<std::uint8_t>(id) & kArrayBit) != 0; }
constexpr TypeId array_of(TypeId element) {
  return static_cast<TypeId>(static_cast<std::uint8_t>(element) | kArrayBit);
}
constexpr TypeId element_of(TypeId array) { return static_cast<TypeId>(static_cast<std::uint8_t>(array) & ~kArrayBit); }

/// A type with its modifier, as PostgreSQL's atttypmod: varchar(n) and char(n) are n + 4,
/// numeric(p, s) is (p << 16 | s) + 4, vector(n) is n (as pgvector), -1 when there is none.
/// An array's is its element's. An enum type, or an array of one, also
/// carries the enum's pg_type oid; its array type's oid is always the next one.
struct SqlType {
  TypeId id = TypeId::kUnknown;
  std::int32_t typmod = -1;
  std::uint32_t enum_oid = 0;  ///< kEnum and kEnum arrays: the enum type's oid; 0 for every other type
  /// Set only on what resolve_type_name returns for a domain's name (the
  /// other fields are then its base type): a cast or column definition
  /// takes the domain's constraints from it. Values and expressions carry
  /// their base type, as PostgreSQL's operators see a domain's values.
  std::uint32_t domain_oid = 0;

  friend bool operator==(const SqlType&, const SqlType&) = default;
};

/// PostgreSQL's OID of the type (int4 = 23, int4[] = 1007, ...). For an
/// enum, which has no fixed oid, the SqlType form must be used.
std::uint32_t type_oid(TypeId id);
/// The same, with an enum type's own oid (and its array's, the next one).
std::uint32_t type_oid(SqlType type);
/// The OID of the array type whose elements are `element` (pg_type.typarray), 0 if none.
std::uint32_t array_type_oid(TypeId element);
/// The type with PostgreSQL's OID `oid`, if we have it.
std::optional<TypeId> type_from_oid(std::uint32_t oid);
/// PostgreSQL's name of the type as format_type shows it: "integer", "character varying(20)";
/// an enum's name as the lent catalog has it (object_names.hpp), schema-qualified when not visible.
std::string type_display_name(SqlType type);
/// PostgreSQL's internal name of the type (pg_type.typname: int4, varchar, timestamptz).
std::string type_internal_name(TypeId id);
/// Bytes of the fixed-size representation, -1 for variable length (pg_type.typlen).
int type_length(TypeId id);

bool is_integer(TypeId id);
bool is_float(TypeId id);
bool is_numeric_type(TypeId id);
bool is_string(TypeId id);
/// text, varchar and character(n): the types that cast among themselves implicitly.
inline bool is_character(TypeId id) { return id == TypeId::kText || id == TypeId::kVarchar || id == TypeId::kBpchar; }
/// date, timestamp and timestamptz: the types that compare with one another.
bool is_datetime(TypeId id);

/// numeric(p, s)'s precision and scale from its typmod (which must be >= 4).
inline int numeric_precision(std::int32_t typmod) { return ((typmod - 4) >> 16) & 0xFFFF; }
inline int numeric_scale(std::int32_t typmod) { return static_cast<std::int16_t>((typmod - 4) & 0xFFFF); }

/// Resolves a type as written in SQL (`int`, `varchar(20)`, `double precision`,
/// the seed's `DOUBLE` and `BLOB`), and a user's enum type through the catalog
/// lent to this thread (object_names.hpp). Throws DbError 42704 for an unknown
/// type, 0A000 for a PostgreSQL type we do not have yet.
SqlType resolve_type_name(const ast::TypeName& name);

}  // namespace heliosdb::engine

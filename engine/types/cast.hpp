#pragma once

#include "engine/types/value.hpp"

namespace heliosdb::engine {

/// How a cast was asked for, which decides what is allowed and what happens
/// to a too-long string (PostgreSQL: explicit casts truncate varchar,
/// assignment raises 22001).
enum class CastContext : std::uint8_t { kImplicit, kAssignment, kExplicit };

/// Whether PostgreSQL allows a cast from `from` to `to` in `context`
/// (pg_cast's castcontext for the types we have).
bool can_cast(TypeId from, TypeId to, CastContext context);

/// Converts `value` to `target`. NULL stays NULL (retyped). Throws DbError
/// with PostgreSQL's SQLSTATE: 22P02 bad input syntax, 22003 out of range,
/// 22001 string too long on assignment, 42846 for an impossible cast.
Value cast_value(const Value& value, SqlType target, CastContext context);

}  // namespace heliosdb::engine

// Functions over the catalog's names: format_type(type oid, typmod) as psql's
// \d and the ORMs' reflection queries print types,
// to_regclass and to_regtype; and the small ones pg_dump calls:
// pg_get_expr, pg_encoding_to_char, pg_char_to_encoding, getdatabaseencoding,
// pg_is_in_recovery, the *_is_visible of empty catalogs,
// pg_tablespace_location and shobj_description.
#include <cstdlib>

#include "engine/common/db_error.hpp"
#include "engine/functions/character_sets.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/types/array.hpp"
#include "engine/types/object_names.hpp"

namespace heliosdb::engine {

namespace {

Value format_type(const std::vector<Value>& a) {
  if (a[0].is_null()) return Value::null(TypeId::kText);
  const std::optional<TypeId> type = type_from_oid(static_cast<std::uint32_t>(a[0].as_int()));
  if (a[0].as_int() == 0) return Value::string(TypeId::kText, "-");
  if (a[0].as_int() == kVoidPseudoTypeOid) return Value::string(TypeId::kText, "void");
  if (a[0].as_int() == kRecordPseudoTypeOid) return Value::string(TypeId::kText, "record");
  if (!type) {
    // A user's type (an enum or its array) is named by the catalog.
    ObjectNames* names = lent_object_names();
    std::optional<std::string> name =
        names != nullptr ? names->user_type_name(static_cast<std::uint32_t>(a[0].as_int())) : std::nullopt;
    return Value::string(TypeId::kText, name.value_or("???"));
  }
  // A NULL modifier prints the bare name, as an unknown one does.
  const std::int32_t typmod = a[1].is_null() ? -1 : static_cast<std::int32_t>(a[1].as_int());
  return Value::string(TypeId::kText, type_display_name({*type, typmod}));
}

// to_regclass / to_regtype: the name's object, or NULL where the cast would fail for want of one.
Value to_regclass(const std::vector<Value>& a) {
  try {
    return regclass_in(a[0].as_string());
  } catch (const DbError& e) {
    if (e.state() == sqlstate::kUndefinedTable) return Value::null(TypeId::kRegclass);
    throw;
  }
}

Value to_regtype(const std::vector<Value>& a) {
  try {
    return regtype_in(a[0].as_string());
  } catch (const DbError& e) {
    if (e.state() == sqlstate::kUndefinedObject) return Value::null(TypeId::kRegtype);
    throw;
  }
}

// pg_get_expr(pg_node_tree, relation [, pretty]): our catalogs keep an
// expression's display text where PostgreSQL keeps its node tree (adbin,
// conbin), so the text is the answer.
Value expression_text(const std::vector<Value>& a) { return Value::string(TypeId::kText, a[0].as_string()); }

// The character sets' names by number ("" for none); we speak UTF8 only.
Value encoding_name(const std::vector<Value>& a) {
  const std::int64_t n = a[0].as_int();
  return Value::string(TypeId::kText, std::string(n < 0 || n > 255 ? "" : character_set_name(static_cast<int>(n))));
}

// pg_char_to_encoding: the number of a character set's name or alias, -1
// for none; getdatabaseencoding: the database's, UTF8.
Value encoding_number(const std::vector<Value>& a) {
  return Value::integer(TypeId::kInt4, character_set_number(a[0].as_string()));
}

Value database_encoding(const std::vector<Value>&) { return Value::string(TypeId::kText, "UTF8"); }

Value not_in_recovery(const std::vector<Value>&) { return Value::boolean(false); }

// pg_default and pg_global live in the data directory: an empty location, as PostgreSQL says.
Value tablespace_location(const std::vector<Value>&) { return Value::string(TypeId::kText, ""); }

// Databases and roles have no comments here.
Value shared_description(const std::vector<Value>&) { return Value::null(TypeId::kText); }

Value publishable(const std::vector<Value>& a) {
  const std::optional<bool> yes = relation_is_publishable(static_cast<std::uint32_t>(a[0].as_int()));
  return yes ? Value::boolean(*yes) : Value::null(TypeId::kBool);
}

// pg_size_pretty: bytes below 10 kB, else the largest of kB, MB, GB, TB
// and PB that keeps the number below 20,480, rounded half away from zero,
// as PostgreSQL 15 prints sizes.
Value size_pretty(const std::vector<Value>& a) {
  const std::int64_t bytes = a[0].as_int();
  constexpr std::int64_t kLimit = 10 * 1024;
  constexpr std::int64_t kLimit2 = kLimit * 2 - 1;
  if (std::llabs(bytes) < kLimit) return Value::string(TypeId::kText, std::to_string(bytes) + " bytes");
  // One extra bit is kept below each unit for rounding half away from zero.
  auto half_rounded = [](std::int64_t v) { return (v + (v < 0 ? -1 : 1)) / 2; };
  std::int64_t size = bytes / 512;
  for (const char* unit : {"kB", "MB", "GB", "TB"}) {
    if (std::llabs(size) < kLimit2)
      return Value::string(TypeId::kText, std::to_string(half_rounded(size)) + " " + unit);
    size /= 1024;
  }
  return Value::string(TypeId::kText, std::to_string(half_rounded(size)) + " PB");
}

// pg_proc lists no functions (there are no user-defined ones yet), and for
// an oid that names no function PostgreSQL's answer is NULL: psql's \df
// calls these over pg_proc's rows.
Value no_such_function_text(const std::vector<Value>&) { return Value::null(TypeId::kText); }
Value no_such_function_bool(const std::vector<Value>&) { return Value::null(TypeId::kBool); }

// pg_collation, pg_conversion and pg_statistic_ext have no rows (no CREATE
// COLLATION, CONVERSION or STATISTICS), so no oid names an object there:
// PostgreSQL's answer for such an oid is NULL. psql's \dO, \dc and \dX call these.
Value no_such_object(const std::vector<Value>&) { return Value::null(TypeId::kBool); }

}  // namespace

void register_catalog_functions(FunctionRegistry& r) {
  r.add("pg_get_expr", {{TypeId::kText, TypeId::kOid}, {TypeId::kText, -1}, expression_text});
  r.add("pg_get_expr", {{TypeId::kText, TypeId::kOid, TypeId::kBool}, {TypeId::kText, -1}, expression_text});
  r.add("pg_encoding_to_char", {{TypeId::kInt4}, {TypeId::kText, -1}, encoding_name});
  r.add("pg_char_to_encoding", {{TypeId::kText}, {TypeId::kInt4, -1}, encoding_number});
  r.add("getdatabaseencoding", {{}, {TypeId::kText, -1}, database_encoding});
  r.add("pg_is_in_recovery", {{}, {TypeId::kBool, -1}, not_in_recovery});
  for (const char* name : {"pg_collation_is_visible", "pg_conversion_is_visible", "pg_statistics_obj_is_visible"}) {
    r.add(name, {{TypeId::kOid}, {TypeId::kBool, -1}, no_such_object});
  }
  r.add("pg_tablespace_location", {{TypeId::kOid}, {TypeId::kText, -1}, tablespace_location});
  r.add("pg_get_function_result", {{TypeId::kOid}, {TypeId::kText, -1}, no_such_function_text});
  r.add("pg_get_function_arguments", {{TypeId::kOid}, {TypeId::kText, -1}, no_such_function_text});
  r.add("pg_get_function_identity_arguments", {{TypeId::kOid}, {TypeId::kText, -1}, no_such_function_text});
  r.add("pg_size_pretty", {{TypeId::kInt8}, {TypeId::kText, -1}, size_pretty});
  r.add("pg_relation_is_publishable", {{TypeId::kRegclass}, {TypeId::kBool, -1}, publishable});
  r.add("pg_function_is_visible", {{TypeId::kOid}, {TypeId::kBool, -1}, no_such_function_bool});
  // pg_statistic_ext has no rows either (no CREATE STATISTICS): psql's \d asks over it.
  r.add("pg_get_statisticsobjdef_columns", {{TypeId::kOid}, {TypeId::kText, -1}, no_such_function_text});
  r.add("shobj_description", {{TypeId::kOid, TypeId::kText}, {TypeId::kText, -1}, shared_description});
  r.add("format_type", {{TypeId::kOid, TypeId::kInt4}, {TypeId::kText, -1}, format_type, false, false});
  r.add("to_regclass", {{TypeId::kText}, {TypeId::kRegclass, -1}, to_regclass});
  r.add("to_regtype", {{TypeId::kText}, {TypeId::kRegtype, -1}, to_regtype});
}

}  // namespace heliosdb::engine

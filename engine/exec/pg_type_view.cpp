// pg_catalog.pg_type: a row for each type the engine has (and its array
// type), with PostgreSQL 15's values, and pgvector's vector as it looks once
// the extension is created in public. Drivers look types up here by name or
// OID (psycopg's TypeInfo, asyncpg's introspection, pgvector's helpers).
#include <optional>

#include "engine/exec/acl_text.hpp"
#include "engine/exec/catalog_types.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/system_views.hpp"
#include "engine/types/object_names.hpp"
#include "engine/types/sql_type.hpp"

namespace heliosdb::engine {

namespace {

struct TypeRow {
  TypeId id;
  const char* name;
  std::int64_t array_oid;
  char category;
  bool preferred;
  char align;
  char storage;
  const char* io;  ///< the prefix of its in/out/recv/send functions
  bool has_typmod;
  std::int64_t collation;
};

// Values of PostgreSQL 15's pg_type.dat.
constexpr TypeRow kTypes[] = {
    {TypeId::kBool, "bool", 1000, 'B', true, 'c', 'p', "bool", false, 0},
    {TypeId::kBytea, "bytea", 1001, 'U', false, 'i', 'x', "bytea", false, 0},
    {TypeId::kInt8, "int8", 1016, 'N', false, 'd', 'p', "int8", false, 0},
    {TypeId::kInt2, "int2", 1005, 'N', false, 's', 'p', "int2", false, 0},
    {TypeId::kInt4, "int4", 1007, 'N', false, 'i', 'p', "int4", false, 0},
    {TypeId::kText, "text", 1009, 'S', true, 'i', 'x', "text", false, 100},
    {TypeId::kJson, "json", 199, 'U', false, 'i', 'x', "json_", false, 0},
    {TypeId::kFloat4, "float4", 1021, 'N', false, 'i', 'p', "float4", false, 0},
    {TypeId::kFloat8, "float8", 1022, 'N', true, 'd', 'p', "float8", false, 0},
    {TypeId::kUnknown, "unknown", 0, 'X', false, 'c', 'p', "unknown", false, 0},
    {TypeId::kBpchar, "bpchar", 1014, 'S', false, 'i', 'x', "bpchar", true, 100},
    {TypeId::kVarchar, "varchar", 1015, 'S', false, 'i', 'x', "varchar", true, 100},
    {TypeId::kDate, "date", 1182, 'D', false, 'i', 'p', "date_", false, 0},
    {TypeId::kTime, "time", 1183, 'D', false, 'd', 'p', "time_", true, 0},
    {TypeId::kTimestamp, "timestamp", 1115, 'D', false, 'd', 'p', "timestamp_", true, 0},
    {TypeId::kTimestampTz, "timestamptz", 1185, 'D', true, 'd', 'p', "timestamptz_", true, 0},
    {TypeId::kInterval, "interval", 1187, 'T', true, 'd', 'p', "interval_", true, 0},
    {TypeId::kNumeric, "numeric", 1231, 'N', false, 'i', 'm', "numeric_", true, 0},
    {TypeId::kJsonb, "jsonb", 3807, 'U', false, 'i', 'x', "jsonb_", false, 0},
    {TypeId::kUuid, "uuid", 2951, 'U', false, 'c', 'p', "uuid_", false, 0},
    {TypeId::kOid, "oid", 1028, 'N', false, 'i', 'p', "oid", false, 0},
    {TypeId::kRegclass, "regclass", 2210, 'N', false, 'i', 'p', "regclass", false, 0},
    {TypeId::kRegtype, "regtype", 2211, 'N', false, 'i', 'p', "regtype", false, 0},
    {TypeId::kXid8, "xid8", 271, 'U', false, 'd', 'p', "xid8", false, 0},
    {TypeId::kVector, "vector", kVectorArrayTypeOid, 'U', false, 'i', 'x', "vector_", true, 0},
};

}  // namespace

TypeLayout type_layout(TypeId id) {
  if (id == TypeId::kEnum) return {4, true, 'i', 'p'};  // as CREATE TYPE ... AS ENUM makes each
  const TypeId base = is_array(id) ? element_of(id) : id;
  for (const TypeRow& t : kTypes) {
    if (t.id != base) continue;
    if (is_array(id)) return {-1, false, t.align == 'd' ? 'd' : 'i', 'x'};
    const int length = type_length(id);
    return {length, length > 0 && length <= 8 && id != TypeId::kInterval, t.align, t.storage};
  }
  return {-1, false, 'i', 'x'};
}

namespace {

// One pg_type row's values that differ between types.
struct PgTypeRow {
  std::int64_t oid = 0;
  std::string name;
  std::int64_t namespace_oid = 0;
  std::int64_t owner = kBootstrapSuperuser;
  int length = -1;
  bool by_value = false;
  std::string type, category;
  bool preferred = false;
  std::string subscript = "-";
  std::int64_t element = 0;
  std::int64_t array = 0;
  std::string io;  ///< its in/out/recv/send functions' common prefix
  std::string modin, modout, analyze = "-", align, storage;
  std::int64_t collation = 0;
  bool not_null = false;                    ///< a domain's typnotnull
  std::int64_t base_type = 0;               ///< a domain's typbasetype
  std::int32_t typmod = -1;                 ///< a domain's typtypmod
  int dims = 0;                             ///< a domain over an array: typndims
  std::optional<std::string> default_expr;  ///< a domain's typdefault (and typdefaultbin, which pg_get_expr shows)
};

std::vector<Value> values_of(const PgTypeRow& t) {
  auto text = [](std::string s) { return Value::string(TypeId::kText, std::move(s)); };
  auto oid = [](std::int64_t v) { return Value::oid(TypeId::kOid, v, {}); };
  const Value null_text = Value::null(TypeId::kText);
  return {oid(t.oid),
          text(t.name),
          oid(t.namespace_oid),
          oid(t.owner),
          Value::integer(TypeId::kInt2, t.length),
          Value::boolean(t.by_value),
          text(t.type),
          text(t.category),
          Value::boolean(t.preferred),
          Value::boolean(true),
          text(","),
          oid(0),
          text(t.subscript),
          oid(t.element),
          oid(t.array),
          text(t.io + "in"),
          text(t.io + "out"),
          text(t.io + "recv"),
          text(t.io + "send"),
          text(t.modin),
          text(t.modout),
          text(t.analyze),
          text(t.align),
          text(t.storage),
          Value::boolean(t.not_null),
          oid(t.base_type),
          Value::integer(TypeId::kInt4, t.typmod),
          Value::integer(TypeId::kInt4, t.dims),
          oid(t.collation),
          t.default_expr ? text(*t.default_expr) : null_text,
          t.default_expr ? text(*t.default_expr) : null_text,
          Value::null(array_of(TypeId::kText))};
}

}  // namespace

Relation pg_type_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation(
      {{"oid", TypeId::kOid},           {"typname", TypeId::kText},         {"typnamespace", TypeId::kOid},
       {"typowner", TypeId::kOid},      {"typlen", TypeId::kInt2},          {"typbyval", TypeId::kBool},
       {"typtype", TypeId::kText},      {"typcategory", TypeId::kText},     {"typispreferred", TypeId::kBool},
       {"typisdefined", TypeId::kBool}, {"typdelim", TypeId::kText},        {"typrelid", TypeId::kOid},
       {"typsubscript", TypeId::kText}, {"typelem", TypeId::kOid},          {"typarray", TypeId::kOid},
       {"typinput", TypeId::kText},     {"typoutput", TypeId::kText},       {"typreceive", TypeId::kText},
       {"typsend", TypeId::kText},      {"typmodin", TypeId::kText},        {"typmodout", TypeId::kText},
       {"typanalyze", TypeId::kText},   {"typalign", TypeId::kText},        {"typstorage", TypeId::kText},
       {"typnotnull", TypeId::kBool},   {"typbasetype", TypeId::kOid},      {"typtypmod", TypeId::kInt4},
       {"typndims", TypeId::kInt4},     {"typcollation", TypeId::kOid},     {"typdefaultbin", TypeId::kText},
       {"typdefault", TypeId::kText},   {"typacl", array_of(TypeId::kText)}},
      qualifier);
  r.scope[1].type.typmod = kNameTypmod;  // typname is a name: pg_dump reads typname[0]
  for (const TypeRow& t : kTypes) {
    const bool vector = t.id == TypeId::kVector;
    const std::string prefix = t.io;
    const std::string base = prefix.back() == '_' ? prefix.substr(0, prefix.size() - 1) : prefix;
    PgTypeRow row;
    row.oid = type_oid(t.id);
    row.name = t.name;
    row.namespace_oid = vector ? kPublicNamespace : kPgCatalogNamespace;
    row.length = type_length(t.id);
    row.by_value = row.length > 0 && row.length <= 8 && t.id != TypeId::kInterval;
    row.type = t.id == TypeId::kUnknown ? "p" : "b";
    row.category = std::string(1, t.category);
    row.preferred = t.preferred;
    row.array = t.array_oid;
    row.io = prefix;
    // pgvector names its modifier input vector_typmod_in and has no output function.
    row.modin = !t.has_typmod ? "-" : vector ? "vector_typmod_in" : base + "typmodin";
    row.modout = !t.has_typmod || vector ? "-" : base + "typmodout";
    row.align = std::string(1, t.align);
    row.storage = std::string(1, t.storage);
    row.collation = t.collation;
    r.rows.push_back(values_of(row));
    if (t.array_oid == 0) continue;
    // Its array type: _name, category A, elements of t.
    PgTypeRow array = row;
    array.oid = t.array_oid;
    array.name = std::string("_") + t.name;
    array.length = -1;
    array.by_value = false;
    array.type = "b";
    array.category = "A";
    array.preferred = false;
    array.subscript = "array_subscript_handler";
    array.element = type_oid(t.id);
    array.array = 0;
    array.io = "array_";
    array.analyze = "array_typanalyze";
    array.align = t.align == 'd' ? "d" : "i";
    array.storage = "x";
    r.rows.push_back(values_of(array));
  }
  // Types the engine holds as others but drivers look up by name: name
  // (read and sent as text; pgjdbc's getClientInfoProperties asks for it)
  // and the pseudo-type void (pgjdbc declares {? = call f()}'s result so).
  {
    PgTypeRow name;
    name.oid = 19;
    name.name = "name";
    name.namespace_oid = kPgCatalogNamespace;
    name.length = 64;
    name.type = "b";
    name.category = "S";
    name.subscript = "raw_array_subscript_handler";
    name.element = 18;
    name.array = 1003;
    name.io = "name";
    name.modin = name.modout = "-";
    name.align = "c";
    name.storage = "p";
    name.collation = 950;
    r.rows.push_back(values_of(name));
    PgTypeRow void_type = name;
    void_type.oid = kVoidPseudoTypeOid;
    void_type.name = "void";
    void_type.length = 4;
    void_type.by_value = true;
    void_type.type = "p";
    void_type.category = "P";
    void_type.subscript = "-";
    void_type.element = void_type.array = 0;
    void_type.io = "void_";
    void_type.align = "i";
    void_type.collation = 0;
    r.rows.push_back(values_of(void_type));
  }
  // Each enum type (typtype 'e', as PostgreSQL 15's CREATE TYPE ... AS ENUM makes it) and its array.
  for (const EnumDef& e : ctx.catalog.enums()) {
    PgTypeRow row;
    row.oid = e.oid;
    row.name = e.name;
    row.namespace_oid = namespace_oid(ctx.catalog, e.schema).value_or(0);
    row.owner = e.owner;
    row.length = 4;
    row.by_value = true;
    row.type = "e";
    row.category = "E";
    row.array = e.array_oid();
    row.io = "enum_";
    row.modin = row.modout = "-";
    row.align = "i";
    row.storage = "p";
    std::vector<Value> values = values_of(row);
    values.back() = acl_value(ctx, e.acl);
    r.rows.push_back(std::move(values));
    PgTypeRow array = row;
    array.oid = e.array_oid();
    array.name = "_" + e.name;
    array.length = -1;
    array.by_value = false;
    array.type = "b";
    array.category = "A";
    array.subscript = "array_subscript_handler";
    array.element = e.oid;
    array.array = 0;
    array.io = "array_";
    array.analyze = "array_typanalyze";
    array.storage = "x";
    r.rows.push_back(values_of(array));
  }
  // Each domain (typtype 'd'): stored and sent as its base type, whose
  // layout and output functions it shares; its own input and receive
  // functions are what check its constraints.
  for (const DomainDef& d : ctx.catalog.domains()) {
    const SqlType base{d.base.id, d.base.typmod, d.base.enum_oid};
    const TypeLayout layout = type_layout(base.id);
    PgTypeRow row;
    row.oid = d.oid;
    row.name = d.name;
    row.namespace_oid = namespace_oid(ctx.catalog, d.schema).value_or(0);
    row.owner = d.owner;
    row.length = layout.length;
    row.by_value = layout.by_value;
    row.type = "d";
    row.category = is_array(base.id) ? "A" : base.id == TypeId::kEnum ? "E" : "U";
    const TypeId element = is_array(base.id) ? element_of(base.id) : base.id;
    std::string io = "enum_";
    for (const TypeRow& t : kTypes) {
      if (t.id != element) continue;
      if (!is_array(base.id)) row.category = std::string(1, t.category);
      io = t.io;
      row.collation = t.collation;
    }
    if (is_array(base.id)) io = "array_";
    row.array = d.array_oid();
    row.io = io;
    row.modin = row.modout = "-";
    row.align = std::string(1, layout.align);
    row.storage = std::string(1, layout.storage);
    row.not_null = d.not_null;
    row.base_type = d.base.domain_oid != 0 ? d.base.domain_oid : type_oid(base);
    row.typmod = d.base.typmod;
    row.dims = is_array(base.id) ? 1 : 0;
    if (!d.default_expr.empty()) row.default_expr = d.default_expr;
    std::vector<Value> values = values_of(row);
    values[15] = Value::string(TypeId::kText, "domain_in");
    values[17] = Value::string(TypeId::kText, "domain_recv");
    values.back() = acl_value(ctx, d.acl);
    r.rows.push_back(std::move(values));
    PgTypeRow array;
    array.oid = d.array_oid();
    array.name = "_" + d.name;
    array.namespace_oid = row.namespace_oid;
    array.owner = d.owner;
    array.type = "b";
    array.category = "A";
    array.subscript = "array_subscript_handler";
    array.element = d.oid;
    array.io = "array_";
    array.modin = array.modout = "-";
    array.analyze = "array_typanalyze";
    array.align = layout.align == 'd' ? "d" : "i";
    array.storage = "x";
    array.collation = row.collation;
    r.rows.push_back(values_of(array));
  }
  return r;
}

Relation pg_enum_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"oid", TypeId::kOid},
                              {"enumtypid", TypeId::kOid},
                              {"enumsortorder", TypeId::kFloat4},
                              {"enumlabel", TypeId::kText}},
                             qualifier);
  r.scope[3].type.typmod = kNameTypmod;  // enumlabel is a name
  auto oid = [](std::int64_t v) { return Value::oid(TypeId::kOid, v, {}); };
  for (const EnumDef& e : ctx.catalog.enums()) {
    for (const EnumDef::Label& l : e.labels) {
      // float4, as PostgreSQL keeps it.
      r.rows.push_back({oid(l.oid), oid(e.oid),
                        Value::floating(TypeId::kFloat4, static_cast<double>(static_cast<float>(l.sort_order))),
                        Value::string(TypeId::kText, l.label)});
    }
  }
  return r;
}

}  // namespace heliosdb::engine

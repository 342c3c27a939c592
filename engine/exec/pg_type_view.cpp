// pg_catalog.pg_type: a row for each type the engine has (and its array
// type), with PostgreSQL 15's values, and pgvector's vector as it looks once
// the extension is created in public. Drivers look types up here by name or
// OID (psycopg's TypeInfo, asyncpg's introspection, pgvector's helpers).
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/system_views.hpp"
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
    {TypeId::kVector, "vector", kVectorArrayTypeOid, 'U', false, 'i', 'x', "vector_", true, 0},
};

}  // namespace

Relation pg_type_relation(const std::string& qualifier) {
  Relation r = make_relation({{"oid", TypeId::kInt8},          {"typname", TypeId::kText},
                              {"typnamespace", TypeId::kInt8}, {"typowner", TypeId::kInt8},
                              {"typlen", TypeId::kInt2},       {"typbyval", TypeId::kBool},
                              {"typtype", TypeId::kText},      {"typcategory", TypeId::kText},
                              {"typispreferred", TypeId::kBool}, {"typisdefined", TypeId::kBool},
                              {"typdelim", TypeId::kText},     {"typrelid", TypeId::kInt8},
                              {"typsubscript", TypeId::kText}, {"typelem", TypeId::kInt8},
                              {"typarray", TypeId::kInt8},     {"typinput", TypeId::kText},
                              {"typoutput", TypeId::kText},    {"typreceive", TypeId::kText},
                              {"typsend", TypeId::kText},      {"typmodin", TypeId::kText},
                              {"typmodout", TypeId::kText},    {"typanalyze", TypeId::kText},
                              {"typalign", TypeId::kText},     {"typstorage", TypeId::kText},
                              {"typnotnull", TypeId::kBool},   {"typbasetype", TypeId::kInt8},
                              {"typtypmod", TypeId::kInt4},    {"typndims", TypeId::kInt4},
                              {"typcollation", TypeId::kInt8}, {"typdefaultbin", TypeId::kText},
                              {"typdefault", TypeId::kText},   {"typacl", TypeId::kText}},
                             qualifier);
  auto text = [](std::string s) { return Value::string(TypeId::kText, std::move(s)); };
  auto oid = [](std::int64_t v) { return Value::integer(TypeId::kInt8, v); };
  const Value null_text = Value::null(TypeId::kText);
  for (const TypeRow& t : kTypes) {
    const bool vector = t.id == TypeId::kVector;
    const std::int64_t namespace_oid = vector ? kPublicNamespace : kPgCatalogNamespace;
    const std::int64_t owner = kBootstrapSuperuser;
    const int length = type_length(t.id);
    const bool by_value = length > 0 && length <= 8 && t.id != TypeId::kInterval;
    const std::string prefix = t.io;
    const bool underscored = prefix.back() == '_';
    auto fn = [&](const char* suffix) { return text(prefix + suffix); };
    std::string base = underscored ? prefix.substr(0, prefix.size() - 1) : prefix;
    // pgvector names its modifier input vector_typmod_in and has no output function.
    const Value modin = !t.has_typmod ? text("-") : vector ? text("vector_typmod_in") : text(base + "typmodin");
    const Value modout = !t.has_typmod || vector ? text("-") : text(base + "typmodout");
    r.rows.push_back({oid(type_oid(t.id)), text(t.name), oid(namespace_oid), oid(owner),
                      Value::integer(TypeId::kInt2, length), Value::boolean(by_value), text(t.id == TypeId::kUnknown ? "p" : "b"),
                      text(std::string(1, t.category)), Value::boolean(t.preferred), Value::boolean(true), text(","),
                      oid(0), text("-"), oid(0), oid(t.array_oid), fn("in"), fn("out"), fn("recv"), fn("send"),
                      modin, modout, text("-"), text(std::string(1, t.align)),
                      text(std::string(1, t.storage)), Value::boolean(false), oid(0),
                      Value::integer(TypeId::kInt4, -1), Value::integer(TypeId::kInt4, 0), oid(t.collation),
                      null_text, null_text, null_text});
    if (t.array_oid == 0) continue;
    // Its array type: _name, category A, elements of t.
    r.rows.push_back({oid(t.array_oid), text(std::string("_") + t.name), oid(namespace_oid), oid(owner),
                      Value::integer(TypeId::kInt2, -1), Value::boolean(false), text("b"), text("A"),
                      Value::boolean(false), Value::boolean(true), text(","), oid(0), text("array_subscript_handler"),
                      oid(type_oid(t.id)), oid(0), text("array_in"), text("array_out"), text("array_recv"),
                      text("array_send"), modin, modout, text("array_typanalyze"),
                      text(t.align == 'd' ? "d" : "i"), text("x"), Value::boolean(false), oid(0),
                      Value::integer(TypeId::kInt4, -1), Value::integer(TypeId::kInt4, 0), oid(t.collation),
                      null_text, null_text, null_text});
  }
  return r;
}

}  // namespace heliosdb::engine

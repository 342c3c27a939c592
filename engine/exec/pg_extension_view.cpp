// pg_extension and pg_available_extensions: the built-in extensions
// (plpgsql, vector: oids below 16384, which pg_dump leaves out) and those
// CREATE EXTENSION made, which pg_dump writes as CREATE EXTENSION.
#include "engine/exec/extensions.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/system_views.hpp"

namespace heliosdb::engine {

namespace {

Value text(std::string_view s) { return Value::string(TypeId::kText, std::string(s)); }
Value oid(std::int64_t v) { return Value::oid(TypeId::kOid, v, {}); }

}  // namespace

Relation pg_extension_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"oid", TypeId::kOid},
                              {"extname", TypeId::kText},
                              {"extowner", TypeId::kOid},
                              {"extnamespace", TypeId::kOid},
                              {"extrelocatable", TypeId::kBool},
                              {"extversion", TypeId::kText},
                              {"extconfig", array_of(TypeId::kOid)},
                              {"extcondition", array_of(TypeId::kText)}},
                             qualifier);
  for (const ExtensionDef& def : installed_extensions(ctx)) {
    // plpgsql is the one PostgreSQL does not let move to another schema.
    r.rows.push_back({oid(def.oid), text(def.name), oid(def.owner),
                      oid(namespace_oid(ctx.catalog, def.schema).value_or(0)), Value::boolean(def.name != "plpgsql"),
                      text(def.version), Value::null(array_of(TypeId::kOid)), Value::null(array_of(TypeId::kText))});
  }
  return r;
}

Relation pg_available_extensions_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"name", TypeId::kText},
                              {"default_version", TypeId::kText},
                              {"installed_version", TypeId::kText},
                              {"comment", TypeId::kText}},
                             qualifier);
  const std::vector<ExtensionDef> installed = installed_extensions(ctx);
  for (const AvailableExtension& ext : available_extensions()) {
    Value version = Value::null(TypeId::kText);
    for (const ExtensionDef& def : installed) {
      if (def.name == ext.name) version = text(def.version);
    }
    r.rows.push_back({text(ext.name), text(ext.version), version, text(ext.comment)});
  }
  return r;
}

}  // namespace heliosdb::engine

// information_schema.domains and information_schema.domain_constraints:
// each domain with its base type's facts, as PostgreSQL 15's views give
// them (the base type's name and size, its DEFAULT as typdefault has it).
#include "engine/exec/domain_views.hpp"

#include "engine/exec/domain_checks.hpp"
#include "engine/exec/system_views.hpp"

namespace heliosdb::engine {

namespace {

Value text(std::string s) { return Value::string(TypeId::kText, std::move(s)); }
Value null_text() { return Value::null(TypeId::kText); }
Value null_int() { return Value::null(TypeId::kInt4); }

// The type values of the domain have: through domains over domains, the base type.
SqlType base_type(const DomainDef& def) { return SqlType{def.base.id, def.base.typmod, def.base.enum_oid}; }

}  // namespace

Relation domains_view(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"domain_catalog", TypeId::kText},
                              {"domain_schema", TypeId::kText},
                              {"domain_name", TypeId::kText},
                              {"data_type", TypeId::kText},
                              {"character_maximum_length", TypeId::kInt4},
                              {"character_octet_length", TypeId::kInt4},
                              {"character_set_catalog", TypeId::kText},
                              {"character_set_schema", TypeId::kText},
                              {"character_set_name", TypeId::kText},
                              {"collation_catalog", TypeId::kText},
                              {"collation_schema", TypeId::kText},
                              {"collation_name", TypeId::kText},
                              {"numeric_precision", TypeId::kInt4},
                              {"numeric_precision_radix", TypeId::kInt4},
                              {"numeric_scale", TypeId::kInt4},
                              {"datetime_precision", TypeId::kInt4},
                              {"interval_type", TypeId::kText},
                              {"interval_precision", TypeId::kInt4},
                              {"domain_default", TypeId::kText},
                              {"udt_catalog", TypeId::kText},
                              {"udt_schema", TypeId::kText},
                              {"udt_name", TypeId::kText},
                              {"scope_catalog", TypeId::kText},
                              {"scope_schema", TypeId::kText},
                              {"scope_name", TypeId::kText},
                              {"maximum_cardinality", TypeId::kInt4},
                              {"dtd_identifier", TypeId::kText}},
                             qualifier);
  for (const DomainDef& d : ctx.catalog.domains()) {
    InformationSchemaType type = information_schema_type(base_type(d), ctx);
    r.rows.push_back({text(ctx.database_name),
                      text(d.schema),
                      text(d.name),
                      text(type.data_type),
                      type.character_maximum_length,
                      type.character_octet_length,
                      null_text(),
                      null_text(),
                      null_text(),
                      null_text(),
                      null_text(),
                      null_text(),
                      type.numeric_precision,
                      type.numeric_precision_radix,
                      type.numeric_scale,
                      null_int(),
                      null_text(),
                      null_int(),
                      d.default_expr.empty() ? null_text() : text(d.default_expr),
                      text(ctx.database_name),
                      text(type.udt_schema),
                      text(type.udt_name),
                      null_text(),
                      null_text(),
                      null_text(),
                      null_int(),
                      text("1")});
  }
  return r;
}

Relation domain_constraints_view(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"constraint_catalog", TypeId::kText},
                              {"constraint_schema", TypeId::kText},
                              {"constraint_name", TypeId::kText},
                              {"domain_catalog", TypeId::kText},
                              {"domain_schema", TypeId::kText},
                              {"domain_name", TypeId::kText},
                              {"is_deferrable", TypeId::kText},
                              {"initially_deferred", TypeId::kText}},
                             qualifier);
  for (const DomainDef& d : ctx.catalog.domains()) {
    for (const DomainDef::Check& c : d.checks) {
      r.rows.push_back({text(ctx.database_name), text(d.schema), text(c.name), text(ctx.database_name), text(d.schema),
                        text(d.name), text("NO"), text("NO")});
    }
  }
  return r;
}

}  // namespace heliosdb::engine

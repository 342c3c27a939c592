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
Value integer(std::int64_t v) { return Value::integer(TypeId::kInt4, v); }
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
    const SqlType type = base_type(d);
    const TypeId id = type.id;
    const bool sized = (id == TypeId::kVarchar || id == TypeId::kBpchar) && type.typmod >= 4;
    Value max_length = sized ? integer(type.typmod - 4) : null_int();
    Value octets = sized ? integer(4 * (type.typmod - 4)) : is_character(id) ? integer(1073741824) : null_int();
    Value precision = null_int();
    if (id == TypeId::kInt2) precision = integer(16);
    if (id == TypeId::kInt4) precision = integer(32);
    if (id == TypeId::kInt8) precision = integer(64);
    if (id == TypeId::kFloat4) precision = integer(24);
    if (id == TypeId::kFloat8) precision = integer(53);
    Value radix = precision.is_null() ? null_int() : integer(2);
    Value scale = is_integer(id) ? integer(0) : null_int();
    if (id == TypeId::kNumeric) {
      radix = integer(10);
      if (type.typmod >= 4) {
        precision = integer(numeric_precision(type.typmod));
        scale = integer(numeric_scale(type.typmod));
      }
    }
    std::string data_type = is_array(id) ? "ARRAY" : type_display_name({id, -1});
    std::string udt_schema = "pg_catalog", udt_name = type_internal_name(id);
    if (type.enum_oid != 0) {
      if (!is_array(id)) data_type = "USER-DEFINED";
      if (std::optional<EnumDef> e = ctx.catalog.find_enum(type.enum_oid)) {
        udt_schema = e->schema;
        udt_name = (is_array(id) ? "_" : "") + e->name;
      }
    }
    r.rows.push_back({text(ctx.database_name),
                      text(d.schema),
                      text(d.name),
                      text(data_type),
                      max_length,
                      octets,
                      null_text(),
                      null_text(),
                      null_text(),
                      null_text(),
                      null_text(),
                      null_text(),
                      precision,
                      radix,
                      scale,
                      null_int(),
                      null_text(),
                      null_int(),
                      d.default_expr.empty() ? null_text() : text(d.default_expr),
                      text(ctx.database_name),
                      text(udt_schema),
                      text(udt_name),
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

#include "engine/exec/system_views.hpp"
#include "engine/exec/generated_columns.hpp"

#include "engine/exec/domain_views.hpp"
#include "engine/exec/information_schema_constraints.hpp"
#include "engine/exec/information_schema_privileges.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/sequence_ops.hpp"
#include "engine/exec/table_functions.hpp"
#include "engine/exec/view_definition.hpp"
#include "engine/exec/view_target.hpp"
#include "engine/types/cast.hpp"

namespace heliosdb::engine {

namespace {

Value text(std::string s) { return Value::string(TypeId::kText, std::move(s)); }
Value null_text() { return Value::null(TypeId::kText); }
Value integer(std::int64_t v) { return Value::integer(TypeId::kInt4, v); }
Value null_int() { return Value::null(TypeId::kInt4); }

}  // namespace

InformationSchemaType information_schema_type(const SqlType& type, ExecContext& ctx) {
  const TypeId id = type.id;
  InformationSchemaType out;
  const bool sized = (id == TypeId::kVarchar || id == TypeId::kBpchar) && type.typmod >= 4;
  out.character_maximum_length = sized ? integer(type.typmod - 4) : null_int();
  // Octets: four per character in UTF-8; unbounded strings report 1 GB.
  out.character_octet_length = sized              ? integer(4 * (type.typmod - 4))
                               : is_character(id) ? integer(1073741824)
                                                  : null_int();
  Value precision = null_int();
  if (id == TypeId::kInt2) precision = integer(16);
  if (id == TypeId::kInt4) precision = integer(32);
  if (id == TypeId::kInt8) precision = integer(64);
  if (id == TypeId::kFloat4) precision = integer(24);
  if (id == TypeId::kFloat8) precision = integer(53);
  out.numeric_precision_radix = precision.is_null() ? null_int() : integer(2);
  out.numeric_scale = is_integer(id) ? integer(0) : null_int();
  if (id == TypeId::kNumeric) {
    out.numeric_precision_radix = integer(10);
    if (type.typmod >= 4) {
      precision = integer(numeric_precision(type.typmod));
      out.numeric_scale = integer(numeric_scale(type.typmod));
    }
  }
  out.numeric_precision = precision;
  out.data_type = is_array(id) ? "ARRAY" : type_display_name({id, -1});
  out.udt_schema = "pg_catalog";
  out.udt_name = type_internal_name(id);
  if (type.enum_oid != 0) {
    // A user's type: its own schema and name (information_schema's USER-DEFINED).
    if (!is_array(id)) out.data_type = "USER-DEFINED";
    if (std::optional<EnumDef> e = ctx.catalog.find_enum(type.enum_oid)) {
      out.udt_schema = e->schema;
      out.udt_name = (is_array(id) ? "_" : "") + e->name;
    }
  }
  return out;
}

namespace {

Value column_default(ExecContext& ctx, const TableDef& t, const ColumnDef& c) {
  if (c.identity != 0 || c.is_generated()) return null_text();
  return c.default_value || !c.default_expr.empty() ? text(column_default_text(ctx, t, c)) : null_text();
}

Relation tables_view(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"table_catalog", TypeId::kText},
                              {"table_schema", TypeId::kText},
                              {"table_name", TypeId::kText},
                              {"table_type", TypeId::kText},
                              {"self_referencing_column_name", TypeId::kText},
                              {"reference_generation", TypeId::kText},
                              {"user_defined_type_catalog", TypeId::kText},
                              {"user_defined_type_schema", TypeId::kText},
                              {"user_defined_type_name", TypeId::kText},
                              {"is_insertable_into", TypeId::kText},
                              {"is_typed", TypeId::kText},
                              {"commit_action", TypeId::kText}},
                             qualifier);
  for (const TableDef& t : ctx.catalog.tables()) {
    // The SQL standard has no materialized views: PostgreSQL leaves them out here.
    if (t.materialized || !may_see(ctx, AclObject::kTable, t.acl, t.owner)) continue;
    r.rows.push_back({text(ctx.database_name), text(t.schema), text(t.name), text("BASE TABLE"), null_text(),
                      null_text(), null_text(), null_text(), null_text(), text("YES"), text("NO"), null_text()});
  }
  for (const ViewDef& v : ctx.catalog.views()) {
    if (!may_see(ctx, AclObject::kTable, v.acl, v.owner)) continue;
    const bool insertable = ViewTarget::updatability(v, ctx).insertable;
    r.rows.push_back({text(ctx.database_name), text(v.schema), text(v.name), text("VIEW"), null_text(), null_text(),
                      null_text(), null_text(), null_text(), text(insertable ? "YES" : "NO"), text("NO"), null_text()});
  }
  return r;
}

// information_schema.views: no view has INSTEAD OF triggers yet.
Relation views_view(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"table_catalog", TypeId::kText},
                              {"table_schema", TypeId::kText},
                              {"table_name", TypeId::kText},
                              {"view_definition", TypeId::kText},
                              {"check_option", TypeId::kText},
                              {"is_updatable", TypeId::kText},
                              {"is_insertable_into", TypeId::kText},
                              {"is_trigger_updatable", TypeId::kText},
                              {"is_trigger_deletable", TypeId::kText},
                              {"is_trigger_insertable_into", TypeId::kText}},
                             qualifier);
  for (const ViewDef& v : ctx.catalog.views()) {
    const ViewTarget::Updatability can = ViewTarget::updatability(v, ctx);
    const char* check = v.check_option == 'l' ? "LOCAL" : v.check_option == 'c' ? "CASCADED" : "NONE";
    r.rows.push_back({text(ctx.database_name), text(v.schema), text(v.name), view_definition_or_null(ctx, v.oid),
                      text(check), text(can.insertable && can.deletable ? "YES" : "NO"),
                      text(can.insertable ? "YES" : "NO"), text("NO"), text("NO"), text("NO")});
  }
  return r;
}

Relation columns_view(const std::string& qualifier, ExecContext& ctx) {
  static const std::vector<ViewColumn> kColumns = {
      {"table_catalog", TypeId::kText},
      {"table_schema", TypeId::kText},
      {"table_name", TypeId::kText},
      {"column_name", TypeId::kText},
      {"ordinal_position", TypeId::kInt4},
      {"column_default", TypeId::kText},
      {"is_nullable", TypeId::kText},
      {"data_type", TypeId::kText},
      {"character_maximum_length", TypeId::kInt4},
      {"character_octet_length", TypeId::kInt4},
      {"numeric_precision", TypeId::kInt4},
      {"numeric_precision_radix", TypeId::kInt4},
      {"numeric_scale", TypeId::kInt4},
      {"datetime_precision", TypeId::kInt4},
      {"interval_type", TypeId::kText},
      {"interval_precision", TypeId::kInt4},
      {"character_set_catalog", TypeId::kText},
      {"character_set_schema", TypeId::kText},
      {"character_set_name", TypeId::kText},
      {"collation_catalog", TypeId::kText},
      {"collation_schema", TypeId::kText},
      {"collation_name", TypeId::kText},
      {"domain_catalog", TypeId::kText},
      {"domain_schema", TypeId::kText},
      {"domain_name", TypeId::kText},
      {"udt_catalog", TypeId::kText},
      {"udt_schema", TypeId::kText},
      {"udt_name", TypeId::kText},
      {"scope_catalog", TypeId::kText},
      {"scope_schema", TypeId::kText},
      {"scope_name", TypeId::kText},
      {"maximum_cardinality", TypeId::kInt4},
      {"dtd_identifier", TypeId::kText},
      {"is_self_referencing", TypeId::kText},
      {"is_identity", TypeId::kText},
      {"identity_generation", TypeId::kText},
      {"identity_start", TypeId::kText},
      {"identity_increment", TypeId::kText},
      {"identity_maximum", TypeId::kText},
      {"identity_minimum", TypeId::kText},
      {"identity_cycle", TypeId::kText},
      {"is_generated", TypeId::kText},
      {"generation_expression", TypeId::kText},
      {"is_updatable", TypeId::kText},
  };
  Relation r = make_relation(kColumns, qualifier);
  // `owner`: the table the column belongs to; null for a view's.
  auto add = [&](const std::string& schema, const std::string& table, const ColumnDef& c, std::size_t i, bool updatable,
                 const SequenceDef* identity, const TableDef* owner) {
    InformationSchemaType type = information_schema_type(c.type, ctx);
    r.rows.push_back(
        {text(ctx.database_name),
         text(schema),
         text(table),
         text(c.name),
         integer(static_cast<std::int64_t>(i + 1)),
         owner != nullptr ? column_default(ctx, *owner, c) : null_text(),
         text(c.not_null ? "NO" : "YES"),
         text(type.data_type),
         type.character_maximum_length,
         type.character_octet_length,
         type.numeric_precision,
         type.numeric_precision_radix,
         type.numeric_scale,
         null_int(),
         null_text(),
         null_int(),
         null_text(),
         null_text(),
         null_text(),
         null_text(),
         null_text(),
         null_text(),
         null_text(),
         null_text(),
         null_text(),
         text(ctx.database_name),
         text(type.udt_schema),
         text(type.udt_name),
         null_text(),
         null_text(),
         null_text(),
         null_int(),
         text(std::to_string(i + 1)),
         text("NO"),
         text(identity != nullptr ? "YES" : "NO"),
         identity != nullptr ? text(c.identity == 'a' ? "ALWAYS" : "BY DEFAULT") : null_text(),
         identity != nullptr ? text(std::to_string(identity->start)) : null_text(),
         identity != nullptr ? text(std::to_string(identity->increment)) : null_text(),
         identity != nullptr ? text(std::to_string(identity->max)) : null_text(),
         identity != nullptr ? text(std::to_string(identity->min)) : null_text(),
         text(identity != nullptr && identity->cycle ? "YES" : "NO"),
         text(c.is_generated() ? "ALWAYS" : "NEVER"),
         owner != nullptr && c.is_generated() ? text(generation_expression_text(*owner, c, false)) : null_text(),
         text(updatable ? "YES" : "NO")});
    if (c.domain_oid != 0) {
      if (const DomainDef* d = ctx.object_names.domain(c.domain_oid)) {
        std::vector<Value>& row = r.rows.back();
        row[22] = text(ctx.database_name);
        row[23] = text(d->schema);
        row[24] = text(d->name);
      }
    }
  };
  const std::vector<SequenceDef> sequences = ctx.catalog.sequences();
  for (const TableDef& t : ctx.catalog.tables()) {
    if (t.materialized || !may_see(ctx, AclObject::kTable, t.acl, t.owner)) continue;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const SequenceDef* identity = nullptr;
      for (const SequenceDef& seq : sequences) {
        if (t.columns[i].identity != 0 && seq.owner_table == t.oid && seq.owner_column == static_cast<int>(i)) {
          identity = &seq;
        }
      }
      add(t.schema, t.name, t.columns[i], i, true, identity, &t);
    }
  }
  for (const ViewDef& v : ctx.catalog.views()) {
    if (!may_see(ctx, AclObject::kTable, v.acl, v.owner)) continue;
    const ViewTarget::Updatability can = ViewTarget::updatability(v, ctx);
    for (std::size_t i = 0; i < v.columns.size(); ++i) {
      ColumnDef c;
      c.name = v.columns[i];
      c.type = i < v.types.size() ? v.types[i] : SqlType{TypeId::kText, -1};
      add(v.schema, v.name, c, i, can.columns[i], nullptr, nullptr);
    }
  }
  return r;
}

Relation sequences_view(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"sequence_catalog", TypeId::kText},
                              {"sequence_schema", TypeId::kText},
                              {"sequence_name", TypeId::kText},
                              {"data_type", TypeId::kText},
                              {"numeric_precision", TypeId::kInt4},
                              {"numeric_precision_radix", TypeId::kInt4},
                              {"numeric_scale", TypeId::kInt4},
                              {"start_value", TypeId::kText},
                              {"minimum_value", TypeId::kText},
                              {"maximum_value", TypeId::kText},
                              {"increment", TypeId::kText},
                              {"cycle_option", TypeId::kText}},
                             qualifier);
  for (const SequenceDef& s : ctx.catalog.sequences()) {
    const int bits = s.type == TypeId::kInt2 ? 16 : s.type == TypeId::kInt4 ? 32 : 64;
    r.rows.push_back({text(ctx.database_name), text(s.schema), text(s.name), text(type_display_name({s.type, -1})),
                      integer(bits), integer(2), integer(0), text(std::to_string(s.start)), text(std::to_string(s.min)),
                      text(std::to_string(s.max)), text(std::to_string(s.increment)), text(s.cycle ? "YES" : "NO")});
  }
  return r;
}

}  // namespace

Relation make_relation(const std::vector<ViewColumn>& columns, const std::string& qualifier) {
  Relation r;
  for (const ViewColumn& c : columns) r.scope.push_back({qualifier, c.name, {c.type, -1}});
  return r;
}

std::optional<Relation> system_view(const std::string& schema, const std::string& name, const std::string& qualifier,
                                    ExecContext& ctx) {
  // pg_catalog is searched before the search path, as in PostgreSQL.
  if (schema == "pg_catalog" || schema.empty()) {
    if (name == "heliosdb_commits") return commits_relation(ctx.txn.store(), qualifier);
    return pg_catalog_view(name, qualifier, ctx);
  }
  if (schema != "information_schema") return std::nullopt;
  if (name == "tables") return tables_view(qualifier, ctx);
  if (name == "columns") return columns_view(qualifier, ctx);
  if (name == "views") return views_view(qualifier, ctx);
  if (name == "sequences") return sequences_view(qualifier, ctx);
  if (name == "domains") return domains_view(qualifier, ctx);
  if (name == "domain_constraints") return domain_constraints_view(qualifier, ctx);
  if (auto privileges = privilege_view(name, qualifier, ctx)) return privileges;
  return constraint_view(name, qualifier, ctx);
}

std::optional<Relation> sequence_relation(const std::string& schema, const std::string& name,
                                          const std::string& qualifier, ExecContext& ctx) {
  auto def = ctx.catalog.find_sequence(relation_schema(ctx, schema, name), name);
  if (!def) return std::nullopt;
  require_sequence_privileges(ctx, *def, privilege::kSelect);
  Relation r = make_relation({{"last_value", TypeId::kInt8}, {"log_cnt", TypeId::kInt8}, {"is_called", TypeId::kBool}},
                             qualifier);
  SequenceState state = sequence_state(ctx, *def);
  // log_cnt counts values logged ahead in PostgreSQL's WAL; we log none.
  r.rows.push_back({Value::integer(TypeId::kInt8, state.last_value), Value::integer(TypeId::kInt8, 0),
                    Value::boolean(state.is_called)});
  return r;
}

}  // namespace heliosdb::engine

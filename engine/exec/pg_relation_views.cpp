// pg_tables, pg_indexes and pg_sequences: pg_catalog's views of the
// relations, one row per table, index or sequence, named by schema.
#include <set>

#include "engine/exec/catalog_row_oids.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/sequence_ops.hpp"
#include "engine/exec/system_views.hpp"
#include "engine/exec/view_definition.hpp"

namespace heliosdb::engine {

namespace {

Value text(std::string s) { return Value::string(TypeId::kText, std::move(s)); }
Value int8(std::int64_t v) { return Value::integer(TypeId::kInt8, v); }

}  // namespace

Relation pg_views_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"schemaname", TypeId::kText},
                              {"viewname", TypeId::kText},
                              {"viewowner", TypeId::kText},
                              {"definition", TypeId::kText}},
                             qualifier);
  for (const ViewDef& v : ctx.catalog.views()) {
    r.rows.push_back(
        {text(v.schema), text(v.name), text(role_name(ctx, owner_oid(v.owner))), view_definition_or_null(ctx, v.oid)});
  }
  return r;
}

Relation pg_tables_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"schemaname", TypeId::kText},
                              {"tablename", TypeId::kText},
                              {"tableowner", TypeId::kText},
                              {"tablespace", TypeId::kText},
                              {"hasindexes", TypeId::kBool},
                              {"hasrules", TypeId::kBool},
                              {"hastriggers", TypeId::kBool},
                              {"rowsecurity", TypeId::kBool}},
                             qualifier);
  const std::vector<TableDef> tables = ctx.catalog.tables();
  const std::set<std::uint32_t> triggered = tables_with_triggers(tables);
  for (const TableDef& t : tables) {
    if (t.materialized) continue;  // pg_matviews lists those
    const bool indexed = !t.primary_key.empty() || !t.indexes.empty() || !t.vector_indexes.empty();
    r.rows.push_back({text(t.schema), text(t.name), text(role_name(ctx, owner_oid(t.owner))),
                      Value::null(TypeId::kText), Value::boolean(indexed), Value::boolean(false),
                      Value::boolean(triggered.count(t.oid) > 0), Value::boolean(t.row_security)});
  }
  return r;
}

Relation pg_matviews_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"schemaname", TypeId::kText},
                              {"matviewname", TypeId::kText},
                              {"matviewowner", TypeId::kText},
                              {"tablespace", TypeId::kText},
                              {"hasindexes", TypeId::kBool},
                              {"ispopulated", TypeId::kBool},
                              {"definition", TypeId::kText}},
                             qualifier);
  for (const TableDef& t : ctx.catalog.tables()) {
    if (!t.materialized) continue;
    const bool indexed = !t.indexes.empty() || !t.vector_indexes.empty();
    r.rows.push_back({text(t.schema), text(t.name), text(role_name(ctx, owner_oid(t.owner))),
                      Value::null(TypeId::kText), Value::boolean(indexed), Value::boolean(t.materialized->populated),
                      view_definition_or_null(ctx, t.oid)});
  }
  return r;
}

Relation pg_indexes_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"schemaname", TypeId::kText},
                              {"tablename", TypeId::kText},
                              {"indexname", TypeId::kText},
                              {"tablespace", TypeId::kText},
                              {"indexdef", TypeId::kText}},
                             qualifier);
  auto row = [&](const TableDef& t, std::uint32_t oid, const std::string& name) {
    std::optional<std::string> definition = index_definition(ctx, oid, 0, false);
    r.rows.push_back({text(t.schema), text(t.name), text(name), Value::null(TypeId::kText),
                      definition ? text(*definition) : Value::null(TypeId::kText)});
  };
  for (const TableDef& t : ctx.catalog.tables()) {
    if (!t.primary_key.empty()) row(t, primary_key_index_oid(t), t.primary_key_name);
    for (const IndexDef& index : t.indexes) row(t, index.oid, index.name);
    for (const VectorIndexDef& index : t.vector_indexes) row(t, index.oid, index.name);
  }
  return r;
}

Relation pg_sequences_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"schemaname", TypeId::kText},
                              {"sequencename", TypeId::kText},
                              {"sequenceowner", TypeId::kText},
                              {"data_type", TypeId::kText},
                              {"start_value", TypeId::kInt8},
                              {"min_value", TypeId::kInt8},
                              {"max_value", TypeId::kInt8},
                              {"increment_by", TypeId::kInt8},
                              {"cycle", TypeId::kBool},
                              {"cache_size", TypeId::kInt8},
                              {"last_value", TypeId::kInt8}},
                             qualifier);
  for (const SequenceDef& s : ctx.catalog.sequences()) {
    const SequenceState state = sequence_state(ctx, s);
    // NULL until a value is handed out, as PostgreSQL shows it.
    r.rows.push_back({text(s.schema), text(s.name), text(role_name(ctx, owner_oid(s.owner))),
                      text(type_display_name({s.type, -1})), int8(s.start), int8(s.min), int8(s.max), int8(s.increment),
                      Value::boolean(s.cycle), int8(s.cache),
                      state.is_called ? int8(state.last_value) : Value::null(TypeId::kInt8)});
  }
  return r;
}

}  // namespace heliosdb::engine

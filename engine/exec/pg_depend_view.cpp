// pg_catalog.pg_attrdef, pg_depend and pg_sequence: column defaults, the
// dependencies pg_dump orders its output by (a serial or identity column's
// sequence belongs to its column; a nextval default needs its sequence; the
// vector types belong to the built-in pgvector extension; a view needs
// what it reads), and the
// sequences' parameters.
#include "engine/common/db_error.hpp"
#include "engine/exec/catalog_row_oids.hpp"
#include "engine/exec/extensions.hpp"
#include "engine/exec/generated_columns.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/sequence_ddl.hpp"
#include "engine/exec/sequence_ops.hpp"
#include "engine/exec/system_views.hpp"
#include "engine/parser/parser.hpp"
#include "heliosdb/pg_relation_oids.hpp"

namespace heliosdb::engine {

namespace {

Value oid(std::int64_t v) { return Value::oid(TypeId::kOid, v, {}); }

// A default or a generation expression (pg_attribute.attgenerated says which).
bool has_attrdef(const ColumnDef& c) {
  return c.identity == 0 && (c.default_value.has_value() || !c.default_expr.empty() || c.is_generated());
}

// The sequence a nextval default draws from, if it still exists.
}  // namespace

std::string column_default_text(ExecContext& ctx, const TableDef& t, const ColumnDef& c) {
  // One text serves pg_get_expr pretty or not: the pretty one, which psql's \d shows.
  if (c.is_generated()) return generation_expression_text(t, c, true);
  if (c.type.enum_oid != 0 && !c.default_expr.empty()) {
    // An enum default is kept as its label; it shows as PostgreSQL's
    // 'label'::type, the type named as the search path now finds it.
    const ast::ExprPtr e = parser::parse_expression(c.default_expr);
    if (const auto* literal = e ? std::get_if<ast::Literal>(&e->node) : nullptr) {
      const SqlType type{c.type.id, -1, c.type.enum_oid};
      if (literal->kind == ast::Literal::Kind::kNull) return "NULL::" + type_display_name(type);
      if (literal->kind == ast::Literal::Kind::kString) {
        std::string quoted = "'";
        for (char ch : literal->text) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
        return quoted + "'::" + type_display_name(type);
      }
    }
  }
  if (std::optional<SequenceDef> seq = default_sequence_of(ctx, c)) {
    std::string quoted;
    for (char ch : visible_relation_name(ctx, seq->schema, seq->name)) {
      quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
    }
    return "nextval('" + quoted + "'::regclass)";
  }
  return show_extension_calls(c.default_text, ctx);
}

Relation pg_attrdef_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation(
      {{"oid", TypeId::kOid}, {"adrelid", TypeId::kOid}, {"adnum", TypeId::kInt2}, {"adbin", TypeId::kText}},
      qualifier);
  for (const TableDef& t : ctx.catalog.tables()) {
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (!has_attrdef(t.columns[i])) continue;
      // adbin holds the expression as its display text, which pg_get_expr returns.
      r.rows.push_back({oid(attrdef_oid(t, i)), oid(t.oid), Value::integer(TypeId::kInt2, static_cast<int>(i + 1)),
                        Value::string(TypeId::kText, column_default_text(ctx, t, t.columns[i]))});
    }
  }
  return r;
}

Relation pg_depend_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"classid", TypeId::kOid},
                              {"objid", TypeId::kOid},
                              {"objsubid", TypeId::kInt4},
                              {"refclassid", TypeId::kOid},
                              {"refobjid", TypeId::kOid},
                              {"refobjsubid", TypeId::kInt4},
                              {"deptype", TypeId::kText}},
                             qualifier);
  using namespace catalog_relation;
  auto add = [&](std::uint32_t classid, std::uint32_t objid, std::uint32_t refclassid, std::uint32_t refobjid,
                 int refobjsubid, char deptype) {
    r.rows.push_back({oid(classid), oid(objid), Value::integer(TypeId::kInt4, 0), oid(refclassid), oid(refobjid),
                      Value::integer(TypeId::kInt4, refobjsubid),
                      Value::string(TypeId::kText, std::string(1, deptype))});
  };
  // The vector type and its array type are the built-in pgvector extension's members.
  add(kPgType, kVectorTypeOid, kPgExtension, kVectorExtension, 0, 'e');
  add(kPgType, kVectorArrayTypeOid, kPgExtension, kVectorExtension, 0, 'e');
  const std::vector<TableDef> tables = ctx.catalog.tables();
  for (const SequenceDef& s : ctx.catalog.sequences()) {
    if (s.owner_table == 0) continue;
    // An identity column's sequence is internal to it ('i'); OWNED BY makes an automatic one ('a').
    char deptype = 'a';
    for (const TableDef& t : tables) {
      if (t.oid == s.owner_table && s.owner_column >= 0 &&
          static_cast<std::size_t>(s.owner_column) < t.columns.size() &&
          t.columns[static_cast<std::size_t>(s.owner_column)].identity != 0) {
        deptype = 'i';
      }
    }
    add(kPgClass, s.oid, kPgClass, s.owner_table, s.owner_column + 1, deptype);
  }
  // A view or materialized view needs what its query reads (in PostgreSQL
  // through its _RETURN rule; pg_dump orders by either): CREATE comes after them.
  for (const ViewDef& v : ctx.catalog.views()) {
    for (std::uint32_t read : v.reads) add(kPgClass, v.oid, kPgClass, read, 0, 'n');
  }
  for (const TableDef& t : tables) {
    if (!t.materialized) continue;
    for (std::uint32_t read : t.materialized->reads) add(kPgClass, t.oid, kPgClass, read, 0, 'n');
  }
  for (const TableDef& t : tables) {
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (!has_attrdef(t.columns[i])) continue;
      add(kPgAttrdef, attrdef_oid(t, i), kPgClass, t.oid, static_cast<int>(i + 1), 'a');
      if (std::optional<SequenceDef> seq = default_sequence_of(ctx, t.columns[i])) {
        add(kPgAttrdef, attrdef_oid(t, i), kPgClass, seq->oid, 0, 'n');
      }
    }
  }
  return r;
}

Relation pg_sequence_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"seqrelid", TypeId::kOid},
                              {"seqtypid", TypeId::kOid},
                              {"seqstart", TypeId::kInt8},
                              {"seqincrement", TypeId::kInt8},
                              {"seqmax", TypeId::kInt8},
                              {"seqmin", TypeId::kInt8},
                              {"seqcache", TypeId::kInt8},
                              {"seqcycle", TypeId::kBool}},
                             qualifier);
  auto int8 = [](std::int64_t v) { return Value::integer(TypeId::kInt8, v); };
  for (const SequenceDef& s : ctx.catalog.sequences()) {
    r.rows.push_back({oid(s.oid), oid(type_oid(s.type)), int8(s.start), int8(s.increment), int8(s.max), int8(s.min),
                      int8(s.cache), Value::boolean(s.cycle)});
  }
  return r;
}

}  // namespace heliosdb::engine

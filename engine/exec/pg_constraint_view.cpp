// pg_catalog.pg_constraint and pg_get_constraintdef: PRIMARY KEY, UNIQUE,
// CHECK and FOREIGN KEY constraints with PostgreSQL 15's columns, as pg_dump
// reads them to write ALTER TABLE ... ADD CONSTRAINT, and psql's \d.
// NOT NULL is a column property (attnotnull) in PostgreSQL 15, not a row here.
#include <algorithm>
#include <functional>

#include "engine/ast/expr_walk.hpp"
#include "engine/common/identifier.hpp"
#include "engine/exec/catalog_row_oids.hpp"
#include "engine/exec/domain_checks.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/system_views.hpp"
#include "engine/parser/parser.hpp"
#include "engine/types/array.hpp"

namespace heliosdb::engine {

namespace {

struct ConstraintRow {
  std::uint32_t oid = 0;
  std::string name;
  char type = 'c';
  const TableDef* table = nullptr;
  std::vector<int> columns;  ///< 0-based
  std::uint32_t index = 0;   ///< conindid
  const CheckDef* check = nullptr;
  const ForeignKeyDef* foreign_key = nullptr;
};

bool same_columns(std::vector<int> a, std::vector<int> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

// The unique index a foreign key's referenced columns match (conindid).
std::uint32_t referenced_index(ExecContext& ctx, const ForeignKeyDef& fk) {
  std::optional<TableDef> ref = ctx.catalog.find_table(fk.ref_table);
  if (!ref) return 0;
  if (!ref->primary_key.empty() && same_columns(ref->primary_key, fk.ref_columns)) return primary_key_index_oid(*ref);
  for (const IndexDef& index : ref->indexes) {
    if (index.unique && index.plain() && same_columns(index.columns, fk.ref_columns)) return index.oid;
  }
  return 0;
}

// The columns a CHECK condition names, in table order (conkey), as PostgreSQL records its dependencies.
std::vector<int> checked_columns(const TableDef& t, const CheckDef& check) {
  std::vector<bool> named(t.columns.size(), false);
  std::function<void(const ast::Expr&)> visit = [&](const ast::Expr& e) {
    if (const auto* ref = std::get_if<ast::ColumnRef>(&e.node)) {
      const int i = ref->names.empty() ? -1 : t.column_index(ref->names.back());
      if (i >= 0) named[static_cast<std::size_t>(i)] = true;
    }
    ast::for_each_child(e, visit);
  };
  visit(*parser::parse_expression(check.expr));
  std::vector<int> out;
  for (std::size_t i = 0; i < named.size(); ++i) {
    if (named[i]) out.push_back(static_cast<int>(i));
  }
  return out;
}

// Every constraint of every table; the rows point into `tables`.
std::vector<ConstraintRow> constraints_of(ExecContext& ctx, const std::vector<TableDef>& tables) {
  std::vector<ConstraintRow> out;
  for (const TableDef& t : tables) {
    if (!t.primary_key.empty()) {
      const std::uint32_t index = primary_key_index_oid(t);
      out.push_back({index, t.primary_key_name, 'p', &t, t.primary_key, index, nullptr, nullptr});
    }
    for (const IndexDef& index : t.indexes) {
      if (index.constraint) out.push_back({index.oid, index.name, 'u', &t, index.columns, index.oid, nullptr, nullptr});
    }
    for (std::size_t i = 0; i < t.checks.size(); ++i) {
      out.push_back({check_constraint_oid(t, i), t.checks[i].name, 'c', &t, checked_columns(t, t.checks[i]), 0,
                     &t.checks[i], nullptr});
    }
    for (std::size_t i = 0; i < t.foreign_keys.size(); ++i) {
      const ForeignKeyDef& fk = t.foreign_keys[i];
      out.push_back(
          {foreign_key_constraint_oid(t, i), fk.name, 'f', &t, fk.columns, referenced_index(ctx, fk), nullptr, &fk});
    }
  }
  return out;
}

std::string column_list(const TableDef& t, const std::vector<int>& columns) {
  std::string out;
  for (int c : columns)
    out += (out.empty() ? "" : ", ") + quote_identifier(t.columns[static_cast<std::size_t>(c)].name);
  return out;
}

Value attnums(const std::vector<int>& columns) {
  std::vector<Value> numbers;
  for (int c : columns) numbers.push_back(Value::integer(TypeId::kInt2, c + 1));
  return encode_array(ArrayData::of(TypeId::kInt2, std::move(numbers)));
}

std::string definition(ExecContext& ctx, const ConstraintRow& c, bool pretty) {
  const TableDef& t = *c.table;
  switch (c.type) {
    case 'p':
      return "PRIMARY KEY (" + column_list(t, c.columns) + ")";
    case 'u':
      return "UNIQUE (" + column_list(t, c.columns) + ")";
    case 'c':
      // PostgreSQL prints the condition parenthesized, inside CHECK's own parentheses.
      // Pretty (psql's \d) drops the parentheses PostgreSQL's plain form doubles.
      return pretty ? "CHECK (" + c.check->expr + ")" : "CHECK ((" + c.check->expr + "))";
    default:
      break;
  }
  const ForeignKeyDef& fk = *c.foreign_key;
  std::optional<TableDef> ref = ctx.catalog.find_table(fk.ref_table);
  std::string out = "FOREIGN KEY (" + column_list(t, fk.columns) + ") REFERENCES ";
  out += ref ? visible_relation_name(ctx, ref->schema, ref->name) + "(" + column_list(*ref, fk.ref_columns) + ")"
             : std::to_string(fk.ref_table);
  if (fk.on_update != 'a') out += std::string(" ON UPDATE ") + foreign_key_action_name(fk.on_update);
  if (fk.on_delete != 'a') out += std::string(" ON DELETE ") + foreign_key_action_name(fk.on_delete);
  if (fk.deferrable) out += " DEFERRABLE";
  if (fk.initially_deferred) out += " INITIALLY DEFERRED";
  return out;
}

}  // namespace

Relation pg_constraint_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"oid", TypeId::kOid},
                              {"conname", TypeId::kText},
                              {"connamespace", TypeId::kOid},
                              {"contype", TypeId::kText},
                              {"condeferrable", TypeId::kBool},
                              {"condeferred", TypeId::kBool},
                              {"convalidated", TypeId::kBool},
                              {"conrelid", TypeId::kOid},
                              {"contypid", TypeId::kOid},
                              {"conindid", TypeId::kOid},
                              {"conparentid", TypeId::kOid},
                              {"confrelid", TypeId::kOid},
                              {"confupdtype", TypeId::kText},
                              {"confdeltype", TypeId::kText},
                              {"confmatchtype", TypeId::kText},
                              {"conislocal", TypeId::kBool},
                              {"coninhcount", TypeId::kInt4},
                              {"connoinherit", TypeId::kBool},
                              {"conkey", array_of(TypeId::kInt2)},
                              {"confkey", array_of(TypeId::kInt2)},
                              {"conpfeqop", array_of(TypeId::kOid)},
                              {"conppeqop", array_of(TypeId::kOid)},
                              {"conffeqop", array_of(TypeId::kOid)},
                              {"confdelsetcols", array_of(TypeId::kInt2)},
                              {"conexclop", array_of(TypeId::kOid)},
                              {"conbin", TypeId::kText}},
                             qualifier);
  auto oid = [](std::int64_t v) { return Value::oid(TypeId::kOid, v, {}); };
  auto letter = [](char c) { return Value::string(TypeId::kText, std::string(1, c)); };
  const Value null_oids = Value::null(array_of(TypeId::kOid));
  const std::vector<TableDef> tables = ctx.catalog.tables();
  for (const ConstraintRow& c : constraints_of(ctx, tables)) {
    const ForeignKeyDef* fk = c.foreign_key;
    const bool deferrable = fk != nullptr && fk->deferrable;
    r.rows.push_back(
        {oid(c.oid),
         Value::string(TypeId::kText, c.name),
         oid(kPublicNamespace),
         letter(c.type),
         Value::boolean(deferrable),
         Value::boolean(fk != nullptr && fk->initially_deferred),
         Value::boolean(true),
         oid(c.table->oid),
         oid(0),
         oid(c.index),
         oid(0),
         oid(fk != nullptr ? fk->ref_table : 0),
         letter(fk != nullptr ? fk->on_update : ' '),
         letter(fk != nullptr ? fk->on_delete : ' '),
         letter(fk != nullptr ? 's' : ' '),
         Value::boolean(true),
         Value::integer(TypeId::kInt4, 0),
         Value::boolean(false),
         attnums(c.columns),
         fk != nullptr ? attnums(fk->ref_columns) : Value::null(array_of(TypeId::kInt2)),
         null_oids,
         null_oids,
         null_oids,
         Value::null(array_of(TypeId::kInt2)),
         null_oids,
         c.check != nullptr ? Value::string(TypeId::kText, "(" + c.check->expr + ")") : Value::null(TypeId::kText)});
  }
  // Domains' CHECKs: contypid names the domain, conrelid none.
  for (const DomainDef& d : ctx.catalog.domains()) {
    for (const DomainDef::Check& check : d.checks) {
      r.rows.push_back({oid(check.oid),
                        Value::string(TypeId::kText, check.name),
                        oid(namespace_oid(ctx.catalog, d.schema).value_or(0)),
                        letter('c'),
                        Value::boolean(false),
                        Value::boolean(false),
                        Value::boolean(check.validated),
                        oid(0),
                        oid(d.oid),
                        oid(0),
                        oid(0),
                        oid(0),
                        letter(' '),
                        letter(' '),
                        letter(' '),
                        Value::boolean(true),
                        Value::integer(TypeId::kInt4, 0),
                        Value::boolean(false),
                        Value::null(array_of(TypeId::kInt2)),
                        Value::null(array_of(TypeId::kInt2)),
                        null_oids,
                        null_oids,
                        null_oids,
                        Value::null(array_of(TypeId::kInt2)),
                        null_oids,
                        Value::string(TypeId::kText, "(" + domain_check_text(check.expr) + ")")});
    }
  }
  return r;
}

std::optional<std::string> constraint_definition(ExecContext& ctx, std::uint32_t oid, bool pretty) {
  const std::vector<TableDef> tables = ctx.catalog.tables();
  for (const ConstraintRow& c : constraints_of(ctx, tables)) {
    if (c.oid == oid) return definition(ctx, c, pretty);
  }
  for (const DomainDef& d : ctx.catalog.domains()) {
    for (const DomainDef::Check& check : d.checks) {
      if (check.oid != oid) continue;
      const std::string condition = domain_check_text(check.expr);
      std::string out = pretty ? "CHECK (" + condition + ")" : "CHECK ((" + condition + "))";
      return check.validated ? out : out + " NOT VALID";
    }
  }
  return std::nullopt;
}

}  // namespace heliosdb::engine

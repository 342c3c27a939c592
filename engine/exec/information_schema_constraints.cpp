#include "engine/exec/information_schema_constraints.hpp"

#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/domain_checks.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/system_views.hpp"
#include "engine/parser/parser.hpp"

namespace heliosdb::engine {

namespace {

Value text(std::string s) { return Value::string(TypeId::kText, std::move(s)); }
Value null_text() { return Value::null(TypeId::kText); }
Value integer(std::int64_t v) { return Value::integer(TypeId::kInt4, v); }

// A constraint of a table, as information_schema lists them: the NOT NULL
// columns too, as CHECK constraints named as PostgreSQL names them.
struct ConstraintRow {
  const TableDef* table;
  std::string name;
  std::string type;          ///< PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK
  std::vector<int> columns;  ///< keys: the key columns, in key order
  const ForeignKeyDef* fk = nullptr;
  const CheckDef* check = nullptr;
  int not_null_column = -1;
};

std::vector<ConstraintRow> constraints_of(const TableDef& t) {
  std::vector<ConstraintRow> out;
  if (!t.primary_key.empty()) out.push_back({&t, t.primary_key_name, "PRIMARY KEY", t.primary_key});
  for (const IndexDef& index : t.indexes) {
    if (index.constraint) out.push_back({&t, index.name, "UNIQUE", index.columns});
  }
  for (const ForeignKeyDef& fk : t.foreign_keys) out.push_back({&t, fk.name, "FOREIGN KEY", fk.columns, &fk});
  for (const CheckDef& check : t.checks) out.push_back({&t, check.name, "CHECK", {}, nullptr, &check});
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (!t.columns[i].not_null) continue;
    ConstraintRow row{
        &t,
        std::to_string(kPublicNamespace) + "_" + std::to_string(t.oid) + "_" + std::to_string(i + 1) + "_not_null",
        "CHECK",
        {},
        nullptr,
        nullptr,
        static_cast<int>(i)};
    out.push_back(std::move(row));
  }
  return out;
}

// The primary key or unique constraint a foreign key's referenced columns match.
std::string unique_constraint_for(const TableDef& parent, const std::vector<int>& columns) {
  auto same = [&](std::vector<int> a) {
    std::vector<int> b = columns;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
  };
  if (!parent.primary_key.empty() && same(parent.primary_key)) return parent.primary_key_name;
  for (const IndexDef& index : parent.indexes) {
    if (index.unique && same(index.columns)) return index.name;
  }
  return {};
}

// The columns a CHECK condition reads, in table order.
std::vector<int> check_columns(const TableDef& t, const CheckDef& check) {
  try {
    Binder binder(table_scope(t, t.name), "CHECK");
    return columns_read(*binder.bind(*parser::parse_expression(check.expr)));
  } catch (const DbError&) {
    return {};
  }
}

Relation table_constraints(const std::vector<TableDef>& tables, const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"constraint_catalog", TypeId::kText},
                              {"constraint_schema", TypeId::kText},
                              {"constraint_name", TypeId::kText},
                              {"table_catalog", TypeId::kText},
                              {"table_schema", TypeId::kText},
                              {"table_name", TypeId::kText},
                              {"constraint_type", TypeId::kText},
                              {"is_deferrable", TypeId::kText},
                              {"initially_deferred", TypeId::kText},
                              {"enforced", TypeId::kText},
                              {"nulls_distinct", TypeId::kText}},
                             qualifier);
  for (const TableDef& t : tables) {
    for (const ConstraintRow& k : constraints_of(t)) {
      r.rows.push_back({text(ctx.database_name), text(t.schema), text(k.name), text(ctx.database_name), text(t.schema),
                        text(t.name), text(k.type), text(k.fk != nullptr && k.fk->deferrable ? "YES" : "NO"),
                        text(k.fk != nullptr && k.fk->initially_deferred ? "YES" : "NO"), text("YES"),
                        k.type == "UNIQUE" ? text("YES") : null_text()});
    }
  }
  return r;
}

Relation key_column_usage(const std::vector<TableDef>& tables, const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"constraint_catalog", TypeId::kText},
                              {"constraint_schema", TypeId::kText},
                              {"constraint_name", TypeId::kText},
                              {"table_catalog", TypeId::kText},
                              {"table_schema", TypeId::kText},
                              {"table_name", TypeId::kText},
                              {"column_name", TypeId::kText},
                              {"ordinal_position", TypeId::kInt4},
                              {"position_in_unique_constraint", TypeId::kInt4}},
                             qualifier);
  for (const TableDef& t : tables) {
    for (const ConstraintRow& k : constraints_of(t)) {
      if (k.type == "CHECK") continue;
      for (std::size_t i = 0; i < k.columns.size(); ++i) {
        Value position = Value::null(TypeId::kInt4);
        if (k.fk != nullptr) {
          // Where the referenced column stands in the referenced constraint.
          auto parent = ctx.catalog.find_table(k.fk->ref_table);
          std::vector<int> key = parent ? parent->primary_key : std::vector<int>{};
          const std::string unique = parent ? unique_constraint_for(*parent, k.fk->ref_columns) : std::string();
          if (parent && unique != parent->primary_key_name) {
            for (const IndexDef& index : parent->indexes) {
              if (index.name == unique) key = index.columns;
            }
          }
          auto at = std::find(key.begin(), key.end(), k.fk->ref_columns[i]);
          if (at != key.end()) position = integer(at - key.begin() + 1);
        }
        r.rows.push_back({text(ctx.database_name), text(t.schema), text(k.name), text(ctx.database_name),
                          text(t.schema), text(t.name), text(t.columns[static_cast<std::size_t>(k.columns[i])].name),
                          integer(static_cast<std::int64_t>(i + 1)), position});
      }
    }
  }
  return r;
}

Relation referential_constraints(const std::vector<TableDef>& tables, const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"constraint_catalog", TypeId::kText},
                              {"constraint_schema", TypeId::kText},
                              {"constraint_name", TypeId::kText},
                              {"unique_constraint_catalog", TypeId::kText},
                              {"unique_constraint_schema", TypeId::kText},
                              {"unique_constraint_name", TypeId::kText},
                              {"match_option", TypeId::kText},
                              {"update_rule", TypeId::kText},
                              {"delete_rule", TypeId::kText}},
                             qualifier);
  for (const TableDef& t : tables) {
    for (const ForeignKeyDef& fk : t.foreign_keys) {
      auto parent = ctx.catalog.find_table(fk.ref_table);
      const std::string unique = parent ? unique_constraint_for(*parent, fk.ref_columns) : std::string();
      r.rows.push_back({text(ctx.database_name), text(t.schema), text(fk.name), text(ctx.database_name),
                        parent ? text(parent->schema) : null_text(), unique.empty() ? null_text() : text(unique),
                        text("NONE"), text(foreign_key_action_name(fk.on_update)),
                        text(foreign_key_action_name(fk.on_delete))});
    }
  }
  return r;
}

Relation constraint_column_usage(const std::vector<TableDef>& tables, const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"table_catalog", TypeId::kText},
                              {"table_schema", TypeId::kText},
                              {"table_name", TypeId::kText},
                              {"column_name", TypeId::kText},
                              {"constraint_catalog", TypeId::kText},
                              {"constraint_schema", TypeId::kText},
                              {"constraint_name", TypeId::kText}},
                             qualifier);
  auto add = [&](const TableDef& t, int column, const std::string& constraint) {
    r.rows.push_back({text(ctx.database_name), text(t.schema), text(t.name),
                      text(t.columns[static_cast<std::size_t>(column)].name), text(ctx.database_name), text(t.schema),
                      text(constraint)});
  };
  for (const TableDef& t : tables) {
    for (const ConstraintRow& k : constraints_of(t)) {
      if (k.not_null_column >= 0) continue;  // PostgreSQL lists no columns for these
      if (k.fk != nullptr) {
        // A foreign key uses the referenced table's columns.
        if (auto parent = ctx.catalog.find_table(k.fk->ref_table)) {
          for (int c : k.fk->ref_columns) add(*parent, c, k.name);
        }
      } else {
        for (int c : k.check != nullptr ? check_columns(t, *k.check) : k.columns) add(t, c, k.name);
      }
    }
  }
  return r;
}

Relation check_constraints(const std::vector<TableDef>& tables, const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"constraint_catalog", TypeId::kText},
                              {"constraint_schema", TypeId::kText},
                              {"constraint_name", TypeId::kText},
                              {"check_clause", TypeId::kText}},
                             qualifier);
  for (const TableDef& t : tables) {
    for (const ConstraintRow& k : constraints_of(t)) {
      if (k.type != "CHECK") continue;
      const std::string clause = k.check != nullptr
                                     ? "(" + k.check->expr + ")"
                                     : t.columns[static_cast<std::size_t>(k.not_null_column)].name + " IS NOT NULL";
      r.rows.push_back({text(ctx.database_name), text(t.schema), text(k.name), text(clause)});
    }
  }
  // Domains' CHECKs too: the view reads every pg_constraint row of contype c.
  for (const DomainDef& d : ctx.catalog.domains()) {
    for (const DomainDef::Check& c : d.checks) {
      r.rows.push_back(
          {text(ctx.database_name), text(d.schema), text(c.name), text("((" + domain_check_text(c.expr) + "))")});
    }
  }
  return r;
}

}  // namespace

std::optional<Relation> constraint_view(const std::string& name, const std::string& qualifier, ExecContext& ctx) {
  using Builder = Relation (*)(const std::vector<TableDef>&, const std::string&, ExecContext&);
  Builder builder = nullptr;
  if (name == "table_constraints") builder = table_constraints;
  if (name == "key_column_usage") builder = key_column_usage;
  if (name == "referential_constraints") builder = referential_constraints;
  if (name == "constraint_column_usage") builder = constraint_column_usage;
  if (name == "check_constraints") builder = check_constraints;
  if (builder == nullptr) return std::nullopt;
  return builder(ctx.catalog.tables(), qualifier, ctx);
}

}  // namespace heliosdb::engine

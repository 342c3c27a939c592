#include "server/repl/describe.hpp"

#include <algorithm>
#include <map>

#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/policy_text.hpp"
#include "engine/exec/search_path.hpp"
#include "server/repl/table_printer.hpp"

namespace heliosdb::server {

namespace {

using engine::TableDef;

// psql's name rules: unquoted parts fold to lower case, "quoted" ones keep theirs.
std::pair<std::string, std::string> split_name(const std::string& name) {
  std::vector<std::string> parts(1);
  bool quoted = false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '"') {
      if (quoted && i + 1 < name.size() && name[i + 1] == '"') {
        parts.back() += '"';
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == '.' && !quoted) {
      parts.emplace_back();
    } else {
      parts.back() += quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (parts.size() == 1) return {"", parts[0]};
  return {parts[parts.size() - 2], parts.back()};
}

std::string column_list(const TableDef& table, const std::vector<int>& columns) {
  std::string out;
  for (int i : columns) out += (out.empty() ? "" : ", ") + table.columns[static_cast<std::size_t>(i)].name;
  return out;
}

std::string index_columns(const TableDef& table, const engine::IndexDef& index) {
  std::string out;
  for (std::size_t k = 0; k < index.columns.size(); ++k) {
    const bool expression = k < index.expressions.size() && !index.expressions[k].empty();
    out += (k == 0 ? "" : ", ") +
           (expression ? index.expressions[k] : table.columns[static_cast<std::size_t>(index.columns[k])].name);
    if (index.descending[k]) out += " DESC";
    // NULLS FIRST is the default for DESC, NULLS LAST for ASC.
    if (index.nulls_first[k] != index.descending[k]) out += index.nulls_first[k] ? " NULLS FIRST" : " NULLS LAST";
  }
  return out;
}

// pg_get_constraintdef() of a foreign key.
std::string foreign_key_text(engine::Catalog& catalog, const TableDef& table, const engine::ForeignKeyDef& fk) {
  auto ref = catalog.find_table(fk.ref_table);
  std::string out = "FOREIGN KEY (" + column_list(table, fk.columns) + ") REFERENCES ";
  out += ref ? ref->name + "(" + column_list(*ref, fk.ref_columns) + ")" : "?";
  if (fk.on_update != 'a') out += std::string(" ON UPDATE ") + engine::foreign_key_action_name(fk.on_update);
  if (fk.on_delete != 'a') out += std::string(" ON DELETE ") + engine::foreign_key_action_name(fk.on_delete);
  if (fk.deferrable) out += fk.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
  return out;
}

// Row-level security and the policies, as psql's footer shows them.
void describe_policies(engine::ExecContext& ctx, const TableDef& table, std::ostream& out) {
  const bool any = !table.policies.empty();
  if (table.row_security) {
    out << (table.force_row_security ? "Policies (forced row security enabled):"
            : any                    ? "Policies:"
                                     : "Policies (row security enabled):")
        << (any ? "\n" : " (none)\n");
  } else if (any) {
    out << "Policies (row security disabled):\n";
  }
  std::vector<const engine::PolicyDef*> policies;
  for (const engine::PolicyDef& p : table.policies) policies.push_back(&p);
  std::sort(policies.begin(), policies.end(), [](auto* a, auto* b) { return a->name < b->name; });
  for (const engine::PolicyDef* p : policies) {
    out << "    POLICY \"" << p->name << "\"" << (p->permissive ? "" : " AS RESTRICTIVE");
    if (p->command != '*') out << " FOR " << engine::policy_command_name(p->command);
    if (!p->roles.empty()) {
      std::vector<std::string> names;
      for (std::uint32_t role : p->roles) names.push_back(engine::role_name(ctx, role));
      std::sort(names.begin(), names.end());
      out << "\n      TO ";
      for (std::size_t i = 0; i < names.size(); ++i) out << (i > 0 ? "," : "") << names[i];
    }
    if (!p->using_expr.empty()) out << "\n      USING (" << engine::policy_condition_text(p->using_expr) << ")";
    if (!p->check_expr.empty()) out << "\n      WITH CHECK (" << engine::policy_condition_text(p->check_expr) << ")";
    out << "\n";
  }
}

void describe_table(engine::ExecContext& ctx, const TableDef& table, std::ostream& out) {
  engine::Catalog& catalog = ctx.catalog;
  std::vector<std::vector<std::string>> rows;
  for (const engine::ColumnDef& c : table.columns) {
    bool has_default = c.default_value.has_value() || !c.default_expr.empty();
    rows.push_back({c.name, engine::type_display_name(c.type), c.not_null ? "not null" : "",
                    has_default ? engine::column_default_text(ctx, table, c) : std::string()});
  }
  out << "Table \"" << table.schema << "." << table.name << "\"\n";
  print_table(out, {"Column", "Type", "Nullable", "Default"}, rows);

  // As psql orders them: the primary key first, then by name.
  std::vector<std::pair<std::string, std::string>> indexes;
  for (const engine::IndexDef& index : table.indexes) {
    std::string kind = index.constraint ? "UNIQUE CONSTRAINT, " : index.unique ? "UNIQUE, " : "";
    indexes.emplace_back(index.name, kind + "btree (" + index_columns(table, index) + ")" +
                                         (index.predicate.empty() ? "" : " WHERE " + index.predicate));
  }
  std::sort(indexes.begin(), indexes.end());
  if (!table.primary_key.empty()) {
    indexes.insert(indexes.begin(),
                   {table.primary_key_name, "PRIMARY KEY, btree (" + column_list(table, table.primary_key) + ")"});
  }
  if (!indexes.empty()) {
    out << "Indexes:\n";
    for (const auto& [name, text] : indexes) out << "    \"" << name << "\" " << text << "\n";
  }
  std::vector<std::pair<std::string, std::string>> checks;
  for (const engine::CheckDef& check : table.checks) checks.emplace_back(check.name, "CHECK (" + check.expr + ")");
  std::sort(checks.begin(), checks.end());
  if (!checks.empty()) {
    out << "Check constraints:\n";
    for (const auto& [name, text] : checks) out << "    \"" << name << "\" " << text << "\n";
  }
  std::vector<std::pair<std::string, std::string>> fks;
  for (const engine::ForeignKeyDef& fk : table.foreign_keys)
    fks.emplace_back(fk.name, foreign_key_text(catalog, table, fk));
  std::sort(fks.begin(), fks.end());
  if (!fks.empty()) {
    out << "Foreign-key constraints:\n";
    for (const auto& [name, text] : fks) out << "    \"" << name << "\" " << text << "\n";
  }
  std::vector<std::string> referenced_by;
  for (const TableDef& other : catalog.tables()) {
    for (const engine::ForeignKeyDef& fk : other.foreign_keys) {
      if (fk.ref_table != table.oid) continue;
      referenced_by.push_back("TABLE \"" + other.name + "\" CONSTRAINT \"" + fk.name + "\" " +
                              foreign_key_text(catalog, other, fk));
    }
  }
  if (!referenced_by.empty()) {
    out << "Referenced by:\n";
    for (const std::string& line : referenced_by) out << "    " << line << "\n";
  }
  describe_policies(ctx, table, out);
}

void describe_sequence(engine::Catalog& catalog, const engine::SequenceDef& seq, std::ostream& out) {
  out << "Sequence \"" << seq.schema << "." << seq.name << "\"\n";
  print_table(
      out, {"Type", "Start", "Minimum", "Maximum", "Increment", "Cycles?", "Cache"},
      {{engine::type_display_name({seq.type, -1}), std::to_string(seq.start), std::to_string(seq.min),
        std::to_string(seq.max), std::to_string(seq.increment), seq.cycle ? "yes" : "no", std::to_string(seq.cache)}});
  if (seq.owner_table != 0) {
    if (auto owner = catalog.find_table(seq.owner_table)) {
      out << "Owned by: " << owner->schema << "." << owner->name << "."
          << owner->columns[static_cast<std::size_t>(seq.owner_column)].name << "\n";
    }
  }
}

}  // namespace

void list_relations(engine::Catalog& catalog, std::ostream& out) {
  std::vector<std::vector<std::string>> rows;
  for (const TableDef& t : catalog.tables()) rows.push_back({t.schema, t.name, "table"});
  for (const engine::SequenceDef& s : catalog.sequences()) rows.push_back({s.schema, s.name, "sequence"});
  if (rows.empty()) {
    out << "Did not find any relations.\n";
    return;
  }
  std::sort(rows.begin(), rows.end());
  out << "List of relations\n";
  print_table(out, {"Schema", "Name", "Type"}, rows);
}

bool describe_relation(engine::ExecContext& ctx, const std::string& name, std::ostream& out) {
  engine::Catalog& catalog = ctx.catalog;
  auto [given, relname] = split_name(name);
  const std::string schema = engine::relation_schema(ctx, given, relname);
  if (auto table = catalog.find_table(schema, relname)) {
    describe_table(ctx, *table, out);
    return true;
  }
  if (auto seq = catalog.find_sequence(schema, relname)) {
    describe_sequence(catalog, *seq, out);
    return true;
  }
  return false;
}

}  // namespace heliosdb::server

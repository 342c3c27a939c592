#include "engine/exec/domain_ddl.hpp"

#include <algorithm>
#include <set>

#include "engine/common/db_error.hpp"
#include "engine/common/identifier.hpp"
#include "engine/exec/catalog_object_names.hpp"
#include "engine/exec/default_privileges.hpp"
#include "engine/exec/domain_checks.hpp"
#include "engine/exec/function_ddl.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/row_codec.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/sql_function_call.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/stored_expressions.hpp"
#include "engine/exec/table_ddl.hpp"
#include "engine/exec/unpositioned.hpp"

namespace heliosdb::engine {

namespace {

using Kind = ast::DomainStmt::Kind;

// Whether `names` names a type that is not a domain (an enum or a built-in one).
bool names_other_type(const std::vector<std::string>& names, ExecContext& ctx) {
  if (ctx.object_names.find_enum(names)) return true;
  ast::TypeName type;
  type.names = names;
  try {
    return resolve_type_name(type).domain_oid == 0;
  } catch (const DbError& e) {
    if (e.state() != sqlstate::kUndefinedObject && e.state() != sqlstate::kFeatureNotSupported) throw;
  }
  return false;
}

// The domain an ALTER DOMAIN names, which only its owner may change.
DomainDef existing_domain(const std::vector<std::string>& names, ExecContext& ctx) {
  if (auto def = ctx.object_names.find_domain(names)) {
    require_owner(ctx, def->owner, "type", def->name);
    return *def;
  }
  // ALTER names the type as format_type would, DROP as written (quoted): PostgreSQL's two messages.
  if (names_other_type(names, ctx)) throw DbError(sqlstate::kWrongObjectType, written_name(names) + " is not a domain");
  throw_no_such_type(names);
}

// The DEFAULT as SQL text that both shows as PostgreSQL's typdefault and
// computes the value again: a constant as deparsed with its type, another
// expression as written. Errors name the domain as PostgreSQL's cookDefault does.
std::string default_text(const ast::Constraint& k, const DomainDef& def) {
  ColumnDef column;
  column.name = def.name;
  column.type = def.base;
  column.type.domain_oid = 0;
  unpositioned([&] { set_default(k, column); });
  return column.default_expr.empty() ? column.default_text : column.default_expr;
}

// Every constraint name of `schema`: PostgreSQL's ChooseConstraintName picks
// one no constraint of the schema has.
std::set<std::string> constraint_names(ExecContext& ctx, const std::string& schema) {
  std::set<std::string> out;
  for (const TableDef& t : ctx.catalog.tables()) {
    if (t.schema != schema) continue;
    for (const CheckDef& c : t.checks) out.insert(c.name);
    for (const ForeignKeyDef& fk : t.foreign_keys) out.insert(fk.name);
    for (const IndexDef& i : t.indexes) out.insert(i.name);
    if (!t.primary_key.empty()) out.insert(t.primary_key_name);
  }
  for (const DomainDef& d : ctx.catalog.domains()) {
    if (d.schema != schema) continue;
    for (const DomainDef::Check& c : d.checks) out.insert(c.name);
  }
  return out;
}

// PostgreSQL's name for a check nobody named: <domain>_check, then _check1, ...
std::string chosen_check_name(const DomainDef& def, const std::set<std::string>& taken) {
  const std::string base = def.name + "_check";
  auto used = [&](const std::string& name) {
    if (taken.count(name) != 0) return true;
    return std::any_of(def.checks.begin(), def.checks.end(), [&](const auto& c) { return c.name == name; });
  };
  if (!used(base)) return base;
  for (int n = 1;; ++n) {
    if (!used(base + std::to_string(n))) return base + std::to_string(n);
  }
}

// Adds a CHECK to `def` (not stored yet), bound once to find its errors.
void add_check(DomainDef& def, const ast::Constraint& k, bool validated, ExecContext& ctx) {
  std::string name = k.name;
  if (name.empty()) {
    name = chosen_check_name(def, constraint_names(ctx, def.schema));
  } else if (std::any_of(def.checks.begin(), def.checks.end(), [&](const auto& c) { return c.name == name; })) {
    throw DbError(sqlstate::kDuplicateObject,
                  "constraint \"" + name + "\" for domain \"" + def.name + "\" already exists");
  }
  unpositioned([&] { return DomainChecks::bind_condition(k.expr_text, def.base); });
  def.checks.push_back({0, name, k.expr_text, validated});
}

QueryResult create_domain(const ast::DomainStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "CREATE DOMAIN";
  const std::vector<std::string>& names = statement.names.front();
  const ast::RangeVar place = object_to_create(ctx, names, "types");
  if (statement.collate) throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: COLLATE");
  DomainDef def;
  def.schema = place.schema;
  def.name = place.name;
  def.owner = role_oid(std::nullopt, ctx);
  def.acl = initial_acl(ctx, AclObject::kType, static_cast<std::uint32_t>(def.owner), def.schema);
  def.base = unpositioned([&] { return resolve_type_name(statement.type); });  // domain_oid: the one it is over
  require_type_usage(ctx, def.base, def.base.domain_oid);
  bool saw_null = false, saw_default = false;
  for (const ast::Constraint& k : statement.constraints) {
    switch (k.kind) {
      case ast::Constraint::Kind::kDefault:
        if (saw_default) throw DbError(sqlstate::kSyntaxError, "multiple default expressions");
        saw_default = true;
        def.default_expr = default_text(k, def);
        break;
      case ast::Constraint::Kind::kNotNull:
      case ast::Constraint::Kind::kNull: {
        const bool not_null = k.kind == ast::Constraint::Kind::kNotNull;
        if (saw_null && def.not_null != not_null) {
          throw DbError(sqlstate::kSyntaxError, "conflicting NULL/NOT NULL constraints");
        }
        saw_null = true;
        def.not_null = not_null;
        break;
      }
      case ast::Constraint::Kind::kCheck:
        break;  // below, once the domain's name is known to be free
      case ast::Constraint::Kind::kPrimaryKey:
      case ast::Constraint::Kind::kUnique:
      case ast::Constraint::Kind::kForeignKey:
      case ast::Constraint::Kind::kIdentity:
      case ast::Constraint::Kind::kGenerated:
        throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: this constraint on a domain");
    }
  }
  if (ctx.catalog.user_type_exists(def.schema, def.name) || ctx.catalog.relation_exists(def.schema, def.name)) {
    throw DbError(sqlstate::kDuplicateObject, "type \"" + def.name + "\" already exists");
  }
  for (const ast::Constraint& k : statement.constraints) {
    if (k.kind == ast::Constraint::Kind::kCheck) add_check(def, k, true, ctx);
  }
  ctx.catalog.create_domain(def);
  ctx.object_names.forget_types();
  return result;
}

// The domain `oid` and every domain over it (whose values are its values too).
std::set<std::uint32_t> domain_and_derived(ExecContext& ctx, std::uint32_t oid) {
  std::set<std::uint32_t> out{oid};
  const std::vector<DomainDef> all = ctx.catalog.domains();
  for (bool grew = true; grew;) {
    grew = false;
    for (const DomainDef& d : all) {
      if (d.base.domain_oid != 0 && out.count(d.base.domain_oid) != 0 && out.insert(d.oid).second) grew = true;
    }
  }
  return out;
}

// Every stored value of a column whose type is one of `domains`, for ALTER
// DOMAIN to check: `bad` returns whether a value fails, and the error is
// `make_error(column, table)`'s.
template <typename Bad, typename MakeError>
void validate_columns(ExecContext& ctx, const std::set<std::uint32_t>& domains, Bad bad, MakeError make_error) {
  for (const TableDef& table : ctx.catalog.tables()) {
    std::vector<std::size_t> columns;
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      if (domains.count(table.columns[i].domain_oid) != 0) columns.push_back(i);
    }
    if (columns.empty()) continue;
    storage::Scanner scanner = ctx.catalog.scan_rows(table);
    while (scanner.next()) {
      ctx.check_interrupts();
      const Row row = decode_row(table, scanner.value());
      for (std::size_t i : columns) {
        if (bad(row[i])) throw make_error(table.columns[i].name, table.name);
      }
    }
  }
}

// Stored expressions name types as text: one that may name a domain would
// read another type (or none) once the domain is renamed or dropped.
void refuse_if_named(ExecContext& ctx, const std::vector<DomainDef>& domains, const std::string& doing) {
  const std::vector<std::string> texts = stored_expressions(ctx);
  for (const DomainDef& def : domains) {
    for (const std::string& text : texts) {
      if (!names_word(text, def.name)) continue;
      throw DbError(sqlstate::kFeatureNotSupported,
                    "not supported yet: " + doing + " a domain that a view, constraint, index or default names");
    }
  }
}

QueryResult drop_domains(const ast::DomainStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "DROP DOMAIN";
  std::vector<DomainDef> found;
  for (const std::vector<std::string>& names : statement.names) {
    if (auto def = ctx.object_names.find_domain(names)) {
      require_owner(ctx, def->owner, "type", def->name);
      found.push_back(*def);
    } else if (names_other_type(names, ctx)) {
      throw DbError(sqlstate::kWrongObjectType, "\"" + written_name(names) + "\" is not a domain");
    } else if (statement.if_exists) {
      result.notices.push_back(
          {"NOTICE", "00000", "type \"" + written_name(names) + "\" does not exist, skipping", {}});
    } else {
      throw_no_such_type(names);
    }
  }
  // What else goes: domains over these (with CASCADE), then the columns of any of them.
  std::set<std::uint32_t> dropping;
  for (const DomainDef& def : found) dropping.insert(def.oid);
  std::vector<std::string> cascaded;
  auto refuse = [&](const DomainDef& def, const std::string& what) {
    const std::string name = domain_display_name(def);
    throw DbError(sqlstate::kDependentObjectsStillExist,
                  "cannot drop type " + name + " because other objects depend on it")
        .with_detail(what + " depends on type " + name)
        .with_hint("Use DROP ... CASCADE to drop the dependent objects too.");
  };
  const std::vector<DomainDef> all = ctx.catalog.domains();
  for (std::size_t i = 0; i < found.size(); ++i) {
    const DomainDef def = found[i];
    for (const DomainDef& d : all) {
      if (d.base.domain_oid != def.oid || dropping.count(d.oid) != 0) continue;
      const std::string what = "type " + domain_display_name(d);
      if (!statement.cascade) refuse(def, what);
      cascaded.push_back(what);
      dropping.insert(d.oid);
      found.push_back(d);
    }
  }
  std::vector<std::pair<TableDef, std::string>> dropped_columns;
  for (const DomainDef& def : found) {
    for (const TableDef& t : ctx.catalog.tables()) {
      for (const ColumnDef& c : t.columns) {
        if (c.domain_oid != def.oid) continue;
        const std::string what =
            "column " + quote_identifier(c.name) + " of table " + visible_relation_name(ctx, t.schema, t.name);
        if (!statement.cascade) refuse(def, what);
        cascaded.push_back(what);
        dropped_columns.emplace_back(t, c.name);
      }
    }
  }
  std::vector<FunctionDef> dropped_functions;
  for (const DomainDef& def : found) {
    for (const FunctionDef& f : ctx.catalog.functions()) {
      if (!function_uses_type(f, def.oid)) continue;
      const std::string what = "function " + function_signature_text(f);
      if (!statement.cascade) refuse(def, what);
      if (std::any_of(dropped_functions.begin(), dropped_functions.end(),
                      [&](const FunctionDef& d) { return d.oid == f.oid; })) {
        continue;
      }
      cascaded.push_back(what);
      dropped_functions.push_back(f);
    }
  }
  // A stored expression naming the domain (a cast in a view, say) would depend on it in PostgreSQL.
  refuse_if_named(ctx, found, "dropping");
  add_drop_cascade_notice(result, cascaded);
  for (const auto& [table, column] : dropped_columns) {
    ast::AlterTableStmt alter;
    alter.table.schema = table.schema;
    alter.table.name = table.name;
    alter.commands.emplace_back(ast::AlterTableStmt::DropColumn{column, false, true});
    run_alter_table(alter, ctx);
  }
  for (const FunctionDef& f : dropped_functions) ctx.catalog.drop_function(f);
  for (const DomainDef& def : found) ctx.catalog.drop_domain(def);
  ctx.object_names.forget_types();
  ctx.domain_checks.reset();
  return result;
}

std::vector<DomainDef::Check>::iterator find_check(DomainDef& def, const std::string& name) {
  return std::find_if(def.checks.begin(), def.checks.end(), [&](const auto& c) { return c.name == name; });
}

// Checks every stored value of the domain (and of domains over it) against `def`'s check `name`.
void validate_check(ExecContext& ctx, const DomainDef& def, const DomainDef::Check& check) {
  BoundExprPtr condition = DomainChecks::bind_condition(check.expr, def.base);
  validate_columns(
      ctx, domain_and_derived(ctx, def.oid), [&](const Value& v) { return !DomainChecks::satisfies(*condition, v); },
      [](const std::string& column, const std::string& table) {
        return DbError(sqlstate::kCheckViolation, "column \"" + column + "\" of table \"" + table +
                                                      "\" contains values that violate the new constraint");
      });
}

QueryResult alter_domain(const ast::DomainStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "ALTER DOMAIN";
  DomainDef def = existing_domain(statement.names.front(), ctx);
  const DomainDef old = def;
  switch (statement.kind) {
    case Kind::kSetDefault:
      def.default_expr = default_text(statement.constraints.front(), def);
      break;
    case Kind::kDropDefault:
      def.default_expr.clear();
      break;
    case Kind::kSetNotNull:
      if (def.not_null) return result;
      validate_columns(
          ctx, domain_and_derived(ctx, def.oid), [](const Value& v) { return v.is_null(); },
          [](const std::string& column, const std::string& table) {
            return DbError(sqlstate::kNotNullViolation,
                           "column \"" + column + "\" of table \"" + table + "\" contains null values");
          });
      def.not_null = true;
      break;
    case Kind::kDropNotNull:
      def.not_null = false;
      break;
    case Kind::kAddConstraint:
      add_check(def, statement.constraints.front(), !statement.not_valid, ctx);
      if (!statement.not_valid) validate_check(ctx, def, def.checks.back());
      break;
    case Kind::kDropConstraint: {
      auto it = find_check(def, statement.constraint);
      if (it == def.checks.end()) {
        const std::string message =
            "constraint \"" + statement.constraint + "\" of domain \"" + def.name + "\" does not exist";
        if (!statement.if_exists) throw DbError(sqlstate::kUndefinedObject, message);
        result.notices.push_back({"NOTICE", "00000", message + ", skipping", {}});
        return result;
      }
      def.checks.erase(it);
      break;
    }
    case Kind::kValidateConstraint: {
      auto it = find_check(def, statement.constraint);
      if (it == def.checks.end()) {
        throw DbError(sqlstate::kUndefinedObject,
                      "constraint \"" + statement.constraint + "\" of domain \"" + def.name + "\" does not exist");
      }
      if (it->validated) return result;
      validate_check(ctx, def, *it);
      it->validated = true;
      break;
    }
    case Kind::kRename:
      refuse_if_named(ctx, {def}, "renaming");
      def.name = statement.new_name;
      break;
    case Kind::kRenameConstraint: {
      auto it = find_check(def, statement.constraint);
      if (it == def.checks.end()) {
        throw DbError(sqlstate::kUndefinedObject, "constraint \"" + statement.constraint + "\" for domain " +
                                                      domain_display_name(def) + " does not exist");
      }
      if (find_check(def, statement.new_name) != def.checks.end()) {
        throw DbError(sqlstate::kDuplicateObject, "constraint \"" + statement.new_name + "\" for domain " +
                                                      domain_display_name(def) + " already exists");
      }
      it->name = statement.new_name;
      break;
    }
    case Kind::kOwner:
      def.owner = role_oid(statement.role, ctx);
      if (owner_oid(def.owner) == owner_oid(old.owner)) return result;
      check_owner_change(ctx, old.owner, owner_oid(def.owner), "type", def.name, def.schema);
      if (def.acl) acl_change_owner(*def.acl, owner_oid(old.owner), owner_oid(def.owner));
      break;
    case Kind::kCreate:
    case Kind::kDrop:
      break;
  }
  ctx.catalog.update_domain(old, def);
  ctx.object_names.forget_types();
  ctx.domain_checks.reset();
  return result;
}

}  // namespace

QueryResult run_domain(const ast::DomainStmt& statement, ExecContext& ctx) {
  switch (statement.kind) {
    case Kind::kCreate:
      return create_domain(statement, ctx);
    case Kind::kDrop:
      return drop_domains(statement, ctx);
    case Kind::kSetDefault:
    case Kind::kDropDefault:
    case Kind::kSetNotNull:
    case Kind::kDropNotNull:
    case Kind::kAddConstraint:
    case Kind::kDropConstraint:
    case Kind::kValidateConstraint:
    case Kind::kRename:
    case Kind::kRenameConstraint:
    case Kind::kOwner:
      return alter_domain(statement, ctx);
  }
  return {};
}

}  // namespace heliosdb::engine

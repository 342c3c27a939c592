#include "engine/exec/type_ddl.hpp"

#include <algorithm>
#include <cctype>

#include "engine/common/db_error.hpp"
#include "engine/common/identifier.hpp"
#include "engine/exec/catalog_object_names.hpp"
#include "engine/exec/default_privileges.hpp"
#include "engine/exec/function_ddl.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/sql_function_call.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/stored_expressions.hpp"
#include "engine/types/enum_type.hpp"

namespace heliosdb::engine {

namespace {

using Kind = ast::TypeStmt::Kind;

// The enum type an ALTER TYPE names, which only its owner may change.
EnumDef existing_enum(const std::vector<std::string>& names, ExecContext& ctx) {
  if (auto def = ctx.object_names.find_enum(names)) {
    require_owner(ctx, def->owner, "type", def->name);
    return *def;
  }
  if (ctx.object_names.find_domain(names)) {
    throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: ALTER TYPE of a domain (ALTER DOMAIN does it)");
  }
  // A built-in type by its pg_type name (int4, not integer) is no enum.
  if (names.size() == 1 || (names.size() == 2 && names[0] == "pg_catalog")) {
    for (std::uint8_t i = 0; i <= static_cast<std::uint8_t>(TypeId::kRegtype); ++i) {
      const auto id = static_cast<TypeId>(i);
      if (type_internal_name(id) == names.back()) {
        throw DbError(sqlstate::kWrongObjectType, type_display_name({id, -1}) + " is not an enum");
      }
    }
  }
  throw_no_such_type(names);
}

// The built-in type DROP TYPE's names mean (as a type name in SQL: integer is int4), if any.
std::optional<SqlType> builtin_type(const std::vector<std::string>& names) {
  ast::TypeName type;
  type.names = names;
  try {
    const SqlType found = resolve_type_name(type);
    if (found.enum_oid == 0) return found;
  } catch (const DbError& e) {
    if (e.state() != sqlstate::kUndefinedObject && e.state() != sqlstate::kFeatureNotSupported) throw;
  }
  return std::nullopt;
}

void check_label(const std::string& label) {
  if (label.size() > kMaxEnumLabelBytes) {
    throw DbError(sqlstate::kInvalidName, "invalid enum label \"" + label + "\"")
        .with_detail("Labels must be " + std::to_string(kMaxEnumLabelBytes) + " bytes or less.");
  }
}

std::string quoted_literal(const std::string& label) {
  std::string out = "'";
  for (char c : label) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

QueryResult create_enum(const ast::TypeStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "CREATE TYPE";
  const std::vector<std::string>& names = statement.names.front();
  const ast::RangeVar place = object_to_create(ctx, names, "types");
  EnumDef def;
  def.schema = place.schema;
  def.name = place.name;
  def.owner = role_oid(std::nullopt, ctx);
  def.acl = initial_acl(ctx, AclObject::kType, static_cast<std::uint32_t>(def.owner), def.schema);
  for (const std::string& label : statement.labels) check_label(label);
  double order = 0;
  for (const std::string& label : statement.labels) def.labels.push_back({0, ++order, label});
  def = ctx.catalog.create_enum(def);
  // The labels' unique index in PostgreSQL is what refuses a repeated one.
  for (std::size_t i = 0; i < def.labels.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (def.labels[i].label != def.labels[j].label) continue;
      throw DbError(sqlstate::kUniqueViolation,
                    "duplicate key value violates unique constraint \"pg_enum_typid_label_index\"")
          .with_detail("Key (enumtypid, enumlabel)=(" + std::to_string(def.oid) + ", " + def.labels[i].label +
                       ") already exists.");
    }
  }
  ctx.object_names.forget_types();
  return result;
}

// The columns of tables whose type is `def` or an array of it, as (table, column).
std::vector<std::pair<TableDef, std::string>> columns_using(const EnumDef& def, ExecContext& ctx) {
  std::vector<std::pair<TableDef, std::string>> out;
  for (TableDef& t : ctx.catalog.tables()) {
    for (const ColumnDef& c : t.columns) {
      if (c.type.enum_oid == def.oid) out.emplace_back(t, c.name);
    }
  }
  return out;
}

QueryResult drop_types(const ast::TypeStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "DROP TYPE";
  std::vector<EnumDef> found;
  for (const std::vector<std::string>& names : statement.names) {
    if (auto def = ctx.object_names.find_enum(names)) {
      require_owner(ctx, def->owner, "type", def->name);
      found.push_back(*def);
    } else if (ctx.object_names.find_domain(names)) {
      throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: DROP TYPE of a domain (DROP DOMAIN does it)");
    } else if (std::optional<SqlType> builtin = builtin_type(names)) {
      throw DbError(sqlstate::kDependentObjectsStillExist, "cannot drop type " + type_display_name(*builtin) +
                                                               " because it is required by the database system");
    } else if (statement.if_exists) {
      result.notices.push_back(
          {"NOTICE", "00000", "type \"" + written_name(names) + "\" does not exist, skipping", {}});
    } else {
      throw_no_such_type(names);
    }
  }
  std::vector<std::string> cascaded;
  std::vector<std::pair<TableDef, std::string>> dropped_columns;
  for (const EnumDef& def : found) {
    for (auto& [table, column] : columns_using(def, ctx)) {
      const std::string what =
          "column " + quote_identifier(column) + " of table " + visible_relation_name(ctx, table.schema, table.name);
      if (!statement.cascade) {
        throw DbError(sqlstate::kDependentObjectsStillExist, "cannot drop type " +
                                                                 type_display_name({TypeId::kEnum, -1, def.oid}) +
                                                                 " because other objects depend on it")
            .with_detail(what + " depends on type " + type_display_name({TypeId::kEnum, -1, def.oid}))
            .with_hint("Use DROP ... CASCADE to drop the dependent objects too.");
      }
      cascaded.push_back(what);
      dropped_columns.emplace_back(std::move(table), std::move(column));
    }
  }
  std::vector<FunctionDef> dropped_functions;
  for (const EnumDef& def : found) {
    for (const FunctionDef& f : ctx.catalog.functions()) {
      if (!function_uses_type(f, def.oid)) continue;
      const std::string what = "function " + function_signature_text(f);
      const std::string name = type_display_name({TypeId::kEnum, -1, def.oid});
      if (!statement.cascade) {
        throw DbError(sqlstate::kDependentObjectsStillExist,
                      "cannot drop type " + name + " because other objects depend on it")
            .with_detail(what + " depends on type " + name)
            .with_hint("Use DROP ... CASCADE to drop the dependent objects too.");
      }
      if (std::any_of(dropped_functions.begin(), dropped_functions.end(),
                      [&](const FunctionDef& d) { return d.oid == f.oid; })) {
        continue;
      }
      cascaded.push_back(what);
      dropped_functions.push_back(f);
    }
  }
  for (const EnumDef& def : found) {
    for (const DomainDef& d : ctx.catalog.domains()) {
      if (d.base.enum_oid != def.oid) continue;
      const std::string name = type_display_name({TypeId::kEnum, -1, def.oid});
      if (statement.cascade) {
        throw DbError(sqlstate::kFeatureNotSupported,
                      "not supported yet: DROP TYPE ... CASCADE of a domain's base type");
      }
      throw DbError(sqlstate::kDependentObjectsStillExist,
                    "cannot drop type " + name + " because other objects depend on it")
          .with_detail("type " + type_display_name({d.base.id, -1, d.base.enum_oid, d.oid}) + " depends on type " +
                       name)
          .with_hint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
  }
  for (const EnumDef& def : found) {
    // What names the type in a stored expression would depend on it in PostgreSQL.
    for (const std::string& text : stored_expressions(ctx, def.oid)) {
      if (names_word(text, def.name)) {
        throw DbError(sqlstate::kFeatureNotSupported,
                      "not supported yet: dropping an enum type that a view, constraint, index or default names");
      }
    }
  }
  add_drop_cascade_notice(result, cascaded);
  for (const auto& [table, column] : dropped_columns) {
    ast::AlterTableStmt alter;
    alter.table.schema = table.schema;
    alter.table.name = table.name;
    alter.commands.emplace_back(ast::AlterTableStmt::DropColumn{column, false, true});
    run_alter_table(alter, ctx);
  }
  for (const FunctionDef& f : dropped_functions) ctx.catalog.drop_function(f);
  for (const EnumDef& def : found) ctx.catalog.drop_enum(def);
  ctx.object_names.forget_types();
  return result;
}

// PostgreSQL's AddEnumLabel: the new label goes last, or between its
// neighbour and the label next to it, at the midpoint of their sort orders.
QueryResult add_value(const ast::TypeStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "ALTER TYPE";
  EnumDef def = existing_enum(statement.names.front(), ctx);
  const EnumDef old = def;
  const std::string& label = statement.labels.front();
  check_label(label);
  auto at = [&](const std::string& l) {
    return std::find_if(def.labels.begin(), def.labels.end(), [&](const EnumDef::Label& x) { return x.label == l; });
  };
  if (at(label) != def.labels.end()) {
    const std::string message = "enum label \"" + label + "\" already exists";
    if (!statement.if_not_exists) throw DbError(sqlstate::kDuplicateObject, message);
    result.notices.push_back({"NOTICE", "42710", message + ", skipping", {}});
    return result;
  }
  std::size_t position = def.labels.size();
  double order = def.labels.empty() ? 1 : def.labels.back().sort_order + 1;
  if (!statement.neighbor.empty()) {
    auto neighbor = at(statement.neighbor);
    if (neighbor == def.labels.end()) {
      throw DbError(sqlstate::kInvalidParameterValue, "\"" + statement.neighbor + "\" is not an existing enum label");
    }
    const auto index = static_cast<std::size_t>(neighbor - def.labels.begin());
    position = statement.before ? index : index + 1;
    const bool has_below = position > 0, has_above = position < def.labels.size();
    if (!has_below) {
      order = def.labels.front().sort_order - 1;
    } else if (!has_above) {
      order = def.labels.back().sort_order + 1;
    } else {
      const double below = def.labels[position - 1].sort_order, above = def.labels[position].sort_order;
      order = (below + above) / 2;
      // PostgreSQL renumbers the labels then; ours are in stored index keys, so they stay.
      if (!(order > below && order < above)) {
        throw DbError(sqlstate::kFeatureNotSupported,
                      "not supported yet: this many enum labels added between the same two");
      }
    }
  }
  std::uint32_t label_oid = ctx.catalog.allocate_oid();
  def.labels.insert(def.labels.begin() + static_cast<std::ptrdiff_t>(position), {label_oid, order, label, true});
  ctx.catalog.update_enum(old, def);
  ctx.object_names.forget_types();
  return result;
}

QueryResult rename_value(const ast::TypeStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "ALTER TYPE";
  EnumDef def = existing_enum(statement.names.front(), ctx);
  const EnumDef old = def;
  check_label(statement.new_name);
  auto at = [&](const std::string& l) {
    return std::find_if(def.labels.begin(), def.labels.end(), [&](const EnumDef::Label& x) { return x.label == l; });
  };
  auto from = at(statement.neighbor);
  if (from == def.labels.end()) {
    throw DbError(sqlstate::kInvalidParameterValue, "\"" + statement.neighbor + "\" is not an existing enum label");
  }
  if (at(statement.new_name) != def.labels.end()) {
    throw DbError(sqlstate::kDuplicateObject, "enum label \"" + statement.new_name + "\" already exists");
  }
  // Stored expressions keep labels as text: one that may name this label
  // would read another (or none) after the rename.
  const std::string old_literal = quoted_literal(statement.neighbor);
  for (const std::string& text : stored_expressions(ctx, def.oid)) {
    if (text.find(old_literal) != std::string::npos) {
      throw DbError(sqlstate::kFeatureNotSupported,
                    "not supported yet: renaming an enum label that a view, constraint, index or default names");
    }
  }
  // Columns of this type whose default is this label take the new one.
  for (const TableDef& t : ctx.catalog.tables()) {
    TableDef updated = t;
    bool changed = false;
    for (ColumnDef& c : updated.columns) {
      if (c.type.enum_oid == def.oid && c.default_expr == old_literal) {
        c.default_expr = c.default_text = quoted_literal(statement.new_name);
        changed = true;
      }
    }
    if (changed) ctx.catalog.update_table(t, updated);
  }
  from->label = statement.new_name;
  ctx.catalog.update_enum(old, def);
  ctx.object_names.forget_types();
  return result;
}

QueryResult rename_type(const ast::TypeStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "ALTER TYPE";
  EnumDef def = existing_enum(statement.names.front(), ctx);
  const EnumDef old = def;
  for (const std::string& text : stored_expressions(ctx, def.oid)) {
    if (names_word(text, def.name)) {
      throw DbError(sqlstate::kFeatureNotSupported,
                    "not supported yet: renaming an enum type that a view, constraint, index or default names");
    }
  }
  def.name = statement.new_name;
  ctx.catalog.update_enum(old, def);
  ctx.object_names.forget_types();
  return result;
}

QueryResult change_owner(const ast::TypeStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "ALTER TYPE";
  EnumDef def = existing_enum(statement.names.front(), ctx);
  const EnumDef old = def;
  def.owner = role_oid(statement.role, ctx);
  if (owner_oid(def.owner) == owner_oid(old.owner)) return result;
  check_owner_change(ctx, old.owner, owner_oid(def.owner), "type", def.name, def.schema);
  if (def.acl) acl_change_owner(*def.acl, owner_oid(old.owner), owner_oid(def.owner));
  ctx.catalog.update_enum(old, def);
  ctx.object_names.forget_types();
  return result;
}

}  // namespace

QueryResult run_type(const ast::TypeStmt& statement, ExecContext& ctx) {
  switch (statement.kind) {
    case Kind::kCreateEnum:
      return create_enum(statement, ctx);
    case Kind::kDrop:
      return drop_types(statement, ctx);
    case Kind::kAddValue:
      return add_value(statement, ctx);
    case Kind::kRenameValue:
      return rename_value(statement, ctx);
    case Kind::kRename:
      return rename_type(statement, ctx);
    case Kind::kOwner:
      return change_owner(statement, ctx);
  }
  return {};
}

}  // namespace heliosdb::engine

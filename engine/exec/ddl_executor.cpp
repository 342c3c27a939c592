// CREATE TABLE, DROP TABLE and TRUNCATE, and the pieces of a table definition ALTER TABLE shares.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/constraint_builder.hpp"
#include "engine/exec/default_privileges.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/generated_columns.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/row_codec.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/sequence_ddl.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/table_ddl.hpp"
#include "engine/exec/view_ddl.hpp"
#include "engine/parser/parser.hpp"
#include "engine/vector/index_registry.hpp"

namespace heliosdb::engine {

namespace {

// How PostgreSQL deparses a constant default (ruleutils.c's get_const_expr):
// by the literal's own type, not the column's.
std::string default_display(const BoundExpr& literal, const ColumnDef& column) {
  const Value& v = literal.constant;
  std::string text = v.is_null() ? std::string() : format_value(v);
  auto quoted = [&](const std::string& type) {
    std::string q;
    for (char c : text) q += c == '\'' ? std::string("''") : std::string(1, c);
    return "'" + q + "'::" + type;
  };
  if (v.is_null()) return "NULL::" + type_display_name({column.type.id, -1, column.type.enum_oid});
  switch (literal.type.id) {
    case TypeId::kInt4:
      return v.as_int() >= 0 ? text : quoted("integer");
    case TypeId::kNumeric:
      return text[0] == '-' ? quoted("numeric") : text;
    case TypeId::kBool:
      return v.as_bool() ? "true" : "false";
    case TypeId::kUnknown:
      return quoted(type_display_name({column.type.id, -1, column.type.enum_oid}));
    case TypeId::kInt2:
    case TypeId::kInt8:
    case TypeId::kFloat4:
    case TypeId::kFloat8:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kBytea:
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kInterval:
    case TypeId::kJson:
    case TypeId::kJsonb:
    case TypeId::kVector:
    case TypeId::kUuid:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kEnum:
    case TypeId::kRecord:
    case TypeId::kXid8:
      break;
  }
  return quoted(type_display_name({literal.type.id, -1, literal.type.enum_oid}));
}

// Whether an expression's value is the same for every row.
bool is_constant(const BoundExpr& e) {
  if (e.kind == BoundExpr::Kind::kConstant) return true;
  return (e.kind == BoundExpr::Kind::kNegate || e.kind == BoundExpr::Kind::kCast) && is_constant(*e.args[0]);
}

}  // namespace

void set_default(const ast::Constraint& k, ColumnDef& column, ExecContext* ctx) {
  const ast::Expr& expr = *k.expr;
  Binder binder = ctx != nullptr ? Binder({}, "DEFAULT", *ctx) : Binder({}, "DEFAULT");
  BoundExprPtr e = binder.bind(expr);
  if (!is_constant(*e)) {
    if (!can_cast(e->type.id, column.type.id, CastContext::kAssignment)) {
      throw at(DbError(sqlstate::kDatatypeMismatch,
                       "column \"" + column.name + "\" is of type " + type_display_name(column.type) +
                           " but default expression is of type " + type_display_name(e->type))
                   .with_hint("You will need to rewrite or cast the expression."),
               expr.location);
    }
    column.default_value.reset();
    column.default_expr = k.expr_text;
    column.default_text = k.expr_text;
    return;
  }
  column.default_expr.clear();
  if (!can_cast(e->type.id, column.type.id, CastContext::kAssignment)) {
    throw at(DbError(sqlstate::kDatatypeMismatch,
                     "column \"" + column.name + "\" is of type " + type_display_name(column.type) +
                         " but default expression is of type " + type_display_name(e->type))
                 .with_hint("You will need to rewrite or cast the expression."),
             expr.location);
  }
  column.default_text = default_display(*e, column);
  if (column.type.enum_oid != 0) {
    // An enum value is what the catalog says its label is when a row takes
    // it, so the default is kept as its label, an untyped literal that takes
    // the column's type (whatever the type's name or the search path then).
    const Value v = evaluate(*coerce(std::move(e), column.type, CastContext::kAssignment), {});
    std::string literal = "NULL";
    if (!v.is_null()) {
      literal = "'";
      for (char c : v.as_string()) literal += c == '\'' ? std::string("''") : std::string(1, c);
      literal += "'";
    }
    column.default_expr = literal;
    return;
  }
  column.default_value = evaluate(*coerce(std::move(e), column.type, CastContext::kAssignment), {});
}

namespace {

void set_primary_key(TableDef& def, const ast::Constraint& k, const std::vector<std::string>& columns, int location) {
  if (!def.primary_key.empty()) {
    throw at(DbError(sqlstate::kInvalidTableDefinition,
                     "multiple primary keys for table \"" + def.name + "\" are not allowed"),
             location);
  }
  for (const std::string& name : columns) {
    int index = def.column_index(name);
    if (index < 0) {
      throw at(DbError(sqlstate::kUndefinedColumn, "column \"" + name + "\" named in key does not exist"), location);
    }
    def.primary_key.push_back(index);
    def.columns[static_cast<std::size_t>(index)].not_null = true;  // a primary key implies NOT NULL
  }
  def.primary_key_name = k.name.empty() ? def.name + "_pkey" : k.name;
}

[[noreturn]] void not_supported(const char* what, int location) {
  throw at(DbError(sqlstate::kFeatureNotSupported, std::string("not supported yet: ") + what), location);
}

}  // namespace

ColumnDef column_as_written(const ast::ColumnDef& c) {
  ColumnDef column;
  column.name = c.name;
  column.type = is_serial_type(c.type) ? SqlType{TypeId::kInt4, -1} : resolve_type_name(c.type);
  // A domain's values are its base type's; the column keeps which domain checks them.
  column.domain_oid = column.type.domain_oid;
  column.type.domain_oid = 0;
  return column;
}

void add_table_constraint(TableDef& def, const ast::Constraint& k, const std::string& column, ExecContext& ctx) {
  switch (k.kind) {
    case ast::Constraint::Kind::kPrimaryKey:
      set_primary_key(def, k, k.columns, k.location);
      break;
    case ast::Constraint::Kind::kUnique:
      add_unique(def, k, column, ctx);
      break;
    case ast::Constraint::Kind::kCheck:
      add_check(def, k, column, ctx);
      break;
    case ast::Constraint::Kind::kForeignKey:
      add_foreign_key(def, k, column, ctx);
      break;
    case ast::Constraint::Kind::kNotNull:
    case ast::Constraint::Kind::kNull:
    case ast::Constraint::Kind::kDefault:
    case ast::Constraint::Kind::kIdentity:
    case ast::Constraint::Kind::kGenerated:
      throw at(DbError(sqlstate::kSyntaxError, "misplaced column constraint"), k.location);
  }
}

void apply_column_constraints(TableDef& def, std::size_t i, const ast::ColumnDef& c, ExecContext& ctx) {
  ColumnDef& column = def.columns[i];
  bool explicit_null = false;
  // A generation expression stands alone: no DEFAULT, no identity, written
  // once (PostgreSQL 15 docs, 5.3). It is known before the other constraints,
  // which may depend on it (a foreign key's actions).
  bool has_default = !column.default_expr.empty();  // a SERIAL's
  bool has_identity = false;
  int last_location = c.location;
  for (const ast::Constraint& k : c.constraints) {
    has_default = has_default || k.kind == ast::Constraint::Kind::kDefault;
    has_identity = has_identity || k.kind == ast::Constraint::Kind::kIdentity;
    if (k.kind != ast::Constraint::Kind::kGenerated) continue;
    if (column.is_generated()) {
      throw at(DbError(sqlstate::kSyntaxError, "multiple generation clauses specified for column \"" + column.name +
                                                   "\" of table \"" + def.name + "\""),
               k.location);
    }
    column.generated = k.expr_text;  // checked once every column is there (check_generation_expressions)
    last_location = k.location;
  }
  auto both = [&](const char* what) {
    return at(DbError(sqlstate::kSyntaxError, std::string("both ") + what + " specified for column \"" + column.name +
                                                  "\" of table \"" + def.name + "\""),
              last_location);
  };
  if (column.is_generated() && has_default) throw both("default and generation expression");
  if (column.is_generated() && has_identity) throw both("identity and generation expression");
  for (const ast::Constraint& k : c.constraints) {
    switch (k.kind) {
      case ast::Constraint::Kind::kNotNull:
        if (explicit_null) {
          throw at(DbError(sqlstate::kSyntaxError, "conflicting NULL/NOT NULL declarations for column \"" +
                                                       column.name + "\" of table \"" + def.name + "\""),
                   k.location);
        }
        column.not_null = true;
        break;
      case ast::Constraint::Kind::kNull:
        if (column.not_null) {
          throw at(DbError(sqlstate::kSyntaxError, "conflicting NULL/NOT NULL declarations for column \"" +
                                                       column.name + "\" of table \"" + def.name + "\""),
                   k.location);
        }
        explicit_null = true;
        break;
      case ast::Constraint::Kind::kDefault:
        if (column.identity != 0) {
          throw at(DbError(sqlstate::kSyntaxError, "both default and identity specified for column \"" + column.name +
                                                       "\" of table \"" + def.name + "\""),
                   k.location);
        }
        set_default(k, column, &ctx);
        break;
      case ast::Constraint::Kind::kIdentity:
        if (explicit_null) {
          throw at(DbError(sqlstate::kSyntaxError, "conflicting NULL/NOT NULL declarations for column \"" +
                                                       column.name + "\" of table \"" + def.name + "\""),
                   k.location);
        }
        make_identity_column(def, i, k, ctx);
        break;
      case ast::Constraint::Kind::kGenerated:
        break;  // taken above
      case ast::Constraint::Kind::kPrimaryKey:
        set_primary_key(def, k, {column.name}, k.location);
        break;
      case ast::Constraint::Kind::kUnique:
      case ast::Constraint::Kind::kCheck:
      case ast::Constraint::Kind::kForeignKey:
        add_table_constraint(def, k, c.name, ctx);
        break;
    }
  }
}

void check_generation_expressions(const TableDef& def, std::size_t i, const ast::ColumnDef& c) {
  for (const ast::Constraint& k : c.constraints) {
    if (k.kind == ast::Constraint::Kind::kGenerated) check_generation_expression(def, i, *k.expr);
  }
}

QueryResult run_create_table(const ast::CreateTableStmt& create, ExecContext& ctx) {
  TableDef def;
  def.schema = create.temporary ? temp_schema_to_create_in(ctx, create.table) : schema_to_create_in(ctx, create.table);
  def.name = create.table.name;
  QueryResult result;
  result.command_tag = "CREATE TABLE";
  if (ctx.catalog.find_table(def.schema, def.name)) {
    if (create.if_not_exists) {
      result.notices.push_back({"NOTICE", "42P07", "relation \"" + def.name + "\" already exists, skipping", {}});
      return result;
    }
    throw at(DbError(sqlstate::kDuplicateTable, "relation \"" + def.name + "\" already exists"), create.table.location);
  }
  for (const auto& [name, value] : create.options) {
    if (name != "fillfactor") not_supported("this storage parameter", create.table.location);
  }

  std::set<std::string> names;
  for (const ast::ColumnDef& c : create.columns) {
    if (!names.insert(c.name).second) {
      throw at(DbError(sqlstate::kDuplicateColumn, "column \"" + c.name + "\" specified more than once"), c.location);
    }
    def.columns.push_back(column_as_written(c));
    require_type_usage(ctx, def.columns.back().type, def.columns.back().domain_oid);
  }
  def.primary_key_name = def.name + "_pkey";
  def.owner = actor(ctx).oid;
  def.acl = initial_acl(ctx, AclObject::kTable, def.owner, def.schema);
  // Constraints need the table's oid (a foreign key may reference the table itself).
  def.oid = ctx.catalog.allocate_oid();
  for (std::size_t i = 0; i < create.columns.size(); ++i) {
    if (is_serial_type(create.columns[i].type)) make_serial_column(def, i, create.columns[i], ctx);
  }
  for (std::size_t i = 0; i < create.columns.size(); ++i) apply_column_constraints(def, i, create.columns[i], ctx);
  for (std::size_t i = 0; i < create.columns.size(); ++i) check_generation_expressions(def, i, create.columns[i]);
  for (const ast::Constraint& k : create.constraints) add_table_constraint(def, k, {}, ctx);
  ctx.catalog.create_table(std::move(def));
  return result;
}

std::vector<std::pair<TableDef, ForeignKeyDef>> referencing_keys(ExecContext& ctx, const TableDef& table) {
  std::vector<std::pair<TableDef, ForeignKeyDef>> out;
  for (const TableDef& other : ctx.catalog.tables()) {
    if (other.oid == table.oid) continue;
    for (const ForeignKeyDef& fk : other.foreign_keys) {
      if (fk.ref_table == table.oid) out.emplace_back(other, fk);
    }
  }
  return out;
}

bool contains_table(const std::vector<TableDef>& tables, std::uint32_t oid) {
  return std::any_of(tables.begin(), tables.end(), [&](const TableDef& t) { return t.oid == oid; });
}

void add_drop_cascade_notice(QueryResult& result, const std::vector<std::string>& cascaded) {
  if (cascaded.size() == 1) {
    result.notices.push_back({"NOTICE", "00000", "drop cascades to " + cascaded[0], {}});
  } else if (!cascaded.empty()) {
    std::string detail;
    for (const std::string& what : cascaded) detail += (detail.empty() ? "" : "\n") + ("drop cascades to " + what);
    result.notices.push_back(
        {"NOTICE", "00000", "drop cascades to " + std::to_string(cascaded.size()) + " other objects", detail});
  }
}

QueryResult run_drop(const ast::DropStmt& drop, ExecContext& ctx) {
  if (drop.object == ast::DropStmt::Object::kIndex) return run_drop_index(drop, ctx);
  if (drop.object == ast::DropStmt::Object::kSequence) return run_drop_sequence(drop, ctx);
  if (drop.object == ast::DropStmt::Object::kView) return run_drop_view(drop, ctx);
  // Check every name first: DROP TABLE a, b drops both or neither.
  const bool materialized = drop.object == ast::DropStmt::Object::kMaterializedView;
  const std::string kind = materialized ? "materialized view" : "table";
  QueryResult result;
  result.command_tag = materialized ? "DROP MATERIALIZED VIEW" : "DROP TABLE";
  std::vector<TableDef> found;
  for (const ast::RangeVar& name : drop.names) {
    std::string schema = relation_schema(ctx, name.schema, name.name, true);
    auto table = ctx.catalog.find_table(schema, name.name);
    auto not_a = [&] { return DbError(sqlstate::kWrongObjectType, "\"" + name.name + "\" is not a " + kind); };
    if (table && table->is_materialized_view() != materialized) {
      throw not_a().with_hint(materialized ? "Use DROP TABLE to remove a table."
                                           : "Use DROP MATERIALIZED VIEW to remove a materialized view.");
    } else if (table) {
      require_owner(ctx, table->owner, table->kind_name(), table->name);
      found.push_back(*table);
    } else if (ctx.catalog.find_index(schema, name.name)) {
      throw not_a().with_hint("Use DROP INDEX to remove an index.");
    } else if (ctx.catalog.find_sequence(schema, name.name)) {
      throw not_a().with_hint("Use DROP SEQUENCE to remove a sequence.");
    } else if (ctx.catalog.find_view(schema, name.name)) {
      throw not_a().with_hint("Use DROP VIEW to remove a view.");
    } else if (drop.if_exists) {
      result.notices.push_back({"NOTICE", "00000", kind + " \"" + name.name + "\" does not exist, skipping", {}});
    } else {
      throw DbError(sqlstate::kUndefinedTable, kind + " \"" + name.name + "\" does not exist");
    }
  }
  // A foreign key from a table that stays blocks the drop, or with CASCADE goes with it.
  std::vector<std::string> cascaded;
  for (const TableDef& table : found) {
    for (const auto& [child, fk] : referencing_keys(ctx, table)) {
      if (contains_table(found, child.oid)) continue;
      std::string what = "constraint " + fk.name + " on table " + child.name;
      if (!drop.cascade) {
        throw DbError(sqlstate::kDependentObjectsStillExist,
                      "cannot drop table " + table.name + " because other objects depend on it")
            .with_detail(what + " depends on table " + table.name)
            .with_hint("Use DROP ... CASCADE to drop the dependent objects too.");
      }
      cascaded.push_back(what);
      TableDef updated = *ctx.catalog.find_table(child.oid);
      std::erase_if(updated.foreign_keys, [&](const ForeignKeyDef& f) { return f.name == fk.name; });
      ctx.catalog.update_table(updated, updated);
    }
  }
  std::vector<std::pair<std::uint32_t, std::string>> dropping;
  for (const TableDef& table : found) dropping.emplace_back(table.oid, kind + " " + table.name);
  drop_dependent_views(ctx, std::move(dropping), drop.cascade, cascaded);
  add_drop_cascade_notice(result, cascaded);
  for (const TableDef& table : found) {
    ctx.catalog.drop_table(table);
    drop_owned_sequences(ctx, table);
    // A rollback brings the table back; its indexes are then rebuilt at first use.
    VectorIndexRegistry::of(ctx).forget_table(ctx.txn.branch(), table);
  }
  return result;
}

QueryResult run_truncate(const ast::TruncateStmt& truncate, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "TRUNCATE TABLE";
  std::vector<TableDef> tables;
  for (const ast::RangeVar& range : truncate.tables) {
    tables.push_back(*ctx.require_table(range.schema, range.name, range.location));
    if (tables.back().materialized) {
      throw DbError(sqlstate::kWrongObjectType, "\"" + range.name + "\" is not a table");
    }
    require_table_privileges(ctx, tables.back(), privilege::kTruncate);
  }
  // Rows referenced from a table that keeps its rows may not go.
  for (std::size_t i = 0; i < tables.size(); ++i) {
    for (const auto& [child, fk] : referencing_keys(ctx, tables[i])) {
      if (contains_table(tables, child.oid)) continue;
      if (!truncate.cascade) {
        throw DbError(sqlstate::kFeatureNotSupported, "cannot truncate a table referenced in a foreign key constraint")
            .with_detail("Table \"" + child.name + "\" references \"" + tables[i].name + "\".")
            .with_hint("Truncate table \"" + child.name + "\" at the same time, or use TRUNCATE ... CASCADE.");
      }
      result.notices.push_back({"NOTICE", "00000", "truncate cascades to table \"" + child.name + "\"", {}});
      tables.push_back(child);
    }
  }
  for (const TableDef& table : tables) {
    ctx.catalog.delete_rows(table);
    if (truncate.restart_identity) restart_owned_sequences(ctx, table);
    // Rebuilt from the rows on the next search, whether this commits or not.
    VectorIndexRegistry::of(ctx).forget_table(ctx.txn.branch(), table);
  }
  return result;
}

}  // namespace heliosdb::engine

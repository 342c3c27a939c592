#include "engine/exec/sequence_ddl.hpp"

#include <limits>
#include <optional>
#include <set>

#include "engine/common/db_error.hpp"
#include "engine/common/identifier.hpp"
#include "engine/exec/constraint_builder.hpp"
#include "engine/exec/default_privileges.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/sequence_ops.hpp"
#include "engine/exec/statements.hpp"
#include "engine/parser/parser.hpp"

namespace heliosdb::engine {

namespace {

std::int64_t type_max(TypeId t) {
  return t == TypeId::kInt2   ? std::numeric_limits<std::int16_t>::max()
         : t == TypeId::kInt4 ? std::numeric_limits<std::int32_t>::max()
                              : std::numeric_limits<std::int64_t>::max();
}
std::int64_t type_min(TypeId t) {
  return t == TypeId::kInt2   ? std::numeric_limits<std::int16_t>::min()
         : t == TypeId::kInt4 ? std::numeric_limits<std::int32_t>::min()
                              : std::numeric_limits<std::int64_t>::min();
}

[[noreturn]] void invalid(const std::string& message) { throw DbError(sqlstate::kInvalidParameterValue, message); }

std::int64_t option_integer(const ast::SequenceOption& option) {
  const std::string& text = *option.value;
  try {
    std::size_t used = 0;
    long long v = std::stoll(text, &used);
    if (used == text.size()) return v;
  } catch (const std::exception&) {
  }
  throw DbError(sqlstate::kNumericValueOutOfRange, "value \"" + text + "\" is out of range for type bigint");
}

// The options of one statement, each at most once.
struct Options {
  std::map<std::string, const ast::SequenceOption*> by_name;

  explicit Options(const std::vector<ast::SequenceOption>& options) {
    for (const ast::SequenceOption& option : options) {
      if (!by_name.emplace(option.name, &option).second) {
        throw at(DbError(sqlstate::kSyntaxError, "conflicting or redundant options"), option.location);
      }
    }
  }
  const ast::SequenceOption* get(const std::string& name) const {
    auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : it->second;
  }
};

// PostgreSQL's init_params(): applies the options to `def` (a new sequence
// when `creating`) and says where the value restarts, if it does.
std::optional<std::int64_t> apply_options(SequenceDef& def, const Options& options, bool creating) {
  const TypeId old_type = def.type;
  if (const auto* as = options.get("as")) {
    SqlType type = resolve_type_name(*as->type);
    if (type.id != TypeId::kInt2 && type.id != TypeId::kInt4 && type.id != TypeId::kInt8) {
      invalid("sequence type must be smallint, integer, or bigint");
    }
    def.type = type.id;
  }
  // A bound left at the old type's limit follows the new type.
  const bool reset_max = def.type != old_type && def.max == type_max(old_type);
  const bool reset_min = def.type != old_type && def.min == type_min(old_type);
  if (const auto* inc = options.get("increment")) {
    def.increment = option_integer(*inc);
    if (def.increment == 0) invalid("INCREMENT must not be zero");
  }
  if (const auto* cycle = options.get("cycle")) def.cycle = cycle->value == "true";

  const auto* max = options.get("maxvalue");
  if (max != nullptr && max->value) {
    def.max = option_integer(*max);
  } else if (creating || max != nullptr || reset_max) {
    def.max = def.increment > 0 || reset_max ? type_max(def.type) : -1;
  }
  const auto* min = options.get("minvalue");
  if (min != nullptr && min->value) {
    def.min = option_integer(*min);
  } else if (creating || min != nullptr || reset_min) {
    def.min = def.increment < 0 || reset_min ? type_min(def.type) : 1;
  }
  const std::string type_name = type_display_name({def.type, -1});
  if (def.max < type_min(def.type) || def.max > type_max(def.type)) {
    invalid("MAXVALUE (" + std::to_string(def.max) + ") is out of range for sequence data type " + type_name);
  }
  if (def.min < type_min(def.type) || def.min > type_max(def.type)) {
    invalid("MINVALUE (" + std::to_string(def.min) + ") is out of range for sequence data type " + type_name);
  }
  if (def.min >= def.max) {
    invalid("MINVALUE (" + std::to_string(def.min) + ") must be less than MAXVALUE (" + std::to_string(def.max) + ")");
  }
  if (const auto* start = options.get("start"); start != nullptr && start->value) {
    def.start = option_integer(*start);
  } else if (creating) {
    def.start = def.increment > 0 ? def.min : def.max;
  }
  if (def.start < def.min) {
    invalid("START value (" + std::to_string(def.start) + ") cannot be less than MINVALUE (" + std::to_string(def.min) +
            ")");
  }
  if (def.start > def.max) {
    invalid("START value (" + std::to_string(def.start) + ") cannot be greater than MAXVALUE (" +
            std::to_string(def.max) + ")");
  }
  std::optional<std::int64_t> restart;
  if (const auto* r = options.get("restart")) restart = r->value ? option_integer(*r) : def.start;
  if (restart && *restart < def.min) {
    invalid("RESTART value (" + std::to_string(*restart) + ") cannot be less than MINVALUE (" +
            std::to_string(def.min) + ")");
  }
  if (restart && *restart > def.max) {
    invalid("RESTART value (" + std::to_string(*restart) + ") cannot be greater than MAXVALUE (" +
            std::to_string(def.max) + ")");
  }
  if (const auto* cache = options.get("cache")) {
    def.cache = option_integer(*cache);
    if (def.cache <= 0) invalid("CACHE (" + std::to_string(def.cache) + ") must be greater than zero");
  }
  return restart;
}

// OWNED BY table.column | NONE.
void apply_owner(SequenceDef& def, const Options& options, ExecContext& ctx) {
  const auto* owned = options.get("owned_by");
  if (owned == nullptr) return;
  const auto& names = owned->names;
  if (names.size() == 1 && names[0] == "none") {
    def.owner_table = 0;
    def.owner_column = -1;
    return;
  }
  if (names.size() < 2 || names.size() > 3) {
    throw DbError(sqlstate::kSyntaxError, "invalid OWNED BY option")
        .with_hint("Specify OWNED BY table.column or OWNED BY NONE.");
  }
  const std::string schema = names.size() == 3 ? names[0] : def.schema;
  const std::string& table_name = names[names.size() - 2];
  auto table = ctx.catalog.find_table(schema, table_name);
  if (!table) {
    if (ctx.catalog.relation_exists(schema, table_name)) {
      throw DbError(sqlstate::kWrongObjectType, "referenced relation \"" + table_name + "\" is not a table");
    }
    throw DbError(sqlstate::kUndefinedTable, "relation \"" + table_name + "\" does not exist");
  }
  if (table->schema != def.schema) {
    throw DbError(sqlstate::kObjectNotInPrerequisiteState, "sequence must be in same schema as table it is linked to");
  }
  int column = table->column_index(names.back());
  if (column < 0) {
    throw DbError(sqlstate::kUndefinedColumn,
                  "column \"" + names.back() + "\" of relation \"" + table_name + "\" does not exist");
  }
  def.owner_table = table->oid;
  def.owner_column = column;
}

}  // namespace

// Evaluated by name, so the name has its schema, whatever the search path of
// the inserting session (pg_attrdef shows it as regclass would print it).
std::string nextval_call(const SequenceDef& sequence) {
  const std::string name = quote_identifier(sequence.schema) + "." + quote_identifier(sequence.name);
  std::string quoted;
  for (char ch : name) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
  return "nextval('" + quoted + "'::regclass)";
}

std::optional<SequenceDef> default_sequence_of(ExecContext& ctx, const ColumnDef& c) {
  std::optional<std::string> name = default_sequence(c.default_expr);
  if (!name) return std::nullopt;
  try {
    return resolve_sequence(ctx, *name);
  } catch (const DbError&) {
    return std::nullopt;
  }
}

std::optional<std::string> default_sequence(const std::string& default_expr) {
  if (default_expr.empty()) return std::nullopt;
  ast::ExprPtr expr = parser::parse_expression(default_expr);
  const auto* call = std::get_if<ast::FuncCall>(&expr->node);
  if (call == nullptr || call->name.back() != "nextval" || call->args.size() != 1) return std::nullopt;
  const ast::Expr* arg = call->args[0].get();
  if (const auto* cast = std::get_if<ast::Cast>(&arg->node)) arg = cast->arg.get();
  const auto* literal = std::get_if<ast::Literal>(&arg->node);
  if (literal == nullptr || literal->kind != ast::Literal::Kind::kString) return std::nullopt;
  return literal->text;
}

namespace {

// The columns whose default uses the sequence `def`.
std::vector<std::pair<TableDef, int>> dependent_defaults(ExecContext& ctx, const SequenceDef& def) {
  std::vector<std::pair<TableDef, int>> out;
  for (const TableDef& table : ctx.catalog.tables()) {
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      auto name = default_sequence(table.columns[i].default_expr);
      if (!name) continue;
      try {
        if (resolve_sequence(ctx, *name).oid == def.oid) out.emplace_back(table, static_cast<int>(i));
      } catch (const DbError&) {
      }
    }
  }
  return out;
}

QueryResult create_sequence(const ast::SequenceStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "CREATE SEQUENCE";
  SequenceDef def;
  def.schema = schema_to_create_in(ctx, statement.name);
  def.name = statement.name.name;
  if (ctx.catalog.relation_exists(def.schema, def.name)) {
    if (statement.if_not_exists) {
      result.notices.push_back({"NOTICE", "42P07", "relation \"" + def.name + "\" already exists, skipping", {}});
      return result;
    }
    throw DbError(sqlstate::kDuplicateTable, "relation \"" + def.name + "\" already exists");
  }
  Options options(statement.options);
  auto restart = apply_options(def, options, true);
  if (restart) def.start = *restart;
  apply_owner(def, options, ctx);
  def.owner = actor(ctx).oid;
  def.acl = initial_acl(ctx, AclObject::kSequence, def.owner, def.schema);
  ctx.catalog.create_sequence(def);
  return result;
}

QueryResult alter_sequence(const ast::SequenceStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "ALTER SEQUENCE";
  const std::string schema = relation_schema(ctx, statement.name.schema, statement.name.name);
  auto found = ctx.catalog.find_sequence(schema, statement.name.name);
  if (!found) {
    if (ctx.catalog.relation_exists(schema, statement.name.name)) {
      throw DbError(sqlstate::kWrongObjectType, "\"" + statement.name.name + "\" is not a sequence");
    }
    if (statement.if_exists) {
      result.notices.push_back(
          {"NOTICE", "00000", "relation \"" + statement.name.name + "\" does not exist, skipping", {}});
      return result;
    }
    throw at(DbError(sqlstate::kUndefinedTable, "relation \"" + statement.name.name + "\" does not exist"),
             statement.name.location);
  }
  require_owner(ctx, found->owner, "sequence", found->name);
  release_sequence_reservation(ctx, *found);
  SequenceDef def = *found;
  Options options(statement.options);
  auto restart = apply_options(def, options, false);
  apply_owner(def, options, ctx);
  if (!restart) {
    // The current value must lie inside the new bounds.
    std::int64_t last = sequence_state(ctx, *found).last_value;
    if (last < def.min) {
      invalid("RESTART value (" + std::to_string(last) + ") cannot be less than MINVALUE (" + std::to_string(def.min) +
              ")");
    }
    if (last > def.max) {
      invalid("RESTART value (" + std::to_string(last) + ") cannot be greater than MAXVALUE (" +
              std::to_string(def.max) + ")");
    }
  }
  ctx.catalog.update_sequence(def);
  if (restart) sequence_setval(ctx, def, *restart, false);
  return result;
}

}  // namespace

QueryResult run_sequence(const ast::SequenceStmt& statement, ExecContext& ctx) {
  return statement.alter ? alter_sequence(statement, ctx) : create_sequence(statement, ctx);
}

QueryResult run_drop_sequence(const ast::DropStmt& drop, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "DROP SEQUENCE";
  std::vector<SequenceDef> found;
  for (const ast::RangeVar& name : drop.names) {
    const std::string schema = relation_schema(ctx, name.schema, name.name, true);
    if (auto def = ctx.catalog.find_sequence(schema, name.name)) {
      require_owner(ctx, def->owner, "sequence", def->name);
      found.push_back(*def);
    } else if (ctx.catalog.relation_exists(schema, name.name)) {
      throw DbError(sqlstate::kWrongObjectType, "\"" + name.name + "\" is not a sequence")
          .with_hint(ctx.catalog.find_table(schema, name.name) ? "Use DROP TABLE to remove a table."
                                                               : "Use DROP INDEX to remove an index.");
    } else if (drop.if_exists) {
      result.notices.push_back({"NOTICE", "00000", "sequence \"" + name.name + "\" does not exist, skipping", {}});
    } else {
      throw DbError(sqlstate::kUndefinedTable, "sequence \"" + name.name + "\" does not exist");
    }
  }
  std::vector<std::string> cascaded;
  for (const SequenceDef& def : found) {
    for (auto& [table, column] : dependent_defaults(ctx, def)) {
      std::string what = "default value for column " + table.columns[static_cast<std::size_t>(column)].name +
                         " of table " + table.name;
      if (!drop.cascade) {
        throw DbError(sqlstate::kDependentObjectsStillExist,
                      "cannot drop sequence " + def.name + " because other objects depend on it")
            .with_detail(what + " depends on sequence " + def.name)
            .with_hint("Use DROP ... CASCADE to drop the dependent objects too.");
      }
      cascaded.push_back(what);
      TableDef updated = *ctx.catalog.find_table(table.oid);
      ColumnDef& c = updated.columns[static_cast<std::size_t>(column)];
      c.default_expr.clear();
      c.default_text.clear();
      c.default_value.reset();
      ctx.catalog.update_table(updated, updated);
    }
  }
  add_drop_cascade_notice(result, cascaded);
  for (const SequenceDef& def : found) ctx.catalog.drop_sequence(def);
  return result;
}

bool is_serial_type(const ast::TypeName& type) {
  static const std::set<std::string> kSerial = {"smallserial", "serial2", "serial", "serial4", "bigserial", "serial8"};
  return type.names.size() == 1 && type.array_dims == 0 && type.modifiers.empty() && kSerial.count(type.names[0]) > 0;
}

void make_serial_column(TableDef& def, std::size_t column, const ast::ColumnDef& c, ExecContext& ctx) {
  for (const ast::Constraint& k : c.constraints) {
    if (k.kind == ast::Constraint::Kind::kDefault) {
      throw at(DbError(sqlstate::kSyntaxError,
                       "multiple default values specified for column \"" + c.name + "\" of table \"" + def.name + "\""),
               k.location);
    }
  }
  const std::string& written = c.type.names[0];
  const TypeId type = written == "smallserial" || written == "serial2" ? TypeId::kInt2
                      : written == "bigserial" || written == "serial8" ? TypeId::kInt8
                                                                       : TypeId::kInt4;
  SequenceDef seq;
  seq.schema = def.schema;
  seq.name = choose_name(def.name, {c.name}, "seq", [&](const std::string& name) {
    return name == def.name || ctx.catalog.relation_exists(def.schema, name);
  });
  seq.type = type;
  seq.max = type_max(type);
  seq.owner_table = def.oid;
  seq.owner_column = static_cast<int>(column);
  seq.owner = def.owner;
  seq.acl = initial_acl(ctx, AclObject::kSequence, seq.owner, seq.schema);
  ctx.catalog.create_sequence(seq);

  ColumnDef& col = def.columns[column];
  col.type = {type, -1};
  col.not_null = true;
  col.default_expr = nextval_call(seq);
  col.default_text = col.default_expr;
  col.default_value.reset();
}

void make_identity_column(TableDef& def, std::size_t column, const ast::Constraint& k, ExecContext& ctx) {
  ColumnDef& col = def.columns[column];
  const TypeId type = col.type.id;
  if (type != TypeId::kInt2 && type != TypeId::kInt4 && type != TypeId::kInt8) {
    throw DbError(sqlstate::kInvalidParameterValue, "identity column type must be smallint, integer, or bigint");
  }
  if (col.identity != 0) {
    throw at(DbError(sqlstate::kSyntaxError,
                     "multiple identity specifications for column \"" + col.name + "\" of table \"" + def.name + "\""),
             k.location);
  }
  if (col.default_value || !col.default_expr.empty()) {
    throw at(DbError(sqlstate::kSyntaxError, "both default and identity specified for column \"" + col.name +
                                                 "\" of table \"" + def.name + "\""),
             k.location);
  }
  SequenceDef seq;
  seq.schema = def.schema;
  std::vector<ast::SequenceOption> options;
  for (const ast::SequenceOption& option : k.sequence_options) {
    if (option.name != "sequence_name") {
      options.push_back(option);
      continue;
    }
    // SEQUENCE NAME [schema.]name, as pg_dump writes it.
    if (option.names.size() == 2 && option.names[0] != def.schema) {
      throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: schemas other than public");
    }
    seq.name = option.names.back();
    if (ctx.catalog.relation_exists(def.schema, seq.name)) {
      throw DbError(sqlstate::kDuplicateTable, "relation \"" + seq.name + "\" already exists");
    }
  }
  if (seq.name.empty()) {
    seq.name = choose_name(def.name, {col.name}, "seq", [&](const std::string& name) {
      return name == def.name || ctx.catalog.relation_exists(def.schema, name);
    });
  }
  seq.type = type;
  Options parsed(options);
  if (parsed.get("as") != nullptr) {
    throw DbError(sqlstate::kSyntaxError, "identity column sequence options may not include AS");
  }
  auto restart = apply_options(seq, parsed, true);
  if (restart) seq.start = *restart;
  seq.owner_table = def.oid;
  seq.owner_column = static_cast<int>(column);
  seq.owner = def.owner;
  seq.acl = initial_acl(ctx, AclObject::kSequence, seq.owner, seq.schema);
  ctx.catalog.create_sequence(seq);
  col.identity = k.identity;
  col.not_null = true;
  col.default_expr = nextval_call(seq);
  col.default_text.clear();  // an identity shows no default
  col.default_value.reset();
}

std::optional<SequenceDef> identity_sequence(ExecContext& ctx, const TableDef& table, int column) {
  for (const SequenceDef& seq : ctx.catalog.sequences()) {
    if (seq.owner_table == table.oid && seq.owner_column == column) return seq;
  }
  return std::nullopt;
}

void alter_identity_sequence(ExecContext& ctx, const SequenceDef& found,
                             const std::vector<ast::SequenceOption>& options) {
  release_sequence_reservation(ctx, found);
  SequenceDef def = found;
  auto restart = apply_options(def, Options(options), false);
  ctx.catalog.update_sequence(def);
  if (restart) sequence_setval(ctx, def, *restart, false);
}

void restart_owned_sequences(ExecContext& ctx, const TableDef& table) {
  for (const SequenceDef& seq : ctx.catalog.sequences()) {
    if (seq.owner_table != table.oid) continue;
    if (ctx.sequences != nullptr) ctx.sequences->restarted.emplace_back(seq, sequence_state(ctx, seq));
    release_sequence_reservation(ctx, seq);
    sequence_setval(ctx, seq, seq.start, false);
  }
}

void drop_owned_sequences(ExecContext& ctx, const TableDef& table) {
  for (const SequenceDef& seq : ctx.catalog.sequences()) {
    if (seq.owner_table == table.oid) ctx.catalog.drop_sequence(seq);
  }
}

}  // namespace heliosdb::engine

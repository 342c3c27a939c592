// CREATE TABLE and DROP.
#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/parser/transformer.hpp"

namespace heliosdb::engine::parser {

using namespace ast;

namespace {

// CREATE/ALTER SEQUENCE options, or an identity column's (which may name its sequence).
std::vector<SequenceOption> transform_sequence_options(PgQuery__Node* const* items, size_t n, bool identity = false) {
  std::vector<SequenceOption> out;
  for (size_t i = 0; i < n; ++i) {
    const PgQuery__DefElem& opt = *items[i]->def_elem;
    SequenceOption option;
    option.name = opt.defname;
    option.location = opt.location;
    if (opt.arg != nullptr) {
      switch (opt.arg->node_case) {
        case PG_QUERY__NODE__NODE_TYPE_NAME:
          option.type = transform_type_name(*opt.arg->type_name);
          break;
        case PG_QUERY__NODE__NODE_LIST:
          option.names = string_list(opt.arg->list->items, opt.arg->list->n_items);
          break;
        default:
          option.value = option_value(opt.arg);
      }
    }
    if ((option.name == "sequence_name" && !identity) || option.name == "logged" || option.name == "unlogged") {
      unsupported("this sequence option", opt.location);
    }
    out.push_back(std::move(option));
  }
  return out;
}

}  // namespace

Constraint transform_constraint(const PgQuery__Constraint& c) {
  const bool deferrable = c.deferrable || c.initdeferred;  // INITIALLY DEFERRED implies DEFERRABLE
  if (deferrable &&
      (c.contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY || c.contype == PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE)) {
    unsupported("DEFERRABLE primary keys and unique constraints", c.location);
  }
  Constraint out;
  out.deferrable = deferrable;
  out.initially_deferred = c.initdeferred;
  if (c.conname != nullptr) out.name = c.conname;
  out.location = c.location;
  switch (c.contype) {
    case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
      out.kind = Constraint::Kind::kNotNull;
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_NULL:
      out.kind = Constraint::Kind::kNull;
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
      out.kind = Constraint::Kind::kDefault;
      out.expr = transform_expr(c.raw_expr);
      out.expr_text = deparse_expr(*c.raw_expr);
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
    case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
      out.kind = c.contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY ? Constraint::Kind::kPrimaryKey
                                                                    : Constraint::Kind::kUnique;
      if (c.n_including > 0) unsupported("INCLUDE in a constraint", c.location);
      if (c.nulls_not_distinct) unsupported("NULLS NOT DISTINCT", c.location);
      out.columns = string_list(c.keys, c.n_keys);
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
      out.kind = Constraint::Kind::kCheck;
      if (c.is_no_inherit) unsupported("NO INHERIT", c.location);
      out.expr = transform_expr(c.raw_expr);
      out.expr_text = deparse_expr(*c.raw_expr);
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN: {
      out.kind = Constraint::Kind::kForeignKey;
      auto action = [](const char* a) { return a == nullptr || a[0] == '\0' ? 'a' : a[0]; };
      out.on_delete = action(c.fk_del_action);
      out.on_update = action(c.fk_upd_action);
      if (c.fk_matchtype != nullptr && c.fk_matchtype[0] == 'f') unsupported("MATCH FULL", c.location);
      if (c.n_fk_del_set_cols > 0) unsupported("ON DELETE SET NULL (columns)", c.location);
      out.columns = string_list(c.fk_attrs, c.n_fk_attrs);
      out.references = ForeignKeyRef{transform_range_var(*c.pktable), string_list(c.pk_attrs, c.n_pk_attrs)};
      break;
    }
    case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY:
      out.kind = Constraint::Kind::kIdentity;
      out.identity = c.generated_when != nullptr && c.generated_when[0] == 'a' ? 'a' : 'd';
      out.sequence_options = transform_sequence_options(c.options, c.n_options, true);
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED:
      // The grammar takes only GENERATED ALWAYS AS (expr) STORED (PostgreSQL 15 has no VIRTUAL).
      out.kind = Constraint::Kind::kGenerated;
      out.expr = transform_expr(c.raw_expr);
      out.expr_text = deparse_expr(*c.raw_expr);
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION:
      unsupported("EXCLUDE constraints", c.location);
    default:
      unsupported("this constraint", c.location);
  }
  return out;
}

namespace {

ColumnDef transform_column_def(const PgQuery__ColumnDef& def) {
  if (def.coll_clause != nullptr) unsupported("COLLATE", def.location);
  ColumnDef column;
  column.name = def.colname;
  column.type = transform_type_name(*def.type_name);
  column.location = def.location;
  for (size_t c = 0; c < def.n_constraints; ++c) {
    const PgQuery__Constraint& k = *def.constraints[c]->constraint;
    // DEFERRABLE and INITIALLY ... written on a column qualify the constraint before them.
    const char* clause = nullptr;
    switch (k.contype) {
      case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE:
        clause = "DEFERRABLE";
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE:
        clause = "NOT DEFERRABLE";
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED:
        clause = "INITIALLY DEFERRED";
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_IMMEDIATE:
        clause = "INITIALLY IMMEDIATE";
        break;
      default:
        column.constraints.push_back(transform_constraint(k));
        continue;
    }
    Constraint* last = column.constraints.empty() ? nullptr : &column.constraints.back();
    if (last == nullptr || last->kind != Constraint::Kind::kForeignKey) {
      if (last != nullptr && (last->kind == Constraint::Kind::kPrimaryKey || last->kind == Constraint::Kind::kUnique)) {
        unsupported("DEFERRABLE primary keys and unique constraints", k.location);
      }
      throw at(DbError(sqlstate::kSyntaxError, std::string("misplaced ") + clause + " clause"), k.location);
    }
    if (k.contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE) last->deferrable = true;
    if (k.contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE) last->deferrable = false;
    if (k.contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED) last->deferrable = last->initially_deferred = true;
    if (k.contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_IMMEDIATE) last->initially_deferred = false;
    if (last->initially_deferred && !last->deferrable) {
      throw at(DbError(sqlstate::kSyntaxError, "constraint declared INITIALLY DEFERRED must be DEFERRABLE"),
               k.location);
    }
  }
  return column;
}

}  // namespace

namespace {

// ON COMMIT DROP and DELETE ROWS are not done yet; PRESERVE ROWS is what a temporary table does anyway.
void refuse_on_commit(PgQuery__OnCommitAction action) {
  if (action == PG_QUERY__ON_COMMIT_ACTION__ONCOMMIT_DROP) unsupported("ON COMMIT DROP", -1);
  if (action == PG_QUERY__ON_COMMIT_ACTION__ONCOMMIT_DELETE_ROWS) unsupported("ON COMMIT DELETE ROWS", -1);
}

}  // namespace

CreateTableStmt transform_create_table(const PgQuery__CreateStmt& create) {
  if (create.n_inh_relations > 0) unsupported("INHERITS", -1);
  if (create.partspec != nullptr || create.partbound != nullptr) unsupported("partitioned tables", -1);
  if (create.of_typename != nullptr) unsupported("CREATE TABLE ... OF", -1);
  CreateTableStmt out;
  out.table = transform_range_var(*create.relation);
  out.temporary = create.relation->relpersistence != nullptr && create.relation->relpersistence[0] == 't';
  refuse_on_commit(create.oncommit);
  out.if_not_exists = create.if_not_exists;
  for (size_t i = 0; i < create.n_table_elts; ++i) {
    const PgQuery__Node& elt = *create.table_elts[i];
    if (elt.node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
      out.constraints.push_back(transform_constraint(*elt.constraint));
      continue;
    }
    if (elt.node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) unsupported_node(elt);
    ColumnDef column = transform_column_def(*elt.column_def);
    out.columns.push_back(std::move(column));
  }
  for (size_t i = 0; i < create.n_options; ++i) {
    const PgQuery__DefElem& opt = *create.options[i]->def_elem;
    out.options.emplace_back(opt.defname, option_value(opt.arg));
  }
  return out;
}

DropStmt transform_drop(const PgQuery__DropStmt& drop) {
  DropStmt out;
  switch (drop.remove_type) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
      out.object = DropStmt::Object::kTable;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
      out.object = DropStmt::Object::kIndex;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
      out.object = DropStmt::Object::kSequence;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
      out.object = DropStmt::Object::kView;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
      out.object = DropStmt::Object::kMaterializedView;
      break;
    default:
      unsupported("DROP of this kind of object", -1);
  }
  out.concurrently = drop.concurrent;
  out.if_exists = drop.missing_ok;
  out.cascade = drop.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  for (size_t i = 0; i < drop.n_objects; ++i) {
    std::vector<std::string> parts = string_list(drop.objects[i]->list->items, drop.objects[i]->list->n_items);
    RangeVar name;
    if (parts.size() > 2) unsupported("cross-database references", -1);
    name.name = parts.back();
    if (parts.size() == 2) name.schema = parts[0];
    out.names.push_back(std::move(name));
  }
  return out;
}

CreateIndexStmt transform_create_index(const PgQuery__IndexStmt& index) {
  CreateIndexStmt out;
  if (index.idxname != nullptr) out.name = index.idxname;
  out.table = transform_range_var(*index.relation);
  out.unique = index.unique;
  out.if_not_exists = index.if_not_exists;
  out.method = index.access_method != nullptr ? index.access_method : "btree";
  out.concurrently = index.concurrent;
  if (index.where_clause != nullptr) out.predicate = deparse_expr(*index.where_clause);
  if (index.n_index_including_params > 0) unsupported("INCLUDE in an index", out.table.location);
  if (index.nulls_not_distinct) unsupported("NULLS NOT DISTINCT", out.table.location);
  for (size_t i = 0; i < index.n_index_params; ++i) {
    const PgQuery__IndexElem& elem = *index.index_params[i]->index_elem;
    if (elem.n_opclass > 1) unsupported("schema-qualified operator classes", out.table.location);
    if (elem.n_opclassopts > 0) unsupported("operator class options", out.table.location);
    if (elem.n_collation > 0) unsupported("COLLATE", out.table.location);
    IndexColumn column;
    if (elem.n_opclass == 1) column.opclass = elem.opclass[0]->string->sval;
    if (elem.name != nullptr && elem.name[0] != '\0') {
      column.name = elem.name;
    } else {
      column.expression = deparse_expr(*elem.expr);
    }
    column.descending = elem.ordering == PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
    if (elem.nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST) column.nulls_first = true;
    if (elem.nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST) column.nulls_first = false;
    out.columns.push_back(std::move(column));
  }
  for (size_t i = 0; i < index.n_options; ++i) {
    const PgQuery__DefElem& opt = *index.options[i]->def_elem;
    out.options.emplace_back(opt.defname, option_value(opt.arg));
  }
  return out;
}

TruncateStmt transform_truncate(const PgQuery__TruncateStmt& truncate) {
  TruncateStmt out;
  for (size_t i = 0; i < truncate.n_relations; ++i)
    out.tables.push_back(transform_range_var(*truncate.relations[i]->range_var));
  out.cascade = truncate.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  out.restart_identity = truncate.restart_seqs;
  return out;
}

CreateTableAsStmt transform_create_table_as(const PgQuery__IntoClause& into, std::unique_ptr<SelectStmt> query,
                                            bool if_not_exists, bool materialized) {
  CreateTableAsStmt out;
  out.table = transform_range_var(*into.rel);
  out.materialized = materialized;
  const bool temporary = into.rel->relpersistence != nullptr && into.rel->relpersistence[0] == 't';
  refuse_on_commit(into.on_commit);
  if (into.n_options > 0 && !materialized) unsupported("storage parameters in CREATE TABLE AS", into.rel->location);
  for (size_t i = 0; i < into.n_options; ++i) {
    const PgQuery__DefElem& opt = *into.options[i]->def_elem;
    out.options.emplace_back(opt.defname, option_value(opt.arg));
  }
  if (into.access_method != nullptr && into.access_method[0] != '\0' && std::string(into.access_method) != "heap") {
    unsupported("access method \"" + std::string(into.access_method) + "\"", into.rel->location);
  }
  if (into.table_space_name != nullptr && into.table_space_name[0] != '\0') {
    unsupported("TABLESPACE", into.rel->location);
  }
  out.columns = string_list(into.col_names, into.n_col_names);
  out.query = std::move(query);
  out.if_not_exists = if_not_exists;
  out.with_data = !into.skip_data;
  out.temporary = temporary;
  return out;
}

CommentStmt transform_comment(const PgQuery__CommentStmt& comment) {
  CommentStmt out;
  switch (comment.objtype) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
      out.object = CommentStmt::Object::kTable;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
      out.object = CommentStmt::Object::kView;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
      out.object = CommentStmt::Object::kSequence;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
      out.object = CommentStmt::Object::kIndex;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
      out.object = CommentStmt::Object::kColumn;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
    case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:  // a domain is a type, named as types are
      out.object = CommentStmt::Object::kType;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
      out.object = CommentStmt::Object::kFunction;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION:
      out.object = CommentStmt::Object::kExtension;
      break;
    default:
      unsupported("COMMENT on this kind of object", -1);
  }
  if (out.object == CommentStmt::Object::kExtension) {
    if (comment.object == nullptr || comment.object->node_case != PG_QUERY__NODE__NODE_STRING) {
      unsupported("COMMENT on this kind of object", -1);
    }
    out.name.name = comment.object->string->sval;
    if (comment.comment != nullptr && comment.comment[0] != '\0') out.comment = comment.comment;
    return out;
  }
  if (out.object == CommentStmt::Object::kFunction) {
    if (comment.object == nullptr || comment.object->node_case != PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
      unsupported("COMMENT on this kind of object", -1);
    }
    out.function = transform_routine_name(*comment.object->object_with_args);
    if (comment.comment != nullptr && comment.comment[0] != '\0') out.comment = comment.comment;
    return out;
  }
  if (out.object == CommentStmt::Object::kType) {
    // A type is named as SQL writes types.
    if (comment.object == nullptr || comment.object->node_case != PG_QUERY__NODE__NODE_TYPE_NAME) {
      unsupported("COMMENT on this kind of object", -1);
    }
    const std::vector<std::string> names = transform_type_name(*comment.object->type_name).names;
    if (names.empty() || names.size() > 2) unsupported("names with a database", -1);
    out.name.name = names.back();
    if (names.size() == 2) out.name.schema = names[0];
    if (comment.comment != nullptr && comment.comment[0] != '\0') out.comment = comment.comment;
    return out;
  }
  if (comment.object == nullptr || comment.object->node_case != PG_QUERY__NODE__NODE_LIST) {
    unsupported("COMMENT on this kind of object", -1);
  }
  std::vector<std::string> names = string_list(comment.object->list->items, comment.object->list->n_items);
  if (out.object == CommentStmt::Object::kColumn) {
    if (names.size() < 2) {
      throw DbError(sqlstate::kSyntaxError, "column name must be qualified");
    }
    out.column = names.back();
    names.pop_back();
  }
  if (names.empty() || names.size() > 2) unsupported("names with a database", -1);
  out.name.name = names.back();
  if (names.size() == 2) out.name.schema = names[0];
  if (comment.comment != nullptr && comment.comment[0] != '\0') out.comment = comment.comment;
  return out;
}

AlterTableStmt transform_alter_table(const PgQuery__AlterTableStmt& alter) {
  if (alter.objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE && alter.objtype != PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW) {
    // ALTER VIEW, SEQUENCE or INDEX ... OWNER TO: run as ALTER TABLE runs it for them.
    const bool owner_only = alter.n_cmds > 0 && std::all_of(alter.cmds, alter.cmds + alter.n_cmds, [](auto* c) {
                              return c->alter_table_cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner;
                            });
    const bool relation = alter.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW ||
                          alter.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE ||
                          alter.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX;
    if (!owner_only || !relation) unsupported("ALTER of this kind of object", -1);
  }
  AlterTableStmt out;
  if (alter.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW) out.command_tag = "ALTER VIEW";
  if (alter.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE) out.command_tag = "ALTER SEQUENCE";
  if (alter.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX) out.command_tag = "ALTER INDEX";
  if (alter.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW) out.command_tag = "ALTER MATERIALIZED VIEW";
  out.table = transform_range_var(*alter.relation);
  out.if_exists = alter.missing_ok;
  for (size_t i = 0; i < alter.n_cmds; ++i) {
    const PgQuery__AlterTableCmd& cmd = *alter.cmds[i]->alter_table_cmd;
    switch (cmd.subtype) {
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner: {
        const PgQuery__RoleSpec& owner = *cmd.newowner;
        if (owner.roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC) {
          throw at(DbError(sqlstate::kReservedName, "role name \"public\" is reserved"), owner.location);
        }
        const bool named = owner.roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING;
        out.commands.emplace_back(AlterTableStmt::OwnerTo{named ? owner.rolename : "", !named});
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
        out.commands.emplace_back(
            AlterTableStmt::AddColumn{transform_column_def(*cmd.def->column_def), cmd.missing_ok != 0});
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
        out.commands.emplace_back(AlterTableStmt::AddConstraint{transform_constraint(*cmd.def->constraint)});
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
        out.commands.emplace_back(AlterTableStmt::DropColumn{cmd.name, cmd.missing_ok != 0,
                                                             cmd.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE});
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType: {
        const PgQuery__ColumnDef& def = *cmd.def->column_def;
        if (def.coll_clause != nullptr) unsupported("COLLATE", def.location);
        AlterTableStmt::AlterColumnType change{cmd.name, transform_type_name(*def.type_name), nullptr, def.location};
        if (def.raw_default != nullptr) change.using_expr = transform_expr(def.raw_default);
        out.commands.emplace_back(std::move(change));
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault: {
        AlterTableStmt::SetDefault set{cmd.name, std::nullopt};
        if (cmd.def != nullptr) {
          Constraint value;
          value.kind = Constraint::Kind::kDefault;
          value.expr = transform_expr(cmd.def);
          value.expr_text = deparse_expr(*cmd.def);
          set.value = std::move(value);
        }
        out.commands.emplace_back(std::move(set));
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
        out.commands.emplace_back(
            AlterTableStmt::SetNotNull{cmd.name, cmd.subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull});
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity:
        out.commands.emplace_back(AlterTableStmt::AddIdentity{cmd.name, transform_constraint(*cmd.def->constraint)});
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetIdentity: {
        // SET GENERATED ... and sequence options, as DefElems; "generated" carries the kind.
        AlterTableStmt::SetIdentity set{cmd.name, 0, {}};
        const PgQuery__List& items = *cmd.def->list;
        for (size_t k = 0; k < items.n_items; ++k) {
          const PgQuery__DefElem& opt = *items.items[k]->def_elem;
          if (std::string(opt.defname) == "generated") {
            set.generated = opt.arg->integer->ival == 'a' ? 'a' : 'd';
          } else {
            std::vector<SequenceOption> one = transform_sequence_options(&items.items[k], 1);
            set.sequence_options.push_back(std::move(one[0]));
          }
        }
        out.commands.emplace_back(std::move(set));
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropIdentity:
        out.commands.emplace_back(AlterTableStmt::DropIdentity{cmd.name, cmd.missing_ok != 0});
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropExpression:
        out.commands.emplace_back(AlterTableStmt::DropExpression{cmd.name, cmd.missing_ok != 0});
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint:
        out.commands.emplace_back(AlterTableStmt::DropConstraint{
            cmd.name, cmd.missing_ok != 0, cmd.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE});
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRowSecurity:
        out.commands.emplace_back(AlterTableStmt::RowSecurity{false, true});
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRowSecurity:
        out.commands.emplace_back(AlterTableStmt::RowSecurity{false, false});
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ForceRowSecurity:
        out.commands.emplace_back(AlterTableStmt::RowSecurity{true, true});
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_NoForceRowSecurity:
        out.commands.emplace_back(AlterTableStmt::RowSecurity{true, false});
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetRelOptions: {
        AlterTableStmt::SetOptions set;
        set.reset = cmd.subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_ResetRelOptions;
        const PgQuery__List* list = cmd.def != nullptr ? cmd.def->list : nullptr;
        for (size_t k = 0; list != nullptr && k < list->n_items; ++k) {
          const PgQuery__DefElem& opt = *list->items[k]->def_elem;
          set.options.emplace_back(opt.defname, opt.arg != nullptr ? option_value(opt.arg) : std::string());
        }
        out.commands.emplace_back(std::move(set));
        break;
      }
      default:
        unsupported("this ALTER TABLE action", out.table.location);
    }
  }
  return out;
}

RenameStmt transform_rename(const PgQuery__RenameStmt& rename) {
  RenameStmt out;
  if (rename.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW) {
    out.object = RenameStmt::Object::kView;
  } else if (rename.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW) {
    out.object = RenameStmt::Object::kMaterializedView;
  } else if (rename.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE) {
    out.object = RenameStmt::Object::kSequence;
  } else if (rename.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN &&
             (rename.relation_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE ||
              rename.relation_type == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW ||
              rename.relation_type == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW)) {
    if (rename.relation_type == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW) out.object = RenameStmt::Object::kView;
    if (rename.relation_type == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW) {
      out.object = RenameStmt::Object::kMaterializedView;
    }
    out.column = rename.subname;
  } else if (rename.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX) {
    out.index = true;
  } else if (rename.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT) {
    out.constraint = rename.subname;
  } else if (rename.rename_type != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
    unsupported("RENAME of this kind of object", -1);
  }
  out.table = transform_range_var(*rename.relation);
  out.new_name = rename.newname;
  out.if_exists = rename.missing_ok;
  return out;
}

CreateViewStmt transform_create_view(const PgQuery__ViewStmt& view) {
  CreateViewStmt out;
  out.name = transform_range_var(*view.view);
  if (view.view->relpersistence != nullptr && view.view->relpersistence[0] == 't') {
    unsupported("temporary views", view.view->location);
  }
  if (view.with_check_option == PG_QUERY__VIEW_CHECK_OPTION__LOCAL_CHECK_OPTION) out.check_option = 'l';
  if (view.with_check_option == PG_QUERY__VIEW_CHECK_OPTION__CASCADED_CHECK_OPTION) out.check_option = 'c';
  for (size_t i = 0; i < view.n_options; ++i) {
    // WITH (check_option = ...) is the same as WITH ... CHECK OPTION; pg_dump writes the latter.
    const PgQuery__DefElem& opt = *view.options[i]->def_elem;
    if (std::string(opt.defname) != "check_option") unsupported("view option " + std::string(opt.defname), -1);
    const std::string value = option_value(opt.arg);
    if (value != "local" && value != "cascaded") {
      throw DbError(sqlstate::kInvalidParameterValue, "invalid value for enum option \"check_option\": " + value)
          .with_detail("Valid values are \"local\" and \"cascaded\".");
    }
    out.check_option = value == "local" ? 'l' : 'c';
  }
  out.columns = string_list(view.aliases, view.n_aliases);
  if (view.query == nullptr || view.query->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
    unsupported("this view query", -1);
  }
  out.query = transform_select(*view.query->select_stmt);
  out.or_replace = view.replace;
  return out;
}

SequenceStmt transform_create_sequence(const PgQuery__CreateSeqStmt& create) {
  SequenceStmt out;
  out.name = transform_range_var(*create.sequence);
  if (create.sequence->relpersistence != nullptr && create.sequence->relpersistence[0] != 'p') {
    unsupported("temporary or unlogged sequences", create.sequence->location);
  }
  out.if_not_exists = create.if_not_exists;
  out.options = transform_sequence_options(create.options, create.n_options);
  return out;
}

SequenceStmt transform_alter_sequence(const PgQuery__AlterSeqStmt& alter) {
  SequenceStmt out;
  out.alter = true;
  out.name = transform_range_var(*alter.sequence);
  out.if_exists = alter.missing_ok;
  out.options = transform_sequence_options(alter.options, alter.n_options);
  return out;
}

}  // namespace heliosdb::engine::parser

// Statement dispatch, transaction control, EXPLAIN, and the parse() entry point.
#include <algorithm>
#include <cctype>

#include "engine/common/db_error.hpp"
#include "engine/parser/call_placeholders.hpp"
#include "engine/parser/extension_syntax.hpp"
#include "engine/parser/parser.hpp"
#include "engine/parser/transformer.hpp"

namespace heliosdb::engine::parser {

using namespace ast;

namespace {

// BEGIN's and SET TRANSACTION's options: isolation level and access mode.
void transaction_options(PgQuery__Node** options, size_t n, TransactionStmt& out) {
  for (size_t i = 0; i < n; ++i) {
    const PgQuery__DefElem& opt = *options[i]->def_elem;
    std::string name = opt.defname;
    std::string value = option_value(opt.arg);
    if (name == "transaction_isolation") {
      out.isolation = value;
    } else if (name == "transaction_read_only") {
      out.read_only = value != "0" && value != "false";
    } else {
      unsupported("this transaction option", opt.location);
    }
  }
}

TransactionStmt transform_transaction(const PgQuery__TransactionStmt& t) {
  TransactionStmt out;
  switch (t.kind) {
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
      out.kind = TransactionStmt::Kind::kBegin;
      out.start_transaction = t.kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
      out.kind = TransactionStmt::Kind::kCommit;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
      out.kind = TransactionStmt::Kind::kRollback;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_SAVEPOINT:
      out.kind = TransactionStmt::Kind::kSavepoint;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_RELEASE:
      out.kind = TransactionStmt::Kind::kRelease;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK_TO:
      out.kind = TransactionStmt::Kind::kRollbackTo;
      break;
    default:
      unsupported("two-phase commit", -1);
  }
  if (t.chain) unsupported("AND CHAIN", -1);
  if (t.savepoint_name != nullptr) out.savepoint = t.savepoint_name;
  transaction_options(t.options, t.n_options, out);
  return out;
}

// SET TRANSACTION ISOLATION LEVEL ... [, READ ONLY | READ WRITE]: the same options as BEGIN's.
TransactionStmt transform_set_transaction(const PgQuery__VariableSetStmt& s) {
  TransactionStmt out;
  out.kind = std::string_view(s.name) == "TRANSACTION" ? TransactionStmt::Kind::kSetTransaction
                                                       : TransactionStmt::Kind::kSessionCharacteristics;
  transaction_options(s.args, s.n_args, out);
  return out;
}

ExplainStmt transform_explain(const PgQuery__ExplainStmt& e) {
  ExplainStmt out;
  for (size_t i = 0; i < e.n_options; ++i) {
    const PgQuery__DefElem& opt = *e.options[i]->def_elem;
    std::string name = opt.defname;
    // EXPLAIN (ANALYZE false) is allowed; a bare option means true.
    std::string value = option_value(opt.arg);
    bool on = !(value == "false" || value == "off" || value == "0");
    if (name == "analyze") {
      out.analyze = on;
    } else if (name == "verbose") {
      out.verbose = on;
    } else if (name != "costs") {
      unsupported("EXPLAIN option " + name, opt.location);
    }
  }
  out.statement = std::make_unique<Statement>(transform_statement(*e.query));
  return out;
}

VacuumStmt transform_vacuum(const PgQuery__VacuumStmt& v) {
  VacuumStmt out;
  out.vacuum = v.is_vacuumcmd;
  out.analyze = !v.is_vacuumcmd;
  const char* command = v.is_vacuumcmd ? "VACUUM" : "ANALYZE";
  for (size_t i = 0; i < v.n_options; ++i) {
    const PgQuery__DefElem& opt = *v.options[i]->def_elem;
    const std::string name = opt.defname;
    static const char* const kVacuumOptions[] = {
        "verbose",  "skip_locked",   "analyze",       "freeze",   "full",
        "truncate", "index_cleanup", "process_toast", "parallel", "disable_page_skipping"};
    bool known = name == "verbose" || name == "skip_locked";
    if (v.is_vacuumcmd) {
      for (const char* o : kVacuumOptions) known = known || name == o;
    }
    if (!known) {
      throw at(DbError(sqlstate::kSyntaxError, std::string("unrecognized ") + command + " option \"" + name + "\""),
               opt.location);
    }
    if (name == "analyze") out.analyze = option_value(opt.arg) != "false";
  }
  for (size_t i = 0; i < v.n_rels; ++i) {
    const PgQuery__VacuumRelation& rel = *v.rels[i]->vacuum_relation;
    out.targets.push_back({transform_range_var(*rel.relation), string_list(rel.va_cols, rel.n_va_cols)});
  }
  return out;
}

ReindexStmt transform_reindex(const PgQuery__ReindexStmt& r) {
  ReindexStmt out;
  switch (r.kind) {
    case PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_INDEX:
      out.kind = ReindexStmt::Kind::kIndex;
      break;
    case PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SCHEMA:
      out.kind = ReindexStmt::Kind::kSchema;
      break;
    case PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SYSTEM:
      out.kind = ReindexStmt::Kind::kSystem;
      break;
    case PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_DATABASE:
      out.kind = ReindexStmt::Kind::kDatabase;
      break;
    default:
      out.kind = ReindexStmt::Kind::kTable;
      break;
  }
  if (r.relation != nullptr) out.relation = transform_range_var(*r.relation);
  if (r.name != nullptr) out.name = r.name;
  for (size_t i = 0; i < r.n_params; ++i) {
    const PgQuery__DefElem& opt = *r.params[i]->def_elem;
    const std::string name = opt.defname;
    if (name == "verbose") {
      out.verbose = option_value(opt.arg) != "false";
    } else if (name == "concurrently") {
      out.concurrently = option_value(opt.arg) != "false";
    } else if (name == "tablespace") {
      unsupported("REINDEX option TABLESPACE", opt.location);
    } else {
      throw at(DbError(sqlstate::kSyntaxError, "unrecognized REINDEX option \"" + name + "\""), opt.location);
    }
  }
  return out;
}

PrepareStmt transform_prepare(const PgQuery__PrepareStmt& p) {
  PrepareStmt out;
  out.name = p.name;
  for (size_t i = 0; i < p.n_argtypes; ++i) out.param_types.push_back(transform_type_name(*p.argtypes[i]->type_name));
  out.statement = std::make_shared<const Statement>(transform_statement(*p.query));
  return out;
}

// DECLARE's options, a bit set in libpg_query's tree (CURSOR_OPT_* of
// PostgreSQL's nodes/parsenodes.h).
constexpr int kCursorBinary = 0x01;
constexpr int kCursorScroll = 0x02;
constexpr int kCursorNoScroll = 0x04;
constexpr int kCursorInsensitive = 0x08;
constexpr int kCursorHold = 0x20;

DeclareCursorStmt transform_declare_cursor(const PgQuery__DeclareCursorStmt& d) {
  DeclareCursorStmt out;
  out.name = d.portalname;
  out.binary = (d.options & kCursorBinary) != 0;
  out.scroll = (d.options & kCursorScroll) != 0;
  out.no_scroll = (d.options & kCursorNoScroll) != 0;
  out.insensitive = (d.options & kCursorInsensitive) != 0;
  out.hold = (d.options & kCursorHold) != 0;
  // The grammar only admits a SELECT (or VALUES, TABLE, a set operation) here.
  if (d.query == nullptr || d.query->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
    unsupported("DECLARE CURSOR for this statement", -1);
  }
  if (d.query->select_stmt->into_clause != nullptr) unsupported("DECLARE CURSOR ... SELECT INTO", -1);
  out.query = transform_select(*d.query->select_stmt, true);
  return out;
}

FetchStmt transform_fetch(const PgQuery__FetchStmt& f) {
  FetchStmt out;
  switch (f.direction) {
    case PG_QUERY__FETCH_DIRECTION__FETCH_BACKWARD:
      out.direction = FetchStmt::Direction::kBackward;
      break;
    case PG_QUERY__FETCH_DIRECTION__FETCH_ABSOLUTE:
      out.direction = FetchStmt::Direction::kAbsolute;
      break;
    case PG_QUERY__FETCH_DIRECTION__FETCH_RELATIVE:
      out.direction = FetchStmt::Direction::kRelative;
      break;
    default:
      out.direction = FetchStmt::Direction::kForward;
      break;
  }
  out.count = f.how_many;  // ALL is INT64_MAX, as FetchStmt::kAll
  out.cursor = f.portalname;
  out.move = f.ismove;
  return out;
}

}  // namespace

std::string node_name(const PgQuery__Node& node) {
  const ProtobufCFieldDescriptor* field =
      protobuf_c_message_descriptor_get_field(&pg_query__node__descriptor, static_cast<unsigned>(node.node_case));
  if (field == nullptr) return "this statement";
  // create_function_stmt -> CREATE FUNCTION
  std::string name = field->name;
  if (name.size() > 5 && name.ends_with("_stmt")) name.resize(name.size() - 5);
  std::replace(name.begin(), name.end(), '_', ' ');
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
  return name;
}

[[noreturn]] void unsupported_node(const PgQuery__Node& node) { unsupported(node_name(node), -1); }

Statement transform_statement(const PgQuery__Node& node) {
  Statement out;
  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_SELECT_STMT:
      if (const PgQuery__IntoClause* into = node.select_stmt->into_clause) {
        // SELECT ... INTO t is CREATE TABLE t AS SELECT ...
        PgQuery__SelectStmt without_into = *node.select_stmt;
        without_into.into_clause = nullptr;
        out.node = transform_create_table_as(*into, transform_select(without_into, true), false);
        break;
      }
      out.node = std::move(*transform_select(*node.select_stmt, true));
      break;
    case PG_QUERY__NODE__NODE_COMMENT_STMT:
      out.node = transform_comment(*node.comment_stmt);
      break;
    case PG_QUERY__NODE__NODE_LOCK_STMT: {
      LockStmt lock;
      const PgQuery__LockStmt& l = *node.lock_stmt;
      for (size_t i = 0; i < l.n_relations; ++i) lock.tables.push_back(transform_range_var(*l.relations[i]->range_var));
      lock.mode = l.mode;
      lock.nowait = l.nowait;
      out.node = std::move(lock);
      break;
    }
    case PG_QUERY__NODE__NODE_CONSTRAINTS_SET_STMT: {
      SetConstraintsStmt set;
      const PgQuery__ConstraintsSetStmt& s = *node.constraints_set_stmt;
      for (size_t i = 0; i < s.n_constraints; ++i)
        set.names.push_back(transform_range_var(*s.constraints[i]->range_var));
      set.deferred = s.deferred;
      out.node = std::move(set);
      break;
    }
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT: {
      const PgQuery__CreateTableAsStmt& create = *node.create_table_as_stmt;
      const bool materialized = create.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW;
      if (!materialized && create.objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) unsupported_node(node);
      if (create.query == nullptr || create.query->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
        unsupported("CREATE TABLE AS EXECUTE", -1);
      }
      out.node = transform_create_table_as(*create.into, transform_select(*create.query->select_stmt, true),
                                           create.if_not_exists, materialized);
      break;
    }
    case PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT: {
      const PgQuery__RefreshMatViewStmt& refresh = *node.refresh_mat_view_stmt;
      RefreshMatViewStmt statement;
      statement.name = transform_range_var(*refresh.relation);
      statement.concurrently = refresh.concurrent;
      statement.with_data = !refresh.skip_data;
      if (statement.concurrently && !statement.with_data) {
        throw DbError(sqlstate::kSyntaxError, "CONCURRENTLY and WITH NO DATA options cannot be used together");
      }
      out.node = std::move(statement);
      break;
    }
    case PG_QUERY__NODE__NODE_INSERT_STMT:
      out.node = transform_insert(*node.insert_stmt);
      break;
    case PG_QUERY__NODE__NODE_UPDATE_STMT:
      out.node = transform_update(*node.update_stmt);
      break;
    case PG_QUERY__NODE__NODE_DELETE_STMT:
      out.node = transform_delete(*node.delete_stmt);
      break;
    case PG_QUERY__NODE__NODE_COPY_STMT:
      out.node = transform_copy(*node.copy_stmt);
      break;
    case PG_QUERY__NODE__NODE_CREATE_STMT:
      out.node = transform_create_table(*node.create_stmt);
      break;
    case PG_QUERY__NODE__NODE_DROP_STMT:
      if (node.drop_stmt->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA) {
        out.node = transform_drop_schema(*node.drop_stmt);
      } else if (node.drop_stmt->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION) {
        out.node = transform_drop_extension(*node.drop_stmt);
      } else if (node.drop_stmt->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_TYPE) {
        out.node = transform_drop_type(*node.drop_stmt);
      } else if (node.drop_stmt->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN) {
        out.node = transform_drop_domain(*node.drop_stmt);
      } else if (node.drop_stmt->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION) {
        out.node = transform_drop_function(*node.drop_stmt);
      } else if (node.drop_stmt->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_POLICY) {
        out.node = transform_drop_policy(*node.drop_stmt);
      } else {
        out.node = transform_drop(*node.drop_stmt);
      }
      break;
    case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT:
      out.node = transform_create_policy(*node.create_policy_stmt);
      break;
    case PG_QUERY__NODE__NODE_ALTER_POLICY_STMT:
      out.node = transform_alter_policy(*node.alter_policy_stmt);
      break;
    case PG_QUERY__NODE__NODE_GRANT_STMT:
      out.node = transform_grant(*node.grant_stmt);
      break;
    case PG_QUERY__NODE__NODE_DROP_OWNED_STMT:
      out.node = transform_drop_owned(*node.drop_owned_stmt);
      break;
    case PG_QUERY__NODE__NODE_REASSIGN_OWNED_STMT:
      out.node = transform_reassign_owned(*node.reassign_owned_stmt);
      break;
    case PG_QUERY__NODE__NODE_ALTER_DEFAULT_PRIVILEGES_STMT:
      out.node = transform_alter_default_privileges(*node.alter_default_privileges_stmt);
      break;
    case PG_QUERY__NODE__NODE_GRANT_ROLE_STMT:
      out.node = transform_grant_role(*node.grant_role_stmt);
      break;
    case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT:
      out.node = transform_create_extension(*node.create_extension_stmt);
      break;
    case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT:
      out.node = transform_create_schema(*node.create_schema_stmt);
      break;
    case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT:
      if (node.alter_owner_stmt->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_TYPE) {
        out.node = transform_type_owner(*node.alter_owner_stmt);
        break;
      }
      if (node.alter_owner_stmt->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION) {
        out.node = transform_function_owner(*node.alter_owner_stmt);
        break;
      }
      if (node.alter_owner_stmt->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN) {
        out.node = transform_domain_owner(*node.alter_owner_stmt);
        break;
      }
      if (node.alter_owner_stmt->object_type != PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA) unsupported_node(node);
      out.node = transform_schema_owner(*node.alter_owner_stmt);
      break;
    case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
      out.node = transform_create_enum(*node.create_enum_stmt);
      break;
    case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
      out.node = transform_create_function(*node.create_function_stmt);
      break;
    case PG_QUERY__NODE__NODE_ALTER_OBJECT_SCHEMA_STMT:
      if (node.alter_object_schema_stmt->object_type != PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION) unsupported_node(node);
      out.node = transform_function_schema(*node.alter_object_schema_stmt);
      break;
    case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT:
      out.node = transform_create_domain(*node.create_domain_stmt);
      break;
    case PG_QUERY__NODE__NODE_ALTER_DOMAIN_STMT:
      out.node = transform_alter_domain(*node.alter_domain_stmt);
      break;
    case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
      out.node = transform_alter_enum(*node.alter_enum_stmt);
      break;
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
      out.node = transform_truncate(*node.truncate_stmt);
      break;
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
      out.node = transform_alter_table(*node.alter_table_stmt);
      break;
    case PG_QUERY__NODE__NODE_RENAME_STMT:
      if (node.rename_stmt->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_ROLE) {
        out.node = transform_rename_role(*node.rename_stmt);
      } else if (node.rename_stmt->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_POLICY) {
        out.node = transform_rename_policy(*node.rename_stmt);
      } else if (node.rename_stmt->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA) {
        out.node = transform_rename_schema(*node.rename_stmt);
      } else if (node.rename_stmt->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_TYPE) {
        out.node = transform_rename_type(*node.rename_stmt);
      } else if (node.rename_stmt->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN ||
                 node.rename_stmt->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_DOMCONSTRAINT) {
        out.node = transform_rename_domain(*node.rename_stmt);
      } else if (node.rename_stmt->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION) {
        out.node = transform_rename_function(*node.rename_stmt);
      } else {
        out.node = transform_rename(*node.rename_stmt);
      }
      break;
    case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT:
      out.node = transform_create_role(*node.create_role_stmt);
      break;
    case PG_QUERY__NODE__NODE_ALTER_ROLE_STMT:
      out.node = transform_alter_role(*node.alter_role_stmt);
      break;
    case PG_QUERY__NODE__NODE_DROP_ROLE_STMT:
      out.node = transform_drop_role(*node.drop_role_stmt);
      break;
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
      out.node = transform_transaction(*node.transaction_stmt);
      break;
    case PG_QUERY__NODE__NODE_INDEX_STMT:
      out.node = transform_create_index(*node.index_stmt);
      break;
    case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
      out.node = transform_create_sequence(*node.create_seq_stmt);
      break;
    case PG_QUERY__NODE__NODE_VIEW_STMT:
      out.node = transform_create_view(*node.view_stmt);
      break;
    case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT:
      out.node = transform_alter_sequence(*node.alter_seq_stmt);
      break;
    case PG_QUERY__NODE__NODE_EXPLAIN_STMT:
      out.node = transform_explain(*node.explain_stmt);
      break;
    case PG_QUERY__NODE__NODE_LISTEN_STMT:
      out.node = NotifyStmt{NotifyStmt::Kind::kListen, node.listen_stmt->conditionname, {}};
      break;
    case PG_QUERY__NODE__NODE_UNLISTEN_STMT:
      // UNLISTEN * comes with no name.
      out.node = NotifyStmt{NotifyStmt::Kind::kUnlisten,
                            node.unlisten_stmt->conditionname == nullptr ? "" : node.unlisten_stmt->conditionname,
                            {}};
      break;
    case PG_QUERY__NODE__NODE_NOTIFY_STMT:
      out.node = NotifyStmt{NotifyStmt::Kind::kNotify, node.notify_stmt->conditionname,
                            node.notify_stmt->payload == nullptr ? "" : node.notify_stmt->payload};
      break;
    case PG_QUERY__NODE__NODE_VACUUM_STMT:
      out.node = transform_vacuum(*node.vacuum_stmt);
      break;
    case PG_QUERY__NODE__NODE_REINDEX_STMT:
      out.node = transform_reindex(*node.reindex_stmt);
      break;
    case PG_QUERY__NODE__NODE_PREPARE_STMT:
      out.node = transform_prepare(*node.prepare_stmt);
      break;
    case PG_QUERY__NODE__NODE_EXECUTE_STMT:
      out.node = ExecuteStmt{node.execute_stmt->name,
                             transform_expr_list(node.execute_stmt->params, node.execute_stmt->n_params)};
      break;
    case PG_QUERY__NODE__NODE_DECLARE_CURSOR_STMT:
      out.node = transform_declare_cursor(*node.declare_cursor_stmt);
      break;
    case PG_QUERY__NODE__NODE_FETCH_STMT:
      out.node = transform_fetch(*node.fetch_stmt);
      break;
    case PG_QUERY__NODE__NODE_CLOSE_PORTAL_STMT: {
      // CLOSE ALL comes with no name.
      const char* name = node.close_portal_stmt->portalname;
      out.node = name == nullptr || *name == '\0' ? DiscardStmt{DiscardStmt::Kind::kCloseAll, {}}
                                                  : DiscardStmt{DiscardStmt::Kind::kClose, name};
      break;
    }
    case PG_QUERY__NODE__NODE_DISCARD_STMT: {
      using K = DiscardStmt::Kind;
      switch (node.discard_stmt->target) {
        case PG_QUERY__DISCARD_MODE__DISCARD_PLANS:
          out.node = DiscardStmt{K::kPlans, {}};
          break;
        case PG_QUERY__DISCARD_MODE__DISCARD_SEQUENCES:
          out.node = DiscardStmt{K::kSequences, {}};
          break;
        case PG_QUERY__DISCARD_MODE__DISCARD_TEMP:
          out.node = DiscardStmt{K::kTemp, {}};
          break;
        default:
          out.node = DiscardStmt{K::kAll, {}};
          break;
      }
      break;
    }
    case PG_QUERY__NODE__NODE_DEALLOCATE_STMT:
      // DEALLOCATE ALL comes with no name.
      out.node = DeallocateStmt{node.deallocate_stmt->name == nullptr ? "" : node.deallocate_stmt->name};
      break;
    case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
      if (node.variable_set_stmt->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_SET_MULTI &&
          (std::string_view(node.variable_set_stmt->name) == "TRANSACTION" ||
           std::string_view(node.variable_set_stmt->name) == "SESSION CHARACTERISTICS")) {
        out.node = transform_set_transaction(*node.variable_set_stmt);
      } else {
        out.node = transform_variable_set(*node.variable_set_stmt);
      }
      break;
    case PG_QUERY__NODE__NODE_VARIABLE_SHOW_STMT: {
      ast::SettingStmt show;
      show.name = node.variable_show_stmt->name;
      show.kind = show.name == "all" ? ast::SettingStmt::Kind::kShowAll : ast::SettingStmt::Kind::kShow;
      out.node = std::move(show);
      break;
    }
    default:
      unsupported_node(node);
  }
  return out;
}

namespace {

// A materialized view keeps its statement as written, less the refresh
// options lifted from it (kept apart, so the text is PostgreSQL's own).
void attach_matview_text(CreateTableAsStmt& create, std::string_view sql, const PgQuery__RawStmt& raw,
                         const LiftedSyntax& lifted) {
  const int begin = raw.stmt_location;
  const int end = raw.stmt_len > 0 ? begin + raw.stmt_len : static_cast<int>(sql.size());
  std::string text(sql.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin)));
  for (const LiftedOptions& lifted_options : lifted.matview_options) {
    if (lifted_options.begin < begin || lifted_options.end > end) continue;
    std::fill(text.begin() + (lifted_options.begin - begin), text.begin() + (lifted_options.end - begin), ' ');
    create.options.insert(create.options.end(), lifted_options.options.begin(), lifted_options.options.end());
  }
  create.sql = std::move(text);
}

}  // namespace

std::vector<Statement> parse(std::string_view sql) { return parse(sql, {}); }

std::vector<Statement> parse(std::string_view sql, const std::vector<int>& call_placeholders) {
  LiftedSyntax lifted = lift_extension_syntax(sql);
  PgParseTree tree(lifted.sql);
  drop_call_placeholders(tree.result(), call_placeholders);
  const PgQuery__ParseResult& result = tree.result();
  std::vector<Statement> out;
  out.reserve(result.n_stmts + lifted.statements.size());
  TemporalClauses clauses(lifted);
  for (size_t i = 0; i < result.n_stmts; ++i) {
    const PgQuery__RawStmt& raw = *result.stmts[i];
    Statement statement = transform_statement(*raw.stmt);
    statement.location = raw.stmt_location;
    statement.length = raw.stmt_len;
    if (auto* prepare = std::get_if<PrepareStmt>(&statement.node)) {
      // Parameters the PREPARE leaves untyped still count: EXECUTE must give them.
      std::string_view text = sql.substr(static_cast<std::size_t>(raw.stmt_location));
      if (raw.stmt_len > 0) text = text.substr(0, static_cast<std::size_t>(raw.stmt_len));
      prepare->param_count = highest_param(text);
    }
    if (auto* view = std::get_if<CreateViewStmt>(&statement.node)) {
      std::string_view text = sql.substr(static_cast<std::size_t>(raw.stmt_location));
      if (raw.stmt_len > 0) text = text.substr(0, static_cast<std::size_t>(raw.stmt_len));
      view->sql = std::string(text);
    }
    if (auto* create = std::get_if<CreateTableAsStmt>(&statement.node); create != nullptr && create->materialized) {
      attach_matview_text(*create, sql, raw, lifted);
    }
    out.push_back(std::move(statement));
  }
  clauses.require_all_taken();
  if (!lifted.statements.empty()) {
    for (LiftedStatement& lifted_statement : lifted.statements) {
      Statement statement;
      statement.node = std::move(lifted_statement.statement);
      statement.location = lifted_statement.location;
      statement.length = lifted_statement.length;
      out.push_back(std::move(statement));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Statement& a, const Statement& b) { return a.location < b.location; });
  }
  return out;
}

ExprPtr parse_expression(std::string_view text) {
  PgParseTree tree("SELECT " + std::string(text));
  const PgQuery__ParseResult& result = tree.result();
  const PgQuery__Node* stmt = result.n_stmts == 1 ? result.stmts[0]->stmt : nullptr;
  if (stmt == nullptr || stmt->node_case != PG_QUERY__NODE__NODE_SELECT_STMT || stmt->select_stmt->n_target_list != 1 ||
      stmt->select_stmt->n_from_clause != 0 ||
      (stmt->select_stmt->target_list[0]->res_target->name != nullptr &&
       *stmt->select_stmt->target_list[0]->res_target->name != '\0')) {
    throw DbError(sqlstate::kSyntaxError, "not a single expression: " + std::string(text));
  }
  return transform_expr(stmt->select_stmt->target_list[0]->res_target->val);
}

}  // namespace heliosdb::engine::parser

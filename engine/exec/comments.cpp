#include "engine/exec/comments.hpp"

#include "engine/common/db_error.hpp"
#include "engine/exec/extensions.hpp"
#include "engine/exec/function_ddl.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/system_views.hpp"
#include "heliosdb/pg_relation_oids.hpp"

namespace heliosdb::engine {

namespace {

constexpr std::int64_t kPgClassOid = 1259;      // pg_description.classoid of relations and their columns
constexpr std::int64_t kPgNamespaceOid = 2615;  // pg_description.classoid of schemas
constexpr std::int64_t kPgTypeOid = 1247;       // pg_description.classoid of types
constexpr std::int64_t kPgProcOid = 1255;       // pg_description.classoid of functions
constexpr std::int64_t kPublicNamespaceOid = 2200;

// The schema a statement's existing relation is in.
std::string schema_of(const ast::RangeVar& name, ExecContext& ctx) {
  return relation_schema(ctx, name.schema, name.name, true);
}

[[noreturn]] void not_a(ExecContext& ctx, const ast::RangeVar& name, const char* what) {
  if (ctx.catalog.relation_exists(schema_of(name, ctx), name.name)) {
    throw DbError(sqlstate::kWrongObjectType, "\"" + name.name + "\" is not " + what);
  }
  throw DbError(sqlstate::kUndefinedTable, "relation \"" + name.name + "\" does not exist");
}

[[noreturn]] void no_column(const std::string& column, const std::string& relation) {
  throw DbError(sqlstate::kUndefinedColumn,
                "column \"" + column + "\" of relation \"" + relation + "\" does not exist");
}

Value described(const std::string& comment) {
  return comment.empty() ? Value::null(TypeId::kText) : Value::string(TypeId::kText, comment);
}

}  // namespace

QueryResult run_comment(const ast::CommentStmt& statement, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "COMMENT";
  const std::string text = statement.comment.value_or("");
  using Object = ast::CommentStmt::Object;
  if (statement.object == Object::kExtension) {
    // An extension keeps its own comment (pg_dump writes it back as is); another is not kept yet.
    const std::string& name = statement.name.name;
    for (const ExtensionDef& def : installed_extensions(ctx)) {
      if (def.name != name) continue;
      if (extension_comment(ctx, def.oid) == text) return result;
      throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: a comment of one's own on extension " + name);
    }
    throw DbError(sqlstate::kUndefinedObject, "extension \"" + name + "\" does not exist");
  }
  if (statement.object == Object::kType) {
    std::vector<std::string> names;
    if (!statement.name.schema.empty()) names.push_back(statement.name.schema);
    names.push_back(statement.name.name);
    if (std::optional<DomainDef> domain = ctx.object_names.find_domain(names)) {
      DomainDef updated = *domain;
      updated.comment = text;
      ctx.catalog.update_domain(*domain, updated);
      ctx.object_names.forget_types();
      return result;
    }
    std::optional<EnumDef> def = ctx.object_names.find_enum(names);
    if (!def) {
      ast::TypeName type;
      type.names = names;
      resolve_type_name(type);  // 42704 for a type there is not
      throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: COMMENT ON a built-in type");
    }
    EnumDef updated = *def;
    updated.comment = text;
    ctx.catalog.update_enum(*def, updated);
    return result;
  }
  if (statement.object == Object::kFunction) {
    const FunctionDef def = function_named(statement.function, ctx);
    require_owner(ctx, def.owner, "function", def.name);
    FunctionDef updated = def;
    updated.comment = text;
    ctx.catalog.update_function(def, updated);
    return result;
  }
  const std::string schema = schema_of(statement.name, ctx);
  switch (statement.object) {
    case Object::kTable:
    case Object::kColumn: {
      if (auto table = ctx.catalog.find_table(schema, statement.name.name)) {
        require_owner(ctx, table->owner, table->kind_name(), table->name);
        TableDef updated = *table;
        if (statement.object == Object::kTable) {
          updated.comment = text;
        } else {
          const int column = updated.column_index(statement.column);
          if (column < 0) no_column(statement.column, updated.name);
          updated.columns[static_cast<std::size_t>(column)].comment = text;
        }
        ctx.catalog.update_table(*table, updated);
        break;
      }
      auto view =
          statement.object == Object::kColumn ? ctx.catalog.find_view(schema, statement.name.name) : std::nullopt;
      if (!view) not_a(ctx, statement.name, statement.object == Object::kTable ? "a table" : "a table or view");
      auto at = std::find(view->columns.begin(), view->columns.end(), statement.column);
      if (at == view->columns.end()) no_column(statement.column, view->name);
      require_owner(ctx, view->owner, "view", view->name);
      view->column_comments.resize(view->columns.size());
      view->column_comments[static_cast<std::size_t>(at - view->columns.begin())] = text;
      ctx.catalog.update_view(*view);
      break;
    }
    case Object::kView: {
      auto view = ctx.catalog.find_view(schema, statement.name.name);
      if (!view) not_a(ctx, statement.name, "a view");
      require_owner(ctx, view->owner, "view", view->name);
      view->comment = text;
      ctx.catalog.update_view(*view);
      break;
    }
    case Object::kSequence: {
      auto seq = ctx.catalog.find_sequence(schema, statement.name.name);
      if (!seq) not_a(ctx, statement.name, "a sequence");
      require_owner(ctx, seq->owner, "sequence", seq->name);
      seq->comment = text;
      ctx.catalog.update_sequence(*seq);
      break;
    }
    case Object::kIndex: {
      auto found = ctx.catalog.find_index(schema, statement.name.name);
      if (!found) {
        if (ctx.catalog.find_vector_index(schema, statement.name.name)) {
          throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: COMMENT ON a vector index");
        }
        not_a(ctx, statement.name, "an index");
      }
      require_owner(ctx, found->first.owner, "index", statement.name.name);
      TableDef updated = found->first;
      updated.indexes[found->second].comment = text;
      ctx.catalog.update_table(found->first, updated);
      break;
    }
    case Object::kType:
    case Object::kFunction:
    case Object::kExtension:
      break;  // above
  }
  return result;
}

Value type_description(ExecContext& ctx, std::int64_t oid) {
  if (oid < 0 || oid > UINT32_MAX) return Value::null(TypeId::kText);
  if (auto def = ctx.catalog.find_enum(static_cast<std::uint32_t>(oid))) return described(def->comment);
  if (const DomainDef* def = ctx.object_names.domain(static_cast<std::uint32_t>(oid))) return described(def->comment);
  return Value::null(TypeId::kText);
}

Value function_description(ExecContext& ctx, std::int64_t oid) {
  if (oid < 0 || oid > UINT32_MAX) return Value::null(TypeId::kText);
  if (auto def = ctx.catalog.find_function(static_cast<std::uint32_t>(oid))) return described(def->comment);
  return Value::null(TypeId::kText);
}

Value object_description(ExecContext& ctx, std::int64_t oid) {
  const auto id = static_cast<std::uint32_t>(oid);
  if (oid < 0 || oid > UINT32_MAX) return Value::null(TypeId::kText);
  if (auto table = ctx.catalog.find_table(id)) return described(table->comment);
  if (auto view = ctx.catalog.find_view(id)) return described(view->comment);
  if (auto seq = ctx.catalog.find_sequence(id)) return described(seq->comment);
  for (const TableDef& table : ctx.catalog.tables()) {
    for (const IndexDef& index : table.indexes) {
      if (index.oid == id) return described(index.comment);
    }
  }
  return Value::null(TypeId::kText);
}

Value column_description(ExecContext& ctx, std::int64_t oid, std::int64_t column) {
  if (oid < 0 || oid > UINT32_MAX || column < 1) return Value::null(TypeId::kText);
  const auto id = static_cast<std::uint32_t>(oid);
  const auto i = static_cast<std::size_t>(column - 1);
  if (auto table = ctx.catalog.find_table(id)) {
    return i < table->columns.size() ? described(table->columns[i].comment) : Value::null(TypeId::kText);
  }
  if (auto view = ctx.catalog.find_view(id)) {
    return i < view->column_comments.size() ? described(view->column_comments[i]) : Value::null(TypeId::kText);
  }
  return Value::null(TypeId::kText);
}

Relation pg_description_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"objoid", TypeId::kOid},
                              {"classoid", TypeId::kOid},
                              {"objsubid", TypeId::kInt4},
                              {"description", TypeId::kText}},
                             qualifier);
  auto add = [&](std::uint32_t oid, std::size_t subid, const std::string& comment) {
    if (comment.empty()) return;
    r.rows.push_back({Value::oid(TypeId::kOid, oid, {}), Value::oid(TypeId::kOid, kPgClassOid, {}),
                      Value::integer(TypeId::kInt4, static_cast<std::int64_t>(subid)),
                      Value::string(TypeId::kText, comment)});
  };
  for (const TableDef& table : ctx.catalog.tables()) {
    add(table.oid, 0, table.comment);
    for (std::size_t i = 0; i < table.columns.size(); ++i) add(table.oid, i + 1, table.columns[i].comment);
    for (const IndexDef& index : table.indexes) add(index.oid, 0, index.comment);
  }
  for (const ViewDef& view : ctx.catalog.views()) {
    add(view.oid, 0, view.comment);
    for (std::size_t i = 0; i < view.column_comments.size(); ++i) add(view.oid, i + 1, view.column_comments[i]);
  }
  for (const SequenceDef& seq : ctx.catalog.sequences()) add(seq.oid, 0, seq.comment);
  for (const EnumDef& e : ctx.catalog.enums()) {
    if (e.comment.empty()) continue;
    r.rows.push_back({Value::oid(TypeId::kOid, e.oid, {}), Value::oid(TypeId::kOid, kPgTypeOid, {}),
                      Value::integer(TypeId::kInt4, 0), Value::string(TypeId::kText, e.comment)});
  }
  for (const DomainDef& d : ctx.catalog.domains()) {
    if (d.comment.empty()) continue;
    r.rows.push_back({Value::oid(TypeId::kOid, d.oid, {}), Value::oid(TypeId::kOid, kPgTypeOid, {}),
                      Value::integer(TypeId::kInt4, 0), Value::string(TypeId::kText, d.comment)});
  }
  for (const FunctionDef& f : ctx.catalog.functions()) {
    if (f.comment.empty()) continue;
    r.rows.push_back({Value::oid(TypeId::kOid, f.oid, {}), Value::oid(TypeId::kOid, kPgProcOid, {}),
                      Value::integer(TypeId::kInt4, 0), Value::string(TypeId::kText, f.comment)});
  }
  // An extension's comment is its control file's, as CREATE EXTENSION sets it.
  for (const ExtensionDef& def : installed_extensions(ctx)) {
    r.rows.push_back({Value::oid(TypeId::kOid, def.oid, {}),
                      Value::oid(TypeId::kOid, catalog_relation::kPgExtension, {}), Value::integer(TypeId::kInt4, 0),
                      Value::string(TypeId::kText, extension_comment(ctx, def.oid).value_or(""))});
  }
  // initdb's comment on the public schema, which pg_dump leaves out when it is this one.
  r.rows.push_back({Value::oid(TypeId::kOid, kPublicNamespaceOid, {}), Value::oid(TypeId::kOid, kPgNamespaceOid, {}),
                    Value::integer(TypeId::kInt4, 0), schema_description(kPublicNamespaceOid)});
  return r;
}

Value schema_description(std::int64_t oid) {
  return oid == kPublicNamespaceOid ? Value::string(TypeId::kText, "standard public schema")
                                    : Value::null(TypeId::kText);
}

}  // namespace heliosdb::engine

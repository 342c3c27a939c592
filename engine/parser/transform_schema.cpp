// CREATE / DROP / ALTER SCHEMA into ast::SchemaStmt.
#include "engine/common/db_error.hpp"
#include "engine/parser/transformer.hpp"

namespace heliosdb::engine::parser {

using namespace ast;

SchemaStmt transform_create_schema(const PgQuery__CreateSchemaStmt& create) {
  SchemaStmt out;
  out.kind = SchemaStmt::Kind::kCreate;
  if (create.schemaname != nullptr && create.schemaname[0] != '\0') out.names.emplace_back(create.schemaname);
  if (create.authrole != nullptr) out.role = transform_role_spec(*create.authrole);
  out.if_not_exists = create.if_not_exists;
  for (size_t i = 0; i < create.n_schema_elts; ++i) {
    const PgQuery__Node& element = *create.schema_elts[i];
    switch (element.node_case) {
      case PG_QUERY__NODE__NODE_CREATE_STMT:
      case PG_QUERY__NODE__NODE_VIEW_STMT:
      case PG_QUERY__NODE__NODE_INDEX_STMT:
      case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
        out.elements.push_back(std::make_unique<Statement>(transform_statement(element)));
        // A view keeps its CREATE VIEW as text, which here is not a statement of its own.
        if (auto* view = std::get_if<CreateViewStmt>(&out.elements.back()->node))
          view->sql = deparse_statement(element);
        break;
      default:
        unsupported(node_name(element) + " in CREATE SCHEMA", -1);
    }
  }
  return out;
}

SchemaStmt transform_drop_schema(const PgQuery__DropStmt& drop) {
  SchemaStmt out;
  out.kind = SchemaStmt::Kind::kDrop;
  out.if_exists = drop.missing_ok;
  out.cascade = drop.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  for (size_t i = 0; i < drop.n_objects; ++i) {
    const PgQuery__Node& name = *drop.objects[i];
    if (name.node_case != PG_QUERY__NODE__NODE_STRING) unsupported("this DROP SCHEMA", -1);
    out.names.emplace_back(name.string->sval);
  }
  return out;
}

SchemaStmt transform_rename_schema(const PgQuery__RenameStmt& rename) {
  SchemaStmt out;
  out.kind = SchemaStmt::Kind::kRename;
  out.names.emplace_back(rename.subname);
  out.new_name = rename.newname;
  return out;
}

SchemaStmt transform_schema_owner(const PgQuery__AlterOwnerStmt& alter) {
  SchemaStmt out;
  out.kind = SchemaStmt::Kind::kOwner;
  if (alter.object == nullptr || alter.object->node_case != PG_QUERY__NODE__NODE_STRING) {
    unsupported("this ALTER SCHEMA", -1);
  }
  out.names.emplace_back(alter.object->string->sval);
  out.role = transform_role_spec(*alter.newowner);
  return out;
}

}  // namespace heliosdb::engine::parser

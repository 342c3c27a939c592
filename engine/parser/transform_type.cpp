// CREATE TYPE ... AS ENUM, DROP TYPE and ALTER TYPE into ast::TypeStmt.
#include "engine/common/db_error.hpp"
#include "engine/parser/transformer.hpp"

namespace heliosdb::engine::parser {

using namespace ast;

namespace {

// A type's name as the grammar's any_name leaves it: a list of strings.
std::vector<std::string> name_list(const PgQuery__Node* node) {
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_LIST) unsupported("this type name", -1);
  return string_list(node->list->items, node->list->n_items);
}

}  // namespace

TypeStmt transform_create_enum(const PgQuery__CreateEnumStmt& create) {
  TypeStmt out;
  out.kind = TypeStmt::Kind::kCreateEnum;
  out.names.push_back(string_list(create.type_name, create.n_type_name));
  out.labels = string_list(create.vals, create.n_vals);
  return out;
}

TypeStmt transform_drop_type(const PgQuery__DropStmt& drop) {
  TypeStmt out;
  out.kind = TypeStmt::Kind::kDrop;
  out.if_exists = drop.missing_ok;
  out.cascade = drop.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  for (size_t i = 0; i < drop.n_objects; ++i) {
    const PgQuery__Node& name = *drop.objects[i];
    if (name.node_case != PG_QUERY__NODE__NODE_TYPE_NAME) unsupported("this DROP TYPE", -1);
    out.names.push_back(transform_type_name(*name.type_name).names);
    if (out.location < 0) out.location = name.type_name->location;
  }
  return out;
}

TypeStmt transform_alter_enum(const PgQuery__AlterEnumStmt& alter) {
  TypeStmt out;
  out.names.push_back(string_list(alter.type_name, alter.n_type_name));
  if (alter.old_val != nullptr && alter.old_val[0] != '\0') {
    out.kind = TypeStmt::Kind::kRenameValue;
    out.neighbor = alter.old_val;
    out.new_name = alter.new_val;
    return out;
  }
  out.kind = TypeStmt::Kind::kAddValue;
  out.labels.emplace_back(alter.new_val);
  if (alter.new_val_neighbor != nullptr && alter.new_val_neighbor[0] != '\0') {
    out.neighbor = alter.new_val_neighbor;
    out.before = !alter.new_val_is_after;
  }
  out.if_not_exists = alter.skip_if_new_val_exists;
  return out;
}

TypeStmt transform_rename_type(const PgQuery__RenameStmt& rename) {
  TypeStmt out;
  out.kind = TypeStmt::Kind::kRename;
  out.names.push_back(name_list(rename.object));
  out.new_name = rename.newname;
  return out;
}

TypeStmt transform_type_owner(const PgQuery__AlterOwnerStmt& alter) {
  TypeStmt out;
  out.kind = TypeStmt::Kind::kOwner;
  out.names.push_back(name_list(alter.object));
  out.role = transform_role_spec(*alter.newowner);
  return out;
}

}  // namespace heliosdb::engine::parser

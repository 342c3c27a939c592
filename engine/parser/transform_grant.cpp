// GRANT / REVOKE privileges ON objects (GrantStmt) into ast::GrantStmt.
// GRANT role TO role is transform_role.cpp's.
#include "engine/common/db_error.hpp"
#include "engine/parser/transformer.hpp"

namespace heliosdb::engine::parser {

using namespace ast;

namespace {

GrantStmt::Object object_of(PgQuery__ObjectType type) {
  switch (type) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
      return GrantStmt::Object::kTable;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
      return GrantStmt::Object::kSequence;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
      return GrantStmt::Object::kSchema;
    case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
    case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
      return GrantStmt::Object::kFunction;
    case PG_QUERY__OBJECT_TYPE__OBJECT_DATABASE:
      return GrantStmt::Object::kDatabase;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
      return GrantStmt::Object::kType;
    case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
      return GrantStmt::Object::kDomain;
    case PG_QUERY__OBJECT_TYPE__OBJECT_LANGUAGE:
      unsupported("GRANT and REVOKE on languages", -1);
    case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
      unsupported("GRANT and REVOKE on procedures", -1);
    case PG_QUERY__OBJECT_TYPE__OBJECT_LARGEOBJECT:
      unsupported("GRANT and REVOKE on large objects", -1);
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLESPACE:
      unsupported("GRANT and REVOKE on tablespaces", -1);
    default:
      unsupported("GRANT and REVOKE on this kind of object", -1);
  }
}

}  // namespace

GrantStmt transform_grant(const PgQuery__GrantStmt& grant) {
  GrantStmt out;
  out.grant = grant.is_grant;
  out.object = object_of(grant.objtype);
  out.all_in_schema = grant.targtype == PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_ALL_IN_SCHEMA;
  for (size_t i = 0; i < grant.n_objects; ++i) {
    const PgQuery__Node& object = *grant.objects[i];
    if (object.node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
      out.relations.push_back(transform_range_var(*object.range_var));
    } else if (object.node_case == PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
      out.functions.push_back(transform_routine_name(*object.object_with_args));
    } else if (object.node_case == PG_QUERY__NODE__NODE_STRING) {
      out.names.emplace_back(object.string->sval);
    } else if (object.node_case == PG_QUERY__NODE__NODE_LIST) {
      std::vector<std::string>& name = out.types.emplace_back();
      for (size_t k = 0; k < object.list->n_items; ++k) name.emplace_back(object.list->items[k]->string->sval);
    } else {
      unsupported_node(object);
    }
  }
  for (size_t i = 0; i < grant.n_privileges; ++i) {
    const PgQuery__AccessPriv& priv = *grant.privileges[i]->access_priv;
    if (priv.n_cols > 0) {
      GrantStmt::ColumnPrivilege& columns = out.column_privileges.emplace_back();
      if (priv.priv_name != nullptr) columns.privilege = priv.priv_name;
      for (size_t k = 0; k < priv.n_cols; ++k) columns.columns.emplace_back(priv.cols[k]->string->sval);
      continue;
    }
    out.privileges.emplace_back(priv.priv_name);
  }
  for (size_t i = 0; i < grant.n_grantees; ++i) {
    const PgQuery__RoleSpec& spec = *grant.grantees[i]->role_spec;
    if (spec.roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC) {
      out.grantees.push_back({"public", false, true});
    } else {
      out.grantees.push_back(transform_role_spec(spec));
    }
  }
  out.grant_option = grant.grant_option;
  if (grant.grantor != nullptr) out.grantor = transform_role_spec(*grant.grantor);
  out.cascade = grant.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  return out;
}

OwnedStmt transform_drop_owned(const PgQuery__DropOwnedStmt& drop) {
  OwnedStmt out;
  for (size_t i = 0; i < drop.n_roles; ++i) out.roles.push_back(transform_role_spec(*drop.roles[i]->role_spec));
  out.cascade = drop.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  return out;
}

OwnedStmt transform_reassign_owned(const PgQuery__ReassignOwnedStmt& reassign) {
  OwnedStmt out;
  out.drop = false;
  for (size_t i = 0; i < reassign.n_roles; ++i) out.roles.push_back(transform_role_spec(*reassign.roles[i]->role_spec));
  out.new_owner = transform_role_spec(*reassign.newrole);
  return out;
}

DefaultPrivilegesStmt transform_alter_default_privileges(const PgQuery__AlterDefaultPrivilegesStmt& alter) {
  DefaultPrivilegesStmt out;
  for (size_t i = 0; i < alter.n_options; ++i) {
    const PgQuery__DefElem& opt = *alter.options[i]->def_elem;
    const PgQuery__List& items = *opt.arg->list;
    const std::string name = opt.defname;
    if ((name == "roles" && !out.roles.empty()) || (name == "schemas" && !out.schemas.empty())) {
      throw at(DbError(sqlstate::kSyntaxError, "conflicting or redundant options"), opt.location);
    }
    for (size_t k = 0; k < items.n_items; ++k) {
      if (name == "roles") {
        out.roles.push_back(transform_role_spec(*items.items[k]->role_spec));
      } else {
        out.schemas.emplace_back(items.items[k]->string->sval);
      }
    }
  }
  out.grant = transform_grant(*alter.action);
  return out;
}

}  // namespace heliosdb::engine::parser

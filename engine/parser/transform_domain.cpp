// CREATE DOMAIN, ALTER DOMAIN and DROP DOMAIN into ast::DomainStmt.
#include "engine/common/db_error.hpp"
#include "engine/parser/transformer.hpp"

namespace heliosdb::engine::parser {

using namespace ast;

namespace {

std::vector<std::string> name_list(const PgQuery__Node* node) {
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_LIST) unsupported("this domain name", -1);
  return string_list(node->list->items, node->list->n_items);
}

[[noreturn]] void impossible(const std::string& what) {
  throw DbError(sqlstate::kSyntaxError, what + " constraints not possible for domains");
}

// The constraints a domain may have, with PostgreSQL's DefineDomain errors for the rest.
Constraint domain_constraint(const PgQuery__Constraint& c) {
  switch (c.contype) {
    case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
      impossible("unique");
    case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
      impossible("primary key");
    case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION:
      impossible("exclusion");
    case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
      impossible("foreign key");
    case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE:
    case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE:
    case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED:
    case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_IMMEDIATE:
      throw DbError(sqlstate::kFeatureNotSupported, "specifying constraint deferrability not supported for domains");
    case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
      if (c.is_no_inherit) {
        throw DbError(sqlstate::kInvalidObjectDefinition, "check constraints for domains cannot be marked NO INHERIT");
      }
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
    case PG_QUERY__CONSTR_TYPE__CONSTR_NULL:
    case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
      break;
    default:
      unsupported("this constraint on a domain", c.location);
  }
  return transform_constraint(c);
}

}  // namespace

DomainStmt transform_create_domain(const PgQuery__CreateDomainStmt& create) {
  DomainStmt out;
  out.kind = DomainStmt::Kind::kCreate;
  out.names.push_back(string_list(create.domainname, create.n_domainname));
  out.type = transform_type_name(*create.type_name);
  out.collate = create.coll_clause != nullptr;
  for (size_t i = 0; i < create.n_constraints; ++i) {
    const PgQuery__Node& node = *create.constraints[i];
    if (node.node_case != PG_QUERY__NODE__NODE_CONSTRAINT) unsupported_node(node);
    out.constraints.push_back(domain_constraint(*node.constraint));
  }
  return out;
}

DomainStmt transform_alter_domain(const PgQuery__AlterDomainStmt& alter) {
  DomainStmt out;
  out.names.push_back(string_list(alter.type_name, alter.n_type_name));
  const char subtype = alter.subtype != nullptr ? alter.subtype[0] : '\0';
  switch (subtype) {
    case 'T':
      if (alter.def == nullptr) {
        out.kind = DomainStmt::Kind::kDropDefault;
      } else {
        out.kind = DomainStmt::Kind::kSetDefault;
        Constraint k;
        k.kind = Constraint::Kind::kDefault;
        k.expr = transform_expr(alter.def);
        k.expr_text = deparse_expr(*alter.def);
        out.constraints.push_back(std::move(k));
      }
      break;
    case 'N':
      out.kind = DomainStmt::Kind::kDropNotNull;
      break;
    case 'O':
      out.kind = DomainStmt::Kind::kSetNotNull;
      break;
    case 'C': {
      out.kind = DomainStmt::Kind::kAddConstraint;
      if (alter.def == nullptr || alter.def->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) {
        unsupported("this ALTER DOMAIN", -1);
      }
      const PgQuery__Constraint& c = *alter.def->constraint;
      if (c.contype != PG_QUERY__CONSTR_TYPE__CONSTR_CHECK) {
        domain_constraint(c);  // PostgreSQL's error for a kind a domain cannot have
        unsupported("this constraint in ALTER DOMAIN ... ADD", c.location);
      }
      out.constraints.push_back(domain_constraint(c));
      out.not_valid = c.skip_validation;
      break;
    }
    case 'X':
      out.kind = DomainStmt::Kind::kDropConstraint;
      out.constraint = alter.name != nullptr ? alter.name : "";
      out.if_exists = alter.missing_ok;
      out.cascade = alter.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
      break;
    case 'V':
      out.kind = DomainStmt::Kind::kValidateConstraint;
      out.constraint = alter.name != nullptr ? alter.name : "";
      break;
    default:
      unsupported("this ALTER DOMAIN", -1);
  }
  return out;
}

DomainStmt transform_drop_domain(const PgQuery__DropStmt& drop) {
  DomainStmt out;
  out.kind = DomainStmt::Kind::kDrop;
  out.if_exists = drop.missing_ok;
  out.cascade = drop.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  for (size_t i = 0; i < drop.n_objects; ++i) {
    const PgQuery__Node& name = *drop.objects[i];
    if (name.node_case != PG_QUERY__NODE__NODE_TYPE_NAME) unsupported("this DROP DOMAIN", -1);
    out.names.push_back(transform_type_name(*name.type_name).names);
    if (out.location < 0) out.location = name.type_name->location;
  }
  return out;
}

DomainStmt transform_rename_domain(const PgQuery__RenameStmt& rename) {
  DomainStmt out;
  out.names.push_back(name_list(rename.object));
  out.new_name = rename.newname;
  if (rename.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_DOMCONSTRAINT) {
    out.kind = DomainStmt::Kind::kRenameConstraint;
    out.constraint = rename.subname != nullptr ? rename.subname : "";
  } else {
    out.kind = DomainStmt::Kind::kRename;
  }
  return out;
}

DomainStmt transform_domain_owner(const PgQuery__AlterOwnerStmt& alter) {
  DomainStmt out;
  out.kind = DomainStmt::Kind::kOwner;
  out.names.push_back(name_list(alter.object));
  out.role = transform_role_spec(*alter.newowner);
  return out;
}

}  // namespace heliosdb::engine::parser

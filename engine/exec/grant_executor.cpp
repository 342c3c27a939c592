// GRANT and REVOKE of privileges on tables, views, sequences, schemas,
// functions and the database, as PostgreSQL 15's aclchk.c does them: the
// grantor is the best role the granting user acts for (the owner, for the
// owner and for superusers), privileges it holds no grant option on are
// left out with a WARNING, and the access list changes by acl_rules.hpp.
#include <algorithm>
#include <bit>
#include <functional>

#include "engine/common/db_error.hpp"
#include "engine/exec/acl_rules.hpp"
#include "engine/exec/catalog_object_names.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/function_ddl.hpp"
#include "engine/exec/grant_terms.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/privileges.hpp"
#include "engine/exec/role_membership.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/statements.hpp"

namespace heliosdb::engine {

namespace {

namespace p = privilege;
using Object = ast::GrantStmt::Object;

std::uint32_t privilege_named(const std::string& name) {
  static const std::pair<const char*, std::uint32_t> kNames[] = {
      {"select", p::kSelect},   {"insert", p::kInsert},     {"update", p::kUpdate},
      {"delete", p::kDelete},   {"truncate", p::kTruncate}, {"references", p::kReferences},
      {"trigger", p::kTrigger}, {"execute", p::kExecute},   {"usage", p::kUsage},
      {"create", p::kCreate},   {"connect", p::kConnect},   {"temporary", p::kTemporary},
      {"temp", p::kTemporary}};
  for (const auto& [n, bit] : kNames) {
    if (name == n) return bit;
  }
  throw DbError(sqlstate::kSyntaxError, "unrecognized privilege type \"" + name + "\"");
}

std::string privilege_display(std::uint32_t bit) {
  static const char* kDisplay[] = {"INSERT",  "SELECT",  "UPDATE", "DELETE", "TRUNCATE", "REFERENCES",
                                   "TRIGGER", "EXECUTE", "USAGE",  "CREATE", "TEMP",     "CONNECT"};
  for (std::size_t i = 0; i < std::size(kDisplay); ++i) {
    if (bit == (1u << i)) return kDisplay[i];
  }
  return "?";
}

std::uint32_t lowest_bit(std::uint32_t bits) { return bits & (~bits + 1); }

// What the statement's kind of object may be granted: ON TABLE also takes a
// sequence's privileges (PostgreSQL checks each relation afterwards).
std::uint32_t statement_privileges(Object object) {
  switch (object) {
    case Object::kTable:
      return all_privileges(AclObject::kTable) | all_privileges(AclObject::kSequence);
    case Object::kSequence:
      return all_privileges(AclObject::kSequence);
    case Object::kSchema:
      return all_privileges(AclObject::kSchema);
    case Object::kFunction:
      return all_privileges(AclObject::kFunction);
    case Object::kDatabase:
      return all_privileges(AclObject::kDatabase);
    case Object::kType:
    case Object::kDomain:
      return all_privileges(AclObject::kType);
  }
  return 0;
}

const char* statement_noun(Object object) {
  switch (object) {
    case Object::kTable:
      return "relation";
    case Object::kSequence:
      return "sequence";
    case Object::kSchema:
      return "schema";
    case Object::kFunction:
      return "function";
    case Object::kDatabase:
      return "database";
    case Object::kType:
      return "type";
    case Object::kDomain:
      return "domain";
  }
  return "object";
}

// A column's list that grants nothing is no list (attacl NULL), as in PostgreSQL.
Acl column_acl(const Acl& acl) { return acl && acl->empty() ? std::nullopt : acl; }

// A table's and a view's lists are stored into its definition as it is
// then: a statement changes the relation's list and its columns' in turn.
Grantable table_grantable(const TableDef& def, ExecContext& ctx) {
  auto change = [&ctx, oid = def.oid](const std::function<void(TableDef&)>& edit) {
    const std::optional<TableDef> now = ctx.catalog.find_table(oid);
    TableDef updated = *now;
    edit(updated);
    ctx.catalog.update_table(*now, updated);
  };
  Grantable out{AclObject::kTable, def.kind_name(),
                def.name,          def.owner,
                def.acl,           [change](const Acl& acl) { change([&](TableDef& t) { t.acl = acl; }); }};
  for (const ColumnDef& c : def.columns) {
    out.columns.push_back(c.name);
    out.column_acls.push_back(c.acl);
  }
  out.store_column = [change](std::size_t i, const Acl& acl) {
    change([&](TableDef& t) { t.columns[i].acl = column_acl(acl); });
  };
  return out;
}

Grantable view_grantable(const ViewDef& def, ExecContext& ctx) {
  auto change = [&ctx, oid = def.oid](const std::function<void(ViewDef&)>& edit) {
    ViewDef updated = *ctx.catalog.find_view(oid);
    edit(updated);
    ctx.catalog.update_view(updated);
  };
  Grantable out{AclObject::kTable, "view",  def.name,
                def.owner,         def.acl, [change](const Acl& acl) { change([&](ViewDef& v) { v.acl = acl; }); }};
  out.columns = def.columns;
  out.column_acls = def.column_acls;
  out.column_acls.resize(def.columns.size());
  out.store_column = [change](std::size_t i, const Acl& acl) {
    change([&](ViewDef& v) {
      v.column_acls.resize(v.columns.size());
      v.column_acls[i] = column_acl(acl);
      // No column with a list of its own: none kept.
      if (std::none_of(v.column_acls.begin(), v.column_acls.end(), [](const Acl& a) { return a.has_value(); })) {
        v.column_acls.clear();
      }
    });
  };
  return out;
}

// Each column of `relation` with a list of its own, as an object of its own (DROP OWNED).
void add_columns(Grantable relation, std::vector<Grantable>& out) {
  for (std::size_t i = 0; i < relation.columns.size(); ++i) {
    if (!relation.column_acls[i]) continue;
    auto store = relation.store_column;
    out.push_back({AclObject::kColumn, "column", relation.columns[i] + " of relation " + relation.name, relation.owner,
                   relation.column_acls[i], [store, i](const Acl& acl) { store(i, acl); }});
  }
}

Grantable sequence_grantable(const SequenceDef& def, ExecContext& ctx) {
  return {AclObject::kSequence, "sequence", def.name, def.owner, def.acl, [&ctx, def](const Acl& acl) {
            SequenceDef updated = def;
            updated.acl = acl;
            ctx.catalog.update_sequence(updated);
          }};
}

Grantable function_grantable(const FunctionDef& def, ExecContext& ctx) {
  return {AclObject::kFunction, "function", def.name, def.owner, def.acl, [&ctx, def](const Acl& acl) {
            FunctionDef updated = def;
            updated.acl = acl;
            ctx.catalog.update_function(def, updated);
          }};
}

Grantable schema_grantable(const std::string& name, ExecContext& ctx) {
  if (std::optional<SchemaDef> def = ctx.catalog.find_schema(name)) {
    return {AclObject::kSchema, "schema", name, def->owner, def->acl, [&ctx, def](const Acl& acl) {
              SchemaDef updated = *def;
              updated.acl = acl;
              ctx.catalog.update_schema(updated);
            }};
  }
  if (!is_builtin_schema(name)) throw DbError(sqlstate::kUndefinedSchema, "schema \"" + name + "\" does not exist");
  if (name != "public") {
    throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: GRANT and REVOKE on schema " + name);
  }
  const SchemaAccess access = schema_access(ctx, name);
  return {AclObject::kSchema, "schema", name, access.owner, access.acl, [&ctx, name](const Acl& acl) {
            ctx.catalog.put_builtin_acl(builtin_acl_name(AclObject::kSchema, name), acl);
          }};
}

// The relations ON TABLE / ON SEQUENCE names.
void add_relations(const ast::GrantStmt& s, ExecContext& ctx, std::vector<Grantable>& out) {
  for (const ast::RangeVar& range : s.relations) {
    const std::string schema = relation_schema(ctx, range.schema, range.name);
    std::optional<SequenceDef> sequence = ctx.catalog.find_sequence(schema, range.name);
    if (sequence) {
      out.push_back(sequence_grantable(*sequence, ctx));
      continue;
    }
    std::optional<TableDef> table = ctx.catalog.find_table(schema, range.name);
    std::optional<ViewDef> view = table ? std::nullopt : ctx.catalog.find_view(schema, range.name);
    if (!table && !view) {
      throw at(DbError(sqlstate::kUndefinedTable, "relation \"" + range.name + "\" does not exist"), range.location);
    }
    if (s.object == Object::kSequence) {
      throw DbError(sqlstate::kWrongObjectType, "\"" + range.name + "\" is not a sequence");
    }
    out.push_back(table ? table_grantable(*table, ctx) : view_grantable(*view, ctx));
  }
}

// ON ALL TABLES | SEQUENCES | FUNCTIONS IN SCHEMA s: what each schema holds
// now (tables include views, as in PostgreSQL).
void add_all_in_schemas(const ast::GrantStmt& s, ExecContext& ctx, std::vector<Grantable>& out) {
  for (const std::string& schema : s.names) {
    if (!is_builtin_schema(schema) && !ctx.catalog.find_schema(schema)) {
      throw DbError(sqlstate::kUndefinedSchema, "schema \"" + schema + "\" does not exist");
    }
    if (s.object == Object::kTable) {
      for (const TableDef& t : ctx.catalog.tables()) {
        if (t.schema == schema) out.push_back(table_grantable(t, ctx));
      }
      for (const ViewDef& v : ctx.catalog.views()) {
        if (v.schema == schema) out.push_back(view_grantable(v, ctx));
      }
    } else if (s.object == Object::kSequence) {
      for (const SequenceDef& q : ctx.catalog.sequences()) {
        if (q.schema == schema) out.push_back(sequence_grantable(q, ctx));
      }
    } else {
      for (const FunctionDef& f : ctx.catalog.functions()) {
        if (f.schema == schema) out.push_back(function_grantable(f, ctx));
      }
    }
  }
}

Grantable database_grantable(const std::string& name, ExecContext& ctx);

Grantable enum_grantable(const EnumDef& def, ExecContext& ctx) {
  return {AclObject::kType, "type", def.name, def.owner, def.acl, [&ctx, oid = def.oid](const Acl& acl) {
            const EnumDef old = *ctx.catalog.find_enum(oid);
            EnumDef updated = old;
            updated.acl = acl;
            ctx.catalog.update_enum(old, updated);
            ctx.object_names.forget_types();
          }};
}

Grantable domain_grantable(const DomainDef& def, ExecContext& ctx) {
  return {AclObject::kType, "domain", def.name, def.owner, def.acl, [&ctx, oid = def.oid](const Acl& acl) {
            const DomainDef old = *ctx.catalog.find_domain(oid);
            DomainDef updated = old;
            updated.acl = acl;
            ctx.catalog.update_domain(old, std::move(updated));
            ctx.object_names.forget_types();
          }};
}

// ON TYPE / ON DOMAIN names: enum types and domains (ON DOMAIN only
// domains); a built-in type's list is not kept (0A000), an array type's is
// its element type's.
Grantable type_grantable(const std::vector<std::string>& names, bool domains_only, ExecContext& ctx) {
  ast::TypeName written;
  written.names = names;
  const SqlType type = resolve_type_name(written);  // 42704 for none
  if (type.domain_oid != 0) {
    if (std::optional<DomainDef> def = ctx.catalog.find_domain(type.domain_oid)) return domain_grantable(*def, ctx);
  }
  if (domains_only) throw DbError(sqlstate::kWrongObjectType, "\"" + names.back() + "\" is not a domain");
  if (is_array(type.id)) {
    throw DbError(sqlstate::kInvalidGrantOperation, "cannot set privileges of array types")
        .with_hint("Set the privileges of the element type instead.");
  }
  if (type.enum_oid != 0) {
    if (std::optional<EnumDef> def = ctx.catalog.find_enum(type.enum_oid)) return enum_grantable(*def, ctx);
  }
  throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: GRANT and REVOKE on built-in type " + names.back());
}

std::vector<Grantable> grantables(const ast::GrantStmt& s, ExecContext& ctx) {
  std::vector<Grantable> out;
  if (s.all_in_schema) {
    add_all_in_schemas(s, ctx, out);
    return out;
  }
  switch (s.object) {
    case Object::kTable:
    case Object::kSequence:
      add_relations(s, ctx, out);
      break;
    case Object::kSchema:
      for (const std::string& name : s.names) out.push_back(schema_grantable(name, ctx));
      break;
    case Object::kFunction:
      for (const ast::RoutineName& name : s.functions)
        out.push_back(function_grantable(function_named(name, ctx), ctx));
      break;
    case Object::kDatabase:
      for (const std::string& name : s.names) {
        if (name != ctx.database_name) {
          throw DbError(sqlstate::kUndefinedDatabase, "database \"" + name + "\" does not exist");
        }
        out.push_back(database_grantable(name, ctx));
      }
      break;
    case Object::kType:
    case Object::kDomain:
      for (const std::vector<std::string>& name : s.types) {
        out.push_back(type_grantable(name, s.object == Object::kDomain, ctx));
      }
      break;
  }
  return out;
}

Grantable database_grantable(const std::string& name, ExecContext& ctx) {
  return {AclObject::kDatabase, "database", name, kBootstrapSuperuser, database_acl(ctx), [&ctx](const Acl& acl) {
            ctx.catalog.put_builtin_acl(builtin_acl_name(AclObject::kDatabase, ""), acl);
          }};
}

// select_best_grantor: the owner for its members and superusers; else the
// role, of those the user acts for, holding the most of the grant options.
std::pair<std::uint32_t, std::uint32_t> best_grantor(ExecContext& ctx, const std::vector<AclItem>& acl,
                                                     std::uint32_t owner, std::uint32_t wanted) {
  Actor& me = actor(ctx);
  if (me.superuser || me.oid == owner) return {owner, wanted};
  std::vector<std::uint32_t> candidates{me.oid};
  for (std::uint32_t role : roles_with_privileges_of(ctx.catalog, me.oid)) {
    if (role != me.oid) candidates.push_back(role);
  }
  std::pair<std::uint32_t, std::uint32_t> best{me.oid, 0};
  for (std::uint32_t role : candidates) {
    std::uint32_t options = 0;
    if (role == owner) {
      options = wanted;
    } else {
      for (const AclItem& item : acl) {
        if (item.grantee == role) options |= item.grant_options & wanted;
      }
    }
    if (options == wanted) return {role, options};
    if (std::popcount(options) > std::popcount(best.second)) best = {role, options};
  }
  return best;
}

}  // namespace

std::vector<Grantable> every_grantable(ExecContext& ctx) {
  std::vector<Grantable> out;
  for (const SchemaDef& s : ctx.catalog.schemas()) out.push_back(schema_grantable(s.name, ctx));
  out.push_back(schema_grantable("public", ctx));
  for (const TableDef& t : ctx.catalog.tables()) {
    out.push_back(table_grantable(t, ctx));
    add_columns(out.back(), out);
  }
  for (const ViewDef& v : ctx.catalog.views()) {
    out.push_back(view_grantable(v, ctx));
    add_columns(out.back(), out);
  }
  for (const SequenceDef& q : ctx.catalog.sequences()) out.push_back(sequence_grantable(q, ctx));
  for (const FunctionDef& f : ctx.catalog.functions()) out.push_back(function_grantable(f, ctx));
  for (const EnumDef& e : ctx.catalog.enums()) out.push_back(enum_grantable(e, ctx));
  for (const DomainDef& d : ctx.catalog.domains()) out.push_back(domain_grantable(d, ctx));
  out.push_back(database_grantable(ctx.database_name, ctx));
  return out;
}

std::uint32_t named_privileges(const ast::GrantStmt& s, bool defaults) {
  // ON TABLE also names sequences; ALTER DEFAULT PRIVILEGES ... ON TABLES does not.
  const std::uint32_t allowed =
      defaults && s.object == Object::kTable ? all_privileges(AclObject::kTable) : statement_privileges(s.object);
  std::uint32_t privileges = 0;
  for (const std::string& name : s.privileges) {
    const std::uint32_t bit = privilege_named(name);
    if ((bit & ~allowed) != 0) {
      throw DbError(sqlstate::kInvalidGrantOperation,
                    "invalid privilege type " + privilege_display(bit) + " for " + statement_noun(s.object));
    }
    privileges |= bit;
  }
  return privileges;
}

std::vector<std::uint32_t> grantee_oids(const ast::GrantStmt& s, ExecContext& ctx) {
  std::vector<std::uint32_t> grantees;
  for (const ast::RoleName& role : s.grantees) {
    grantees.push_back(role.is_public ? 0 : static_cast<std::uint32_t>(role_oid(role, ctx)));
  }
  return grantees;
}

void refuse_public_grant_option(const ast::GrantStmt& s, std::uint32_t grantee) {
  if (s.grant && s.grant_option && grantee == 0) {
    throw DbError(sqlstate::kInvalidGrantOperation, "grant options can only be granted to roles");
  }
}

namespace {

// One list as the statement changes it: an object's, or one column's (then
// `relation_acl` is its table's, whose grant options count for it too).
struct ListChange {
  AclObject kind;
  std::vector<AclItem> acl;
  std::vector<AclItem> relation_acl;
  std::uint32_t owner = 0;
  std::uint32_t wanted = 0;
  bool all = false;
  std::string denied;  ///< "table t", "column c of relation t": what 42501 names
  std::string warned;  ///< "\"t\"", "column \"c\" of relation \"t\"": what the WARNINGs name
};

// aclchk.c's select_best_grantor, restrict_and_check_grant and
// merge_acl_with_grant for one list: the changed list.
std::vector<AclItem> change_list(const ast::GrantStmt& s, ListChange c, const std::vector<std::uint32_t>& grantees,
                                 ExecContext& ctx, QueryResult& result) {
  const RoleTest has_privs_of = [&ctx](std::uint32_t member, std::uint32_t role) {
    return has_privileges_of(ctx, member, role);
  };
  const std::uint32_t whole = all_privileges(c.kind);
  std::vector<AclItem> merged = c.relation_acl;
  merged.insert(merged.end(), c.acl.begin(), c.acl.end());
  const auto [grantor, options] = best_grantor(ctx, merged, c.owner, c.wanted);
  if (options == 0 && acl_privileges(c.acl, grantor, whole, has_privs_of) == 0 &&
      acl_grant_options(c.acl, c.owner, grantor, whole, has_privs_of) == 0) {
    throw DbError(sqlstate::kInsufficientPrivilege, "permission denied for " + c.denied);
  }
  const std::uint32_t granted = c.wanted & options;
  if (granted == 0 || (!c.all && granted != c.wanted)) {
    const std::string what =
        granted == 0 ? (s.grant ? "no privileges were granted for " : "no privileges could be revoked for ")
                     : (s.grant ? "not all privileges were granted for " : "not all privileges could be revoked for ");
    result.notices.push_back({"WARNING", s.grant ? "01007" : "01006", what + c.warned, {}});
  }
  for (std::uint32_t grantee : grantees) {
    const AclChange change{grantee, grantor, granted, s.grant_option};
    refuse_public_grant_option(s, grantee);
    if (s.grant) {
      if (granted != 0) acl_grant(c.acl, change, c.owner, has_privs_of);
    } else {
      acl_revoke(c.acl, change, c.owner, s.cascade, has_privs_of);
    }
  }
  return c.acl;
}

// The privileges each column of `object` gets or loses: those the
// statement names for it, and on REVOKE the table privileges revoked that
// are column privileges too (the SQL standard's implicit revoke).
std::vector<std::uint32_t> column_changes(const ast::GrantStmt& s, const Grantable& object,
                                          std::uint32_t table_revoked) {
  const std::uint32_t column_whole = all_privileges(AclObject::kColumn);
  std::vector<std::uint32_t> out(object.columns.size(), s.grant ? 0 : table_revoked & column_whole);
  for (const ast::GrantStmt::ColumnPrivilege& named : s.column_privileges) {
    const std::uint32_t bits = named.privilege.empty() ? column_whole : privilege_named(named.privilege);
    if ((bits & ~column_whole) != 0) {
      throw DbError(sqlstate::kInvalidGrantOperation,
                    "invalid privilege type " + privilege_display(lowest_bit(bits & ~column_whole)) + " for column");
    }
    if (object.kind == AclObject::kSequence) {
      throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: column privileges on sequences");
    }
    for (const std::string& column : named.columns) {
      auto it = std::find(object.columns.begin(), object.columns.end(), column);
      if (it == object.columns.end()) {
        throw DbError(sqlstate::kUndefinedColumn,
                      "column \"" + column + "\" of relation \"" + object.name + "\" does not exist");
      }
      out[static_cast<std::size_t>(it - object.columns.begin())] |= bits;
    }
  }
  return out;
}

}  // namespace

QueryResult run_grant(const ast::GrantStmt& s, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = s.grant ? "GRANT" : "REVOKE";
  const bool columns_only = s.privileges.empty() && !s.column_privileges.empty();
  const bool all = s.privileges.empty() && s.column_privileges.empty();
  const std::uint32_t privileges = named_privileges(s);
  if (!s.column_privileges.empty() && s.object != Object::kTable) {
    throw DbError(sqlstate::kInvalidGrantOperation, "column privileges are only valid for relations");
  }
  if (s.grantor) {
    if (role_oid(s.grantor, ctx) != actor(ctx).oid) {
      throw DbError(sqlstate::kFeatureNotSupported, "grantor must be current user");
    }
  }
  const std::vector<std::uint32_t> grantees = grantee_oids(s, ctx);
  for (Grantable& object : grantables(s, ctx)) {
    const std::uint32_t whole = all_privileges(object.kind);
    std::uint32_t wanted = all ? whole : privileges;
    if ((wanted & ~whole) != 0) {
      const std::string invalid = privilege_display(lowest_bit(wanted & ~whole));
      if (object.kind != AclObject::kSequence) {
        throw DbError(sqlstate::kInvalidGrantOperation, "invalid privilege type " + invalid + " for " + object.noun);
      }
      result.notices.push_back({"WARNING",
                                "0LP01",
                                "sequence \"" + object.name + "\" only supports USAGE, SELECT, and UPDATE privileges",
                                {}});
      wanted &= whole;
    }
    const std::uint32_t owner = owner_oid(object.owner);
    const std::vector<AclItem> relation_acl = effective_acl(object.acl, object.kind, owner);
    if (!columns_only) {
      ListChange change{object.kind,
                        relation_acl,
                        {},
                        owner,
                        wanted,
                        all,
                        object.noun + " " + object.name,
                        "\"" + object.name + "\""};
      object.store(change_list(s, std::move(change), grantees, ctx, result));
    }
    const std::vector<std::uint32_t> columns = column_changes(s, object, columns_only ? 0 : wanted);
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] == 0) continue;
      const std::string& column = object.columns[i];
      ListChange change{AclObject::kColumn,
                        effective_acl(object.column_acls[i], AclObject::kColumn, owner),
                        relation_acl,
                        owner,
                        columns[i],
                        columns[i] == all_privileges(AclObject::kColumn),
                        "column " + column + " of relation " + object.name,
                        "column \"" + column + "\" of relation \"" + object.name + "\""};
      object.store_column(i, change_list(s, std::move(change), grantees, ctx, result));
    }
  }
  return result;
}

}  // namespace heliosdb::engine

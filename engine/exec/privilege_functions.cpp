#include "engine/exec/privilege_functions.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>
#include <set>
#include <string_view>

#include "engine/common/db_error.hpp"
#include "engine/exec/catalog_object_names.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/function_ddl.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/role_membership.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/types/object_names.hpp"

namespace heliosdb::engine {

namespace {

// The privileges each kind of object has (acl.c's tables): each may be
// followed by WITH GRANT OPTION. RULE is still accepted for tables but held
// by no one, as in PostgreSQL.
std::vector<std::string> privileges_of(const std::string& function) {
  if (function == "has_table_privilege") {
    return {"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER", "RULE"};
  }
  if (function == "has_sequence_privilege") return {"USAGE", "SELECT", "UPDATE"};
  if (function == "has_type_privilege") return {"USAGE"};
  if (function == "has_schema_privilege") return {"CREATE", "USAGE"};
  if (function == "has_database_privilege") return {"CREATE", "CONNECT", "TEMPORARY", "TEMP"};
  if (function == "has_column_privilege" || function == "has_any_column_privilege") {
    return {"SELECT", "INSERT", "UPDATE", "REFERENCES"};
  }
  return {"EXECUTE"};
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Whether a role holds `privilege` (WITH GRANT OPTION or not).
using Holds = std::function<bool(const std::string& privilege, bool grant_option)>;

bool none_held(const std::string&, bool) { return false; }

// Whether the comma-separated privileges name any that is held. An unknown
// one is 22023, as convert_any_priv_string reports it.
bool any_privilege_held(const std::string& function, const std::string& list, const Holds& holds = none_held) {
  const std::vector<std::string> known = privileges_of(function);
  bool held = false;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = list.find(',', start);
    std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    auto space = [](unsigned char c) { return std::isspace(c) != 0; };
    item.erase(item.begin(), std::find_if_not(item.begin(), item.end(), space));
    item.erase(std::find_if_not(item.rbegin(), item.rend(), space).base(), item.end());
    std::string name = upper(item);
    constexpr std::string_view kGrant = " WITH GRANT OPTION";
    const bool grant_option = name.ends_with(kGrant);
    if (grant_option) name.resize(name.size() - kGrant.size());
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      throw DbError(sqlstate::kInvalidParameterValue, "unrecognized privilege type: \"" + item + "\"");
    }
    held = held || holds(name, grant_option);
    if (comma == std::string::npos) return held;
    start = comma + 1;
  }
}

// Whether the role argument names a role: by name, 42704 if none (PUBLIC
// stands for every role); by oid, false if none, as PostgreSQL's checks
// find no privilege for it.
bool role_exists(ExecContext& ctx, TypeId type, const Value& role) {
  if (type != TypeId::kOid) {
    const std::string name = role.as_string();
    if (name == "public" || name == "postgres" || find_predefined_role(std::string_view(name)) ||
        ctx.catalog.find_role(name)) {
      return true;
    }
    throw DbError(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
  }
  const std::int64_t oid = role.as_int();
  return oid == kBootstrapSuperuser || find_predefined_role(oid) != nullptr ||
         (oid > 0 && oid <= UINT32_MAX && ctx.catalog.find_role(static_cast<std::uint32_t>(oid)).has_value());
}

// The relation the argument names: by name 42P01 if none, by oid nullopt if none.
std::optional<std::uint32_t> relation_of(TypeId type, const Value& v) {
  if (type != TypeId::kOid) return static_cast<std::uint32_t>(regclass_in(v.as_string()).as_int());
  const std::int64_t oid = v.as_int();
  if (oid <= 0 || oid > UINT32_MAX || !relation_is_publishable(static_cast<std::uint32_t>(oid))) return std::nullopt;
  return static_cast<std::uint32_t>(oid);
}

// The columns of one of our relations; nullopt for a catalog's.
std::optional<std::vector<std::string>> columns_of(ExecContext& ctx, std::uint32_t oid) {
  std::vector<std::string> names;
  if (auto table = ctx.catalog.find_table(oid)) {
    for (const ColumnDef& c : table->columns) names.push_back(c.name);
    return names;
  }
  if (auto view = ctx.catalog.find_view(oid)) return view->columns;
  if (ctx.catalog.find_sequence(oid)) return std::vector<std::string>{"last_value", "log_cnt", "is_called"};
  return std::nullopt;
}

// Each column's own list (attacl), by position; empty for a relation without columns of ours.
std::vector<Acl> column_acls_of(ExecContext& ctx, std::uint32_t oid) {
  std::vector<Acl> out;
  if (auto table = ctx.catalog.find_table(oid)) {
    for (const ColumnDef& c : table->columns) out.push_back(c.acl);
  } else if (auto view = ctx.catalog.find_view(oid)) {
    out = view->column_acls;
    out.resize(view->columns.size());
  }
  return out;
}

// The function has_function_privilege names: 'name(argtypes)' (42883 if
// none), or an oid (nullopt if none).
std::optional<FunctionDef> function_of(ExecContext& ctx, TypeId type, const Value& v) {
  if (type == TypeId::kOid) {
    const std::int64_t oid = v.as_int();
    if (oid <= 0 || oid > UINT32_MAX) return std::nullopt;
    return ctx.catalog.find_function(static_cast<std::uint32_t>(oid));
  }
  const std::string text = v.as_string();
  std::optional<FunctionDef> def = function_by_signature(text, ctx);
  if (!def) {
    throw DbError(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type regprocedure: \"" + text + "\"");
  }
  return def;
}

// The type has_type_privilege names: by name (42704 if none), by oid
// (nullopt if none); with the enum type's or domain's list, or a built-in
// type's default (PUBLIC may use it).
std::optional<std::pair<Acl, std::int64_t>> type_access(ExecContext& ctx, TypeId type, const Value& v) {
  std::uint32_t oid = 0;
  if (type == TypeId::kOid) {
    if (v.as_int() <= 0 || v.as_int() > UINT32_MAX) return std::nullopt;
    oid = static_cast<std::uint32_t>(v.as_int());
  } else {
    const SqlType named = ctx.object_names.type_named(v.as_string());
    oid = named.domain_oid != 0 ? named.domain_oid : named.enum_oid;
    if (oid == 0) return std::pair<Acl, std::int64_t>{std::nullopt, kBootstrapSuperuser};
  }
  if (auto def = ctx.catalog.find_enum(oid)) return std::pair<Acl, std::int64_t>{def->acl, def->owner};
  if (auto def = ctx.catalog.find_domain(oid)) return std::pair<Acl, std::int64_t>{def->acl, def->owner};
  // A built-in type's oid shows as its name; one of no type as the number.
  const std::string shown = format_oid_value(oid_value(TypeId::kRegtype, oid));
  if (shown == std::to_string(oid)) return std::nullopt;
  return std::pair<Acl, std::int64_t>{std::nullopt, kBootstrapSuperuser};
}

std::string relation_name(ExecContext& ctx, std::uint32_t oid) {
  if (auto table = ctx.catalog.find_table(oid)) return table->name;
  if (auto view = ctx.catalog.find_view(oid)) return view->name;
  if (auto seq = ctx.catalog.find_sequence(oid)) return seq->name;
  return format_oid_value(oid_value(TypeId::kRegclass, oid));
}

// Whether the object exists (throwing for one named by text that does not).
bool object_exists(ExecContext& ctx, const std::string& function, const std::vector<TypeId>& types,
                   const std::vector<Value>& args, std::size_t at) {
  const TypeId type = types[at];
  const Value& v = args[at];
  if (function == "has_schema_privilege") {
    if (type != TypeId::kOid) {
      if (namespace_oid(ctx.catalog, v.as_string())) return true;
      throw DbError(sqlstate::kInvalidSchemaName, "schema \"" + v.as_string() + "\" does not exist");
    }
    for (const auto& [oid, name] : namespace_list(ctx.catalog)) {
      if (oid == v.as_int()) return true;
    }
    return false;
  }
  if (function == "has_function_privilege") return function_of(ctx, type, v).has_value();
  if (function == "has_type_privilege") return type_access(ctx, type, v).has_value();
  if (function == "has_database_privilege") {
    if (type != TypeId::kOid) {
      if (v.as_string() == ctx.database_name) return true;
      throw DbError(sqlstate::kInvalidCatalogName, "database \"" + v.as_string() + "\" does not exist");
    }
    return v.as_int() == kDatabaseOid;
  }
  std::optional<std::uint32_t> relation = relation_of(type, v);
  if (!relation) return false;
  if (function == "has_sequence_privilege" && !ctx.catalog.find_sequence(*relation)) {
    const std::string name = type != TypeId::kOid ? v.as_string() : relation_name(ctx, *relation);
    throw DbError(sqlstate::kWrongObjectType, "\"" + name + "\" is not a sequence");
  }
  if (function != "has_column_privilege") return true;
  // The column, by name (42703 if none) or by number (NULL if none; system columns are there).
  std::optional<std::vector<std::string>> columns = columns_of(ctx, *relation);
  if (!columns)
    throw DbError(sqlstate::kFeatureNotSupported, "has_column_privilege on a system catalog is not supported");
  const Value& column = args[at + 1];
  if (types[at + 1] == TypeId::kInt2) {
    const std::int64_t n = column.as_int();
    if (n < 0) return n >= -6 && !ctx.catalog.find_view(*relation);
    return n >= 1 && static_cast<std::size_t>(n) <= columns->size();
  }
  if (std::find(columns->begin(), columns->end(), column.as_string()) != columns->end()) return true;
  throw DbError(sqlstate::kUndefinedColumn, "column \"" + column.as_string() + "\" of relation \"" +
                                                relation_name(ctx, *relation) + "\" does not exist");
}

// The privilege bit of a name has_*_privilege takes; 0 for RULE, which no one holds.
std::uint32_t privilege_bit(const std::string& name) {
  using namespace privilege;
  static const std::pair<const char*, std::uint32_t> kBits[] = {
      {"SELECT", kSelect},     {"INSERT", kInsert},         {"UPDATE", kUpdate},   {"DELETE", kDelete},
      {"TRUNCATE", kTruncate}, {"REFERENCES", kReferences}, {"TRIGGER", kTrigger}, {"EXECUTE", kExecute},
      {"USAGE", kUsage},       {"CREATE", kCreate},         {"CONNECT", kConnect}, {"TEMPORARY", kTemporary},
      {"TEMP", kTemporary}};
  for (const auto& [n, bit] : kBits) {
    if (name == n) return bit;
  }
  return 0;
}

// What decides who may use the object an argument names; nullopt for a
// system catalog (which PUBLIC may read).
struct ObjectAccess {
  AclObject kind;
  Acl acl;
  std::int64_t owner;
};

std::optional<ObjectAccess> object_access(ExecContext& ctx, const std::string& function, TypeId type, const Value& v) {
  if (function == "has_database_privilege") return ObjectAccess{AclObject::kDatabase, database_acl(ctx), 10};
  if (function == "has_type_privilege") {
    const auto [acl, owner] = *type_access(ctx, type, v);
    return ObjectAccess{AclObject::kType, acl, owner};
  }
  if (function == "has_function_privilege") {
    const FunctionDef def = *function_of(ctx, type, v);
    return ObjectAccess{AclObject::kFunction, def.acl, def.owner};
  }
  if (function == "has_schema_privilege") {
    std::string name = type != TypeId::kOid ? v.as_string() : std::string();
    if (type == TypeId::kOid) {
      for (const auto& [oid, n] : namespace_list(ctx.catalog)) {
        if (oid == v.as_int()) name = n;
      }
    }
    const SchemaAccess access = schema_access(ctx, name);
    return ObjectAccess{AclObject::kSchema, access.acl, access.owner};
  }
  const std::optional<std::uint32_t> relation = relation_of(type, v);
  if (!relation) return std::nullopt;
  if (auto table = ctx.catalog.find_table(*relation)) return ObjectAccess{AclObject::kTable, table->acl, table->owner};
  if (auto view = ctx.catalog.find_view(*relation)) return ObjectAccess{AclObject::kTable, view->acl, view->owner};
  if (auto seq = ctx.catalog.find_sequence(*relation)) return ObjectAccess{AclObject::kSequence, seq->acl, seq->owner};
  return std::nullopt;
}

}  // namespace

namespace {

// A role as pg_has_role sees it: whether it exists, and whether it is a superuser.
struct RoleFacts {
  bool exists = false;
  bool superuser = false;
  std::string name;
  std::uint32_t oid = 0;
};

RoleFacts role_facts(ExecContext& ctx, TypeId type, const Value& role) {
  if (type == TypeId::kOid) {
    const std::int64_t oid = role.as_int();
    if (oid <= 0 || oid > UINT32_MAX) return {};
    const auto id = static_cast<std::uint32_t>(oid);
    if (auto def = ctx.catalog.find_role(id)) return {true, def->superuser, def->name, id};
    if (oid == kBootstrapSuperuser) return {true, true, "postgres", id};
    if (const PredefinedRole* predefined = find_predefined_role(oid))
      return {true, false, std::string(predefined->name), id};
    return {};
  }
  const std::string name = role.as_string();
  if (auto def = ctx.catalog.find_role(name)) return {true, def->superuser, name, def->oid};
  if (name == "postgres") return {true, true, name, static_cast<std::uint32_t>(kBootstrapSuperuser)};
  if (const PredefinedRole* predefined = find_predefined_role(std::string_view(name))) {
    return {true, false, name, static_cast<std::uint32_t>(predefined->oid)};
  }
  throw DbError(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
}

// pg_has_role([user,] role, 'MEMBER' | 'USAGE' [WITH ADMIN OPTION], ...):
// MEMBER through any chain of GRANT role TO role, USAGE only through roles
// that inherit, WITH ADMIN OPTION where the membership has it (or the user
// is the role's superuser); a superuser has every role, as in PostgreSQL.
Value evaluate_pg_has_role(ExecContext& ctx, const std::vector<TypeId>& types, const std::vector<Value>& args) {
  const bool with_user = args.size() == 3;
  const RoleFacts user = with_user ? role_facts(ctx, types[0], args[0])
                                   : role_facts(ctx, TypeId::kText, Value::string(TypeId::kText, ctx.user_name));
  const RoleFacts role = role_facts(ctx, types[with_user ? 1 : 0], args[with_user ? 1 : 0]);
  const std::string& list = args.back().as_string();
  std::vector<std::pair<bool, bool>> asked;  // each item's (USAGE, WITH ADMIN OPTION)
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = list.find(',', start);
    std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    std::string name = upper(item);
    auto space = [](unsigned char c) { return std::isspace(c) != 0; };
    name.erase(name.begin(), std::find_if_not(name.begin(), name.end(), space));
    name.erase(std::find_if_not(name.rbegin(), name.rend(), space).base(), name.end());
    bool admin = false;
    for (std::string_view option : {" WITH ADMIN OPTION", " WITH GRANT OPTION"}) {
      if (!name.ends_with(option)) continue;
      name.resize(name.size() - option.size());
      admin = true;
    }
    if (name != "MEMBER" && name != "USAGE") {
      throw DbError(sqlstate::kInvalidParameterValue, "unrecognized privilege type: \"" + item + "\"");
    }
    asked.push_back({name == "USAGE", admin});
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (!user.exists || !role.exists) return Value::boolean(false);
  if (user.superuser) return Value::boolean(true);
  for (const auto& [usage, admin] : asked) {
    if (admin) {
      if (is_admin_of_role(ctx.catalog, user.oid, role.oid)) return Value::boolean(true);
    } else if (reaches_role(ctx.catalog, user.oid, role.oid, usage)) {
      return Value::boolean(true);
    }
  }
  return Value::boolean(false);
}

}  // namespace

bool is_privilege_function(const std::string& name) {
  return name == "pg_has_role" || name == "has_table_privilege" || name == "has_schema_privilege" ||
         name == "has_database_privilege" || name == "has_sequence_privilege" || name == "has_column_privilege" ||
         name == "has_function_privilege" || name == "has_any_column_privilege" || name == "has_type_privilege";
}

std::vector<std::vector<TypeId>> privilege_function_forms(const std::string& name) {
  constexpr TypeId T = TypeId::kText;
  constexpr TypeId O = TypeId::kOid;
  constexpr TypeId I2 = TypeId::kInt2;
  if (name == "pg_has_role") return {{T, T}, {O, T}, {T, T, T}, {T, O, T}, {O, T, T}, {O, O, T}};
  if (name == "has_column_privilege") {
    return {{T, T, T},    {T, I2, T},    {O, T, T},    {O, I2, T},    {T, T, T, T}, {T, T, I2, T},
            {T, O, T, T}, {T, O, I2, T}, {O, T, T, T}, {O, T, I2, T}, {O, O, T, T}, {O, O, I2, T}};
  }
  return {{T, T}, {O, T}, {T, T, T}, {T, O, T}, {O, T, T}, {O, O, T}};
}

Value evaluate_privilege_function(const BoundExpr& e, const std::vector<Value>& args) {
  const Value null = Value::null(TypeId::kBool);
  for (const Value& v : args) {
    if (v.is_null()) return null;
  }
  ExecContext& ctx = *e.ctx;
  std::vector<TypeId> types;
  for (const auto& a : e.args) types.push_back(a->type.id);
  if (e.op == "pg_has_role") return evaluate_pg_has_role(ctx, types, args);
  // With a role argument first: has_column_privilege takes four, the others three.
  const bool with_role = args.size() == (e.op == "has_column_privilege" ? 4u : 3u);
  bool role = true;
  if (with_role) role = role_exists(ctx, types[0], args[0]);
  const bool is_public = with_role && types[0] != TypeId::kOid && args[0].as_string() == "public";
  // PostgreSQL reads a name before the privileges, but the privileges before looking an oid up.
  const std::size_t object = with_role ? 1 : 0;
  if (types[object] == TypeId::kOid) any_privilege_held(e.op, args.back().as_string());
  if (!object_exists(ctx, e.op, types, args, object)) return null;
  any_privilege_held(e.op, args.back().as_string());
  if (!role) return Value::boolean(false);
  std::uint32_t asker = actor(ctx).oid;
  if (is_public) {
    asker = 0;
  } else if (with_role) {
    asker = role_facts(ctx, types[0], args[0]).oid;
  }
  const std::optional<ObjectAccess> access = object_access(ctx, e.op, types[object], args[object]);
  const Holds holds = [&](const std::string& privilege, bool grant_option) {
    const std::uint32_t bit = privilege_bit(privilege);
    if (bit == 0) return false;
    if (!access) {
      // A system catalog: everyone may read it; the rest is a superuser's.
      const bool superuser = asker != 0 && role_facts(ctx, TypeId::kOid, oid_value(TypeId::kOid, asker)).superuser;
      return superuser || (bit == privilege::kSelect && !grant_option);
    }
    if (role_privileges(ctx, asker, access->kind, access->acl, access->owner, bit, grant_option) != 0) return true;
    // Short of the table's privilege, a column's own: the one asked about, or any.
    if (e.op != "has_column_privilege" && e.op != "has_any_column_privilege") return false;
    const std::vector<Acl> columns = column_acls_of(ctx, *relation_of(types[object], args[object]));
    auto column_holds = [&](const Acl& acl) {
      return acl && role_privileges(ctx, asker, AclObject::kColumn, acl, access->owner, bit, grant_option) != 0;
    };
    if (e.op == "has_any_column_privilege") return std::any_of(columns.begin(), columns.end(), column_holds);
    const Value& column = args[object + 1];
    std::int64_t number = 0;
    if (types[object + 1] == TypeId::kInt2) {
      number = column.as_int();
    } else if (auto table = ctx.catalog.find_table(*relation_of(types[object], args[object]))) {
      number = table->column_index(column.as_string()) + 1;
    } else if (auto view = ctx.catalog.find_view(*relation_of(types[object], args[object]))) {
      auto it = std::find(view->columns.begin(), view->columns.end(), column.as_string());
      number = it == view->columns.end() ? 0 : it - view->columns.begin() + 1;
    }
    return number >= 1 && static_cast<std::size_t>(number) <= columns.size() &&
           column_holds(columns[static_cast<std::size_t>(number - 1)]);
  };
  return Value::boolean(any_privilege_held(e.op, args.back().as_string(), holds));
}

}  // namespace heliosdb::engine

#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

// Fixed OIDs, as PostgreSQL 15's initdb assigns them.
inline constexpr std::int64_t kBootstrapSuperuser = 10;   ///< the superuser initdb makes
inline constexpr std::int64_t kDatabaseOwnerRole = 6171;  ///< pg_database_owner, owner of public
inline constexpr std::int64_t kPgCatalogNamespace = 11;
inline constexpr std::int64_t kPgToastNamespace = 99;
inline constexpr std::int64_t kPublicNamespace = 2200;
inline constexpr std::int64_t kInformationSchemaNamespace = 13212;
inline constexpr std::int64_t kHeapAm = 2;
inline constexpr std::int64_t kBtreeAm = 403;
inline constexpr std::int64_t kDatabaseOid = 5;  ///< initdb's "postgres" database, which ours stands for
inline constexpr std::int64_t kDefaultTablespace = 1663;
inline constexpr std::int64_t kGlobalTablespace = 1664;
inline constexpr std::int64_t kUtf8Encoding = 6;  ///< PG_UTF8 in pg_wchar.h
/// PostgreSQL 15's predefined roles, pg_database_owner among them, with
/// initdb's oids: they exist in every database (pg_roles lists them).
struct PredefinedRole {
  std::int64_t oid;
  std::string_view name;
};
inline constexpr PredefinedRole kPredefinedRoles[] = {
    {3373, "pg_monitor"},
    {3374, "pg_read_all_settings"},
    {3375, "pg_read_all_stats"},
    {3377, "pg_stat_scan_tables"},
    {4200, "pg_signal_backend"},
    {4544, "pg_checkpoint"},
    {4569, "pg_read_server_files"},
    {4570, "pg_write_server_files"},
    {4571, "pg_execute_server_program"},
    {kDatabaseOwnerRole, "pg_database_owner"},
    {6181, "pg_read_all_data"},
    {6182, "pg_write_all_data"},
};
/// The predefined role of that name or oid, if there is one.
const PredefinedRole* find_predefined_role(std::string_view name);
const PredefinedRole* find_predefined_role(std::int64_t oid);

/// pg_extension's row for pgvector, built in: from the range of the vector type's oids (8100, 8101).
inline constexpr std::int64_t kVectorExtension = 8105;

/// pg_catalog.`name` computed from this transaction's catalog; nullopt if
/// we do not have that relation.
std::optional<Relation> pg_catalog_view(const std::string& name, const std::string& qualifier, ExecContext& ctx);

/// pg_type: our types and their array types, and pgvector's vector (pg_type_view.cpp).
Relation pg_type_relation(const std::string& qualifier, ExecContext& ctx);
/// pg_enum: a row for each label of each enum type.
Relation pg_enum_relation(const std::string& qualifier, ExecContext& ctx);

/// A type's storage as pg_type and pg_attribute show it (typlen, typbyval, typalign, typstorage).
struct TypeLayout {
  int length;
  bool by_value;
  char align;
  char storage;
};
TypeLayout type_layout(TypeId id);

/// pg_attribute: the columns of tables, views and indexes (pg_attribute_view.cpp).
Relation pg_attribute_relation(const std::string& qualifier, ExecContext& ctx);

/// pg_index: the btree indexes (a primary key's too) and the vector indexes (pg_index_view.cpp).
Relation pg_index_relation(const std::string& qualifier, ExecContext& ctx);
/// pg_get_indexdef(oid, column, pretty): CREATE INDEX as PostgreSQL prints it
/// (column 0) or the column'th key column; nullopt if no index has that oid.
/// Pretty output leaves out a schema on the search path.
std::optional<std::string> index_definition(ExecContext& ctx, std::uint32_t oid, int column, bool pretty);

/// pg_constraint: PRIMARY KEY, UNIQUE, CHECK and FOREIGN KEY constraints (pg_constraint_view.cpp).
Relation pg_constraint_relation(const std::string& qualifier, ExecContext& ctx);
/// pg_get_constraintdef(oid): the constraint as ALTER TABLE ... ADD CONSTRAINT writes it; nullopt if none has that oid.
std::optional<std::string> constraint_definition(ExecContext& ctx, std::uint32_t oid, bool pretty = false);

/// A column's default (or generation expression) as pg_get_expr prints it:
/// a sequence's name is qualified when its schema is not on the search path,
/// as regclass output is.
std::string column_default_text(ExecContext& ctx, const TableDef& t, const ColumnDef& c);

/// The tables PostgreSQL would give triggers: both ends of every foreign
/// key, which it enforces with them (relhastriggers, pg_tables.hastriggers;
/// pg_dump looks for foreign keys only there).
std::set<std::uint32_t> tables_with_triggers(const std::vector<TableDef>& tables);

/// pg_tables, pg_views, pg_indexes and pg_sequences (pg_relation_views.cpp).
Relation pg_views_relation(const std::string& qualifier, ExecContext& ctx);
Relation pg_tables_relation(const std::string& qualifier, ExecContext& ctx);
Relation pg_matviews_relation(const std::string& qualifier, ExecContext& ctx);
/// pg_policy and pg_policies (pg_policy_view.cpp).
Relation pg_policy_relation(const std::string& qualifier, ExecContext& ctx);
Relation pg_policies_relation(const std::string& qualifier, ExecContext& ctx);
Relation pg_indexes_relation(const std::string& qualifier, ExecContext& ctx);
Relation pg_sequences_relation(const std::string& qualifier, ExecContext& ctx);

/// pg_attrdef, pg_depend and pg_sequence (pg_depend_view.cpp).
Relation pg_attrdef_relation(const std::string& qualifier, ExecContext& ctx);
Relation pg_depend_relation(const std::string& qualifier, ExecContext& ctx);
Relation pg_sequence_relation(const std::string& qualifier, ExecContext& ctx);

/// Catalogs of objects we do not have, with their columns and no rows; nullopt for other names
/// (pg_catalog_empty.cpp, with pg_database, pg_tablespace and pg_settings).
std::optional<Relation> empty_catalog(const std::string& name, const std::string& qualifier);
/// Every role pg_roles lists: the catalog's, the bootstrap superuser and the
/// predefined roles, by oid.
std::vector<RoleDef> all_roles(ExecContext& ctx);
Relation pg_extension_relation(const std::string& qualifier, ExecContext& ctx);
Relation pg_available_extensions_relation(const std::string& qualifier, ExecContext& ctx);
Relation pg_database_relation(const std::string& qualifier, ExecContext& ctx);
Relation pg_tablespace_relation(const std::string& qualifier);
Relation pg_settings_relation(const std::string& qualifier, ExecContext& ctx);
/// pg_cursors: the session's SQL cursors (pg_cursors_view.cpp).
Relation pg_cursors_relation(const std::string& qualifier, ExecContext& ctx);

/// pg_options_to_table(options text[]) in FROM: (option_name, option_value) rows (options_to_table.cpp).
Relation options_to_table_relation(const ast::FunctionRef& ref, const std::string& qualifier, ExecContext& ctx);

/// pg_get_userbyid: the role's name, or PostgreSQL's "unknown (OID=n)".
std::string role_name(ExecContext& ctx, std::int64_t role);
/// The oid of the role a statement names (OWNER TO, AUTHORIZATION): the
/// current user's without one; 42704 if there is no such role.
std::int64_t role_oid(const std::optional<ast::RoleName>& role, ExecContext& ctx);

}  // namespace heliosdb::engine

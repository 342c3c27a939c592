#pragma once

// Internal to engine/parser: turns libpg_query's protobuf tree into our AST.
// One file per statement family: transform_expr.cpp, transform_select.cpp,
// transform_dml.cpp, transform_ddl.cpp, transform_statement.cpp.

#include <string>
#include <string_view>
#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/parser/pg_parse_tree.hpp"

namespace heliosdb::engine::parser {

/// Throws DbError(0A000) naming the construct; `location` is 0-based or -1.
[[noreturn]] void unsupported(std::string_view construct, int location);
/// The SQL name of a node kind we do not handle, e.g. "CREATE FUNCTION".
std::string node_name(const PgQuery__Node& node);
/// Throws 0A000 for any node we do not handle.
[[noreturn]] void unsupported_node(const PgQuery__Node& node);
ast::SettingStmt transform_variable_set(const PgQuery__VariableSetStmt& s);

std::string string_value(const PgQuery__Node& node);
/// The value of an option (DefElem) argument as text: Integer, Float, String,
/// Boolean or a constant; empty for a bare option.
std::string option_value(const PgQuery__Node* arg);
std::vector<std::string> string_list(PgQuery__Node* const* items, size_t n);

ast::ExprPtr transform_expr(const PgQuery__Node* node);
ast::ExprList transform_expr_list(PgQuery__Node* const* items, size_t n);
ast::TypeName transform_type_name(const PgQuery__TypeName& type);

/// `top_level`: the statement itself, not a subquery; only there may a WITH
/// clause hold an INSERT, UPDATE or DELETE.
ast::SortItem transform_sort_by(const PgQuery__SortBy& s);
std::shared_ptr<const ast::WindowDef> transform_window_def(const PgQuery__WindowDef& w);
/// One item of a FROM list (also UPDATE ... FROM, DELETE ... USING).
ast::TableRefPtr transform_from_item(const PgQuery__Node& node);
std::unique_ptr<ast::SelectStmt> transform_select(const PgQuery__SelectStmt& select, bool top_level = false);
std::shared_ptr<const ast::WithClause> transform_with(const PgQuery__WithClause* with, bool top_level);
std::vector<ast::ResultTarget> transform_targets(PgQuery__Node* const* items, size_t n);
ast::RangeVar transform_range_var(const PgQuery__RangeVar& range);

ast::InsertStmt transform_insert(const PgQuery__InsertStmt& insert);
ast::UpdateStmt transform_update(const PgQuery__UpdateStmt& update);
ast::DeleteStmt transform_delete(const PgQuery__DeleteStmt& del);
ast::CopyStmt transform_copy(const PgQuery__CopyStmt& copy);

ast::CreateTableStmt transform_create_table(const PgQuery__CreateStmt& create);
ast::CommentStmt transform_comment(const PgQuery__CommentStmt& comment);
/// CREATE TABLE ... AS `query` with the INTO clause's target (also SELECT ... INTO).
ast::CreateTableAsStmt transform_create_table_as(const PgQuery__IntoClause& into,
                                                 std::unique_ptr<ast::SelectStmt> query, bool if_not_exists,
                                                 bool materialized = false);
ast::DropStmt transform_drop(const PgQuery__DropStmt& drop);
ast::TruncateStmt transform_truncate(const PgQuery__TruncateStmt& truncate);
ast::AlterTableStmt transform_alter_table(const PgQuery__AlterTableStmt& alter);
ast::RenameStmt transform_rename(const PgQuery__RenameStmt& rename);
// transform_policy.cpp
ast::PolicyStmt transform_create_policy(const PgQuery__CreatePolicyStmt& create);
ast::PolicyStmt transform_alter_policy(const PgQuery__AlterPolicyStmt& alter);
ast::PolicyStmt transform_rename_policy(const PgQuery__RenameStmt& rename);
ast::PolicyStmt transform_drop_policy(const PgQuery__DropStmt& drop);
ast::RoleStmt transform_create_role(const PgQuery__CreateRoleStmt& create);
ast::RoleStmt transform_alter_role(const PgQuery__AlterRoleStmt& alter);
ast::RoleStmt transform_drop_role(const PgQuery__DropRoleStmt& drop);
ast::RoleStmt transform_rename_role(const PgQuery__RenameStmt& rename);
ast::RoleStmt transform_grant_role(const PgQuery__GrantRoleStmt& grant);
ast::GrantStmt transform_grant(const PgQuery__GrantStmt& grant);
ast::DefaultPrivilegesStmt transform_alter_default_privileges(const PgQuery__AlterDefaultPrivilegesStmt& alter);
ast::OwnedStmt transform_drop_owned(const PgQuery__DropOwnedStmt& drop);
ast::OwnedStmt transform_reassign_owned(const PgQuery__ReassignOwnedStmt& reassign);
/// A role as written (CURRENT_USER and SESSION_USER: the current one).
ast::RoleName transform_role_spec(const PgQuery__RoleSpec& spec);

/// CREATE SCHEMA, DROP SCHEMA, ALTER SCHEMA ... RENAME TO / OWNER TO (transform_schema.cpp).
ast::SchemaStmt transform_create_schema(const PgQuery__CreateSchemaStmt& create);
ast::SchemaStmt transform_drop_schema(const PgQuery__DropStmt& drop);
ast::ExtensionStmt transform_create_extension(const PgQuery__CreateExtensionStmt& create);
ast::ExtensionStmt transform_drop_extension(const PgQuery__DropStmt& drop);
ast::SchemaStmt transform_rename_schema(const PgQuery__RenameStmt& rename);
ast::SchemaStmt transform_schema_owner(const PgQuery__AlterOwnerStmt& alter);

/// A column's or domain's constraint (transform_ddl.cpp).
ast::Constraint transform_constraint(const PgQuery__Constraint& c);

/// CREATE DOMAIN, ALTER DOMAIN, DROP DOMAIN, ALTER DOMAIN ... RENAME [CONSTRAINT] / OWNER TO (transform_domain.cpp).
ast::DomainStmt transform_create_domain(const PgQuery__CreateDomainStmt& create);
ast::DomainStmt transform_alter_domain(const PgQuery__AlterDomainStmt& alter);
ast::DomainStmt transform_drop_domain(const PgQuery__DropStmt& drop);
ast::DomainStmt transform_rename_domain(const PgQuery__RenameStmt& rename);
ast::DomainStmt transform_domain_owner(const PgQuery__AlterOwnerStmt& alter);

/// CREATE FUNCTION, DROP FUNCTION, ALTER FUNCTION ... RENAME TO / OWNER TO / SET SCHEMA (transform_function.cpp).
ast::RoutineName transform_routine_name(const PgQuery__ObjectWithArgs& object);
ast::FunctionStmt transform_create_function(const PgQuery__CreateFunctionStmt& create);
ast::FunctionStmt transform_drop_function(const PgQuery__DropStmt& drop);
ast::FunctionStmt transform_rename_function(const PgQuery__RenameStmt& rename);
ast::FunctionStmt transform_function_owner(const PgQuery__AlterOwnerStmt& alter);
ast::FunctionStmt transform_function_schema(const PgQuery__AlterObjectSchemaStmt& alter);

ast::TypeStmt transform_create_enum(const PgQuery__CreateEnumStmt& create);
ast::TypeStmt transform_drop_type(const PgQuery__DropStmt& drop);
ast::TypeStmt transform_alter_enum(const PgQuery__AlterEnumStmt& alter);
ast::TypeStmt transform_rename_type(const PgQuery__RenameStmt& rename);
ast::TypeStmt transform_type_owner(const PgQuery__AlterOwnerStmt& alter);

ast::SequenceStmt transform_create_sequence(const PgQuery__CreateSeqStmt& create);
ast::CreateViewStmt transform_create_view(const PgQuery__ViewStmt& view);
ast::SequenceStmt transform_alter_sequence(const PgQuery__AlterSeqStmt& alter);

ast::CreateIndexStmt transform_create_index(const PgQuery__IndexStmt& index);

/// GROUP BY into `out.group_by`, and GROUPING SETS, ROLLUP and CUBE into
/// `out.grouping_sets` (transform_group_by.cpp).
void transform_group_by(const PgQuery__SelectStmt& select, ast::SelectStmt& out);

ast::Statement transform_statement(const PgQuery__Node& node);

/// The node as SQL text (libpg_query's deparser), e.g. "price > 0".
std::string deparse_expr(const PgQuery__Node& node);
/// A whole statement as SQL text.
std::string deparse_statement(const PgQuery__Node& node);

}  // namespace heliosdb::engine::parser

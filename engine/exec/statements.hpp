#pragma once

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/query_result.hpp"

namespace heliosdb::engine {

// One function per statement kind; each runs entirely inside ctx.txn and
// throws DbError on failure (the caller aborts the transaction).

QueryResult run_select(const ast::SelectStmt& select, ExecContext& ctx);
struct PlanNode;
/// Lets a plain SELECT's table scan (`plan`, its FROM and WHERE) take a vector
/// index for its ORDER BY ... LIMIT (see choose_vector_access). run_select
/// and EXPLAIN both call it, so EXPLAIN shows what runs.
void plan_vector_order(PlanNode& plan, const ast::SelectStmt& s, ExecContext& ctx);
QueryResult run_insert(const ast::InsertStmt& insert, ExecContext& ctx);
QueryResult run_update(const ast::UpdateStmt& update, ExecContext& ctx);
QueryResult run_delete(const ast::DeleteStmt& del, ExecContext& ctx);
QueryResult run_copy(const ast::CopyStmt& copy, ExecContext& ctx);
QueryResult run_vacuum(const ast::VacuumStmt& vacuum, ExecContext& ctx);
/// REINDEX: btree indexes rebuilt from the table's rows, vector indexes
/// built again (reindex.cpp).
QueryResult run_reindex(const ast::ReindexStmt& reindex, ExecContext& ctx);
QueryResult run_create_table(const ast::CreateTableStmt& create, ExecContext& ctx);
QueryResult run_create_table_as(const ast::CreateTableAsStmt& create, ExecContext& ctx);
/// The columns CREATE TABLE AS and CREATE MATERIALIZED VIEW make of a
/// query's result: named by `names` first, then as the query names them; a
/// column of unknown type is text. Throws 42601 / 42701 as PostgreSQL does.
std::vector<ColumnDef> columns_of_query(const std::vector<std::string>& names,
                                        const std::vector<ResultColumn>& columns);
/// Stores a result row's unknown-type values ('x' AS c) as text.
void store_unknown_as_text(Row& row);
/// Stores the new table `def` and, `with_data`, the query's `rows` in it,
/// setting `result`'s count and tag ("SELECT n") as PostgreSQL does.
void create_filled_table(ExecContext& ctx, TableDef def, std::vector<Row>& rows, bool with_data, QueryResult& result);
QueryResult run_create_index(const ast::CreateIndexStmt& create, ExecContext& ctx);
QueryResult run_drop_index(const ast::DropStmt& drop, ExecContext& ctx);
QueryResult run_drop(const ast::DropStmt& drop, ExecContext& ctx);
QueryResult run_truncate(const ast::TruncateStmt& truncate, ExecContext& ctx);
QueryResult run_alter_table(const ast::AlterTableStmt& alter, ExecContext& ctx);
QueryResult run_explain(const ast::ExplainStmt& explain, ExecContext& ctx);
QueryResult run_sequence(const ast::SequenceStmt& statement, ExecContext& ctx);
QueryResult run_drop_sequence(const ast::DropStmt& drop, ExecContext& ctx);
/// PostgreSQL's NOTICE naming what a DROP ... CASCADE took along (none if nothing).
void add_drop_cascade_notice(QueryResult& result, const std::vector<std::string>& cascaded);

QueryResult run_rename(const ast::RenameStmt& rename, ExecContext& ctx);
/// CREATE / ALTER / DROP ROLE (42501 without the privilege, 0A000 off the main branch).
QueryResult run_role(const ast::RoleStmt& role, ExecContext& ctx);
QueryResult run_extension(const ast::ExtensionStmt& extension, ExecContext& ctx);
/// GRANT / REVOKE privileges ON objects (grant_executor.cpp).
QueryResult run_grant(const ast::GrantStmt& grant, ExecContext& ctx);
/// CREATE / ALTER / DROP POLICY (policy_ddl.cpp).
QueryResult run_policy(const ast::PolicyStmt& policy, ExecContext& ctx);

}  // namespace heliosdb::engine

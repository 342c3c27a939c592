// Statements and expressions back to SQL text, for what the catalog keeps
// as text (CHECK conditions, per-row DEFAULTs, views made inside CREATE
// SCHEMA): libpg_query's deparser; an expression is deparsed as a
// one-target SELECT wrapped around its node.
#include <vector>

#include "engine/common/db_error.hpp"
#include "engine/parser/transformer.hpp"

namespace heliosdb::engine::parser {

std::string deparse_statement(const PgQuery__Node& node) {
  PgQuery__RawStmt raw = PG_QUERY__RAW_STMT__INIT;
  raw.stmt = const_cast<PgQuery__Node*>(&node);  // protobuf-c's structs are not const-correct; only read
  PgQuery__RawStmt* stmts[] = {&raw};
  PgQuery__ParseResult tree = PG_QUERY__PARSE_RESULT__INIT;
  tree.version = PG_VERSION_NUM;
  tree.n_stmts = 1;
  tree.stmts = stmts;

  std::vector<uint8_t> packed(pg_query__parse_result__get_packed_size(&tree));
  pg_query__parse_result__pack(&tree, packed.data());
  PgQueryProtobuf protobuf{packed.size(), reinterpret_cast<char*>(packed.data())};
  PgQueryDeparseResult result = pg_query_deparse_protobuf(protobuf);
  if (result.error != nullptr) {
    std::string message = result.error->message != nullptr ? result.error->message : "deparse failed";
    pg_query_free_deparse_result(result);
    throw DbError(sqlstate::kInternalError, "could not deparse a statement: " + message);
  }
  std::string text = result.query;
  pg_query_free_deparse_result(result);
  return text;
}

std::string deparse_expr(const PgQuery__Node& node) {
  PgQuery__ResTarget target = PG_QUERY__RES_TARGET__INIT;
  target.val = const_cast<PgQuery__Node*>(&node);  // protobuf-c's structs are not const-correct; only read
  PgQuery__Node target_node = PG_QUERY__NODE__INIT;
  target_node.node_case = PG_QUERY__NODE__NODE_RES_TARGET;
  target_node.res_target = &target;
  PgQuery__Node* targets[] = {&target_node};

  PgQuery__SelectStmt select = PG_QUERY__SELECT_STMT__INIT;
  select.n_target_list = 1;
  select.target_list = targets;
  select.op = PG_QUERY__SET_OPERATION__SETOP_NONE;
  select.limit_option = PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_DEFAULT;
  PgQuery__Node select_node = PG_QUERY__NODE__INIT;
  select_node.node_case = PG_QUERY__NODE__NODE_SELECT_STMT;
  select_node.select_stmt = &select;

  std::string text = deparse_statement(select_node);
  constexpr std::string_view kSelect = "SELECT ";
  return text.substr(kSelect.size());
}

}  // namespace heliosdb::engine::parser

#include "engine/parser/pg_parse_tree.hpp"

#include "engine/common/db_error.hpp"

namespace heliosdb::engine::parser {

namespace {

// The grammar raises a few errors that are not syntax errors; libpg_query
// reports only their message, so the SQLSTATE PostgreSQL gives them is
// recovered from it (gram.y's ereport calls).
const SqlState& grammar_error_state(std::string_view message) {
  if (message.starts_with("role name \"") && message.ends_with("\" is reserved")) return sqlstate::kReservedName;
  if (message.starts_with("UNENCRYPTED PASSWORD is no longer supported")) return sqlstate::kFeatureNotSupported;
  // Window frames the grammar refuses: "frame start cannot be UNBOUNDED FOLLOWING", ...
  if (message.starts_with("frame ")) return sqlstate::kWindowingError;
  return sqlstate::kSyntaxError;
}

}  // namespace

PgParseTree::PgParseTree(std::string_view sql) : sql_(sql) {
  if (sql_.find('\0') != std::string::npos) {
    throw DbError(sqlstate::kCharacterNotInRepertoire, "invalid byte sequence for encoding \"UTF8\": 0x00");
  }
  raw_ = pg_query_parse_protobuf(sql_.c_str());
  if (raw_.error != nullptr) {
    const std::string message = raw_.error->message != nullptr ? raw_.error->message : "syntax error";
    DbError error(grammar_error_state(message), message);
    if (raw_.error->cursorpos > 0) error.at_position(raw_.error->cursorpos);
    pg_query_free_protobuf_parse_result(raw_);
    throw error;
  }
  tree_ = pg_query__parse_result__unpack(nullptr, raw_.parse_tree.len,
                                         reinterpret_cast<const uint8_t*>(raw_.parse_tree.data));
  if (tree_ == nullptr) {
    pg_query_free_protobuf_parse_result(raw_);
    throw DbError(sqlstate::kInternalError, "could not decode the parse tree");
  }
}

PgParseTree::~PgParseTree() {
  pg_query__parse_result__free_unpacked(tree_, nullptr);
  pg_query_free_protobuf_parse_result(raw_);
}

}  // namespace heliosdb::engine::parser

#include "engine/parser/pg_parse_tree.hpp"

#include "engine/common/db_error.hpp"

namespace heliosdb::engine::parser {

PgParseTree::PgParseTree(std::string_view sql) : sql_(sql) {
  if (sql_.find('\0') != std::string::npos) {
    throw DbError(sqlstate::kCharacterNotInRepertoire, "invalid byte sequence for encoding \"UTF8\": 0x00");
  }
  raw_ = pg_query_parse_protobuf(sql_.c_str());
  if (raw_.error != nullptr) {
    DbError error(sqlstate::kSyntaxError, raw_.error->message != nullptr ? raw_.error->message : "syntax error");
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

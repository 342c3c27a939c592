#pragma once

// Internal to engine/parser: the only header that includes libpg_query's.

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <string>
#include <string_view>

namespace heliosdb::engine::parser {

/// Owns one libpg_query protobuf parse and its unpacked tree.
/// Throws DbError(42601) for a syntax error. Not copyable.
class PgParseTree {
 public:
  explicit PgParseTree(std::string_view sql);
  ~PgParseTree();
  PgParseTree(const PgParseTree&) = delete;
  PgParseTree& operator=(const PgParseTree&) = delete;

  const PgQuery__ParseResult& result() const { return *tree_; }
  PgQuery__ParseResult& result() { return *tree_; }

 private:
  std::string sql_;  ///< libpg_query needs a NUL-terminated copy
  PgQueryProtobufParseResult raw_{};
  PgQuery__ParseResult* tree_ = nullptr;
};

}  // namespace heliosdb::engine::parser

// How many parameters a statement takes: the highest $n its tokens hold.
#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <charconv>
#include <string>

#include "engine/parser/parser.hpp"

namespace heliosdb::engine::parser {

int highest_param(std::string_view sql) {
  const std::string text(sql);
  PgQueryScanResult scan = pg_query_scan(text.c_str());
  int highest = 0;
  if (scan.error == nullptr) {
    PgQuery__ScanResult* result =
        pg_query__scan_result__unpack(nullptr, scan.pbuf.len, reinterpret_cast<const uint8_t*>(scan.pbuf.data));
    for (std::size_t i = 0; result != nullptr && i < result->n_tokens; ++i) {
      const PgQuery__ScanToken& token = *result->tokens[i];
      if (token.token != PG_QUERY__TOKEN__PARAM) continue;
      int n = 0;
      const char* begin = text.data() + token.start + 1;  // past the '$'
      std::from_chars(begin, text.data() + token.end, n);
      highest = std::max(highest, n);
    }
    if (result != nullptr) pg_query__scan_result__free_unpacked(result, nullptr);
  }
  pg_query_free_scan_result(scan);
  return highest;
}

}  // namespace heliosdb::engine::parser

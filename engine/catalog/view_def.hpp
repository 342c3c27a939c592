#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog/acl.hpp"
#include "engine/catalog/table_width.hpp"
#include "engine/types/sql_type.hpp"

namespace heliosdb::engine {

/// A view as CREATE VIEW made it: the statement's text, parsed again where
/// the view is read (so it always means what it said), the names of its
/// columns, and the tables and views it reads (which cannot be dropped from
/// under it without CASCADE).
struct ViewDef {
  std::uint32_t oid = 0;
  std::string schema = "public";
  std::string name;
  std::string sql;                           ///< the CREATE VIEW statement
  std::vector<std::string> columns;          ///< output column names, after the view's own column list
  std::vector<SqlType> types;                ///< and their types
  std::vector<std::uint32_t> reads;          ///< oids of the tables and views the query names
  std::string comment;                       ///< COMMENT ON VIEW; empty for none
  std::vector<std::string> column_comments;  ///< COMMENT ON COLUMN, by column; empty when there are none
  /// The schemas its names were looked up in when it was made, which they
  /// keep meaning whatever the reader's search path; empty: the reader's.
  std::vector<std::string> search_path;
  /// WITH CHECK OPTION: 'l' LOCAL, 'c' CASCADED, 0 none.
  char check_option = 0;
  std::uint32_t owner = 0;  ///< relowner; 0 in views stored before owners: the bootstrap superuser
  Acl acl;                  ///< relacl
  /// Each column's attacl (GRANT SELECT (c) ...), by column; empty when no column has one.
  std::vector<Acl> column_acls;
  /// The tables it reads, as wide as they were when it was made; empty in
  /// views stored before these were kept (* then means every column).
  std::vector<TableWidth> table_widths;
};

std::string encode_view_def(const ViewDef& def);
ViewDef decode_view_def(std::string_view raw);

}  // namespace heliosdb::engine

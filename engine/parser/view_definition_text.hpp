#pragma once
// A view's query as pg_get_viewdef prints it, from the CREATE VIEW text the
// catalog keeps (PostgreSQL 15's ruleutils.c layout, as far as a parse tree
// without types can give it).
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace heliosdb::engine::parser {

/// A table or view the query reads, as the catalog knows it.
struct ViewRelation {
  std::string schema_to_print;       ///< its schema where the reader's search path would not find it; else empty
  std::vector<std::string> columns;  ///< its columns' names, in order
};

/// Finds the relation a name in FROM means (`schema` empty when none was
/// written); nullopt when no table or view has that name.
using ViewRelationLookup =
    std::function<std::optional<ViewRelation>(const std::string& schema, const std::string& name)>;

/// How to print: pretty (fewest parentheses, as psql's \d+ asks) or not (each
/// operator's expression parenthesized, as pg_dump asks), and where a select
/// list wraps: after each item when `wrap_column` <= 0, else before an item
/// that would pass that column.
struct ViewPrintOptions {
  bool pretty = false;
  int wrap_column = 0;
};

/// The query of `create_view_sql` (a CREATE VIEW statement) as
/// pg_get_viewdef prints it, ending in ';': columns named by the table or
/// alias they come from, relations qualified where the reader's search path
/// would not find them, each column named `columns[i]` (the view's), and
/// `SELECT *` over one relation spelt out. What differs from PostgreSQL's
/// text (literals without their ::type casts, some parentheses, layout of
/// what it cannot lay out) still means the same. Throws DbError 42601 for a
/// text that is not a CREATE VIEW. Thread-safe.
std::string view_definition_text(std::string_view create_view_sql, const std::vector<std::string>& columns,
                                 const ViewRelationLookup& lookup, const ViewPrintOptions& options);

}  // namespace heliosdb::engine::parser

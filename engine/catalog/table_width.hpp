#pragma once

#include <cstdint>
#include <vector>

namespace heliosdb::engine {

/// How many columns a table had when a view (or materialized view) reading
/// it was made. PostgreSQL expands `*` once, when the view is made; a view
/// kept as text expands it whenever it is planned, so `*` over the table in
/// the view's query keeps to these first columns, and one added later is
/// not the view's.
struct TableWidth {
  std::uint32_t table_oid = 0;
  std::int32_t columns = 0;
};

/// The width of `table_oid` in `widths`; -1 when it has none (every column).
inline std::int32_t width_of(const std::vector<TableWidth>& widths, std::uint32_t table_oid) {
  for (const TableWidth& w : widths) {
    if (w.table_oid == table_oid) return w.columns;
  }
  return -1;
}

}  // namespace heliosdb::engine
